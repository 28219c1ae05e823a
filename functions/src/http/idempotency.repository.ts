import { type Firestore, Timestamp } from "firebase-admin/firestore";
import { COLLECTIONS } from "../shared/collections";
import type { IdempotencyRecord, IdempotencyStore, StoredResponse } from "./idempotency";

interface StoredKey {
  state: "pending" | "done";
  fingerprint: string;
  leaseUntil?: Timestamp;
  /** The response as JSON text: any body round-trips exactly, whatever Firestore makes of nested arrays. */
  response?: string;
  /** Deleted by a TTL policy after this; until it runs, an expired record is treated as absent. */
  expiresAt: Timestamp;
}

/** Idempotency-Key records in `idempotencyKeys/{id}`, claimed in a transaction so two retries cannot both run. */
export class FirestoreIdempotencyStore implements IdempotencyStore {
  constructor(private readonly db: Firestore) {}

  private ref(id: string) {
    return this.db.collection(COLLECTIONS.idempotencyKeys).doc(id);
  }

  claim(id: string, fingerprint: string, now: Date, leaseUntil: Date, expiresAt: Date): Promise<IdempotencyRecord | undefined> {
    const ref = this.ref(id);
    return this.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      const found = snap.data() as StoredKey | undefined;
      const live =
        found !== undefined &&
        found.expiresAt.toMillis() > now.getTime() &&
        (found.state === "done" || (found.leaseUntil?.toMillis() ?? 0) > now.getTime());
      if (live) {
        return found.state === "done"
          ? { state: "done", fingerprint: found.fingerprint, response: JSON.parse(found.response ?? "null") as StoredResponse }
          : { state: "pending", fingerprint: found.fingerprint, leaseUntil: (found.leaseUntil as Timestamp).toDate() };
      }
      const claim: StoredKey = {
        state: "pending",
        fingerprint,
        leaseUntil: Timestamp.fromDate(leaseUntil),
        expiresAt: Timestamp.fromDate(expiresAt),
      };
      tx.set(ref, claim);
      return undefined;
    });
  }

  async complete(id: string, fingerprint: string, response: StoredResponse, expiresAt: Date): Promise<void> {
    const done: StoredKey = { state: "done", fingerprint, response: JSON.stringify(response), expiresAt: Timestamp.fromDate(expiresAt) };
    await this.ref(id).set(done);
  }

  async release(id: string): Promise<void> {
    await this.ref(id).delete();
  }
}
