/**
 * Fold-in for people the model has not seen. 100 people with at least 40 ratings are taken out of
 * ml-latest-small; the model trains on everyone else. For each of them, n = 1, 3, 5, 10, 20 of their
 * ratings (seeded shuffle) are folded in and the rest (their held-out ratings, the same for every n) are
 * predicted and ranked. Compared with: the same model folding in nothing (film baselines), the
 * biases-only baseline (mu + b_u + b_i, b_u shrunk as the fold-in shrinks it), popularity, and the
 * "trained" model (retrained with those n ratings in its training data, then folded in the same way).
 *   node lib/bench/recsys-foldin.js [path/to/ml-latest-small]
 */
import os from "node:os";
import path from "node:path";
import { setLogWriter } from "../src/shared/logger";
import { readRatingsCsv } from "../src/recsys/csv";
import { popularityBaseline } from "../src/recsys/evaluate";
import { rankingScores, rmse } from "../src/recsys/metrics";
import { SeededRandom } from "../src/recsys/random";
import { groupByUser, type Rating } from "../src/recsys/ratings";
import { Recommender } from "../src/recsys/serving";
import { DEFAULT_HYPER_PARAMS, train } from "../src/recsys/train";
import { movieLensDir, round } from "./recsys-common";

const COUNTS = [1, 3, 5, 10, 20];

async function main(): Promise<void> {
  setLogWriter(() => undefined);
  const ratings = await readRatingsCsv(path.join(movieLensDir(), "ratings.csv"));
  const byUser = groupByUser(ratings);
  const rng = new SeededRandom(5);
  const candidates = rng.shuffle([...byUser.keys()].filter((u) => (byUser.get(u) as unknown[]).length >= 40));
  const chosen = new Set(candidates.slice(0, 100));
  const rest = ratings.filter((r) => !chosen.has(r.userId));
  // Each chosen person's ratings in a fixed random order: the first 20 may be folded in, the others are held out.
  const people = [...chosen].map((u) => rng.shuffle([...(byUser.get(u) as { movieId: number; rating: number }[])]));
  const model = new Recommender((await train(rest)).weights);
  const pop = popularityBaseline(rest);
  // "Biases only": the same fold-in with factors switched off (an infinite penalty on p_u).
  const rows: Record<string, unknown>[] = [];
  for (const n of COUNTS) {
    const withTheirs: Rating[] = [...rest];
    people.forEach((list, p) => list.slice(0, n).forEach((r) => withTheirs.push({ userId: `held-${p}`, ...r })));
    const trained = new Recommender((await train(withTheirs)).weights);
    const acc = {
      fold: [] as number[],
      trained: [] as number[],
      biases: [] as number[],
      films: [] as number[],
      pop: [] as number[],
      actual: [] as number[],
    };
    const ndcg = { fold: 0, trained: 0, pop: 0 };
    for (const list of people) {
      const known = list.slice(0, n);
      const held = list.slice(20);
      const ids = held.map((r) => r.movieId);
      acc.fold.push(...model.predictMany(ids, known));
      acc.trained.push(...trained.predictMany(ids, known));
      acc.biases.push(...model.predictMany(ids, known, { biasesOnly: true }));
      acc.films.push(...model.predictMany(ids, []));
      acc.pop.push(...ids.map((m) => pop.stars(m)));
      acc.actual.push(...held.map((r) => r.rating));
      const relevant = new Set(ids);
      ndcg.fold += rankingScores(
        model.recommend({ k: 10, currentRatings: known }).items.map((i) => i.movieId),
        relevant,
        10,
      ).ndcg;
      ndcg.trained += rankingScores(
        trained.recommend({ k: 10, currentRatings: known }).items.map((i) => i.movieId),
        relevant,
        10,
      ).ndcg;
      const seen = new Set(known.map((r) => r.movieId));
      ndcg.pop += rankingScores(
        pop
          .top("", 10 + n)
          .filter((m) => !seen.has(m))
          .slice(0, 10),
        relevant,
        10,
      ).ndcg;
    }
    rows.push({
      ratingsFoldedIn: n,
      rmse: {
        foldIn: round(rmse(acc.fold, acc.actual)),
        trainedWithThem: round(rmse(acc.trained, acc.actual)),
        biasesOnly: round(rmse(acc.biases, acc.actual)),
        filmBaselines: round(rmse(acc.films, acc.actual)),
        filmMeans: round(rmse(acc.pop, acc.actual)),
      },
      ndcgAt10: {
        foldIn: round(ndcg.fold / people.length),
        trainedWithThem: round(ndcg.trained / people.length),
        popularity: round(ndcg.pop / people.length),
      },
    });
  }
  console.log(
    JSON.stringify({
      bench: "recsys-foldin ml-latest-small, 100 unseen people",
      hyperParams: { foldInBiasL2: DEFAULT_HYPER_PARAMS.foldInBiasL2, foldInL2: DEFAULT_HYPER_PARAMS.foldInL2 },
      heldOutRatings: people.reduce((s, l) => s + l.length - 20, 0),
      rows,
      loadAverage: os.loadavg().map((x) => round(x, 2)),
    }),
  );
}

void main();
