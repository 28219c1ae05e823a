import path from "node:path";
import type { ModelFiles } from "../src/recsys/artifacts";
import { Recommender } from "../src/recsys/serving";
import type { ModelStore } from "../src/recsys/store";

/** The MovieLens folder: argv[2], else `../shared/data/ml-latest-small` beside the repository root. */
export function movieLensDir(): string {
  const repoRoot = path.resolve(__dirname, "../../..");
  return process.argv[2] ?? path.resolve(repoRoot, "../shared/data/ml-latest-small");
}

/** Median and 95th percentile of samples, in the samples' unit. */
export function percentiles(samples: number[]): { p50: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
  return { p50: at(0.5), p95: at(0.95) };
}

export const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Saves a trained model's files as `version`, then loads it `runs` times (a fresh decode each), timing each load in ms. */
export async function saveAndTimeLoads(
  store: ModelStore,
  version: string,
  files: ModelFiles,
  runs: number,
): Promise<{ model: Recommender; loads: number[] }> {
  await store.save(version, files);
  const loads: number[] = [];
  let model: Recommender | undefined;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    model = await Recommender.load(store);
    loads.push(performance.now() - t);
  }
  return { model: model as Recommender, loads };
}
