import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { toModelFiles } from "../recsys/artifacts";
import { loadTf } from "../recsys/backend";
import { LocalModelStore } from "../recsys/store";
import { syntheticRatings } from "../recsys/testing";
import { DEFAULT_HYPER_PARAMS, train } from "../recsys/train";
import { ModelProvider } from "./model-provider";
import type { LivePointer } from "./recommendations.schema";

const metrics = {
  ndcgAt10: 0.3,
  precisionAt10: 0.2,
  recallAt10: 0.1,
  rmse: 0.9,
  mae: 0.7,
  popularityNdcgAt10: 0.2,
  users: 10,
  testRatings: 20,
  holdout: 0.1,
};
const pointerTo = (version: string): LivePointer => ({
  version,
  metrics,
  counts: { users: 1, movies: 1, ratings: 1 },
  fingerprint: version,
  trainedAt: new Date(0),
  promotedAt: new Date(0),
  trigger: "cli",
});

describe("ModelProvider", function () {
  this.timeout(30000);
  let dir: string;
  let store: LocalModelStore;

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "model-provider-"));
    store = new LocalModelStore(dir);
    const { tf } = await loadTf();
    const hyperParams = { ...DEFAULT_HYPER_PARAMS, rankFactors: 4, rankEpochs: 3, ratingFactors: 4, ratingEpochs: 2 };
    for (const version of ["v1", "v2"]) {
      const { weights, report } = await train(syntheticRatings({ users: 20, movies: 40, perUser: 8, seed: version === "v1" ? 1 : 2 }), {
        hyperParams,
      });
      await store.save(
        version,
        await toModelFiles(tf, weights, { version, hyperParams, backend: report.backend, trainSeconds: 0, ratings: 160 }),
      );
    }
  });

  after(() => rm(dir, { recursive: true, force: true }));

  function providerWith(pointer: { current: LivePointer | undefined; reads: number }, clock: { t: number }) {
    const reader = { getPointer: async () => (pointer.reads++, pointer.current) };
    return new ModelProvider(
      async () => store,
      reader,
      60_000,
      () => clock.t,
    );
  }

  it("is undefined while nothing is published", async () => {
    const provider = providerWith({ current: undefined, reads: 0 }, { t: 0 });
    assert.equal(await provider.current(), undefined);
  });

  it("loads the live version once and reads the pointer at most once per interval", async () => {
    const pointer = { current: pointerTo("v1") as LivePointer | undefined, reads: 0 };
    const clock = { t: 0 };
    const provider = providerWith(pointer, clock);
    const [a, b] = await Promise.all([provider.current(), provider.current()]);
    assert.equal(a?.version, "v1");
    assert.equal(a, b, "concurrent callers share one load");
    pointer.current = pointerTo("v2");
    clock.t = 59_999;
    assert.equal((await provider.current())?.version, "v1", "not re-read within the minute");
    assert.equal(pointer.reads, 1);
    clock.t = 60_000;
    assert.equal((await provider.current())?.version, "v2", "the moved pointer is followed");
    assert.equal(pointer.reads, 2);
  });

  it("keeps serving the loaded model when the new version cannot be loaded", async () => {
    const pointer = { current: pointerTo("v1") as LivePointer | undefined, reads: 0 };
    const clock = { t: 0 };
    const provider = providerWith(pointer, clock);
    const first = await provider.current();
    pointer.current = pointerTo("missing");
    clock.t = 120_000;
    assert.equal(await provider.current(), first);
  });
});
