import assert from "node:assert/strict";
import type { Express } from "express";
import { Timestamp } from "firebase-admin/firestore";
import functionsTest from "firebase-functions-test";
import { onRatingFeedFanOut } from "../../src/feed/feed.triggers";
import type { MovieInput } from "../../src/movies/movies.schema";
import { makeTestApp, registerUser, type RegisteredUser } from "../helpers/accounts";
import { seedTestCatalogue } from "../helpers/catalogue-fixtures";
import { waitForEmulatorIdle } from "../helpers/emulator-log";
import { appDb, resetFirestore, verifierDb, waitFor } from "../helpers/emulators";
import { befriend, clientFor } from "../helpers/social";

const fft = functionsTest({ projectId: "demo-movie-night" });

/** This suite's own films, so trigger effects of other suites never touch them. */
const FILMS: MovieInput[] = Array.from({ length: 12 }, (_, i) => ({
  movieId: 9601 + i,
  title: `Social Film ${i + 1}`,
  year: 1990 + i,
  genres: ["Drama"],
  imdbId: null,
  tmdbId: null,
}));

interface FeedItem {
  id: string;
  kind: string;
  actor: { uid: string; handle: string };
  movie: { movieId: number; title: string };
  rating: number | null;
}

describe("activity feed, taste compatibility and account deletion (emulators)", function () {
  this.timeout(120_000);
  let app: Express;
  const db = () => verifierDb();
  const as = (user: RegisteredUser) => clientFor(app, user);
  const feedDocs = async (uid: string) => (await db().collection(`users/${uid}/feed`).get()).docs;
  const feedOf = async (user: RegisteredUser, query = "") =>
    (await as(user).get(`/feed${query}`).expect(200)).body as { items: FeedItem[]; nextCursor?: string };

  before(async () => {
    await resetFirestore();
    app = makeTestApp(appDb());
    await seedTestCatalogue(appDb(), FILMS);
  });

  after(() => fft.cleanup());

  it("shows friends' ratings, diary entries and watchlist additions, newest first, page by page, and nothing to others", async () => {
    const [ada, bob, cal] = await Promise.all([registerUser(app), registerUser(app), registerUser(app)]);
    await befriend(app, db(), ada, bob);
    await as(ada).put("/me/ratings/9601", { rating: 4.5 }).expect(201);
    await as(ada).put("/me/watchlist/9602", { note: "with Bob" }).expect(201);
    await as(ada).put("/me/watched/9603", {}).expect(201);
    await waitFor(async () => ((await feedDocs(bob.uid)).length === 3 ? true : undefined), { what: "three items in Bob's feed" });

    const feed = await feedOf(bob);
    assert.deepEqual(
      feed.items.map((i) => [i.kind, i.movie.movieId]),
      [
        ["watched", 9603],
        ["watchlist", 9602],
        ["rating", 9601],
      ],
    );
    assert.deepEqual(feed.items[2].actor, { uid: ada.uid, handle: ada.handle, displayName: ada.displayName });
    assert.equal(feed.items[2].rating, 4.5);
    assert.equal(feed.items[2].movie.title, "Social Film 1");

    const first = await feedOf(bob, "?limit=2");
    const second = await feedOf(bob, `?limit=2&cursor=${encodeURIComponent(first.nextCursor ?? "")}`);
    assert.deepEqual(
      [...first.items, ...second.items].map((i) => i.id),
      feed.items.map((i) => i.id),
    );
    assert.equal(second.nextCursor, undefined);

    assert.deepEqual((await feedOf(cal)).items, []);
    assert.deepEqual((await feedOf(ada)).items, []);
    await as(bob).get("/feed?limit=101").expect(400);
    await as(bob).get("/feed?cursor=bogus").expect(400);
    await as(bob)
      .get(
        `/feed?cursor=${encodeURIComponent((await as(bob).get("/friends?limit=1").expect(200)).body.nextCursor ?? "eyJrIjoiZnJpZW5kcyIsInYiOlsxXSwiaWQiOiJ4In0")}`,
      )
      .expect(400);
  });

  it("follows re-ratings and removals, and hides a friend who turns private at once", async () => {
    const [ada, bob] = await Promise.all([registerUser(app), registerUser(app)]);
    await befriend(app, db(), ada, bob);
    await as(ada).put("/me/ratings/9604", { rating: 2 }).expect(201);
    await waitFor(async () => ((await feedDocs(bob.uid)).length === 1 ? true : undefined), { what: "rating in feed" });
    await as(ada).put("/me/ratings/9604", { rating: 5 }).expect(200);
    await waitFor(async () => ((await feedDocs(bob.uid))[0]?.get("rating") === 5 ? true : undefined), { what: "re-rating in feed" });
    assert.equal((await feedOf(bob)).items.length, 1);

    await as(ada)
      .patch("/me", { preferences: { privacy: "private" } })
      .expect(200);
    assert.deepEqual((await feedOf(bob)).items, []);
    await as(ada)
      .patch("/me", { preferences: { privacy: "friends" } })
      .expect(200);
    assert.equal((await feedOf(bob)).items.length, 1);

    await as(ada).delete("/me/ratings/9604").expect(204);
    await waitFor(async () => ((await feedDocs(bob.uid)).length === 0 ? true : undefined), { what: "rating withdrawn from feed" });
  });

  it("does not fan out a private person's activity, and removes friends' items when the friendship ends", async () => {
    const [ada, bob, cal] = await Promise.all([registerUser(app), registerUser(app), registerUser(app)]);
    await befriend(app, db(), ada, bob);
    await befriend(app, db(), cal, bob);
    await as(cal)
      .patch("/me", { preferences: { privacy: "private" } })
      .expect(200);
    await as(cal).put("/me/ratings/9605", { rating: 3 }).expect(201);
    await as(ada).put("/me/ratings/9606", { rating: 3 }).expect(201);
    await as(bob).put("/me/ratings/9607", { rating: 4 }).expect(201);
    await waitFor(async () => ((await feedDocs(bob.uid)).length === 1 && (await feedDocs(ada.uid)).length === 1 ? true : undefined), {
      what: "fan-out",
    });
    await waitForEmulatorIdle(); // Cal's rating event has been handled too, whatever the order of runs
    assert.deepEqual(
      (await feedDocs(bob.uid)).map((d) => d.get("actorUid")),
      [ada.uid],
    );

    await as(bob).delete(`/friends/${ada.uid}`).expect(204);
    assert.deepEqual((await feedOf(bob)).items, []);
    await waitFor(async () => ((await feedDocs(bob.uid)).length === 0 && (await feedDocs(ada.uid)).length === 0 ? true : undefined), {
      what: "both feeds cleaned",
    });
  });

  it("applies a redelivered fan-out event once and ignores a superseded one", async () => {
    const [ada, bob] = await Promise.all([registerUser(app), registerUser(app)]);
    await befriend(app, db(), ada, bob);
    await as(ada).put("/me/ratings/9608", { rating: 4 }).expect(201);
    await waitFor(async () => ((await feedDocs(bob.uid)).length === 1 ? true : undefined), { what: "fan-out" });
    const stored = (await db().doc(`ratings/${ada.uid}_9608`).get()).data();
    const snapshot = (data?: Record<string, unknown>) => ({
      exists: data !== undefined,
      data: () => data,
      ref: { path: `ratings/${ada.uid}_9608` },
    });
    // The emulator's own run has fanned the rating out; take its item away so that what follows is the
    // wrapped runs' doing (a no-op trigger, or one that cannot read the event's snapshot, fails here).
    await waitForEmulatorIdle();
    await db().doc(`users/${bob.uid}/feed/rating_${ada.uid}_9608`).delete();
    const wrapped = fft.wrap(onRatingFeedFanOut);
    const current = { id: "feed-dup-1", data: fft.makeChange(snapshot(), snapshot(stored)), params: { ratingId: `${ada.uid}_9608` } };
    await wrapped(current as never);
    const once = (await feedDocs(bob.uid)).map((d) => [d.id, d.data()]);
    assert.deepEqual(
      once.map(([id, data]) => [id, (data as { rating: number }).rating]),
      [[`rating_${ada.uid}_9608`, 4]],
      "the wrapped run wrote the item",
    );
    await wrapped(current as never);
    const docs = await feedDocs(bob.uid);
    assert.deepEqual(
      docs.map((d) => [d.id, d.data()]),
      once,
      "redelivered events change nothing",
    );

    // An older state of the rating arriving late changes nothing.
    const old = { ...stored, rating: 1, updatedAt: Timestamp.fromMillis(Date.UTC(2020, 0, 1)) };
    await wrapped({ ...current, id: "feed-stale-1", data: fft.makeChange(snapshot(), snapshot(old)) } as never);
    assert.equal((await feedDocs(bob.uid))[0].get("rating"), 4);
    // A late delete event while the rating exists again removes nothing.
    await wrapped({ ...current, id: "feed-stale-2", data: fft.makeChange(snapshot(old), snapshot()) } as never);
    assert.equal((await feedDocs(bob.uid)).length, 1);
  });

  describe("GET /v1/friends/{uid}/compatibility", () => {
    it("scores two friends from the films both rated and lists the films both loved", async () => {
      const [ada, bob, cal] = await Promise.all([registerUser(app), registerUser(app), registerUser(app)]);
      await befriend(app, db(), ada, bob);
      const mine = [5, 4.5, 1, 2, 4, 3];
      const theirs = [5, 4, 1.5, 1, 4.5, 3];
      await Promise.all(
        mine.map((r, i) =>
          as(ada)
            .put(`/me/ratings/${9601 + i}`, { rating: r })
            .expect(201),
        ),
      );
      await Promise.all(
        theirs.map((r, i) =>
          as(bob)
            .put(`/me/ratings/${9601 + i}`, { rating: r })
            .expect(201),
        ),
      );
      await as(ada).put("/me/ratings/9612", { rating: 5 }).expect(201);

      const res = await as(ada).get(`/friends/${bob.uid}/compatibility`).expect(200);
      assert.equal(res.body.uid, bob.uid);
      assert.equal(res.body.commonFilms, 6);
      assert.equal(res.body.confidence, "medium");
      assert.ok(res.body.score > 60 && res.body.score <= 100, `score ${res.body.score}`);
      assert.deepEqual(
        res.body.bothLoved.map((f: { movieId: number }) => f.movieId),
        [9601, 9602, 9605],
      );
      assert.deepEqual(res.body.bothLoved[0], { movieId: 9601, title: "Social Film 1", year: 1990, yourRating: 5, theirRating: 5 });
      assert.equal((await as(bob).get(`/friends/${ada.uid}/compatibility`).expect(200)).body.score, res.body.score);

      assert.equal((await as(ada).get(`/friends/${cal.uid}/compatibility`).expect(403)).body.error.code, "permission-denied");
      await as(ada).get(`/friends/${ada.uid}/compatibility`).expect(400);
      await as(ada).get("/friends/bad_uid/compatibility").expect(400);
      await as(ada).get("/friends/NoSuchUser000000000/compatibility").expect(404);
      await as(bob)
        .patch("/me", { preferences: { privacy: "private" } })
        .expect(200);
      await as(ada).get(`/friends/${bob.uid}/compatibility`).expect(403);
    });

    it("has no score with no film in common", async () => {
      const [ada, bob] = await Promise.all([registerUser(app), registerUser(app)]);
      await befriend(app, db(), ada, bob);
      await as(ada).put("/me/ratings/9610", { rating: 5 }).expect(201);
      const res = await as(ada).get(`/friends/${bob.uid}/compatibility`).expect(200);
      assert.deepEqual(res.body, { uid: bob.uid, score: null, commonFilms: 0, confidence: "none", bothLoved: [] });
    });
  });

  it("deleting an account removes the person from friends' lists, feeds and notifications", async () => {
    const [ada, bob] = await Promise.all([registerUser(app), registerUser(app)]);
    await befriend(app, db(), ada, bob);
    const cal = await registerUser(app);
    await as(ada).post("/friends/requests", { uid: cal.uid }).expect(201);
    await as(ada).put("/me/ratings/9611", { rating: 4 }).expect(201);
    await waitFor(async () => ((await feedDocs(bob.uid)).length === 1 ? true : undefined), { what: "fan-out" });
    await waitFor(async () => ((await db().collection(`users/${cal.uid}/notifications`).get()).size === 1 ? true : undefined), {
      what: "request notification",
    });
    const exported = await as(ada).get("/me/export").expect(200);
    assert.deepEqual(
      exported.body.data.friends.friends.map((f: { uid: string }) => f.uid),
      [bob.uid],
    );
    assert.equal(exported.body.data.friends.requests.length, 1);

    await as(ada).delete("/me").send({ password: ada.password }).expect(204);
    await waitFor(
      async () => {
        const [friends, ids, feed, requests, calNotes, bobNotes, friendships] = await Promise.all([
          db().collection(`users/${bob.uid}/friends`).get(),
          db().doc(`users/${bob.uid}/social/friendIds`).get(),
          db().collection(`users/${bob.uid}/feed`).get(),
          db().collection("friendRequests").where("from", "==", ada.uid).get(),
          db().collection(`users/${cal.uid}/notifications`).get(),
          db().collection(`users/${bob.uid}/notifications`).where("actorUid", "==", ada.uid).get(),
          db().collection("friendships").where("uids", "array-contains", ada.uid).get(),
        ]);
        return friends.empty &&
          (ids.get("uids") as string[]).length === 0 &&
          feed.empty &&
          requests.empty &&
          calNotes.empty &&
          bobNotes.empty &&
          friendships.empty
          ? true
          : undefined;
      },
      { timeoutMs: 60_000, what: "the person gone from friends' lists, feeds and notifications" },
    );
    assert.deepEqual((await as(bob).get("/friends").expect(200)).body.items, []);
    assert.deepEqual((await as(bob).get("/feed").expect(200)).body.items, []);
    await as(bob).get(`/users/${ada.uid}`).expect(404);
    assert.equal((await db().collection(`users/${ada.uid}/friends`).get()).size, 0);
  });
});
