import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { readMetadata } from "../recsys/artifacts";
import { InMemoryRatingsSource, type Rating } from "../recsys/ratings";
import { LocalModelStore } from "../recsys/store";
import { syntheticRatings } from "../recsys/testing";
import type { HyperParams } from "../recsys/train";
import { TINY_HYPER_PARAMS } from "../recsys/train.spec";
import { DEFAULT_RETRAIN_POLICY, type RetrainPolicy } from "./recommendations.config";
import { isAppError } from "../shared/errors";
import { LiveVersionService } from "./live-version.service";
import type { LiveEvent, RecommenderStateRepository } from "./recommendations.repository";
import type { LivePointer } from "./recommendations.schema";
import { RetrainService } from "./retrain.service";

/** The pointer and the lease in memory (the Firestore one is covered by the integration suite). */
class MemoryState implements RecommenderStateRepository {
  pointer: LivePointer | undefined;
  events: LiveEvent[] = [];
  private lease: string | undefined;
  async getPointer() {
    return this.pointer;
  }
  async acquireLease(runId: string) {
    if (this.lease) return false;
    this.lease = runId;
    return true;
  }
  async releaseLease(runId: string) {
    if (this.lease === runId) this.lease = undefined;
  }
  async promote(runId: string, expected: string | null, next: LivePointer) {
    if (this.lease !== runId || (this.pointer?.version ?? null) !== expected) return false;
    this.pointer = next;
    return true;
  }
  async setLive(next: LivePointer, event: LiveEvent) {
    const previous = this.pointer?.version ?? null;
    this.pointer = next;
    this.events.push({ ...event, previousVersion: previous });
    return previous;
  }
}

/** A configuration that learns next to nothing: one tiny step of each part. */
const USELESS: Partial<HyperParams> = {
  ...TINY_HYPER_PARAMS,
  rankEpochs: 1,
  rankMaxSteps: 1,
  rankLearningRate: 1e-6,
  ratingEpochs: 1,
  ratingLearningRate: 1e-6,
};

describe("RetrainService gate", function () {
  this.timeout(120000);
  let dir: string;
  let ratings: Rating[];
  const policy = (over: Partial<RetrainPolicy>): RetrainPolicy => ({
    ...DEFAULT_RETRAIN_POLICY,
    holdoutFraction: 0.25,
    hyperParams: TINY_HYPER_PARAMS,
    ...over,
  });
  const service = (
    state: MemoryState,
    store: LocalModelStore,
    p: RetrainPolicy,
    data: Rating[],
    now = () => new Date("2026-01-02T00:00:00Z"),
  ) => new RetrainService(new InMemoryRatingsSource(data), state, async () => store, p, now);

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "gate-"));
    ratings = syntheticRatings({ users: 40, movies: 80, perUser: 10, groups: 4, seed: 1 }).map((r) => ({ ...r, timestamp: 1_000 }));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("publishes the first model on its own scores, refitted on every rating, with the gate in its metadata", async () => {
    const state = new MemoryState();
    const store = new LocalModelStore(dir);
    const out = await service(state, store, policy({}), ratings).run("cli");
    assert.equal(out.status, "promoted");
    assert.equal(out.gate?.method, "first-model");
    const meta = readMetadata(await store.load(out.liveVersion!));
    assert.equal(meta.counts.ratings, ratings.length, "the published model is the refit on every rating");
    assert.equal((meta.metrics as { gate: { decision: string } }).gate.decision, "promote");
  });

  it("ignores the live model's recorded scores and compares on today's split with a refit of its configuration", async () => {
    const state = new MemoryState();
    const store = new LocalModelStore(dir);
    await service(state, store, policy({}), ratings).run("cli");
    // The live model claims perfect scores, recorded on some other split: they must not count.
    state.pointer = { ...state.pointer!, metrics: { ...state.pointer!.metrics, ndcgAt10: 1, rmse: 0 } };
    const more = [...ratings, { userId: "u0", movieId: 2, rating: 4, timestamp: 1_000 }];
    const out = await service(state, store, policy({ tolerance: { ndcgAt10: 0, rmse: 0 } }), more).run("cli");
    assert.equal(out.status, "promoted", JSON.stringify(out.gate));
    assert.equal(out.gate?.method, "refit-split");
    // Same configuration, same split, seeded training: the stand-in scores exactly as the candidate.
    assert.deepEqual(out.gate?.live, out.gate?.candidate);
  });

  it("rejects a worse configuration beyond the tolerance, and promotes it within a wide one", async () => {
    const state = new MemoryState();
    const store = new LocalModelStore(dir);
    const first = await service(state, store, policy({}), ratings).run("cli");
    const more = [...ratings, { userId: "u1", movieId: 3, rating: 4, timestamp: 1_000 }];
    const rejected = await service(state, store, policy({ hyperParams: USELESS }), more).run("cli");
    assert.equal(rejected.status, "rejected", JSON.stringify(rejected.gate));
    assert.equal(rejected.gate?.decision, "reject");
    assert.ok(rejected.gate!.candidate.ndcgAt10 < rejected.gate!.live!.ndcgAt10);
    assert.equal(state.pointer!.version, first.liveVersion);
    assert.deepEqual(await store.listVersions(), [first.liveVersion], "nothing written");

    const wide = await service(state, store, policy({ hyperParams: USELESS, tolerance: { ndcgAt10: 1, rmse: 10 } }), more).run("cli");
    assert.equal(wide.status, "promoted");
    assert.equal(wide.gate?.decision, "promote");
  });

  it("scores both models on the ratings newer than the live version when there are enough", async () => {
    const state = new MemoryState();
    const store = new LocalModelStore(dir);
    await service(state, store, policy({}), ratings).run("cli");
    // 40 ratings written after the live version was trained (2026-01-02): new films for existing people.
    const newer = syntheticRatings({ users: 40, movies: 80, perUser: 11, groups: 4, seed: 1 })
      .filter((r) => !ratings.some((o) => o.userId === r.userId && o.movieId === r.movieId))
      .map((r) => ({ ...r, timestamp: Date.parse("2026-01-03T00:00:00Z") / 1000 }));
    assert.ok(newer.length >= 20);
    const out = await service(
      state,
      store,
      policy({ minNewerRatings: 20 }),
      [...ratings, ...newer],
      () => new Date("2026-01-04T00:00:00Z"),
    ).run("cli");
    assert.equal(out.gate?.method, "newer-ratings");
    assert.equal(out.gate?.candidate.testRatings, newer.length);
    assert.equal(out.gate?.live?.testRatings, newer.length, "the same held-out ratings for both");
  });
});

