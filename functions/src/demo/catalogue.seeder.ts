import type { Firestore } from "firebase-admin/firestore";
import { FirestoreMovieRepository } from "../movies/movies.repository";
import { FirestoreRatingAggregatesStore, FirestoreRatingRepository } from "../ratings/ratings.repository";
import { DEMO_MOVIES, type DemoMovie } from "./demo-catalogue";
import type { DemoSeeder } from "./demo-seeder";

/** A small deterministic generator (mulberry32), so every seeding writes the same demo ratings. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Demo people and the genres they love; their ratings follow their taste, with noise. */
const DEMO_TASTES: ReadonlyArray<readonly string[]> = [
  ["Sci-Fi", "Action"],
  ["Drama", "Romance"],
  ["Horror", "Thriller"],
  ["Animation", "Children"],
  ["Comedy", "Romance"],
  ["Crime", "Film-Noir"],
  ["Western", "Adventure"],
  ["Documentary", "Drama"],
  ["Fantasy", "Adventure"],
  ["War", "Drama"],
  ["Musical", "Romance"],
  ["Mystery", "Thriller"],
  ["Sci-Fi", "Thriller"],
  ["Comedy", "Animation"],
  ["Action", "Crime"],
  ["Drama", "Mystery"],
  ["Horror", "Comedy"],
  ["Adventure", "Children"],
  ["Romance", "Musical"],
  ["Crime", "Drama"],
];

const DEMO_EPOCH = Date.UTC(2026, 0, 1);

/** The ratings of demo person `index`: about 40 films, loved genres rated high. */
export function demoRatings(index: number, movies: readonly DemoMovie[] = DEMO_MOVIES) {
  const rnd = random(1000 + index);
  const loves = new Set(DEMO_TASTES[index % DEMO_TASTES.length]);
  const ratings: Array<{ uid: string; movieId: number; rating: number; at: Date }> = [];
  for (const movie of movies) {
    const affinity = movie.genres.filter((g) => loves.has(g)).length;
    if (rnd() > (affinity > 0 ? 0.45 : 0.08)) continue;
    const base = affinity > 0 ? 3.5 + affinity * 0.5 : 2.5;
    const value = Math.min(5, Math.max(0.5, Math.round((base + (rnd() - 0.5) * 2) * 2) / 2));
    ratings.push({
      uid: `demo-${index + 1}`,
      movieId: movie.movieId,
      rating: value,
      at: new Date(DEMO_EPOCH + ratings.length * 3_600_000),
    });
  }
  return ratings;
}

/** The demo catalogue and the ratings of the demo people (who cannot sign in; they give the films a history). */
export const catalogueSeeder: DemoSeeder = {
  name: "catalogue",
  async seed(db: Firestore): Promise<string> {
    const movies = new FirestoreMovieRepository(db);
    const written = await movies.upsertCatalogue(
      DEMO_MOVIES.map((f) => ({ movieId: f.movieId, title: f.title, year: f.year, genres: f.genres, imdbId: null, tmdbId: null })),
    );
    const ratings = DEMO_TASTES.flatMap((_, i) => demoRatings(i));
    const ratingsWritten = await new FirestoreRatingRepository(db).upsertImported(ratings);
    await new FirestoreRatingAggregatesStore(db).recountAll();
    return `${DEMO_MOVIES.length} films (${written} written), ${ratings.length} ratings by ${DEMO_TASTES.length} demo people (${ratingsWritten} written)`;
  },
};
