import assert from "node:assert/strict";
import { toModelFiles, fromModelFiles, FILES } from "./artifacts";
import { loadTf } from "./backend";
import { splitPerUser } from "./dataset";
import { evaluateModel } from "./evaluate";
import { Recommender } from "./serving";
import { syntheticRatings } from "./testing";
import { SeededRandom } from "./random";
import { DEFAULT_HYPER_PARAMS, mostCounted, train, type HyperParams } from "./train";

/** Small and fast settings for tiny data. */
export const TINY_HYPER_PARAMS: Partial<HyperParams> = {
  rankFactors: 16,
  rankEpochs: 60,
  rankMaxSteps: 1000,
  rankLearningRate: 0.02,
  rankUserBatch: 16,
  minRatings: 1,
  ratingFactors: 4,
  ratingEpochs: 60,
  ratingLearningRate: 0.05,
  ratingBatch: 64,
};

describe("recsys train", function () {
  this.timeout(30000);
  const ratings = syntheticRatings({ users: 40, movies: 80, perUser: 10, groups: 4, seed: 1 });

  it("reduces both losses and recovers the group structure of a synthetic set", async () => {
    const { train: trainSet, test } = splitPerUser(ratings, 0.25, 42);
    const { weights, report } = await train(trainSet, { hyperParams: TINY_HYPER_PARAMS });
    assert.ok(report.rankLoss.at(-1)! < report.rankLoss[0]!, `rank loss ${report.rankLoss.join(",")}`);
    assert.ok(report.ratingLoss.at(-1)! < report.ratingLoss[0]! / 2, `rating loss ${report.ratingLoss.join(",")}`);
    const model = new Recommender(weights);
    // Users of group 0 (u0, u4, ...) like films 1..20: their top films should be among them.
    const u0 = trainSet.filter((r) => r.userId === "u0");
    const top = model.recommend({ k: 3, currentRatings: u0 }).items.map((r) => r.movieId);
    assert.ok(top.filter((m) => m >= 1 && m <= 20).length >= 2, `top ${top.join(",")}`);
    const meanPrediction = (from: number) => Array.from({ length: 20 }, (_, j) => model.predict(from + j, u0)).reduce((a, b) => a + b) / 20;
    assert.ok(meanPrediction(1) > meanPrediction(61) + 0.3, `${meanPrediction(1)} vs ${meanPrediction(61)}`);
    const ev = evaluateModel(model, trainSet, test);
    assert.ok(ev.model.ndcgAt10 > ev.popularity.ndcgAt10, JSON.stringify(ev));
    assert.ok(ev.model.rmse < ev.popularity.rmse, JSON.stringify(ev));
  });

  it("selects the most co-rated candidates as a full sort would (ties: first touched first)", () => {
    const rng = new SeededRandom(3);
    const histogram = new Int32Array(50);
    for (const [films, k] of [
      [300, 100],
      [80, 100],
      [200, 7],
      [1000, 1],
    ] as const) {
      const touched = Int32Array.from(rng.shuffle(Array.from({ length: films }, (_, j) => j)));
      // Few distinct counts, so many ties at the threshold.
      const count = Int32Array.from({ length: films }, () => 1 + rng.int(12));
      const bySort = [...touched].map((j, x) => ({ j, x, c: count[j]! })).sort((a, b) => b.c - a.c || a.x - b.x);
      const expected = bySort.slice(0, k).map((e) => e.j);
      const got = mostCounted(touched, films, count, histogram, k);
      assert.deepEqual(
        [...got].sort((a, b) => a - b),
        [...expected].sort((a, b) => a - b),
        `films ${films}, k ${k}`,
      );
      assert.ok(
        histogram.every((h) => h === 0),
        "the histogram is left clean for the next film",
      );
    }
  });

  it("is deterministic for a seed", async () => {
    const a = await train(ratings, { hyperParams: { ...TINY_HYPER_PARAMS, rankEpochs: 3, ratingEpochs: 2 } });
    const b = await train(ratings, { hyperParams: { ...TINY_HYPER_PARAMS, rankEpochs: 3, ratingEpochs: 2 } });
    assert.deepEqual(a.weights.itemEmbedding, b.weights.itemEmbedding);
    assert.deepEqual(a.weights.itemFactors, b.weights.itemFactors);
  });

  it("writes a standard TF.js Layers model that tf.loadLayersModel runs with the same outputs", async () => {
    const { tf } = await loadTf();
    const { weights, report } = await train(ratings, { hyperParams: { ...TINY_HYPER_PARAMS, rankEpochs: 5, ratingEpochs: 3 } });
    const files = await toModelFiles(tf, weights, {
      version: "v1",
      hyperParams: { ...DEFAULT_HYPER_PARAMS, ...TINY_HYPER_PARAMS },
      backend: report.backend,
      trainSeconds: report.trainSeconds,
      ratings: ratings.length,
    });
    const modelJson = JSON.parse(new TextDecoder().decode(files[FILES.model]));
    assert.equal(modelJson.format, "layers-model");
    // The TF.js loader reads model.json + the weight file through an IOHandler, as it would from a URL.
    const weightData = files[FILES.weights]!;
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs: modelJson.weightsManifest[0].weights,
        weightData: weightData.buffer.slice(weightData.byteOffset, weightData.byteOffset + weightData.byteLength) as ArrayBuffer,
      }),
    );
    const serving = Recommender.fromFiles(files);
    const { weights: decoded } = fromModelFiles(files);
    assert.deepEqual(decoded.movieIds, weights.movieIds);
    const i = weights.movieIds.indexOf(12);
    const [rankRow, ratingRow, baseline] = loaded.predict(tf.tensor2d([[i]], [1, 1], "int32")) as import("@tensorflow/tfjs").Tensor[];
    // What the TF.js model computes is what serving reads: the film's row of A, q_i and mu + b_i.
    const d = decoded.rankFactors;
    assert.deepEqual(Array.from(await rankRow!.data()), Array.from(decoded.itemEmbedding.subarray(i * d, i * d + d)));
    const r = decoded.ratingFactors;
    assert.deepEqual(Array.from(await ratingRow!.data()), Array.from(decoded.itemFactors.subarray(i * r, i * r + r)));
    const mu = (await baseline!.data())[0]!;
    assert.ok(Math.abs(Math.min(5, Math.max(0.5, mu)) - serving.predict(12, [])) < 1e-4);
    // A person's scores from the TF.js tables (x A A^T) order films as serving does.
    const person = ratings.filter((x) => x.userId === "u3");
    const A = (await loaded.getLayer("item_embedding").getWeights()[0]!.data()) as Float32Array;
    const xA = new Float32Array(d);
    const mean = person.reduce((s, x) => s + x.rating, 0) / person.length;
    const m = (mean * person.length + 5 * decoded.globalMean) / (person.length + 5);
    for (const x of person) {
      const j = weights.movieIds.indexOf(x.movieId);
      let weight = 1 + (x.rating - m) / 2;
      if (x.rating < 2) weight = Math.min(weight, -0.5);
      for (let f = 0; f < d; f++) xA[f]! += weight * A[j * d + f]!;
    }
    const top = serving.recommend({ k: 5, currentRatings: person }).items;
    for (const item of top) {
      const j = weights.movieIds.indexOf(item.movieId);
      let s = 0;
      for (let f = 0; f < d; f++) s += xA[f]! * A[j * d + f]!;
      assert.ok(Math.abs(s - item.score) < 1e-3, `${s} vs ${item.score}`);
    }
    const ids = (model: Recommender) => model.recommend({ k: 10, currentRatings: person }).items.map((x) => [x.movieId, x.becauseYouLiked]);
    assert.deepEqual(ids(serving), ids(new Recommender(weights)));
    // Nothing about any person is in the files.
    for (const name of Object.keys(files)) {
      const text = new TextDecoder().decode(files[name]);
      assert.ok(!/"u3"|userIds/.test(text), name);
    }
    loaded.dispose();
  });
});
