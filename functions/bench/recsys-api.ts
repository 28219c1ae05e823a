/**
 * End-to-end latency of GET /v1/me/recommendations with a published model: the app in process over the
 * Firestore emulator (see docs/BENCHMARKS.md, "Recommender"). Seeds a catalogue and its ratings, runs one
 * retraining (RetrainService, as the scheduled function does) into a temporary model folder, registers
 * people who rate a few films each (fold-in) or none (cold start), then sends sequential requests.
 *   --data demo   the embedded demo catalogue (313 films, 1,313 ratings)
 *   --data ml     ml-latest-small (9,742 films, 100,836 ratings; the import takes about two minutes)
 */
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { catalogueSeeder } from "../src/demo/catalogue.seeder";
import { firestore, makeDeps, makeRetrainService } from "../src/deps";
import { createApp } from "../src/api/app";
import { CatalogueImporter } from "../src/movies/catalogue-import";
import { readMovieLensMovies, readMovieLensRatings } from "../src/movies/movielens";
import { FirestoreMovieRepository } from "../src/movies/movies.repository";
import { FirestoreRatingAggregatesStore, FirestoreRatingRepository } from "../src/ratings/ratings.repository";
import { DEFAULT_RETRAIN_POLICY, type RecommenderConfig } from "../src/recommendations/recommendations.config";
import { LocalModelStore } from "../src/recsys/store";
import { setLogWriter } from "../src/shared/logger";
import { TEST_HTTP_CONFIG, registerUser, testAuthConfig } from "../test/helpers/accounts";
import { percentile, round } from "./stats";

const ML_SMALL = path.resolve(__dirname, "../../../../shared/data/ml-latest-small");
const REQUESTS = 300;
const WARM_UP = 20;

async function seed(data: string, dir: string): Promise<number[]> {
  const db = firestore();
  if (data === "demo") {
    await catalogueSeeder.seed(db);
    return (await new FirestoreMovieRepository(db).scan({ sort: "popularity" }, undefined, 200)).movies.map((m) => m.movieId);
  }
  const importer = new CatalogueImporter(
    new FirestoreMovieRepository(db),
    new FirestoreRatingRepository(db),
    new FirestoreRatingAggregatesStore(db),
  );
  const movies = await readMovieLensMovies(dir);
  await importer.importMovies(movies);
  await importer.importRatings((await readMovieLensRatings(dir)) ?? [], new Set(movies.map((m) => m.movieId)));
  await new FirestoreRatingAggregatesStore(db).recountAll();
  return (await new FirestoreMovieRepository(db).scan({ sort: "popularity" }, undefined, 200)).movies.map((m) => m.movieId);
}

async function timed(url: string, headers: Record<string, string>): Promise<number> {
  const t = process.hrtime.bigint();
  const res = await fetch(url, { headers });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`status ${res.status}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { data: { type: "string", default: "demo" }, dir: { type: "string", default: ML_SMALL } } });
  setLogWriter(() => undefined);
  const modelDir = await mkdtemp(path.join(os.tmpdir(), "recsys-api-"));
  try {
    let t0 = Date.now();
    const popular = await seed(values.data as string, values.dir as string);
    console.log(JSON.stringify({ phase: "seed", data: values.data, seconds: round((Date.now() - t0) / 1000) }));

    const config: RecommenderConfig = {
      store: new LocalModelStore(modelDir),
      pointerCheckIntervalMs: 60_000,
      onDemand: "inline",
      policy: DEFAULT_RETRAIN_POLICY,
    };
    t0 = Date.now();
    const outcome = await makeRetrainService(firestore(), config).run("cli");
    console.log(
      JSON.stringify({
        phase: "retrain",
        status: outcome.status,
        seconds: round((Date.now() - t0) / 1000),
        metrics: outcome.candidateMetrics,
      }),
    );

    const server = http.createServer(
      createApp(makeDeps(firestore(), { http: TEST_HTTP_CONFIG, auth: testAuthConfig(), catalogue: {}, recommender: config })),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // 10 raters (20 popular films each, varied stars: fold-in) and 2 people with no ratings (cold start).
    const raters = await Promise.all(Array.from({ length: 10 }, () => registerUser(origin)));
    for (const [i, user] of raters.entries()) {
      for (let j = 0; j < 20; j++) {
        const movieId = popular[(i * 17 + j * 7) % popular.length]!;
        const res = await fetch(`${origin}/v1/me/ratings/${movieId}`, {
          method: "PUT",
          headers: { Authorization: `Bearer ${user.accessToken}`, "Content-Type": "application/json" },
          body: JSON.stringify({ rating: 1 + ((i + j) % 9) / 2 }),
        });
        if (!res.ok) throw new Error(`rating failed: ${res.status}`);
      }
    }
    const newcomers = await Promise.all(Array.from({ length: 2 }, () => registerUser(origin)));
    for (const [name, people] of [
      ["fold-in", raters],
      ["cold-start", newcomers],
    ] as const) {
      const url = `${origin}/v1/me/recommendations?limit=20`;
      for (let i = 0; i < WARM_UP; i++) await timed(url, { Authorization: `Bearer ${people[i % people.length]!.accessToken}` });
      const latencies: number[] = [];
      for (let i = 0; i < REQUESTS; i++)
        latencies.push(await timed(url, { Authorization: `Bearer ${people[i % people.length]!.accessToken}` }));
      console.log(
        JSON.stringify({
          phase: "GET /v1/me/recommendations",
          people: name,
          requests: REQUESTS,
          p50Ms: round(percentile(latencies, 50)),
          p99Ms: round(percentile(latencies, 99)),
        }),
      );
    }
    server.close();
  } finally {
    await rm(modelDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
