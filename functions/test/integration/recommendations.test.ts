import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Express } from "express";
import request from "supertest";
import { DEMO_MOVIES } from "../../src/demo/demo-catalogue";
import { makeDeps } from "../../src/deps";
import { createApp } from "../../src/api/app";
import { DEFAULT_RETRAIN_POLICY, type RecommenderConfig } from "../../src/recommendations/recommendations.config";
import { FirestoreRecommenderStateRepository } from "../../src/recommendations/recommendations.repository";
import { RetrainService } from "../../src/recommendations/retrain.service";
import { InMemoryRatingsSource } from "../../src/recsys/ratings";
import { LocalModelStore } from "../../src/recsys/store";
import { TEST_HTTP_CONFIG, TEST_RECOVERY_CONFIG, bearer, registerUser, testAuthConfig, type RegisteredUser } from "../helpers/accounts";
import { appDb, resetFirestore, verifierDb } from "../helpers/emulators";
import { demoTrainingRatings, drainRatingTriggers, seedDemoFilms, seedRatings } from "../helpers/recommendations";

const genresOf = new Map(DEMO_MOVIES.map((f) => [f.movieId, f.genres]));
const SCI_FI = [14, 16, 28, 29, 64];
const ROMANCE = [21, 43, 47, 51, 66];

/** The recommender's settings for these tests: a temporary model folder, the pointer checked on every request. */
function recommenderConfig(dir: string): RecommenderConfig {
  return { store: new LocalModelStore(dir), pointerCheckIntervalMs: 0, onDemand: "inline", policy: DEFAULT_RETRAIN_POLICY };
}

interface Item {
  movie: { movieId: number; title: string; year: number | null; genres: string[] };
  predictedRating: number | null;
  reason: { code: string; text: string; movie?: { movieId: number; title: string }; genre?: string };
}

