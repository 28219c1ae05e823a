import type { Firestore } from "firebase-admin/firestore";
import { COLLECTIONS } from "../shared/collections";
import type { DatabaseProbe } from "./health.service";

/** Probes Firestore with a single-document read (a missing document is still an answer). */
export class FirestoreProbe implements DatabaseProbe {
  constructor(private readonly db: Firestore) {}

  async ping(): Promise<void> {
    await this.db.collection(COLLECTIONS.system).doc("health").get();
  }
}
