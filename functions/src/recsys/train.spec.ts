import assert from "node:assert/strict";
import { toModelFiles, fromModelFiles, FILES } from "./artifacts";
import { loadTf } from "./backend";
import { splitPerUser } from "./dataset";
import { evaluateModel } from "./evaluate";
import { Recommender } from "./serving";
import { syntheticRatings } from "./testing";
import { DEFAULT_HYPER_PARAMS, train, type HyperParams } from "./train";

/** Small and fast settings for tiny data. */
export const TINY_HYPER_PARAMS: Partial<HyperParams> = {
  rankFactors: 8,
  rankEpochs: 80,
  rankMaxSteps: 1000,
  rankLearningRate: 0.05,
  rankL2: 0.01,
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
    const top = model.recommend("u0", { k: 3 }).items.map((r) => r.movieId);
    assert.ok(top.filter((m) => m >= 1 && m <= 20).length >= 2, `top ${top.join(",")}`);
    const meanPrediction = (from: number) =>
      Array.from({ length: 20 }, (_, j) => model.predict("u0", from + j)).reduce((a, b) => a + b) / 20;
    assert.ok(meanPrediction(1) > meanPrediction(61) + 0.3, `${meanPrediction(1)} vs ${meanPrediction(61)}`);
    const ev = evaluateModel(model, trainSet, test);
    assert.ok(ev.model.ndcgAt10 > ev.popularity.ndcgAt10, JSON.stringify(ev));
    assert.ok(ev.model.rmse < ev.popularity.rmse, JSON.stringify(ev));
  });

  it("is deterministic for a seed", async () => {
    const a = await train(ratings, { hyperParams: { ...TINY_HYPER_PARAMS, rankEpochs: 3, ratingEpochs: 2 } });
    const b = await train(ratings, { hyperParams: { ...TINY_HYPER_PARAMS, rankEpochs: 3, ratingEpochs: 2 } });
    assert.deepEqual(a.weights.itemOut, b.weights.itemOut);
    assert.deepEqual(a.weights.userFactors, b.weights.userFactors);
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
    assert.deepEqual(decoded.userIds, weights.userIds);
    const u = weights.userIds.indexOf("u3");
    const i = weights.movieIds.indexOf(12);
    const [rating, score] = loaded.predict([
      tf.tensor2d([[u]], [1, 1], "int32"),
      tf.tensor2d([[i]], [1, 1], "int32"),
    ]) as import("@tensorflow/tfjs").Tensor[];
    const stars = (await rating!.data())[0]!;
    assert.ok(Math.abs(Math.min(5, Math.max(0.5, stars)) - serving.predict("u3", 12)) < 1e-4);
    // The TF.js `score` output is the factor head's logit, as serving computes it from the decoded tables.
    const d = decoded.rankFactors;
    let logit = decoded.itemOutBias[i]!;
    for (let f = 0; f < d; f++) logit += decoded.userRank[u * d + f]! * decoded.itemOut[i * d + f]!;
    assert.ok(Math.abs((await score!.data())[0]! - logit) < 1e-4);
    // The item-item table travels in the extra tensors and serving ranks the same from files as from memory.
    assert.ok(decoded.itemItem && decoded.itemItem.items.length === weights.movieIds.length);
    assert.deepEqual(decoded.itemItem.weights, weights.itemItem!.weights);
    assert.equal(decoded.itemItem.factorWeight, weights.itemItem!.factorWeight);
    const ids = (m: Recommender) => m.recommend("u3", { k: 10 }).items.map((r) => [r.movieId, r.becauseYouLiked]);
    assert.deepEqual(ids(serving), ids(new Recommender(weights)));
    loaded.dispose();
  });
});
