import type { DocumentSnapshot } from "firebase-admin/firestore";
import { onDocumentWritten } from "firebase-functions/v2/firestore";
import type { z } from "zod";
import { storedWatchedSchema, storedWatchlistSchema } from "../library/library.schema";
import { storedRatingSchema } from "../ratings/ratings.schema";
import { COLLECTIONS, SUBCOLLECTIONS } from "../shared/collections";
import { log, withLogContext } from "../shared/logger";
import { ratingState, watchedState, watchlistState } from "./feed.sources";
import { triggerDeps } from "../trigger-deps";

const feed = () => triggerDeps().feed;

/** A document's data parsed with the schema, or undefined when absent or unreadable (logged). */
function read<S extends z.ZodType>(schema: S, snap: DocumentSnapshot | undefined, eventId: string): z.infer<S> | undefined {
  if (!snap?.exists) return undefined;
  const parsed = schema.safeParse(snap.data());
  if (!parsed.success) log.error("unreadable document ignored by the feed", { eventId, path: snap.ref.path });
  return parsed.success ? parsed.data : undefined;
}

/**
 * Fans a rating out to the rater's friends' feeds (imported demo ratings are not activity). Listens
 * on the same documents as onRatingWritten, which keeps the aggregates.
 */
export const onRatingFeedFanOut = onDocumentWritten({ document: `${COLLECTIONS.ratings}/{ratingId}`, retry: true }, (event) =>
  withLogContext({ eventId: event.id }, async () => {
    const before = read(storedRatingSchema, event.data?.before, event.id);
    const after = read(storedRatingSchema, event.data?.after, event.id);
    const subject = after ?? before;
    if (!subject || (after ?? before)?.source === "import") return;
    await feed().applyActivityWrite(event.id, "rating", subject.uid, subject.movieId, after && ratingState(after));
  }),
);

/** Fans a diary entry out to the person's friends' feeds. */
export const onWatchedFeedFanOut = onDocumentWritten(
  { document: `${COLLECTIONS.users}/{uid}/${SUBCOLLECTIONS.watched}/{movieId}`, retry: true },
  (event) =>
    withLogContext({ eventId: event.id }, async () => {
      const before = read(storedWatchedSchema, event.data?.before, event.id);
      const after = read(storedWatchedSchema, event.data?.after, event.id);
      const subject = after ?? before;
      if (!subject) return;
      await feed().applyActivityWrite(event.id, "watched", event.params.uid, subject.movieId, after && watchedState(after));
    }),
);

/** Fans a watchlist addition out to the person's friends' feeds (a note edit is not news). */
export const onWatchlistFeedFanOut = onDocumentWritten(
  { document: `${COLLECTIONS.users}/{uid}/${SUBCOLLECTIONS.watchlist}/{movieId}`, retry: true },
  (event) =>
    withLogContext({ eventId: event.id }, async () => {
      const before = read(storedWatchlistSchema, event.data?.before, event.id);
      const after = read(storedWatchlistSchema, event.data?.after, event.id);
      const subject = after ?? before;
      if (!subject || (before && after)) return;
      await feed().applyActivityWrite(event.id, "watchlist", event.params.uid, subject.movieId, after && watchlistState(after));
    }),
);
