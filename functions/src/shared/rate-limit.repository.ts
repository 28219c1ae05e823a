import type { Firestore } from "firebase-admin/firestore";
import { z } from "zod";
import { COLLECTIONS } from "./collections";
import type { CounterKey, CounterState, RateLimitStore } from "./rate-limiter";
import { storedDateSchema } from "./validation";

const counterSchema = z.object({ count: z.number().int(), windowStart: storedDateSchema });

/**
 * Rate limit counters in `rateLimits/{key}` (keys are HMACs, never addresses or emails): one
 * transaction per request reads and writes every key it counts against (1 read and 1 write per key).
 * Each document carries `expiresAt`, the end of its window, for a Firestore TTL policy.
 */
export class FirestoreRateLimitStore implements RateLimitStore {
  constructor(private readonly db: Firestore) {}

  increment(keys: readonly CounterKey[], now: Date): Promise<CounterState[]> {
    const refs = keys.map((k) => this.db.collection(COLLECTIONS.rateLimits).doc(k.id));
    return this.db.runTransaction(async (tx) => {
      const snaps = await tx.getAll(...refs);
      return snaps.map((snap, i) => {
        const windowMs = keys[i].windowSeconds * 1000;
        const parsed = snap.exists ? counterSchema.safeParse(snap.data()) : undefined;
        const cur = parsed?.success ? parsed.data : undefined;
        const fresh = !cur || now.getTime() - cur.windowStart.getTime() >= windowMs;
        const next = fresh ? { count: 1, windowStart: now } : { count: cur.count + 1, windowStart: cur.windowStart };
        tx.set(refs[i], { ...next, expiresAt: new Date(next.windowStart.getTime() + windowMs) });
        return next;
      });
    });
  }
}
