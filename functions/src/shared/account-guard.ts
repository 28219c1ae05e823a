import type { Firestore, Transaction } from "firebase-admin/firestore";
import { AppError } from "./errors";
import { COLLECTIONS } from "./collections";

/**
 * Inside a write transaction: refuses when the account is gone. A request authenticated just before
 * `DELETE /v1/me` could otherwise write after the deletion cascade erased the user's data, and the write
 * would outlive the account.
 */
export async function requireAccountIn(tx: Transaction, db: Firestore, uid: string): Promise<void> {
  if (!(await tx.get(db.collection(COLLECTIONS.users).doc(uid))).exists) {
    throw new AppError("unauthenticated", "The account no longer exists");
  }
}
