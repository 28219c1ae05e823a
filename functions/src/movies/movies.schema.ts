import { z } from "zod";
import { GENRES } from "../shared/genres";
import { pageQuerySchema } from "../shared/pagination";

/** A film id in a path: digits only, as MovieLens numbers its films. */
export const movieIdParamSchema = z.object({
  movieId: z
    .string()
    .regex(/^[1-9]\d{0,8}$/, "Must be a positive whole number")
    .transform(Number),
});

export const MOVIE_SORTS = ["popularity", "rating"] as const;
export type MovieSort = (typeof MOVIE_SORTS)[number];

export const movieListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().min(1).max(100).optional(),
  genre: z.enum(GENRES).optional(),
  year: z.coerce.number().int().min(1870).max(2100).optional(),
  sort: z.enum(MOVIE_SORTS).default("popularity"),
});
export type MovieListQuery = z.infer<typeof movieListQuerySchema>;

/** Rating values the app accepts: 0.5 to 5 in steps of 0.5. */
export const RATING_VALUES = [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5] as const;

/** Histogram keys as stored (Firestore field names cannot hold the dot of "4.5"). */
export const histogramKey = (rating: number): string =>
  `r${Math.round(rating * 10)
    .toString()
    .padStart(2, "0")}`;

/** The catalogue entry as stored in `movies/{movieId}`. */
export const storedMovieSchema = z.object({
  movieId: z.number().int().positive(),
  title: z.string(),
  year: z.number().int().nullable(),
  genres: z.array(z.string()),
  imdbId: z.string().nullable(),
  tmdbId: z.number().int().nullable(),
  searchPrefixes: z.array(z.string()),
  ratingCount: z.number().int().default(0),
  ratingSum: z.number().default(0),
  ratingMean: z.number().nullable().default(null),
  ratingScore: z.number().default(0),
  histogram: z.record(z.string(), z.number()).default({}),
});
export type StoredMovie = z.infer<typeof storedMovieSchema>;

/** What the catalogue import and the demo seeder provide per film. */
export interface MovieInput {
  movieId: number;
  title: string;
  year: number | null;
  genres: string[];
  imdbId: string | null;
  tmdbId: number | null;
}

export interface RatingAggregates {
  count: number;
  mean: number | null;
  /** Count per rating value, keyed "0.5" to "5". */
  histogram: Record<string, number>;
}

export interface MovieDetails {
  posterUrl: string | null;
  overview: string | null;
  runtimeMinutes: number | null;
}

/** A film in a list. */
export interface MovieSummary {
  movieId: number;
  title: string;
  year: number | null;
  genres: string[];
  ratings: { count: number; mean: number | null };
}

/** The caller's own relation to a film. */
export interface MovieUserState {
  rating: number | null;
  watched: { watchedAt: string } | null;
  watchlist: { note: string | null; addedAt: string } | null;
}

/** GET /v1/movies/{movieId}. */
export interface MovieView {
  movieId: number;
  title: string;
  year: number | null;
  genres: string[];
  externalIds: { imdb: string | null; tmdb: number | null };
  ratings: RatingAggregates;
  details: MovieDetails | null;
  me: MovieUserState;
}
