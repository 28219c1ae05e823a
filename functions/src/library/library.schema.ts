import { z } from "zod";
import { ratingValueSchema } from "../ratings/ratings.schema";
import { storedDateSchema } from "../shared/validation";

/** Clock skew allowed between the phone and the server for "watched just now". */
export const WATCHED_AT_SKEW_MS = 5 * 60 * 1000;
export const MAX_NOTE_CHARACTERS = 280;

export const putWatchedBodySchema = z.strictObject({
  /** When the film was watched; defaults to now. Not in the future, not before films existed. */
  watchedAt: z.iso.datetime({ offset: true }).optional(),
  /** Rate the film at the same time. */
  rating: ratingValueSchema.optional(),
});

export const putWatchlistBodySchema = z.strictObject({
  note: z
    .string()
    .refine((s) => [...s].length <= MAX_NOTE_CHARACTERS, `At most ${MAX_NOTE_CHARACTERS} characters`)
    .nullable()
    .optional(),
});

export const storedWatchedSchema = z.object({
  movieId: z.number().int().positive(),
  watchedAt: storedDateSchema,
  createdAt: storedDateSchema,
  updatedAt: storedDateSchema,
});
export type StoredWatched = z.infer<typeof storedWatchedSchema>;

export const storedWatchlistSchema = z.object({
  movieId: z.number().int().positive(),
  note: z.string().nullable(),
  addedAt: storedDateSchema,
  updatedAt: storedDateSchema,
});
export type StoredWatchlistEntry = z.infer<typeof storedWatchlistSchema>;

export interface WatchedView {
  movieId: number;
  watchedAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface WatchlistView {
  movieId: number;
  note: string | null;
  addedAt: string;
  updatedAt: string;
}
