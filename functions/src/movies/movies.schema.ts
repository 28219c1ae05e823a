import { z } from "zod";
import { GENRES } from "../shared/genres";
import { pageQuerySchema, pageSchema } from "../shared/pagination";

/** A film id in a path: digits only, as MovieLens numbers its films. */
export const movieIdParamSchema = z.object({
  // Only plain digits become a number ("012", "1e3" and " 1" stay strings and are refused), and the contract
  // states an integer, so generated clients take a number.
  movieId: z.preprocess(
    (v) => (typeof v === "string" && /^[1-9]\d{0,8}$/.test(v) ? Number(v) : v),
    z.number({ error: "Must be a positive whole number" }).int().min(1).max(999_999_999),
  ),
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

const ratingMeanSchema = z.number().min(0.5).max(5).nullable().describe("Mean of the ratings, 2 decimals; null without ratings");

/** Count, mean and histogram of a film's ratings. */
export const ratingAggregatesSchema = z
  .object({
    count: z.number().int().min(0),
    mean: ratingMeanSchema,
    histogram: z.record(z.string(), z.number().int().min(0)).describe('Count per rating value, keys "0.5" to "5"'),
  })
  .meta({ id: "RatingAggregates" });
export type RatingAggregates = z.infer<typeof ratingAggregatesSchema>;

/** Poster, overview and runtime from The Movie Database, when configured. */
export const movieDetailsSchema = z
  .object({
    posterUrl: z.string().nullable(),
    overview: z.string().nullable(),
    runtimeMinutes: z.number().int().nullable(),
  })
  .meta({ id: "MovieDetails" });
export type MovieDetails = z.infer<typeof movieDetailsSchema>;

/** A film in a list. */
export const movieSummarySchema = z
  .object({
    movieId: z.number().int().positive(),
    title: z.string(),
    year: z.number().int().nullable(),
    genres: z.array(z.string()),
    ratings: z.object({ count: z.number().int().min(0), mean: ratingMeanSchema }),
  })
  .meta({ id: "MovieSummary" });
export type MovieSummary = z.infer<typeof movieSummarySchema>;

export const moviePageSchema = pageSchema(movieSummarySchema, "MoviePage");

/** The caller's own relation to a film. */
const movieUserStateSchema = z.object({
  rating: z.number().min(0.5).max(5).nullable(),
  watched: z.object({ watchedAt: z.iso.datetime() }).nullable(),
  watchlist: z.object({ note: z.string().nullable(), addedAt: z.iso.datetime() }).nullable(),
});

/** GET /v1/movies/{movieId}. */
export const movieSchema = z
  .object({
    movieId: z.number().int().positive(),
    title: z.string(),
    year: z.number().int().nullable(),
    genres: z.array(z.string()),
    externalIds: z.object({ imdb: z.string().nullable(), tmdb: z.number().int().nullable() }),
    ratings: ratingAggregatesSchema,
    details: movieDetailsSchema.nullable(),
    me: movieUserStateSchema,
  })
  .meta({ id: "Movie" });
export type MovieView = z.infer<typeof movieSchema>;
