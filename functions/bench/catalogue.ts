/**
 * Catalogue benchmarks, against the emulators (run under `firebase emulators:exec`, see docs/BENCHMARKS.md).
 *   --phase search   imports ml-latest-small (films, links and all ratings) and measures GET /v1/movies
 *                    latency over it (Firestore emulator only: the import would fire 100k triggers).
 *   --phase ratings  50 concurrent clients rating one film through the app for 10 s (Functions emulator
 *                    running, so the rating trigger keeps the aggregates), then the time until the film's
 *                    aggregates equal a recount.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";
import { firestore } from "../src/deps";
import { CatalogueImporter } from "../src/movies/catalogue-import";
import { readMovieLensMovies, readMovieLensRatings } from "../src/movies/movielens";
import { FirestoreMovieRepository } from "../src/movies/movies.repository";
import { FirestoreRatingAggregatesStore, FirestoreRatingRepository } from "../src/ratings/ratings.repository";
import { setLogWriter } from "../src/shared/logger";
import { makeTestApp, registerUser, type RegisteredUser } from "../test/helpers/accounts";
import { percentile, round } from "./stats";

const ML_SMALL = path.resolve(__dirname, "../../../../shared/data/ml-latest-small");

async function serve() {
  const server = http.createServer(makeTestApp(firestore()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1` };
}

async function timed(fn: () => Promise<Response>): Promise<number> {
  const t = process.hrtime.bigint();
  const res = await fn();
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`status ${res.status}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

async function searchPhase(dir: string): Promise<void> {
  const db = firestore();
  const importer = new CatalogueImporter(
    new FirestoreMovieRepository(db),
    new FirestoreRatingRepository(db),
    new FirestoreRatingAggregatesStore(db),
  );
  const movies = await readMovieLensMovies(dir);
  const ratings = (await readMovieLensRatings(dir)) ?? [];
  const t0 = Date.now();
  await importer.importMovies(movies);
  await importer.importRatings(ratings, new Set(movies.map((m) => m.movieId)));
  console.log(JSON.stringify({ phase: "import", films: movies.length, ratings: ratings.length, seconds: round((Date.now() - t0) / 1000) }));

  const { server, base } = await serve();
  const user = await registerUser(base.replace(/\/v1$/, ""));
  const headers = { Authorization: `Bearer ${user.accessToken}` };
  // Queries people type: word prefixes of real titles, alone or with a filter or the other sort.
  const words = [...new Set(movies.flatMap((m) => m.title.toLowerCase().split(/[^a-z]+/)).filter((w) => w.length >= 4))];
  const queries: string[] = [];
  for (let i = 0; i < 300; i++) {
    const w = words[(i * 7919) % words.length].slice(0, 3 + (i % 4));
    const variant = i % 4;
    queries.push(
      variant === 0
        ? `q=${w}`
        : variant === 1
          ? `q=${w}&sort=rating`
          : variant === 2
            ? `q=${w}&genre=Drama`
            : `genre=Comedy&year=${1980 + (i % 40)}`,
    );
  }
  for (const q of queries.slice(0, 20)) await timed(() => fetch(`${base}/movies?${q}`, { headers })); // warm-up
  const latencies: number[] = [];
  for (const q of queries) latencies.push(await timed(() => fetch(`${base}/movies?${q}&limit=20`, { headers })));
  console.log(
    JSON.stringify({
      phase: "search",
      requests: latencies.length,
      p50Ms: round(percentile(latencies, 50)),
      p99Ms: round(percentile(latencies, 99)),
    }),
  );
  server.close();
}

async function ratingsPhase(): Promise<void> {
  const db = firestore();
  await new FirestoreMovieRepository(db).upsertCatalogue([
    { movieId: 1, title: "Toy Story", year: 1995, genres: ["Animation"], imdbId: null, tmdbId: null },
  ]);
  const { server, base } = await serve();
  const origin = base.replace(/\/v1$/, "");
  const clients: RegisteredUser[] = await Promise.all(Array.from({ length: 50 }, () => registerUser(origin)));
  const durationMs = 10_000;
  const end = Date.now() + durationMs;
  let writes = 0;
  const latencies: number[] = [];
  await Promise.all(
    clients.map(async (c, i) => {
      let n = 0;
      while (Date.now() < end) {
        const rating = 0.5 + ((i + n++) % 10) / 2;
        latencies.push(
          await timed(() =>
            fetch(`${base}/me/ratings/1`, {
              method: "PUT",
              headers: { Authorization: `Bearer ${c.accessToken}`, "Content-Type": "application/json" },
              body: JSON.stringify({ rating }),
            }),
          ),
        );
        writes++;
      }
    }),
  );
  const lastWrite = Date.now();
  const snap = await db.collection("ratings").where("movieId", "==", 1).get();
  const expected = { count: snap.size, sum: snap.docs.reduce((a, d) => a + Number(d.get("rating")), 0) };
  for (;;) {
    const movie = await db.doc("movies/1").get();
    if (movie.get("ratingCount") === expected.count && Math.abs(Number(movie.get("ratingSum")) - expected.sum) < 1e-9) break;
    if (Date.now() - lastWrite > 600_000) throw new Error("aggregates did not converge in 10 minutes");
    await new Promise((r) => setTimeout(r, 200));
  }
  console.log(
    JSON.stringify({
      phase: "ratings",
      clients: clients.length,
      seconds: durationMs / 1000,
      writes,
      writesPerSecond: round(writes / (durationMs / 1000)),
      p50Ms: round(percentile(latencies, 50)),
      p99Ms: round(percentile(latencies, 99)),
      secondsUntilAggregatesExact: round((Date.now() - lastWrite) / 1000),
    }),
  );
  server.close();
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { phase: { type: "string" }, dir: { type: "string", default: ML_SMALL } } });
  setLogWriter(() => undefined);
  if (values.phase === "search") await searchPhase(values.dir);
  else if (values.phase === "ratings") await ratingsPhase();
  else throw new Error("usage: node lib/bench/catalogue.js --phase search|ratings [--dir <movielens folder>]");
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
