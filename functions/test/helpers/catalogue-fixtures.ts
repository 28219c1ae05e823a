import type { Firestore } from "firebase-admin/firestore";
import { FirestoreMovieRepository } from "../../src/movies/movies.repository";
import type { MovieInput } from "../../src/movies/movies.schema";

/** A small catalogue for tests: titles with accents, articles and shared words; ids from 9001. */
export const TEST_FILMS: MovieInput[] = [
  { movieId: 9001, title: "Amélie", year: 2001, genres: ["Comedy", "Romance"], imdbId: "tt0211915", tmdbId: 194 },
  {
    movieId: 9002,
    title: "The Lord of the Rings: The Two Towers",
    year: 2002,
    genres: ["Adventure", "Fantasy"],
    imdbId: null,
    tmdbId: null,
  },
  {
    movieId: 9003,
    title: "The Lord of the Rings: The Return of the King",
    year: 2003,
    genres: ["Adventure", "Fantasy"],
    imdbId: null,
    tmdbId: null,
  },
  { movieId: 9004, title: "Toy Story", year: 1995, genres: ["Animation", "Children", "Comedy"], imdbId: "tt0114709", tmdbId: 862 },
  { movieId: 9005, title: "Toy Story 2", year: 1999, genres: ["Animation", "Children", "Comedy"], imdbId: null, tmdbId: null },
  { movieId: 9006, title: "Alien", year: 1979, genres: ["Horror", "Sci-Fi"], imdbId: null, tmdbId: null },
  { movieId: 9007, title: "Aliens", year: 1986, genres: ["Action", "Horror", "Sci-Fi"], imdbId: null, tmdbId: null },
  { movieId: 9008, title: "Léon: The Professional", year: 1994, genres: ["Action", "Crime", "Drama"], imdbId: null, tmdbId: null },
  ...Array.from({ length: 22 }, (_, i): MovieInput => ({
    movieId: 9100 + i,
    title: `Filler Film ${i}`,
    year: 2000 + (i % 3),
    genres: i % 2 === 0 ? ["Drama"] : ["Comedy"],
    imdbId: null,
    tmdbId: null,
  })),
];

export async function seedTestCatalogue(db: Firestore, films: readonly MovieInput[] = TEST_FILMS): Promise<void> {
  await new FirestoreMovieRepository(db).upsertCatalogue(films);
}
