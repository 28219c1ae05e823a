import type { DocumentSnapshot } from "firebase-admin/firestore";
import { onDocumentWritten } from "firebase-functions/v2/firestore";
import { COLLECTIONS } from "../shared/collections";
import { log, withLogContext } from "../shared/logger";
import { runTrigger } from "../shared/triggers";
import { type StoredRating, storedRatingSchema } from "./ratings.schema";
import { triggerDeps } from "../trigger-deps";

/** A stored rating, or undefined when absent or unreadable (logged: retrying cannot fix bad data). */
export function readRating(snap: DocumentSnapshot | undefined, eventId: string): StoredRating | undefined {
  if (!snap?.exists) return undefined;
  const parsed = storedRatingSchema.safeParse(snap.data());
  if (!parsed.success) log.error("unreadable rating document ignored", { eventId, path: snap.ref.path });
  return parsed.success ? parsed.data : undefined;
}

/**
 * Keeps each film's rating aggregates and each user's rating counter. Retried on failure (transient
 * errors); the service applies every event once.
 */
export const onRatingWritten = onDocumentWritten({ document: `${COLLECTIONS.ratings}/{ratingId}`, retry: true }, (event) =>
  withLogContext({ eventId: event.id }, () =>
    runTrigger(event.id, "onRatingWritten", async () => {
      await triggerDeps().ratings.applyRatingWrite(
        event.id,
        readRating(event.data?.before, event.id),
        readRating(event.data?.after, event.id),
      );
    }),
  ),
);
