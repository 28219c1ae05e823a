import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import request from "supertest";
import { makeDeps } from "../../src/deps";
import { createApp } from "../../src/api/app";
import { retrainRecommender } from "../../src/index";
import { DEFAULT_RETRAIN_POLICY } from "../../src/recommendations/recommendations.config";
import { FirestoreRecommenderStateRepository } from "../../src/recommendations/recommendations.repository";
import { retrainTrigger } from "../../src/recommendations/recommendations.triggers";
import { RetrainService } from "../../src/recommendations/retrain.service";
import type { ModelFiles } from "../../src/recsys/artifacts";
import { FirestoreRatingsSource } from "../../src/recsys/firestore-ratings";
import { LocalModelStore } from "../../src/recsys/store";
import { syntheticRatings } from "../../src/recsys/testing";
import { TEST_HTTP_CONFIG, TEST_RECOVERY_CONFIG, bearer, registerUser, testAuthConfig } from "../helpers/accounts";
import { appDb, resetFirestore, verifierDb } from "../helpers/emulators";
import { drainRatingTriggers, seedDemoFilms, seedRatings } from "../helpers/recommendations";
import { expectLoggedErrors } from "../helpers/logs";

const KEEP = 2;
const scheduled = () => retrainRecommender.run({ scheduleTime: new Date().toISOString() } as never);

async function pointer() {
  const snap = await verifierDb().doc("system/recommender").get();
  return snap.exists ? { version: String(snap.get("version")), ndcgAt10: Number(snap.get("metrics.ndcgAt10")) } : undefined;
}

/** Makes the live model's recorded metrics easy to beat: these tests are about the lease and the store, not the gate. */
async function lowerTheBar(): Promise<void> {
  await verifierDb().doc("system/recommender").update({ "metrics.ndcgAt10": 0, "metrics.rmse": 10 });
}

let extra = 0;
/** Changes the rating set (a new rating by a demo-like person), so the next run has something to train on. */
async function addRating(): Promise<void> {
  extra += 1;
  const at = new Date();
  await verifierDb()
    .doc(`ratings/extra${extra}_${extra}`)
    .set({ uid: `extra${extra}`, movieId: extra, rating: 4, createdAt: at, updatedAt: at });
}

/** A store whose writes fail (a full disk, a bucket without permission). */
class FailingStore extends LocalModelStore {
  async save(_version: string, _files: ModelFiles): Promise<void> {
    throw new Error("no space left on device");
  }
}

