import type { Firestore } from "firebase-admin/firestore";
import { COLLECTIONS } from "../shared/collections";
import { readDoc } from "../shared/firestore";
import { type AttemptFailure, type MailDocument, mailDocumentSchema } from "./mail.schema";
import type { ClaimedMail, DeliveryOutcome, MailRepository, QueuedMailSummary } from "./mail.service";

const WRITE_CHUNK = 400;
/** Firestore's NOT_FOUND status: `update` of a document that is gone. */
const NOT_FOUND = 5;

/** The outbox, `mail/{id}`, in the Trigger Email extension's document format. */
export class FirestoreMailRepository implements MailRepository {
  constructor(private readonly db: Firestore) {}

  private get mail() {
    return this.db.collection(COLLECTIONS.mail);
  }

  async add(doc: MailDocument): Promise<string> {
    const ref = this.mail.doc();
    await ref.create(doc);
    return ref.id;
  }

  async claim(id: string, now: Date, leaseUntil: Date): Promise<ClaimedMail | "leased" | undefined> {
    const ref = this.mail.doc(id);
    return this.db.runTransaction(async (tx) => {
      const doc = readDoc(mailDocumentSchema, await tx.get(ref));
      if (!doc) return undefined;
      const delivery = doc.delivery ?? { state: "PENDING" as const, attempts: 0 };
      if (delivery.state === "PROCESSING" && (delivery.leaseExpireTime ?? now) > now) return "leased";
      if (delivery.state !== "PENDING" && delivery.state !== "RETRY" && delivery.state !== "PROCESSING") return undefined;
      tx.update(ref, {
        "delivery.state": "PROCESSING",
        "delivery.attempts": delivery.attempts,
        "delivery.startTime": now,
        "delivery.endTime": null,
        "delivery.leaseExpireTime": leaseUntil,
        "delivery.error": null,
      });
      return { to: doc.to, message: doc.message, kind: doc.kind, attempts: delivery.attempts };
    });
  }

  async recordFailure(id: string, failure: AttemptFailure, attempts: number, leaseUntil: Date): Promise<void> {
    const ref = this.mail.doc(id);
    await this.db.runTransaction(async (tx) => {
      const doc = readDoc(mailDocumentSchema, await tx.get(ref));
      if (!doc) return;
      tx.update(ref, {
        "delivery.attempts": attempts,
        "delivery.error": failure.error,
        "delivery.leaseExpireTime": leaseUntil,
        "delivery.failures": [...(doc.delivery?.failures ?? []), failure],
      });
    });
  }

  async complete(id: string, outcome: DeliveryOutcome): Promise<void> {
    const update: Record<string, unknown> = {
      "delivery.state": outcome.state,
      "delivery.attempts": outcome.attempts,
      "delivery.endTime": outcome.endTime,
      "delivery.leaseExpireTime": null,
      "delivery.error": outcome.error,
      "delivery.info": outcome.info,
      expireAt: outcome.expireAt,
    };
    if (outcome.state === "SUCCESS") {
      update["message.text"] = "";
      update["message.html"] = "";
    }
    try {
      await this.mail.doc(id).update(update);
    } catch (e: unknown) {
      // Erased meanwhile (account deletion): there is nothing left to record on.
      if (typeof e === "object" && e !== null && (e as { code?: unknown }).code === NOT_FOUND) return;
      throw e;
    }
  }

  async listByUid(uid: string): Promise<QueuedMailSummary[]> {
    const snap = await this.mail.where("uid", "==", uid).get();
    return snap.docs.map((d) => {
      const doc = readDoc(mailDocumentSchema, d);
      return { id: d.id, kind: doc.kind, createdAt: doc.createdAt, state: doc.delivery?.state ?? "PENDING" };
    });
  }

  async deleteByUid(uid: string): Promise<void> {
    for (;;) {
      const snap = await this.mail.where("uid", "==", uid).limit(WRITE_CHUNK).get();
      if (snap.empty) return;
      const batch = this.db.batch();
      for (const d of snap.docs) batch.delete(d.ref);
      await batch.commit();
    }
  }
}
