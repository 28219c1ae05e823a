/**
 * The deployed functions, and nothing else. Names are stable: renaming one deletes and recreates it.
 */
import type { Express } from "express";
import { setGlobalOptions } from "firebase-functions/v2";
import { onRequest } from "firebase-functions/v2/https";
import { MAX_INSTANCES, MIN_INSTANCES, REGION, SECRETS } from "./config/params";
import { makeDeps } from "./deps";
import { createApp } from "./api/app";

setGlobalOptions({ region: REGION, maxInstances: MAX_INSTANCES, minInstances: MIN_INSTANCES });

// Built on the first request, not at load: params and secrets can only be read at run time.
let app: Express | undefined;

/** The HTTPS API for the phone app (Express), served under /v1 through Hosting. */
export const api = onRequest({ invoker: "public", concurrency: 80, secrets: [...SECRETS] }, (req, res) => {
  app ??= createApp(makeDeps());
  app(req, res);
});

export { onAccountDeletionRequested } from "./users/users.triggers";
export { onRatingWritten } from "./ratings/ratings.triggers";
export { onWatchedWritten } from "./library/library.triggers";
export { onFriendRequestWritten, onFriendshipWritten } from "./friends/friends.triggers";
export { onRatingFeedFanOut, onWatchedFeedFanOut, onWatchlistFeedFanOut } from "./feed/feed.triggers";
export { retrainRecommender } from "./recommendations/recommendations.triggers";
export { expireMovieNights, onSwipeWritten, runScheduledNights } from "./nights/nights.triggers";
export { onMailQueued } from "./mail/mail.triggers";
