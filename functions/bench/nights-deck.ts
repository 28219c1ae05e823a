/**
 * Deck building for a movie night of 8 over ml-latest-small, in process: trains the recommender once on
 * every rating, then times DeckBuilder.build (the group ranking through RecommendationsService.rankForMembers,
 * watchlists, filters, catalogue top-up) for groups of 8 MovieLens users, whose ratings stand for their
 * diaries. Repositories are in memory, so the figures are the instance's own work, not Firestore reads.
 *   node lib/bench/nights-deck.js [path/to/ml-latest-small] [--runs 30]
 */
import path from "node:path";
import { parseArgs } from "node:util";
import type { LibraryRepository } from "../src/library/library.repository";
import { readMovieLensMovies } from "../src/movies/movielens";
import type { MovieRepository, MovieScan } from "../src/movies/movies.repository";
import type { StoredMovie } from "../src/movies/movies.schema";
import { DeckBuilder } from "../src/nights/nights.deck";
import type { DeckFilters } from "../src/nights/nights.schema";
import type { RatingRepository } from "../src/ratings/ratings.repository";
import { RecommendationsService } from "../src/recommendations/recommendations.service";
import { toModelFiles } from "../src/recsys/artifacts";
import { loadTf } from "../src/recsys/backend";
import { readRatingsCsv } from "../src/recsys/csv";
import { Recommender } from "../src/recsys/serving";
import { newVersionId } from "../src/recsys/store";
import { DEFAULT_HYPER_PARAMS, train } from "../src/recsys/train";
import { setLogWriter } from "../src/shared/logger";
import type { CursorPosition } from "../src/shared/pagination";
import { percentile, round } from "./stats";

const GROUP = 8;

async function main(): Promise<void> {
  setLogWriter(() => undefined);
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: "string", default: "30" } } });
  const dir = positionals[0] ? path.resolve(positionals[0]) : path.resolve(__dirname, "../../..", "../shared/data/ml-latest-small");
  const runs = Number(values.runs);
  const ratings = await readRatingsCsv(path.join(dir, "ratings.csv"));
  const films = await readMovieLensMovies(dir);
  const counts = new Map<number, number>();
  for (const r of ratings) counts.set(r.movieId, (counts.get(r.movieId) ?? 0) + 1);
  const catalogue = new Map<number, StoredMovie>(
    films.map((f) => [
      f.movieId,
      {
        ...f,
        searchPrefixes: [],
        ratingCount: counts.get(f.movieId) ?? 0,
        ratingSum: 0,
        ratingMean: null,
        ratingScore: counts.get(f.movieId) ?? 0,
        histogram: {},
      },
    ]),
  );
  const byPopularity = [...catalogue.values()].sort((a, b) => b.ratingCount - a.ratingCount || b.movieId - a.movieId);
  const byUser = new Map<string, Array<{ movieId: number; rating: number }>>();
  for (const r of ratings) {
    const list = byUser.get(r.userId) ?? [];
    list.push({ movieId: r.movieId, rating: r.rating });
    byUser.set(r.userId, list);
  }

  const t0 = performance.now();
  const { tf, backend } = await loadTf();
  const { weights, report } = await train(ratings);
  const version = newVersionId();
  const model = Recommender.fromFiles(
    await toModelFiles(tf, weights, {
      version,
      hyperParams: DEFAULT_HYPER_PARAMS,
      backend,
      trainSeconds: report.trainSeconds,
      ratings: ratings.length,
    }),
  );
  const trainSeconds = round((performance.now() - t0) / 1000);

  // In-memory stand-ins for the repositories the deck reads (only the methods it calls).
  const movies = {
    getMany: async (ids: readonly number[]) => new Map(ids.flatMap((id) => (catalogue.has(id) ? [[id, catalogue.get(id)!] as const] : []))),
    get: async (id: number) => catalogue.get(id),
    scan: async (scan: MovieScan, after: CursorPosition | undefined, limit: number) => {
      const from = after ? Number(after.id) : 0;
      const matching = byPopularity.filter(
        (m) => (!scan.genre || m.genres.includes(scan.genre)) && (scan.year === undefined || m.year === scan.year),
      );
      return {
        movies: matching.slice(from, from + limit),
        next: from + limit < matching.length ? { values: [], id: String(from + limit) } : undefined,
      };
    },
  };
  const library = {
    allWatched: async (uid: string) => (byUser.get(uid) ?? []).map((r) => ({ movieId: r.movieId })),
    // A watchlist per person: 10 popular films they have not rated.
    allWatchlist: async (uid: string) => {
      const seen = new Set((byUser.get(uid) ?? []).map((r) => r.movieId));
      return byPopularity
        .filter((m) => !seen.has(m.movieId))
        .slice(Number(uid) % 50, (Number(uid) % 50) + 10)
        .map((m) => ({ movieId: m.movieId }));
    },
  };
  const ratingRepo = { listAllByUser: async (uid: string) => byUser.get(uid) ?? [] };
  const recommendations = new RecommendationsService(
    { current: async () => ({ version, model, movieIds: [...catalogue.keys()] }) },
    movies as unknown as MovieRepository,
    ratingRepo as unknown as RatingRepository,
    library as unknown as LibraryRepository,
    { favouriteGenres: async () => [] },
    { areFriends: async () => true },
    { privacyOf: async (uids) => new Map(uids.map((u) => [u, "friends" as const])) },
  );
  const builder = new DeckBuilder(recommendations, { ...library, listAllByUser: ratingRepo.listAllByUser }, movies);

  const users = [...byUser.keys()];
  const scenarios: Array<[string, DeckFilters, number]> = [
    ["no filter, 30 cards", { genres: [], yearFrom: null, yearTo: null }, 30],
    ["no filter, 100 cards", { genres: [], yearFrom: null, yearTo: null }, 100],
    ["Comedy or Romance 1990-2010, 30 cards", { genres: ["Comedy", "Romance"], yearFrom: 1990, yearTo: 2010 }, 30],
  ];
  const results: Record<string, unknown> = {};
  for (const [name, filters, size] of scenarios) {
    const times: number[] = [];
    let length = 0;
    for (let i = 0; i < runs + 3; i++) {
      const group = Array.from({ length: GROUP }, (_, j) => users[(i * 61 + j * 73) % users.length] as string);
      const t = performance.now();
      const deck = await builder.build(group, filters, size);
      if (i >= 3) times.push(performance.now() - t); // 3 warm-up runs
      length = deck.length;
    }
    results[name] = { runs, deckLength: length, p50Ms: round(percentile(times, 50), 1), p99Ms: round(percentile(times, 99), 1) };
  }
  console.log(
    JSON.stringify({
      bench: "nights-deck ml-latest-small",
      group: GROUP,
      backend,
      trainSeconds,
      films: catalogue.size,
      ratings: ratings.length,
      results,
    }),
  );
}

void main();
