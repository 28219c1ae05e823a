import { FieldValue, type Firestore } from "firebase-admin/firestore";
import { z } from "zod";
import { COLLECTIONS } from "./collections";
import type { CounterKey, CounterState, RateLimitStore } from "./rate-limiter";

const counterSchema = z.object({ count: z.number().int() });

/**
 * Rate limit counters in `rateLimits/{key}_{window}` (keys are HMACs, never addresses or emails), one
 * document per key and window (windows aligned to multiples of their length). A check is one batch of
 * blind increments (1 write per key) and one read of the counts (1 read per key): no transaction, so a
 * flood from one address never fails on lock contention, and concurrent requests may all be counted
 * before any of them reads (each then sees at least its own increment). Each document carries
 * `expiresAt`, the end of its window, for a Firestore TTL policy.
 */
export class FirestoreRateLimitStore implements RateLimitStore {
  constructor(private readonly db: Firestore) {}

  async increment(keys: readonly CounterKey[], now: Date): Promise<CounterState[]> {
    const windows = keys.map((k) => alignedWindow(now, k.windowSeconds));
    const refs = keys.map((k, i) => this.db.collection(COLLECTIONS.rateLimits).doc(`${k.id}_${windows[i].getTime()}`));
    const batch = this.db.batch();
    refs.forEach((ref, i) => {
      const expiresAt = new Date(windows[i].getTime() + keys[i].windowSeconds * 1000);
      batch.set(ref, { count: FieldValue.increment(1), windowStart: windows[i], expiresAt }, { merge: true });
    });
    await batch.commit();
    const snaps = await this.db.getAll(...refs);
    return snaps.map((snap, i) => {
      const parsed = counterSchema.safeParse(snap.data());
      return { count: parsed.success ? parsed.data.count : 1, windowStart: windows[i] };
    });
  }
}

/** The start of the window holding `now`: windows are aligned to multiples of their length. */
export function alignedWindow(now: Date, windowSeconds: number): Date {
  const ms = windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
}