describe("retrainRecommender (scheduled function, through .run())", function () {
  // Generous: the last hook waits for the Functions emulator to work through the rating triggers queued here.
  this.timeout(300_000);
  let dir: string;
  const store = () => new LocalModelStore(dir);

  before(async () => {
    await resetFirestore();
    dir = await mkdtemp(path.join(os.tmpdir(), "retrain-"));
    // The deployed function reads its params from the environment, as the Functions runtime provides them.
    process.env.MODEL_STORE = `local:${dir}`;
    process.env.RECOMMENDER_KEEP_VERSIONS = String(KEEP);
    await seedDemoFilms(appDb());
    // 8 people with 8 ratings each over films 1..40, in two taste groups: every stored rating queues
    // trigger runs in the Functions emulator (a few per second here), so the set is small; enough to train.
    await seedRatings(appDb(), syntheticRatings({ users: 8, movies: 40, perUser: 8, groups: 2, seed: 3 }));
  });

  after(async () => {
    await drainRatingTriggers(verifierDb(), 312);
    delete process.env.MODEL_STORE;
    delete process.env.RECOMMENDER_KEEP_VERSIONS;
    await rm(dir, { recursive: true, force: true });
  });

  it("trains on every rating, evaluates, writes a version and moves system/recommender to it", async () => {
    assert.equal(await pointer(), undefined);
    await scheduled();
    const live = await pointer();
    assert.ok(live, "the pointer exists");
    assert.deepEqual(await store().listVersions(), [live.version]);
    assert.ok(live.ndcgAt10 > 0 && live.ndcgAt10 <= 1);
    const doc = (await verifierDb().doc("system/recommender").get()).data()!;
    assert.equal(doc.counts.ratings, (await verifierDb().collection("ratings").get()).size);
    assert.equal(doc.trigger, "schedule");
    assert.equal((await verifierDb().doc("system/recommenderRetrain").get()).exists, false, "the lease is released");
  });

  it("is safe to run twice: unchanged ratings leave everything as it is", async () => {
    const before = await pointer();
    await scheduled();
    assert.deepEqual(await pointer(), before);
    assert.deepEqual(await store().listVersions(), [before!.version]);
  });

  it("promotes once when two runs overlap, and keeps only the newest versions", async () => {
    const first = (await pointer())!.version;
    await addRating();
    await lowerTheBar();
    await Promise.all([scheduled(), scheduled()]);
    const second = (await pointer())!.version;
    assert.notEqual(second, first);
    assert.deepEqual(await store().listVersions(), [first, second], "one new version, not two");

    await addRating();
    await lowerTheBar();
    await scheduled();
    const third = (await pointer())!.version;
    assert.deepEqual(await store().listVersions(), [second, third], `the newest ${KEEP} versions, the live one among them`);
  });

  it("does not promote a candidate that measures worse than the live model on the same held-out ratings", async () => {
    const live = (await pointer())!;
    // A configuration that learns next to nothing, compared with a refit of the live one on today's split.
    const useless = { rankEpochs: 1, rankMaxSteps: 1, rankLearningRate: 1e-6, ratingEpochs: 1, ratingLearningRate: 1e-6 };
    const worse = new RetrainService(
      new FirestoreRatingsSource(appDb()),
      new FirestoreRecommenderStateRepository(appDb()),
      async () => store(),
      { ...DEFAULT_RETRAIN_POLICY, keepVersions: KEEP, hyperParams: useless, tolerance: { ndcgAt10: 0, rmse: 0 } },
    );
    await addRating();
    const out = await worse.run("admin");
    assert.equal(out.status, "rejected", JSON.stringify(out.gate));
    assert.equal(out.gate?.method, "refit-split");
    assert.ok(out.gate!.candidate.ndcgAt10 < out.gate!.live!.ndcgAt10 || out.gate!.candidate.rmse > out.gate!.live!.rmse);
    assert.equal((await pointer())!.version, live.version);
    assert.equal((await store().listVersions()).at(-1), live.version, "no version written");
  });

  it("leaves the live model untouched and serving when a run fails", async () => {
    const live = (await pointer())!;
    const versions = await store().listVersions();
    const policy = { ...DEFAULT_RETRAIN_POLICY, keepVersions: KEEP };
    const failing = retrainTrigger(
      () =>
        new RetrainService(
          new FirestoreRatingsSource(appDb()),
          new FirestoreRecommenderStateRepository(appDb()),
          async () => new FailingStore(dir),
          policy,
        ),
    );
    // Any rating set would do; make sure this one is not skipped as unchanged or rejected by the gate.
    await lowerTheBar();
    await addRating();
    // The failing store's error is logged at every level that handles it.
    expectLoggedErrors(
      /recommender retraining error.*no space left/,
      /retraining failed; the live model is unchanged/,
      /scheduled recommender retraining failed/,
    );
    await assert.rejects(async () => failing.run({ scheduleTime: new Date().toISOString() } as never), /no space left on device/);
    assert.equal((await pointer())!.version, live.version);
    assert.deepEqual(await store().listVersions(), versions);
    assert.equal((await verifierDb().doc("system/recommenderRetrain").get()).exists, false, "the lease is released");

    const app = createApp(
      makeDeps(appDb(), {
        http: TEST_HTTP_CONFIG,
        auth: testAuthConfig(),
        accountOverrides: { recovery: TEST_RECOVERY_CONFIG },
        catalogue: {},
        recommender: { store: store(), pointerCheckIntervalMs: 0, onDemand: "inline", policy },
      }),
    );
    const user = await registerUser(app);
    await request(app).put("/v1/me/ratings/16").set("Authorization", bearer(user.accessToken)).send({ rating: 5 }).expect(201);
    const res = await request(app).get("/v1/me/recommendations?limit=5").set("Authorization", bearer(user.accessToken)).expect(200);
    assert.equal(res.body.modelVersion, live.version);
    assert.equal(res.body.source, "fold-in");
  });
});
