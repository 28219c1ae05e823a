import { z } from "zod";
import { personSchema } from "../friends/friends.schema";
import { pageSchema } from "../shared/pagination";
import { storedDateSchema } from "../shared/validation";

/** What friends see: ratings, watched entries, watchlist additions. */
export const FEED_KINDS = ["rating", "watched", "watchlist"] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

/** The id of a feed item (the same in every friend's feed): one per person, kind and film. */
export const feedItemId = (kind: FeedKind, actorUid: string, movieId: number): string => `${kind}_${actorUid}_${movieId}`;

/** A feed item as stored in `users/{uid}/feed/{kind}_{actorUid}_{movieId}`. */
export const storedFeedItemSchema = z.object({
  actorUid: z.string(),
  kind: z.enum(FEED_KINDS),
  movieId: z.number().int().positive(),
  title: z.string(),
  year: z.number().int().nullable(),
  rating: z.number().nullable(),
  watchedAt: storedDateSchema.nullable(),
  /** When the activity happened (what the feed is ordered by). */
  at: storedDateSchema,
  /** Equal to the document id: lets one collection group query find the item in every feed. */
  sourceKey: z.string(),
  /** Firestore's TTL policy deletes the item after this time. */
  expireAt: storedDateSchema,
});
export type StoredFeedItem = z.infer<typeof storedFeedItemSchema>;

/** A feed item about to be fanned out (dates as Dates; the repository converts them). */
export interface NewFeedItem {
  actorUid: string;
  kind: FeedKind;
  movieId: number;
  title: string;
  year: number | null;
  rating: number | null;
  watchedAt: Date | null;
  at: Date;
  expireAt: Date;
}

/** The state of the activity behind a feed item, as the trigger event or the source document says. */
export interface ActivityState {
  at: Date;
  rating: number | null;
  watchedAt: Date | null;
}

/** An item of GET /v1/feed: what a friend did with a film. */
export const feedItemSchema = z
  .object({
    id: z.string(),
    kind: z.enum(FEED_KINDS).describe("A rating, a diary entry or a watchlist addition"),
    actor: personSchema.describe("The friend who did it"),
    movie: z.object({ movieId: z.number().int().positive(), title: z.string(), year: z.number().int().nullable() }),
    rating: z.number().min(0.5).max(5).nullable().describe("The stars, for a rating; null otherwise"),
    watchedAt: z.iso.datetime().nullable().describe("When the film was watched, for a diary entry; null otherwise"),
    at: z.iso.datetime().describe("When it happened (the feed's order)"),
  })
  .meta({ id: "FeedItem" });
export type FeedItemView = z.infer<typeof feedItemSchema>;

export const feedPageSchema = pageSchema(feedItemSchema, "FeedPage");
