/**
 * The whole `train` of ml-latest-small (load, train, evaluate, save) on the per-user 75/25 split, timed
 * end to end, plus RMSE of the rating head on a random 90/10 split. Usage (from functions/, after build):
 *   node lib/bench/recsys-train.js [path/to/ml-latest-small]
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setLogWriter } from "../src/shared/logger";
import { toModelFiles } from "../src/recsys/artifacts";
import { loadTf } from "../src/recsys/backend";
import { readRatingsCsv } from "../src/recsys/csv";
import { splitPerUser, splitRandom } from "../src/recsys/dataset";
import { evaluateModel } from "../src/recsys/evaluate";
import { Recommender } from "../src/recsys/serving";
import { LocalModelStore, newVersionId } from "../src/recsys/store";
import { DEFAULT_HYPER_PARAMS, train } from "../src/recsys/train";
import { movieLensDir, round } from "./recsys-common";

async function main(): Promise<void> {
  setLogWriter(() => undefined);
  const file = path.join(movieLensDir(), "ratings.csv");
  const { tf, backend } = await loadTf();
  const dir = await mkdtemp(path.join(os.tmpdir(), "recsys-bench-"));
  const t0 = performance.now();
  const ratings = await readRatingsCsv(file);
  const tLoad = performance.now();
  const split = splitPerUser(ratings, 0.25, 42);
  const { weights, report } = await train(split.train);
  const tTrain = performance.now();
  const model = new Recommender(weights);
  const ranking = evaluateModel(model, split.train, split.test);
  const tEval = performance.now();
  const version = newVersionId();
  const files = await toModelFiles(tf, weights, {
    version,
    hyperParams: DEFAULT_HYPER_PARAMS,
    backend,
    trainSeconds: report.trainSeconds,
    ratings: split.train.length,
    metrics: { ...ranking },
  });
  await new LocalModelStore(dir).save(version, files);
  const tSave = performance.now();
  console.log(
    JSON.stringify({
      bench: "recsys-train ml-latest-small per-user 75/25",
      backend,
      seconds: {
        load: round((tLoad - t0) / 1000, 2),
        train: round((tTrain - tLoad) / 1000, 2),
        evaluate: round((tEval - tTrain) / 1000, 2),
        save: round((tSave - tEval) / 1000, 2),
        total: round((tSave - t0) / 1000, 2),
      },
      trainParts: Object.fromEntries(Object.entries(report.parts).map(([k, v]) => [k, round(v, 2)])),
      // CPU seconds of this process (user + system): less sensitive than wall time to other jobs on the machine.
      cpuSeconds: round((process.cpuUsage().user + process.cpuUsage().system) / 1e6, 2),
      loadAverage: os.loadavg().map((x) => round(x, 2)),
      model: ranking.model,
      popularity: ranking.popularity,
      ratingOnlyMf: ranking.ratingOnlyMf,
    }),
  );

  const random = splitRandom(ratings, 0.1, 42);
  const rating = await train(random.train, { heads: "rating" });
  const ev = evaluateModel(new Recommender(rating.weights), random.train, random.test);
  console.log(
    JSON.stringify({
      bench: "recsys-train ml-latest-small random 90/10 (rating head)",
      rmse: round(ev.model.rmse),
      mae: round(ev.model.mae),
      popularityRmse: round(ev.popularity.rmse),
      trainSeconds: round(rating.report.trainSeconds, 2),
    }),
  );
  await rm(dir, { recursive: true, force: true });
}

void main();
