import { Timestamp, type Firestore, type Transaction } from "firebase-admin/firestore";
import { COLLECTIONS } from "./collections";

/** How long a processed event is remembered; Eventarc stops retrying long before (TTL policy deletes it). */
export const PROCESSED_EVENT_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Applies a trigger's effect at most once per event id. Eventarc delivers at least once and keeps the id
 * across retries, so the marker `processedEvents/{eventId}` is created in the same transaction as the
 * effect: a retry after success finds the marker and does nothing; a failed attempt leaves neither.
 * `effect` must do all its reads before its writes (Firestore transaction rule).
 * Returns false when the event had already been applied.
 */
export async function applyOnce(
  db: Firestore,
  eventId: string,
  effect: (tx: Transaction) => Promise<void>,
  now: () => number = Date.now,
): Promise<boolean> {
  const marker = db.collection(COLLECTIONS.processedEvents).doc(eventId);
  return db.runTransaction(async (tx) => {
    if ((await tx.get(marker)).exists) return false;
    await effect(tx);
    tx.create(marker, {
      processedAt: Timestamp.fromMillis(now()),
      expireAt: Timestamp.fromMillis(now() + PROCESSED_EVENT_TTL_MS),
    });
    return true;
  });
}
