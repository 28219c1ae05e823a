import path from "node:path";

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
