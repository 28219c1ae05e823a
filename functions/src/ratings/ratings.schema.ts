import { z } from "zod";
import { RATING_VALUES } from "../movies/movies.schema";
import { storedDateSchema } from "../shared/validation";

/** 0.5 to 5 in steps of 0.5; a number, never a string. */
export const ratingValueSchema = z
  .number()
  .refine((r) => (RATING_VALUES as readonly number[]).includes(r), "Must be 0.5 to 5 in steps of 0.5");

export const putRatingBodySchema = z.strictObject({ rating: ratingValueSchema });

/** A rating as stored in `ratings/{uid}_{movieId}`. `source: "import"` marks MovieLens demo ratings. */
export const storedRatingSchema = z.object({
  uid: z.string(),
  movieId: z.number().int().positive(),
  rating: ratingValueSchema,
  createdAt: storedDateSchema,
  updatedAt: storedDateSchema,
  source: z.literal("import").optional(),
});
export type StoredRating = z.infer<typeof storedRatingSchema>;

/** A rating as the API returns it. */
export interface RatingView {
  movieId: number;
  rating: number;
  createdAt: string;
  updatedAt: string;
}

export const ratingDocId = (uid: string, movieId: number): string => `${uid}_${movieId}`;
