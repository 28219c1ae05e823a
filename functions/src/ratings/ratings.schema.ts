import { z } from "zod";
import { RATING_VALUES } from "../movies/movies.schema";
import { pageSchema } from "../shared/pagination";
import { storedDateSchema } from "../shared/validation";

/** 0.5 to 5 in steps of 0.5; a number, never a string. */
export const ratingValueSchema = z.literal(RATING_VALUES, { error: "Must be 0.5 to 5 in steps of 0.5" });

export const putRatingBodySchema = z.strictObject({ rating: ratingValueSchema });

/** A rating as stored in `ratings/{uid}_{movieId}`. `source: "import"` marks MovieLens demo ratings. */
export const storedRatingSchema = z.object({
  uid: z.string(),
  movieId: z.number().int().positive(),
  rating: z.number().refine((r) => (RATING_VALUES as readonly number[]).includes(r), "Must be 0.5 to 5 in steps of 0.5"),
  createdAt: storedDateSchema,
  updatedAt: storedDateSchema,
  source: z.literal("import").optional(),
});
export type StoredRating = z.infer<typeof storedRatingSchema>;

/** A rating as the API returns it. */
export const ratingSchema = z
  .object({
    movieId: z.number().int().positive(),
    rating: z.number().min(0.5).max(5).describe("0.5 to 5 in steps of 0.5"),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Rating" });
export type RatingView = z.infer<typeof ratingSchema>;

export const ratingPageSchema = pageSchema(ratingSchema, "RatingPage");

export const ratingDocId = (uid: string, movieId: number): string => `${uid}_${movieId}`;
