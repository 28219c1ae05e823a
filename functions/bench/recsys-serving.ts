/**
 * Serving latency: train on ml-latest-small once, save to a local store, then time loading the model
 * from the store (fresh decode each time) and top-20 for single people folded in from their ratings.
 *   node lib/bench/recsys-serving.js [path/to/ml-latest-small]
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setLogWriter } from "../src/shared/logger";
import { toModelFiles } from "../src/recsys/artifacts";
import { loadTf } from "../src/recsys/backend";
import { readRatingsCsv } from "../src/recsys/csv";
import { groupByUser } from "../src/recsys/ratings";
import { LocalModelStore, newVersionId } from "../src/recsys/store";
import { DEFAULT_HYPER_PARAMS, train } from "../src/recsys/train";
import { movieLensDir, percentiles, round, saveAndTimeLoads } from "./recsys-common";

async function main(): Promise<void> {
  setLogWriter(() => undefined);
  const ratings = await readRatingsCsv(path.join(movieLensDir(), "ratings.csv"));
  const { tf, backend } = await loadTf();
  const { weights, report } = await train(ratings);
  const dir = await mkdtemp(path.join(os.tmpdir(), "recsys-serving-"));
  const store = new LocalModelStore(dir);
  const version = newVersionId();
  const { model, loads } = await saveAndTimeLoads(
    store,
    version,
    await toModelFiles(tf, weights, {
      version,
      hyperParams: DEFAULT_HYPER_PARAMS,
      backend,
      trainSeconds: report.trainSeconds,
      ratings: ratings.length,
    }),
    5,
  );

  const byUser = [...groupByUser(ratings).values()];
  const folded: number[] = [];
  for (let i = 0; i < 300; i++) {
    const current = byUser[(i * 37) % byUser.length]!;
    const t = performance.now();
    model.recommend({ k: 20, currentRatings: current });
    folded.push(performance.now() - t);
  }
  console.log(
    JSON.stringify({
      bench: "recsys-serving ml-latest-small",
      loadMs: percentiles(loads).p50 && { p50: round(percentiles(loads).p50, 1), max: round(Math.max(...loads), 1) },
      top20FoldInMs: Object.fromEntries(Object.entries(percentiles(folded)).map(([k, v]) => [k, round(v, 2)])),
    }),
  );
  await rm(dir, { recursive: true, force: true });
}

void main();
