import { IdMap } from "./dataset";
import { mae, rankingScores, rmse, topK } from "./metrics";
import { groupByUser, type Rating } from "./ratings";
import type { Recommender } from "./serving";

/** Ranking metrics at a cut-off, averaged over users with at least one test rating. */
export interface RankingMetrics {
  precisionAt10: number;
  recallAt10: number;
  ndcgAt10: number;
}

/** Rating-prediction error on the test ratings. */
export interface RatingMetrics {
  rmse: number;
  mae: number;
}

/** What `evaluate` reports. */
export interface Evaluation {
  model: RatingMetrics & RankingMetrics;
  popularity: RatingMetrics & RankingMetrics;
  ratingOnlyMf: RankingMetrics;
  users: number;
  testRatings: number;
}

const K = 10;

/**
 * The evaluation protocol. Ranking: for every test user known in training, a full-catalogue top-10 (every
 * film the user did not rate in training is a candidate), relevant = rated in the test set (any stars).
 * Rating: RMSE and MAE of predicted stars over every test rating (unknown users or films get the
 * model's fallbacks). Baselines: popularity (most-rated films; its stars are each film's mean rating)
 * and the rating head ranking on its own (a rating-only MF).
 */
export function evaluateModel(model: Recommender, train: readonly Rating[], test: readonly Rating[]): Evaluation {
  const relevant = new Map<string, Set<number>>();
  for (const r of test) {
    const set = relevant.get(r.userId) ?? new Set<number>();
    set.add(r.movieId);
    relevant.set(r.userId, set);
  }
  const pop = popularityBaseline(train);
  // The model keeps no per-person data: each person is folded in from their training ratings.
  const byUser = groupByUser(train);
  const acc = { model: zero(), popularity: zero(), ratingOnlyMf: zero() };
  let users = 0;
  for (const [userId, rel] of relevant) {
    const currentRatings = byUser.get(userId);
    if (!currentRatings) continue;
    users++;
    add(
      acc.model,
      rankingScores(
        model.recommend({ k: K, currentRatings }).items.map((r) => r.movieId),
        rel,
        K,
      ),
    );
    add(acc.popularity, rankingScores(pop.top(userId, K), rel, K));
    add(acc.ratingOnlyMf, rankingScores(model.rankByPredictedRating(currentRatings, K), rel, K));
  }
  const actual: number[] = [];
  const predicted: number[] = [];
  for (const [userId, tests] of groupByUser(test)) {
    const stars = model.predictMany(
      tests.map((t) => t.movieId),
      byUser.get(userId) ?? [],
    );
    tests.forEach((t, j) => {
      actual.push(t.rating);
      predicted.push(stars[j] as number);
    });
  }
  const popPredicted: number[] = [];
  for (const tests of groupByUser(test).values()) for (const t of tests) popPredicted.push(pop.stars(t.movieId));
  return {
    model: { rmse: rmse(predicted, actual), mae: mae(predicted, actual), ...mean(acc.model, users) },
    popularity: { rmse: rmse(popPredicted, actual), mae: mae(popPredicted, actual), ...mean(acc.popularity, users) },
    ratingOnlyMf: mean(acc.ratingOnlyMf, users),
    users,
    testRatings: test.length,
  };
}

/** Most-rated films first; stars are the film's mean training rating (the global mean for unseen films). */
export function popularityBaseline(train: readonly Rating[]): {
  top: (userId: string, k: number) => number[];
  stars: (movieId: number) => number;
} {
  const items = new IdMap<number>();
  const counts: number[] = [];
  const sums: number[] = [];
  const rated = new Map<string, Set<number>>();
  let total = 0;
  for (const r of train) {
    const i = items.add(r.movieId);
    counts[i] = (counts[i] ?? 0) + 1;
    sums[i] = (sums[i] ?? 0) + r.rating;
    total += r.rating;
    const set = rated.get(r.userId) ?? new Set<number>();
    set.add(i);
    rated.set(r.userId, set);
  }
  const globalMean = train.length ? total / train.length : 3;
  return {
    top: (userId, k) => {
      const seen = rated.get(userId) ?? new Set<number>();
      return topK(counts, k, (i) => seen.has(i)).map((i) => items.key(i));
    },
    stars: (movieId) => {
      const i = items.get(movieId);
      return i === undefined ? globalMean : (sums[i] as number) / (counts[i] as number);
    },
  };
}

function zero(): RankingMetrics {
  return { precisionAt10: 0, recallAt10: 0, ndcgAt10: 0 };
}

function add(acc: RankingMetrics, s: { precision: number; recall: number; ndcg: number }): void {
  acc.precisionAt10 += s.precision;
  acc.recallAt10 += s.recall;
  acc.ndcgAt10 += s.ndcg;
}

function mean(acc: RankingMetrics, n: number): RankingMetrics {
  const d = Math.max(1, n);
  return { precisionAt10: acc.precisionAt10 / d, recallAt10: acc.recallAt10 / d, ndcgAt10: acc.ndcgAt10 / d };
}
