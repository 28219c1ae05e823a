import { FieldPath, type Firestore } from "firebase-admin/firestore";
import { deleteMatching } from "../auth/auth.repository";
import { COLLECTIONS } from "../shared/collections";
import { storedAccountDeletionSchema } from "./users.schema";
import type { AccountDeletionRepository, DeletionProgress } from "./account-deletion.service";
import type { UserDataEraser } from "./user-data-erasers";

/** Deletion requests in `accountDeletions/{uid}` (no personal data: the uid, times and progress). */
export class FirestoreAccountDeletionRepository implements AccountDeletionRepository {
  constructor(private readonly db: Firestore) {}

  private ref = (uid: string) => this.db.collection(COLLECTIONS.accountDeletions).doc(uid);

  async progress(uid: string): Promise<DeletionProgress | undefined> {
    const snap = await this.ref(uid).get();
    if (!snap.exists) return undefined;
    const parsed = storedAccountDeletionSchema.parse(snap.data());
    return { status: parsed.status, erased: Object.keys(parsed.erased) };
  }

  async markErased(uid: string, eraser: string, at: Date): Promise<void> {
    // FieldPath: eraser names may contain characters a dotted path would misread.
    await this.updateIfPresent(uid, new FieldPath("erased", eraser), at);
  }

  async markDone(uid: string, at: Date): Promise<void> {
    await this.db.runTransaction(async (tx) => {
      const snap = await tx.get(this.ref(uid));
      if (snap.exists) tx.update(snap.ref, { status: "done", completedAt: at });
    });
  }

  private async updateIfPresent(uid: string, field: FieldPath, value: Date): Promise<void> {
    await this.db.runTransaction(async (tx) => {
      const snap = await tx.get(this.ref(uid));
      if (snap.exists) tx.update(snap.ref, field, value);
    });
  }
}

/**
 * The final eraser: the account's own tree. `users/{uid}` with every subcollection under it, and any
 * handle, email index or identity still pointing at the uid (normally gone with the request already).
 */
export class AccountTreeEraser implements UserDataEraser {
  readonly name = "account";

  constructor(private readonly db: Firestore) {}

  async erase(uid: string): Promise<void> {
    await this.db.recursiveDelete(this.db.collection(COLLECTIONS.users).doc(uid));
    for (const collection of [COLLECTIONS.handles, COLLECTIONS.emailIndex, COLLECTIONS.identities]) {
      await deleteMatching(this.db, this.db.collection(collection).where("uid", "==", uid));
    }
  }
}