describe("LiveVersionService (force-promote and rollback)", function () {
  this.timeout(120000);
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "live-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("rolls back to a kept version and forces it forward again, recording each event", async () => {
    const state = new MemoryState();
    const store = new LocalModelStore(dir);
    const ratings = syntheticRatings({ users: 20, movies: 40, perUser: 8, groups: 2, seed: 2 });
    const p = { ...DEFAULT_RETRAIN_POLICY, hyperParams: TINY_HYPER_PARAMS, tolerance: { ndcgAt10: 1, rmse: 10 } };
    let clock = Date.parse("2026-01-01T00:00:00Z");
    const now = () => new Date((clock += 1000));
    const first = await new RetrainService(new InMemoryRatingsSource(ratings), state, async () => store, p, now).run("cli");
    const more = [...ratings, { userId: "u1", movieId: 3, rating: 2 }];
    const second = await new RetrainService(new InMemoryRatingsSource(more), state, async () => store, p, now).run("cli");
    assert.equal(second.status, "promoted");
    const admin = new LiveVersionService(state, async () => store, now);

    const back = await admin.setLive(first.liveVersion!, "admin-uid", "bad lists since the last run");
    assert.deepEqual(back, { kind: "rollback", version: first.liveVersion, previousVersion: second.liveVersion });
    assert.equal(state.pointer!.version, first.liveVersion);
    assert.equal(state.pointer!.trigger, "admin:rollback");
    const forward = await admin.setLive(second.liveVersion!, "cli");
    assert.deepEqual(forward, { kind: "force-promote", version: second.liveVersion, previousVersion: first.liveVersion });
    assert.deepEqual(
      state.events.map((e) => [e.kind, e.version, e.previousVersion, e.by, e.reason]),
      [
        ["rollback", first.liveVersion, second.liveVersion, "admin-uid", "bad lists since the last run"],
        ["force-promote", second.liveVersion, first.liveVersion, "cli", null],
      ],
    );
    // Both versions are still kept; the next scheduled run is not skipped as "unchanged".
    assert.deepEqual(await store.listVersions(), [first.liveVersion, second.liveVersion]);
    const next = await new RetrainService(new InMemoryRatingsSource(more), state, async () => store, p, now).run("schedule");
    assert.notEqual(next.status, "unchanged");
  });

  it("refuses a version that is not kept, and changes nothing", async () => {
    const state = new MemoryState();
    const store = new LocalModelStore(dir);
    await assert.rejects(
      new LiveVersionService(state, async () => store).setLive("20990101T000000000Z-none", "admin-uid"),
      (e: unknown) => isAppError(e) && e.code === "not-found",
    );
    assert.equal(state.pointer, undefined);
    assert.deepEqual(state.events, []);
  });
});
