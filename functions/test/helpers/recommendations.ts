import type { Firestore } from "firebase-admin/firestore";
import { demoRatings } from "../../src/demo/catalogue.seeder";
import { DEMO_MOVIES } from "../../src/demo/demo-catalogue";
import { FirestoreMovieRepository } from "../../src/movies/movies.repository";
import { FirestoreRatingAggregatesStore, FirestoreRatingRepository } from "../../src/ratings/ratings.repository";
import type { Rating } from "../../src/recsys/ratings";
import { waitFor } from "./emulators";

/** The embedded demo catalogue (313 films); films have no triggers, so this is quick and quiet. */
export async function seedDemoFilms(db: Firestore): Promise<void> {
  await new FirestoreMovieRepository(db).upsertCatalogue(
    DEMO_MOVIES.map((f) => ({ movieId: f.movieId, title: f.title, year: f.year, genres: f.genres, imdbId: null, tmdbId: null })),
  );
}

/** The 20 demo people's 1,313 ratings, as training data (kept in memory: no trigger runs). */
export function demoTrainingRatings(): Rating[] {
  return Array.from({ length: 20 }, (_, i) => demoRatings(i))
    .flat()
    .map((r) => ({ userId: r.uid, movieId: r.movieId, rating: r.rating }));
}

/**
 * Writes ratings to Firestore and recounts the films' aggregates. Each write wakes the rating triggers in
 * the Functions emulator, so tests keep these sets small (a few hundred) and drain them with
 * waitForRatingTriggers before the next test file.
 */
export async function seedRatings(db: Firestore, ratings: readonly Rating[]): Promise<void> {
  const at = new Date(Date.UTC(2026, 0, 1));
  await new FirestoreRatingRepository(db).upsertImported(ratings.map((r) => ({ uid: r.userId, movieId: r.movieId, rating: r.rating, at })));
  await new FirestoreRatingAggregatesStore(db).recountAll();
}

/**
 * Waits until the Functions emulator has worked through the rating triggers queued so far: writes one
 * rating (not an import) on a film and waits for its aggregate to count it. Call it at the end of a test
 * file that wrote ratings, so the next file's triggers are not queued behind these. Give each file its
 * own film: the next file's reset deletes this rating, and that deletion's event lands in its database.
 */
export async function drainRatingTriggers(db: Firestore, movieId: number): Promise<void> {
  const count = async () => Number((await db.doc(`movies/${movieId}`).get()).get("ratingCount") ?? 0);
  const before = await count();
  const at = new Date();
  await db.doc(`ratings/drain_${movieId}`).set({ uid: "drain", movieId, rating: 3, createdAt: at, updatedAt: at });
  await waitFor(async () => ((await count()) > before ? true : undefined), {
    timeoutMs: 240_000,
    intervalMs: 250,
    what: "the queued rating triggers",
  });
}
