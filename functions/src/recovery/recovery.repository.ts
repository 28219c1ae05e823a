import type { Firestore } from "firebase-admin/firestore";
import { COLLECTIONS } from "../shared/collections";
import { readDoc } from "../shared/firestore";
import { type StoredAccountToken, storedAccountTokenSchema, type TokenPurpose } from "./recovery.schema";
import { type AccountTokenRepository, type ConsumeResult, tokenStatus } from "./recovery.service";

const WRITE_CHUNK = 400;

/** Single-use mail tokens, `accountTokens/{sha256(token)}`. */
export class FirestoreAccountTokenRepository implements AccountTokenRepository {
  constructor(private readonly db: Firestore) {}

  private get tokens() {
    return this.db.collection(COLLECTIONS.accountTokens);
  }

  async create(hash: string, token: StoredAccountToken): Promise<void> {
    await this.tokens.doc(hash).create(token);
  }

  async find(hash: string): Promise<StoredAccountToken | undefined> {
    return readDoc(storedAccountTokenSchema, await this.tokens.doc(hash).get());
  }

  async consume(hash: string, purpose: TokenPurpose, now: Date): Promise<ConsumeResult> {
    const ref = this.tokens.doc(hash);
    return this.db.runTransaction(async (tx) => {
      const token = readDoc(storedAccountTokenSchema, await tx.get(ref));
      const status = tokenStatus(token, purpose, now);
      if (status !== "valid") return { status };
      tx.update(ref, { usedAt: now });
      return { status, token: token! };
    });
  }

  async listByUid(uid: string): Promise<Array<StoredAccountToken>> {
    const snap = await this.tokens.where("uid", "==", uid).get();
    return snap.docs.map((d) => readDoc(storedAccountTokenSchema, d));
  }

  async deleteByUid(uid: string, purpose?: TokenPurpose, keep?: string): Promise<void> {
    // A person holds a handful of tokens at most: one read, then batches of deletes.
    let query = this.tokens.where("uid", "==", uid);
    if (purpose) query = query.where("purpose", "==", purpose);
    const refs = (await query.get()).docs.filter((d) => d.id !== keep).map((d) => d.ref);
    for (let i = 0; i < refs.length; i += WRITE_CHUNK) {
      const batch = this.db.batch();
      for (const ref of refs.slice(i, i + WRITE_CHUNK)) batch.delete(ref);
      await batch.commit();
    }
  }
}
