import { COLLECTIONS, SUBCOLLECTIONS } from "../shared/collections";
import { documentTrigger, scheduledTrigger } from "../shared/triggers";
import { triggerDeps } from "../trigger-deps";
import type { LiveRoomPublisher } from "./nights.live";
import { storedSwipeSchema } from "./nights.schema";
import type { NightsService } from "./nights.service";

/**
 * The swipe trigger over a given service: the deployed function passes the production one; integration
 * tests wrap one over their own wiring (to record pushes). Only a like can decide a match; a first swipe
 * on a film also moves the member's progress, which goes to the room's live view (coalesced, see
 * LiveRoomPublisher). Redelivered events are harmless: the match is recorded by film id, its
 * notifications carry a key per room and film, and the live view is a projection of the room as it is.
 */
export function swipeTrigger(service: () => NightsService, live: () => LiveRoomPublisher = () => triggerDeps().live) {
  return documentTrigger(
    {
      name: "onSwipeWritten",
      document: `${COLLECTIONS.nights}/{nightId}/${SUBCOLLECTIONS.swipes}/{swipeId}`,
      schema: storedSwipeSchema,
    },
    async ({ before, after }, event) => {
      if (after?.liked) await service().applySwipe(event.params.nightId, after.movieId);
      else if (after) await service().applyPass(event.params.nightId, after.movieId);
      if (after && !before) await live().publishProgress(event.params.nightId);
    },
  );
}

/** The hourly cleanup over a given service (tests drive it through `.run()`). Not retried: the next run catches up. */
export function expiryTrigger(service: () => NightsService) {
  return scheduledTrigger("expireMovieNights", { schedule: "every 60 minutes" }, async () => {
    await service().expireInactive();
  });
}

/**
 * The scheduled nights job over a given service, at the run's scheduled time: tests drive it through
 * `.run({ scheduleTime })` with a clock of their own. Not retried: the next run catches up.
 */
export function scheduleTrigger(service: () => NightsService) {
  return scheduledTrigger("runScheduledNights", { schedule: "every 5 minutes", memory: "1GiB", timeoutSeconds: 300 }, async (event) => {
    await service().runSchedule(new Date(event.scheduleTime));
  });
}

const production = () => triggerDeps().nights;

/** Detects a movie night's matches as swipes arrive and tells every member. */
export const onSwipeWritten = swipeTrigger(production);

/** Closes movie nights nobody touched for 24 hours, releasing their codes and members. */
export const expireMovieNights = expiryTrigger(production);

/** Reminds people of scheduled movie nights, and starts (or cancels) them on time. */
export const runScheduledNights = scheduleTrigger(() => triggerDeps().scheduledNights());
