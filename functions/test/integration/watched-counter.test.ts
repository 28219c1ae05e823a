import assert from "node:assert/strict";
import type { Express } from "express";
import functionsTest from "firebase-functions-test";
import { onWatchedWritten } from "../../src/library/library.triggers";
import type { MovieInput } from "../../src/movies/movies.schema";
import { makeTestApp, registerUser, type RegisteredUser } from "../helpers/accounts";
import { seedTestCatalogue } from "../helpers/catalogue-fixtures";
import { waitForEmulatorIdle } from "../helpers/emulator-log";
import { appDb, resetFirestore, verifierDb, waitFor } from "../helpers/emulators";
import { clientFor } from "../helpers/social";

const fft = functionsTest({ projectId: "demo-movie-night" });

/** This suite's own films. */
const FILMS: MovieInput[] = Array.from({ length: 4 }, (_, i) => ({
  movieId: 9701 + i,
  title: `Diary Film ${i + 1}`,
  year: 2000 + i,
  genres: ["Comedy"],
  imdbId: null,
  tmdbId: null,
}));

/** What the trigger reads of a snapshot. */
const snapshot = (path: string, data?: Record<string, unknown>) => ({ exists: data !== undefined, data: () => data, ref: { path } });

describe("the watched counter (onWatchedWritten through the emulator)", function () {
  this.timeout(120_000);
  let app: Express;
  const as = (user: RegisteredUser) => clientFor(app, user);
  /** The stored counter; a new account has none yet, which reads as 0 (as the profile shows it). */
  const counter = async (uid: string) =>
    ((await verifierDb().doc(`users/${uid}`).get()).get("counters.watched") as number | undefined) ?? 0;
  const countShown = async (viewer: RegisteredUser, uid: string) =>
    (await as(viewer).get(`/users/${uid}`).expect(200)).body.counts.watched as number;

  before(async () => {
    await resetFirestore();
    app = makeTestApp(appDb());
    await seedTestCatalogue(appDb(), FILMS);
  });

  after(() => fft.cleanup());

  it("counts diary entries as they are added and removed, and shows the count on the profile", async () => {
    const ada = await registerUser(app);
    assert.equal(await counter(ada.uid), 0);
    for (const film of FILMS.slice(0, 3)) await as(ada).put(`/me/watched/${film.movieId}`, {}).expect(201);
    await waitFor(async () => ((await counter(ada.uid)) === 3 ? true : undefined), { what: "three watched" });
    // Editing an entry that exists is not a new one.
    await as(ada).put(`/me/watched/${FILMS[0]!.movieId}`, { watchedAt: "2020-01-01T00:00:00Z" }).expect(200);
    await as(ada).delete(`/me/watched/${FILMS[1]!.movieId}`).expect(204);
    await waitForEmulatorIdle(); // every trigger run of those writes is over
    assert.equal(await counter(ada.uid), 2);
    assert.equal(await countShown(ada, ada.uid), 2);
  });

  it("applies a redelivered event once", async () => {
    const bob = await registerUser(app);
    await as(bob).put(`/me/watched/${FILMS[3]!.movieId}`, {}).expect(201);
    await waitFor(async () => ((await counter(bob.uid)) === 1 ? true : undefined), { what: "one watched" });
    await waitForEmulatorIdle();
    const path = `users/${bob.uid}/watched/${FILMS[3]!.movieId}`;
    const stored = (await verifierDb().doc(path).get()).data();
    // An event the emulator never delivered (its own id): applied once, however often it comes.
    const removal = {
      id: "watched-dup-1",
      data: fft.makeChange(snapshot(path, stored), snapshot(path)),
      params: { uid: bob.uid, movieId: String(FILMS[3]!.movieId) },
    };
    const wrapped = fft.wrap(onWatchedWritten);
    await wrapped(removal as never);
    assert.equal(await counter(bob.uid), 0, "the wrapped run applied its event");
    await wrapped(removal as never);
    await wrapped(removal as never);
    assert.equal(await counter(bob.uid), 0, "a redelivered event changes nothing");
  });
});
