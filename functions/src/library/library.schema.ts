import { z } from "zod";
import { ratingValueSchema } from "../ratings/ratings.schema";
import { pageSchema } from "../shared/pagination";
import { storedDateSchema } from "../shared/validation";

/** Clock skew allowed between the phone and the server for "watched just now". */
export const WATCHED_AT_SKEW_MS = 5 * 60 * 1000;
export const MAX_NOTE_CHARACTERS = 280;

export const putWatchedBodySchema = z.strictObject({
  /** When the film was watched; defaults to now. Not in the future, not before films existed. */
  watchedAt: z.iso
    .datetime({ offset: true })
    .optional()
    .describe("When the film was watched; defaults to now; not in the future, not before 1888"),
  /** Rate the film at the same time. */
  rating: ratingValueSchema.optional().describe("Rate the film at the same time"),
});

export const putWatchlistBodySchema = z.strictObject({
  note: z
    .string()
    .refine((s) => [...s].length <= MAX_NOTE_CHARACTERS, `At most ${MAX_NOTE_CHARACTERS} characters`)
    .nullable()
    .optional()
    .describe(`At most ${MAX_NOTE_CHARACTERS} characters, trimmed; left out, null or blank means no note (an update then clears it)`),
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

/** A diary entry as the API returns it. */
export const watchedSchema = z
  .object({
    movieId: z.number().int().positive(),
    watchedAt: z.iso.datetime().describe("When the film was watched"),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Watched" });
export type WatchedView = z.infer<typeof watchedSchema>;

/** PUT /v1/me/watched/{movieId}: the diary entry, and the rating when the request gave one. */
export const loggedWatchSchema = watchedSchema
  .extend({
    rating: z
      .number()
      .min(0.5)
      .max(5)
      .optional()
      .describe("The rating the request gave (0.5 to 5 in steps of 0.5); absent when it gave none"),
  })
  .meta({ id: "LoggedWatch" });

export const watchedPageSchema = pageSchema(watchedSchema, "WatchedPage");

/** A watchlist entry as the API returns it. */
export const watchlistEntrySchema = z
  .object({
    movieId: z.number().int().positive(),
    note: z.string().nullable().describe(`The caller's note, trimmed, at most ${MAX_NOTE_CHARACTERS} characters; null without one`),
    addedAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "WatchlistEntry" });
export type WatchlistView = z.infer<typeof watchlistEntrySchema>;

export const watchlistPageSchema = pageSchema(watchlistEntrySchema, "WatchlistPage");