describe("recommendations (API over the emulators)", function () {
  // Generous: the last hook waits for the Functions emulator to work through the rating triggers queued here.
  this.timeout(300_000);
  let dir: string;
  let app: Express;

  before(async () => {
    await resetFirestore();
    dir = await mkdtemp(path.join(os.tmpdir(), "recommendations-"));
    await seedDemoFilms(appDb());
    // A few stored ratings give the catalogue its popular films; the model trains on the demo people's
    // ratings in memory (1,300 stored ratings would queue 2,600 trigger runs in the Functions emulator).
    await seedRatings(
      appDb(),
      demoTrainingRatings().filter((_, i) => i % 100 === 0),
    );
    app = createApp(
      makeDeps(appDb(), {
        http: TEST_HTTP_CONFIG,
        auth: testAuthConfig(),
        accountOverrides: { recovery: TEST_RECOVERY_CONFIG },
        catalogue: {},
        recommender: recommenderConfig(dir),
      }),
    );
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
    await drainRatingTriggers(verifierDb(), 313);
  });

  const as = (user: RegisteredUser) => ({
    get: (url: string) => request(app).get(`/v1${url}`).set("Authorization", bearer(user.accessToken)),
    put: (url: string, body: object = {}) => request(app).put(`/v1${url}`).set("Authorization", bearer(user.accessToken)).send(body),
    post: (url: string, body: object = {}) => request(app).post(`/v1${url}`).set("Authorization", bearer(user.accessToken)).send(body),
    patch: (url: string, body: object) => request(app).patch(`/v1${url}`).set("Authorization", bearer(user.accessToken)).send(body),
  });

  async function rateAll(user: RegisteredUser, ids: readonly number[], rating: number): Promise<void> {
    for (const id of ids) await as(user).put(`/me/ratings/${id}`, { rating }).expect(201);
  }

  describe("before any model is published", () => {
    it("recommends well-rated popular films from the catalogue, never a 5xx", async () => {
      const user = await registerUser(app);
      await rateAll(user, [1], 5);
      const res = await as(user).get("/me/recommendations?limit=10").expect(200);
      assert.equal(res.body.source, "popular");
      assert.equal(res.body.modelVersion, null);
      assert.equal(res.body.items.length, 10);
      const ids = (res.body.items as Item[]).map((i) => i.movie.movieId);
      assert.ok(!ids.includes(1), "a rated film is never recommended");
      for (const item of res.body.items as Item[]) assert.ok(item.movie.title.length > 0 && item.reason.text.length > 0);

      const similar = await as(user).get("/movies/16/similar?limit=5").expect(200);
      assert.equal(similar.body.source, "content");
      assert.match(similar.body.note, /genres and year/);
      assert.ok((similar.body.items as Array<{ movie: { movieId: number } }>).every((i) => i.movie.movieId !== 16));
    });
  });

  describe("with a published model", () => {
    let version: string;

    before(async () => {
      const state = new FirestoreRecommenderStateRepository(appDb());
      const outcome = await new RetrainService(
        new InMemoryRatingsSource(demoTrainingRatings()),
        state,
        async () => new LocalModelStore(dir),
        DEFAULT_RETRAIN_POLICY,
      ).run("cli");
      assert.equal(outcome.status, "promoted", outcome.reason);
      version = outcome.liveVersion as string;
    });

    it("folds a new rater in at once, with reasons from their own liked films", async () => {
      const fan = await registerUser(app);
      const romantic = await registerUser(app);
      await rateAll(fan, SCI_FI, 5);
      await rateAll(romantic, ROMANCE, 5);
      const fanList = await as(fan).get("/me/recommendations?limit=10").expect(200);
      const romanticList = await as(romantic).get("/me/recommendations?limit=10").expect(200);
      assert.equal(fanList.body.source, "fold-in");
      assert.equal(fanList.body.modelVersion, version);
      const fanItems = fanList.body.items as Item[];
      assert.equal(fanItems.length, 10);
      for (const item of fanItems) {
        assert.ok(!SCI_FI.includes(item.movie.movieId), "rated films are excluded");
        assert.ok(item.predictedRating !== null && item.predictedRating >= 0.5 && item.predictedRating <= 5);
        assert.equal(item.reason.code, "because-you-liked");
        assert.ok(SCI_FI.includes(item.reason.movie!.movieId), "the reason names one of the person's own liked films");
        assert.equal(item.reason.text, `Because you liked ${item.reason.movie!.title}`);
      }
      // Their own ratings, not the model's training, shape the lists.
      const sciFiShare = (items: Item[]) => items.filter((i) => i.movie.genres.some((g) => g === "Sci-Fi" || g === "Action")).length;
      assert.ok(sciFiShare(fanItems) > sciFiShare(romanticList.body.items as Item[]), "a sci-fi fan gets more sci-fi than a romantic");
    });

    it("excludes films the person rated, watched or put on the watchlist", async () => {
      const user = await registerUser(app);
      await rateAll(user, SCI_FI.slice(0, 2), 4.5);
      const first = ((await as(user).get("/me/recommendations?limit=10").expect(200)).body.items as Item[]).map((i) => i.movie.movieId);
      const [watched, listed, rated] = first;
      await as(user).put(`/me/watched/${watched}`).expect(201);
      await as(user).put(`/me/watchlist/${listed}`).expect(201);
      await as(user).put(`/me/ratings/${rated}`, { rating: 3 }).expect(201);
      const next = ((await as(user).get("/me/recommendations?limit=50").expect(200)).body.items as Item[]).map((i) => i.movie.movieId);
      for (const id of [watched, listed, rated, ...SCI_FI.slice(0, 2)]) assert.ok(!next.includes(id!), `film ${id} is excluded`);
      // Reading recommendations changed nothing.
      assert.equal((await verifierDb().collection(`users/${user.uid}/watched`).get()).size, 1);
      assert.equal((await verifierDb().collection(`users/${user.uid}/watchlist`).get()).size, 1);
    });

    it("gives someone with no ratings well-rated popular films in their favourite genres", async () => {
      const user = await registerUser(app);
      await as(user)
        .patch("/me", { preferences: { favouriteGenres: ["Horror"] } })
        .expect(200);
      const res = await as(user).get("/me/recommendations?limit=5").expect(200);
      assert.equal(res.body.source, "cold-start");
      assert.equal(res.body.items.length, 5);
      for (const item of res.body.items as Item[]) {
        assert.ok(genresOf.get(item.movie.movieId)!.includes("Horror"));
        assert.deepEqual([item.reason.code, item.reason.genre], ["popular-in-genre", "Horror"]);
      }
    });

    it("filters by genre", async () => {
      const user = await registerUser(app);
      await rateAll(user, ROMANCE.slice(0, 3), 5);
      const res = await as(user).get("/me/recommendations?limit=8&genre=Comedy").expect(200);
      assert.equal(res.body.items.length, 8);
      for (const item of res.body.items as Item[]) assert.ok(item.movie.genres.includes("Comedy"));
    });

    it("lists films similar to a film, without the film itself, saying which came from content", async () => {
      const user = await registerUser(app);
      const res = await as(user).get("/movies/16/similar?limit=5").expect(200);
      assert.equal(res.body.source, "model");
      assert.equal(res.body.movie.title, "The Matrix");
      const items = res.body.items as Array<{ movie: { movieId: number; title: string }; similarity: number | null; basis: string }>;
      assert.equal(items.length, 5);
      assert.ok(items.every((i) => i.movie.movieId !== 16 && i.movie.title.length > 0));
      const rated = items.filter((i) => i.basis === "co-ratings");
      assert.ok(rated.length > 0, "films rated by the same people come first");
      assert.deepEqual(
        items.map((i) => i.basis),
        [...rated.map(() => "co-ratings"), ...items.slice(rated.length).map(() => "content")],
      );
      assert.deepEqual(
        rated.map((i) => i.similarity),
        [...rated.map((i) => i.similarity)].sort((a, b) => (b as number) - (a as number)),
      );
      assert.equal(res.body.note !== undefined, rated.length < 5, "a note exactly when content filled part of the list");
    });

    it("ranks films for the caller and friends, leaving out what anyone watched", async () => {
      const alice = await registerUser(app);
      const bob = await registerUser(app);
      // The canonical friendship exists once the request is accepted (the friend-list mirrors follow by trigger).
      await as(alice).post("/friends/requests", { uid: bob.uid }).expect(201);
      await as(bob).post(`/friends/requests/${alice.uid}_${bob.uid}/accept`).expect(200);
      await rateAll(alice, SCI_FI.slice(0, 3), 5);
      await rateAll(bob, ROMANCE.slice(0, 3), 5);
      const first = await as(alice)
        .post("/recommendations/group", { uids: [bob.uid], limit: 10 })
        .expect(200);
      assert.equal(first.body.source, "model");
      assert.deepEqual(first.body.members, [alice.uid, bob.uid]);
      assert.match(first.body.aggregation, /vetoed/);
      const items = first.body.items as Array<{ movie: { movieId: number }; predictedRating: { mean: number; min: number } }>;
      assert.ok(items.length > 0);
      for (const item of items) {
        assert.ok(![...SCI_FI.slice(0, 3), ...ROMANCE.slice(0, 3)].includes(item.movie.movieId), "nobody's rated films");
        assert.ok(item.predictedRating.min >= 2.5, "nobody is predicted to hate it");
      }
      const seen = items[0]!.movie.movieId;
      await as(bob).put(`/me/watched/${seen}`).expect(201);
      const next = await as(alice)
        .post("/recommendations/group", { uids: [bob.uid], limit: 10 })
        .expect(200);
      assert.ok(
        (next.body.items as Array<{ movie: { movieId: number } }>).every((i) => i.movie.movieId !== seen),
        "a film bob watched is left out",
      );
    });

    it("lets an administrator retrain now, and nobody else", async () => {
      const user = await registerUser(app);
      const refused = await as(user).post("/admin/recommender/retrain").expect(403);
      assert.equal(refused.body.error.code, "permission-denied");
      await verifierDb().doc(`users/${user.uid}`).update({ role: "admin" });
      const res = await as(user).post("/admin/recommender/retrain").expect(200);
      assert.equal(res.body.mode, "inline");
      assert.ok(["promoted", "rejected"].includes(res.body.outcome.status), JSON.stringify(res.body.outcome));
      const pointer = await verifierDb().doc("system/recommender").get();
      assert.equal(pointer.get("version"), res.body.outcome.liveVersion);
    });

    it("lets an administrator put a kept version back in service, records it, and nobody else", async () => {
      const user = await registerUser(app);
      const refused = await as(user).post("/admin/recommender/live", { version }).expect(403);
      assert.equal(refused.body.error.code, "permission-denied");
      await verifierDb().doc(`users/${user.uid}`).update({ role: "admin" });
      await as(user).post("/admin/recommender/live", { version: "../escape" }).expect(400);
      const missing = await as(user).post("/admin/recommender/live", { version: "20990101T000000000Z-none" }).expect(404);
      assert.equal(missing.body.error.code, "not-found");
      const before = (await verifierDb().doc("system/recommender").get()).get("version");
      const res = await as(user).post("/admin/recommender/live", { version, reason: "lists looked wrong" }).expect(200);
      assert.equal(res.body.version, version);
      assert.equal(res.body.previousVersion, before);
      assert.equal(res.body.kind, before === version || version > before ? "force-promote" : "rollback");
      assert.equal((await verifierDb().doc("system/recommender").get()).get("version"), version);
      const events = await verifierDb().collection("system/recommender/events").get();
      assert.ok(
        events.docs.some((d) => d.get("version") === version && d.get("by") === user.uid && d.get("reason") === "lists looked wrong"),
        "the event is recorded",
      );
      const list = await as(user).get("/me/recommendations?limit=3").expect(200);
      assert.equal(list.body.modelVersion, version, "serving follows the pointer");
    });
  });

  describe("bad input", () => {
    let user: RegisteredUser;
    before(async () => {
      user = await registerUser(app);
    });

    for (const limit of ["0", "51", "ten"]) {
      it(`refuses limit=${limit} with 400`, async () => {
        const res = await as(user).get(`/me/recommendations?limit=${limit}`).expect(400);
        assert.equal(res.body.error.code, "invalid-argument");
        assert.equal(res.body.error.details[0].path, "limit");
      });
    }

    it("refuses an unknown genre with 400", async () => {
      const res = await as(user).get("/me/recommendations?genre=Cartoons").expect(400);
      assert.equal(res.body.error.code, "invalid-argument");
    });

    it("refuses a group with someone who is not the caller's friend with 403, changing nothing", async () => {
      const stranger = await registerUser(app);
      const before = (await verifierDb().collection("friendships").get()).size;
      const res = await as(user)
        .post("/recommendations/group", { uids: [stranger.uid] })
        .expect(403);
      assert.equal(res.body.error.code, "permission-denied");
      assert.deepEqual(res.body.error.details, [{ path: "uids.0", message: "Not your friend" }]);
      assert.equal((await verifierDb().collection("friendships").get()).size, before);
    });

    it("refuses a group naming the caller, an empty group and unknown fields with 400", async () => {
      await as(user)
        .post("/recommendations/group", { uids: [user.uid] })
        .expect(400);
      await as(user).post("/recommendations/group", { uids: [] }).expect(400);
      await as(user)
        .post("/recommendations/group", { uids: ["abc"], extra: 1 })
        .expect(400);
    });

    it("answers /similar for an unknown film with 404 and a malformed id with 400", async () => {
      const res = await as(user).get("/movies/999999/similar").expect(404);
      assert.equal(res.body.error.code, "not-found");
      await as(user).get("/movies/abc/similar").expect(400);
    });

    it("requires a signed-in caller", async () => {
      await request(app).get("/v1/me/recommendations").expect(401);
      await request(app)
        .post("/v1/recommendations/group")
        .send({ uids: ["abc"] })
        .expect(401);
    });
  });
});
