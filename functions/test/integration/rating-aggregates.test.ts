import assert from "node:assert/strict";
import type { Express } from "express";
import { Timestamp } from "firebase-admin/firestore";
import functionsTest from "firebase-functions-test";
import request from "supertest";
import { onRatingWritten } from "../../src/ratings/ratings.triggers";
import { bearer, makeTestApp, registerUser, type RegisteredUser } from "../helpers/accounts";
import { seedTestCatalogue } from "../helpers/catalogue-fixtures";
import { appDb, resetFirestore, verifierDb, waitFor } from "../helpers/emulators";

const fft = functionsTest({ projectId: "demo-movie-night" });

/** Recount of a film's ratings straight from the ratings collection. */
async function recount(movieId: number) {
  const snap = await verifierDb().collection("ratings").where("movieId", "==", movieId).get();
  const values = snap.docs.map((d) => Number(d.get("rating")));
  return { count: values.length, sum: values.reduce((a, b) => a + b, 0) };
}

async function movieSummary(movieId: number) {
  const doc = await verifierDb().doc(`movies/${movieId}`).get();
  return {
    count: Number(doc.get("ratingCount")),
    sum: Number(doc.get("ratingSum")),
    histogram: doc.get("histogram") as Record<string, number>,
  };
}

describe("rating aggregates (Functions emulator triggers)", () => {
  let app: Express;
  let alice: RegisteredUser;

  before(async () => {
    await resetFirestore();
    app = makeTestApp(appDb());
    await seedTestCatalogue(appDb());
    alice = await registerUser(app);
  });

  after(() => fft.cleanup());

  const rate = (user: RegisteredUser, movieId: number, rating: number) =>
    request(app).put(`/v1/me/ratings/${movieId}`).set("Authorization", bearer(user.accessToken)).send({ rating });
  const unrate = (user: RegisteredUser, movieId: number) =>
    request(app).delete(`/v1/me/ratings/${movieId}`).set("Authorization", bearer(user.accessToken));

  it("keeps the film's aggregates and the user's counter as ratings are created, changed and deleted", async () => {
    await rate(alice, 9004, 4).expect(201);
    await waitFor(async () => ((await movieSummary(9004)).count === 1 ? true : undefined), { what: "count 1" });
    assert.deepEqual(await movieSummary(9004), { count: 1, sum: 4, histogram: { r40: 1 } });
    await waitFor(async () => ((await verifierDb().doc(`users/${alice.uid}`).get()).get("counters.ratings") === 1 ? true : undefined), {
      what: "user counter 1",
    });

    await rate(alice, 9004, 2.5).expect(200);
    await waitFor(async () => ((await movieSummary(9004)).sum === 2.5 ? true : undefined), { what: "sum 2.5" });
    assert.deepEqual((await movieSummary(9004)).histogram, { r25: 1, r40: 0 });

    await unrate(alice, 9004).expect(204);
    await waitFor(async () => ((await movieSummary(9004)).count === 0 ? true : undefined), { what: "count 0" });
    await waitFor(async () => ((await verifierDb().doc(`users/${alice.uid}`).get()).get("counters.ratings") === 0 ? true : undefined), {
      what: "user counter 0",
    });
    const film = await request(app).get("/v1/movies/9004").set("Authorization", bearer(alice.accessToken)).expect(200);
    assert.equal(film.body.ratings.count, 0);
  });

  it("ends exact after 50 people rate, re-rate and un-rate one film at once", async () => {
    const people = await Promise.all(Array.from({ length: 50 }, () => registerUser(app)));
    await Promise.all(
      people.map(async (p, i) => {
        await rate(p, 9001, 1 + (i % 5)).expect(201);
        if (i % 3 === 0) await rate(p, 9001, 0.5 + (i % 10) / 2).expect(200);
        if (i % 7 === 0) await unrate(p, 9001).expect(204);
      }),
    );
    const expected = await recount(9001);
    assert.equal(expected.count, 50 - Math.ceil(50 / 7));
    const settled = await waitFor(
      async () => {
        const s = await movieSummary(9001);
        return s.count === expected.count && Math.abs(s.sum - expected.sum) < 1e-9 ? s : undefined;
      },
      { timeoutMs: 60_000, what: "aggregates equal to a recount" },
    );
    assert.equal(
      Object.values(settled.histogram).reduce((a, b) => a + b, 0),
      expected.count,
    );
    const film = await request(app).get("/v1/movies/9001").set("Authorization", bearer(alice.accessToken)).expect(200);
    assert.equal(film.body.ratings.count, expected.count);
    assert.equal(film.body.ratings.mean, Math.round((expected.sum / expected.count) * 100) / 100);
  });

  it("applies a redelivered event once", async () => {
    const wrapped = fft.wrap(onRatingWritten);
    const at = Timestamp.fromMillis(Date.UTC(2026, 0, 1));
    // What the trigger reads of a snapshot (its helpers build them with the namespaced admin API, gone in v14).
    const snapshot = (data?: Record<string, unknown>) => ({
      exists: data !== undefined,
      data: () => data,
      ref: { path: "ratings/ghost_9005" },
    });
    const change = fft.makeChange(snapshot(), snapshot({ uid: "ghost", movieId: 9005, rating: 5, createdAt: at, updatedAt: at }));
    const event = { id: "duplicate-delivery-1", data: change, params: { ratingId: "ghost_9005" } };
    await wrapped(event as never);
    await wrapped(event as never);
    assert.deepEqual(await movieSummary(9005), { count: 1, sum: 5, histogram: { r50: 1 } });
    await wrapped({ ...event, id: "duplicate-delivery-2" } as never);
    assert.equal((await movieSummary(9005)).count, 2);
  });
});
