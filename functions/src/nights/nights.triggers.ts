import { onDocumentWritten } from "firebase-functions/v2/firestore";
import { onSchedule } from "firebase-functions/v2/scheduler";
import { COLLECTIONS, SUBCOLLECTIONS } from "../shared/collections";
import { log, withLogContext } from "../shared/logger";
import { runTrigger } from "../shared/triggers";
import { storedSwipeSchema } from "./nights.schema";
import type { NightsService } from "./nights.service";
import { triggerDeps } from "../trigger-deps";

/**
 * The swipe trigger over a given service: the deployed function passes the production one; integration
 * tests wrap one over their own wiring (to record pushes). Only a like can decide a match, so a pass or
 * a deleted swipe does nothing. Redelivered events are harmless: the match is recorded by film id and
 * its notifications carry a key per room and film.
 */
export function swipeTrigger(service: () => NightsService) {
  return onDocumentWritten({ document: `${COLLECTIONS.nights}/{nightId}/${SUBCOLLECTIONS.swipes}/{swipeId}`, retry: true }, (event) =>
    withLogContext({ eventId: event.id }, () =>
      runTrigger(event.id, "onSwipeWritten", async () => {
        const after = event.data?.after;
        if (!after?.exists) return;
        const swipe = storedSwipeSchema.safeParse(after.data());
        if (!swipe.success) {
          log.error("unreadable swipe ignored", { path: after.ref.path });
          return;
        }
        if (swipe.data.liked) await service().applySwipe(event.params.nightId, swipe.data.movieId);
      }),
    ),
  );
}

/** The hourly cleanup over a given service (tests drive it through `.run()`). Not retried: the next run catches up. */
export function expiryTrigger(service: () => NightsService) {
  return onSchedule({ schedule: "every 60 minutes", retryCount: 0 }, (event) =>
    withLogContext({ eventId: `${event.jobName ?? "manual"}@${event.scheduleTime}` }, async () => {
      await service().expireInactive();
    }),
  );
}

const production = () => triggerDeps().nights;

/** Detects a movie night's matches as swipes arrive and tells every member. */
export const onSwipeWritten = swipeTrigger(production);

/** Closes movie nights nobody touched for 24 hours, releasing their codes and members. */
export const expireMovieNights = expiryTrigger(production);
