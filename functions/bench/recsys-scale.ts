/**
 * Scale: a synthetic catalogue with power-law popularity (film f drawn with weight 1/(f+10)), people with 100
 * ratings each, trained with the given settings; then the artifact saved and loaded, and top-20 timed for
 * people folded in from their ratings over the whole catalogue. Prints time, CPU, peak RSS and latencies.
 *   node lib/bench/recsys-scale.js [ratings=1000000] [films=100000] [hyperParams JSON]
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setLogWriter } from "../src/shared/logger";
import { toModelFiles } from "../src/recsys/artifacts";
import { loadTf } from "../src/recsys/backend";
import { SeededRandom } from "../src/recsys/random";
import { groupByUser, type Rating } from "../src/recsys/ratings";
import { LocalModelStore, newVersionId } from "../src/recsys/store";
import { DEFAULT_HYPER_PARAMS, train, type HyperParams } from "../src/recsys/train";
import { percentiles, round, saveAndTimeLoads } from "./recsys-common";

function powerLawRatings(total: number, films: number, perUser: number, seed: number): Rating[] {
  const rng = new SeededRandom(seed);
  // Inverse-CDF sampling of weights 1/(f + 10): cumulative sums, then a binary search per draw.
  const cdf = new Float64Array(films);
  let acc = 0;
  for (let f = 0; f < films; f++) cdf[f] = acc += 1 / (f + 10);
  const draw = () => {
    const x = rng.next() * acc;
    let lo = 0;
    let hi = films - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const out: Rating[] = [];
  const users = Math.ceil(total / perUser);
  for (let u = 0; u < users && out.length < total; u++) {
    const taste = rng.int(20);
    const seen = new Set<number>();
    while (seen.size < perUser) {
      const f = draw();
      if (seen.has(f)) continue;
      seen.add(f);
      const liked = f % 20 === taste;
      out.push({ userId: `p${u}`, movieId: f + 1, rating: liked ? 4 + rng.int(3) / 2 : 1 + rng.int(7) / 2 });
    }
  }
  return out;
}

async function main(): Promise<void> {
  setLogWriter(() => undefined);
  const total = Number(process.argv[2] ?? 1_000_000);
  const films = Number(process.argv[3] ?? 100_000);
  const hp: Partial<HyperParams> = JSON.parse(process.argv[4] ?? "{}") as Partial<HyperParams>;
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const ratings = powerLawRatings(total, films, 100, 11);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const { weights, report } = await train(ratings, { hyperParams: hp });
  const trainSeconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);

  const { tf, backend } = await loadTf();
  const dir = await mkdtemp(path.join(os.tmpdir(), "recsys-scale-"));
  const store = new LocalModelStore(dir);
  const version = newVersionId();
  const { model, loads } = await saveAndTimeLoads(
    store,
    version,
    await toModelFiles(tf, weights, {
      version,
      hyperParams: { ...DEFAULT_HYPER_PARAMS, ...hp },
      backend,
      trainSeconds,
      ratings: report.ratings,
    }),
    3,
  );
  const people = [...groupByUser(ratings).values()];
  const top: number[] = [];
  for (let i = 0; i < 200; i++) {
    const current = people[(i * 37) % people.length]!;
    const t = performance.now();
    model.recommend({ k: 20, currentRatings: current });
    top.push(performance.now() - t);
  }
  await rm(dir, { recursive: true, force: true });
  console.log(
    JSON.stringify({
      bench: "recsys-scale power-law",
      ratings: ratings.length,
      films,
      filmsInModel: weights.movieIds.length,
      people: people.length,
      hyperParams: hp,
      backend: report.backend,
      trainSeconds: round(trainSeconds, 1),
      trainParts: Object.fromEntries(Object.entries(report.parts).map(([k, v]) => [k, round(v, 1)])),
      cpuSeconds: round((cpu.user + cpu.system) / 1e6, 1),
      peakRssMiB: Math.round(peak / 2 ** 20),
      loadMs: { p50: round(percentiles(loads).p50, 1), max: round(Math.max(...loads), 1) },
      top20Ms: Object.fromEntries(Object.entries(percentiles(top)).map(([k, v]) => [k, round(v, 2)])),
      loadAverage: os.loadavg().map((x) => round(x, 2)),
    }),
  );
}

void main();
