import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import request from "supertest";
import { HttpTmdbClient, FirestoreMovieDetailsCache, MovieDetailsService, DETAILS_TTL_MS } from "../../src/movies/movie-details";
import { bearer, makeTestDeps, registerUser } from "../helpers/accounts";
import { seedTestCatalogue } from "../helpers/catalogue-fixtures";
import { appDb, resetFirestore } from "../helpers/emulators";
import { createApp } from "../../src/api/app";
import { makeCatalogueDeps } from "../../src/deps";

/** A local server answering like TMDB's GET /3/movie/{id}; it can be slowed down or taken down. */
function fakeTmdb() {
  const state = { hits: 0, delayMs: 0, status: 200 };
  const server = http.createServer((req, res) => {
    state.hits++;
    const match = /^\/3\/movie\/(\d+)\?api_key=test-key$/.exec(req.url ?? "");
    setTimeout(() => {
      if (!match) return void res.writeHead(401).end();
      if (state.status !== 200) return void res.writeHead(state.status).end();
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ id: Number(match[1]), poster_path: `/poster-${match[1]}.jpg`, overview: "Toys come alive.", runtime: 81 }));
    }, state.delayMs);
  });
  return { server, state };
}

describe("film details from TMDB (Firestore emulator, local TMDB stand-in)", () => {
  const { server, state } = fakeTmdb();
  let baseUrl = "";
  let now = Date.UTC(2026, 5, 1);

  before(async () => {
    await resetFirestore();
    await seedTestCatalogue(appDb());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/3`;
  });
  after(() => server.close());

  const service = () =>
    new MovieDetailsService(new FirestoreMovieDetailsCache(appDb()), new HttpTmdbClient(baseUrl, "test-key", 1000), () => now);

  it("fetches details once and serves them from the cache for 7 days", async () => {
    const details = await service().detailsFor(9004, 862);
    assert.deepEqual(details, {
      posterUrl: "https://image.tmdb.org/t/p/w500/poster-862.jpg",
      overview: "Toys come alive.",
      runtimeMinutes: 81,
    });
    const hits = state.hits;
    now += DETAILS_TTL_MS - 1000;
    assert.deepEqual(await service().detailsFor(9004, 862), details);
    assert.equal(state.hits, hits);
  });

  it("serves the stale cache when TMDB is slow, and refreshes once TMDB answers", async () => {
    now += 2000; // past the 7 days
    state.delayMs = 4000; // far past the client's 1 s timeout, whatever the machine's load
    const stale = await service().detailsFor(9004, 862);
    assert.equal(stale?.runtimeMinutes, 81);
    state.delayMs = 0;
    const hits = state.hits;
    await service().detailsFor(9004, 862);
    assert.equal(state.hits, hits + 1);
  });

  it("answers without details when TMDB is down and nothing is cached", async () => {
    state.status = 503;
    assert.equal(await service().detailsFor(9001, 194), null);
    state.status = 200;
  });

  it("includes the details in GET /v1/movies/{movieId} when a key is configured", async () => {
    const deps = { ...makeTestDeps(appDb()), ...makeCatalogueDeps(appDb(), { tmdb: { baseUrl, apiKey: "test-key" } }) };
    const app = createApp(deps);
    const user = await registerUser(app);
    const res = await request(app).get("/v1/movies/9001").set("Authorization", bearer(user.accessToken)).expect(200);
    assert.equal(res.body.details.posterUrl, "https://image.tmdb.org/t/p/w500/poster-194.jpg");
    const noTmdbId = await request(app).get("/v1/movies/9002").set("Authorization", bearer(user.accessToken)).expect(200);
    assert.equal(noTmdbId.body.details, null);
  });
});
