/**
 * Training on a generated set of 1,000,000 ratings (10,000 users x 100 ratings over 5,000 films): time
 * and peak RSS. Usage: node lib/bench/recsys-synthetic.js [ratings=1000000]
 */
import os from "node:os";
import { setLogWriter } from "../src/shared/logger";
import { syntheticRatings } from "../src/recsys/testing";
import { train } from "../src/recsys/train";
import { round } from "./recsys-common";

async function main(): Promise<void> {
  setLogWriter(() => undefined);
  const total = Number(process.argv[2] ?? 1_000_000);
  const perUser = 100;
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const t0 = performance.now();
  const ratings = syntheticRatings({ users: Math.ceil(total / perUser), movies: 5000, perUser, groups: 20, seed: 11 });
  const tGen = performance.now();
  const { report } = await train(ratings);
  const t1 = performance.now();
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(
    JSON.stringify({
      bench: "recsys-synthetic",
      ratings: ratings.length,
      backend: report.backend,
      generateSeconds: round((tGen - t0) / 1000, 2),
      trainSeconds: round((t1 - tGen) / 1000, 2),
      trainParts: Object.fromEntries(Object.entries(report.parts).map(([k, v]) => [k, round(v, 2)])),
      peakRssMiB: Math.round(peak / 2 ** 20),
      // CPU seconds of this process (user + system): less sensitive than wall time to other jobs on the machine.
      cpuSeconds: round((process.cpuUsage().user + process.cpuUsage().system) / 1e6, 2),
      loadAverage: os.loadavg().map((x) => round(x, 2)),
    }),
  );
}

void main();
