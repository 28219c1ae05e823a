import { storedWatchedSchema, storedWatchlistSchema } from "../library/library.schema";
import { storedRatingSchema } from "../ratings/ratings.schema";
import { COLLECTIONS, SUBCOLLECTIONS } from "../shared/collections";
import { documentTrigger } from "../shared/triggers";
import { triggerDeps } from "../trigger-deps";
import { ratingState, watchedState, watchlistState } from "./feed.sources";

/**
 * Fans a rating out to the rater's friends' feeds (imported demo ratings are not activity). Listens
 * on the same documents as onRatingWritten, which keeps the aggregates.
 */
export const onRatingFeedFanOut = documentTrigger(
  { name: "onRatingFeedFanOut", document: `${COLLECTIONS.ratings}/{ratingId}`, schema: storedRatingSchema },
  async ({ before, after }, event) => {
    const subject = after ?? before;
    if (!subject || subject.source === "import") return;
    await triggerDeps().feed.applyActivityWrite(event.id, "rating", subject.uid, subject.movieId, after && ratingState(after));
  },
);

/** Fans a watched entry out to the person's friends' feeds. */
export const onWatchedFeedFanOut = documentTrigger(
  {
    name: "onWatchedFeedFanOut",
    document: `${COLLECTIONS.users}/{uid}/${SUBCOLLECTIONS.watched}/{movieId}`,
    schema: storedWatchedSchema,
  },
  async ({ before, after }, event) => {
    const subject = after ?? before;
    if (!subject) return;
    await triggerDeps().feed.applyActivityWrite(event.id, "watched", event.params.uid, subject.movieId, after && watchedState(after));
  },
);

/** Fans a watchlist addition out to the person's friends' feeds (a note edit is not news). */
export const onWatchlistFeedFanOut = documentTrigger(
  {
    name: "onWatchlistFeedFanOut",
    document: `${COLLECTIONS.users}/{uid}/${SUBCOLLECTIONS.watchlist}/{movieId}`,
    schema: storedWatchlistSchema,
  },
  async ({ before, after }, event) => {
    const subject = after ?? before;
    if (!subject || (before && after)) return;
    await triggerDeps().feed.applyActivityWrite(event.id, "watchlist", event.params.uid, subject.movieId, after && watchlistState(after));
  },
);
