import type { Auth } from "firebase-admin/auth";
import { FieldPath, FieldValue, type Firestore } from "firebase-admin/firestore";
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

/** Firebase Auth's answer for a uid it does not know (already deleted: nothing to do). */
const isUserNotFound = (e: unknown) => typeof e === "object" && e !== null && (e as { code?: unknown }).code === "auth/user-not-found";

/**
 * Account deletion: the Firebase Auth users that Google/Apple sign-in created for the account. Their
 * uids were copied into the deletion request when the identities were removed with the account; an
 * identity linked before uids were recorded is found by its provider and the provider's own id. The
 * list is removed from the request once every user is gone. Idempotent: a user already gone is skipped.
 */
export class FirebaseAuthUsersEraser implements UserDataEraser {
  readonly name = "firebase-auth-users";

  constructor(
    private readonly db: Firestore,
    private readonly auth: () => Auth,
  ) {}

  async erase(uid: string): Promise<void> {
    const ref = this.db.collection(COLLECTIONS.accountDeletions).doc(uid);
    const snap = await ref.get();
    if (!snap.exists) return;
    const { authUsers } = storedAccountDeletionSchema.parse(snap.data());
    for (const user of authUsers) {
      const uids = user.firebaseUid
        ? [user.firebaseUid]
        : (await this.auth().getUsers([{ providerId: user.provider, providerUid: user.subject }])).users.map((u) => u.uid);
      for (const authUid of uids) {
        try {
          await this.auth().deleteUser(authUid);
        } catch (e: unknown) {
          if (!isUserNotFound(e)) throw e;
        }
      }
    }
    if (authUsers.length > 0) await ref.update({ authUsers: FieldValue.delete() });
  }
}
