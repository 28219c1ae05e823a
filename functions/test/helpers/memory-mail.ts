/** In-memory outbox and account tokens for unit specs (same claim and token rules as Firestore's). */
import type { AttemptFailure, MailDocument } from "../../src/mail/mail.schema";
import type { ClaimedMail, DeliveryOutcome, MailRepository, QueuedMailSummary } from "../../src/mail/mail.service";
import type { StoredAccountToken, TokenPurpose } from "../../src/recovery/recovery.schema";
import { type AccountTokenRepository, type ConsumeResult, tokenStatus } from "../../src/recovery/recovery.service";

/** The outbox in memory, with the same claim rule as the Firestore repository. */
export class MemoryMail implements MailRepository {
  readonly docs = new Map<string, MailDocument>();
  private next = 1;

  async add(doc: MailDocument): Promise<string> {
    const id = `m${this.next++}`;
    this.docs.set(id, structuredClone(doc));
    return id;
  }
  async claim(id: string, now: Date, leaseUntil: Date): Promise<ClaimedMail | "leased" | undefined> {
    const doc = this.docs.get(id);
    if (!doc) return undefined;
    const d = doc.delivery ?? { state: "PENDING" as const, attempts: 0 };
    if (d.state === "PROCESSING" && (d.leaseExpireTime ?? now) > now) return "leased";
    if (d.state !== "PENDING" && d.state !== "RETRY" && d.state !== "PROCESSING") return undefined;
    doc.delivery = { ...d, state: "PROCESSING", startTime: now, leaseExpireTime: leaseUntil, error: null };
    return { to: doc.to, message: doc.message, kind: doc.kind, attempts: d.attempts };
  }
  async recordFailure(id: string, failure: AttemptFailure, attempts: number, leaseUntil: Date): Promise<void> {
    const doc = this.docs.get(id)!;
    doc.delivery = {
      ...doc.delivery!,
      attempts,
      error: failure.error,
      leaseExpireTime: leaseUntil,
      failures: [...(doc.delivery!.failures ?? []), failure],
    };
  }
  async complete(id: string, o: DeliveryOutcome): Promise<void> {
    const doc = this.docs.get(id)!;
    doc.delivery = {
      ...doc.delivery!,
      state: o.state,
      attempts: o.attempts,
      endTime: o.endTime,
      error: o.error,
      info: o.info,
      leaseExpireTime: null,
    };
    doc.expireAt = o.expireAt;
    if (o.state === "SUCCESS") doc.message = { ...doc.message, text: "", html: "" };
  }
  async listByUid(uid: string): Promise<QueuedMailSummary[]> {
    return [...this.docs]
      .filter(([, d]) => d.uid === uid)
      .map(([id, d]) => ({ id, kind: d.kind, createdAt: d.createdAt, state: d.delivery?.state ?? "PENDING" }));
  }
  async deleteByUid(uid: string): Promise<void> {
    for (const [id, d] of this.docs) if (d.uid === uid) this.docs.delete(id);
  }
}

/** Account tokens in memory. */
export class MemoryAccountTokens implements AccountTokenRepository {
  readonly docs = new Map<string, StoredAccountToken>();
  async create(hash: string, token: StoredAccountToken): Promise<void> {
    if (this.docs.has(hash)) throw new Error("exists");
    this.docs.set(hash, { ...token });
  }
  async find(hash: string): Promise<StoredAccountToken | undefined> {
    const t = this.docs.get(hash);
    return t && { ...t };
  }
  async consume(hash: string, purpose: TokenPurpose, now: Date): Promise<ConsumeResult> {
    const token = this.docs.get(hash);
    const status = tokenStatus(token, purpose, now);
    if (status !== "valid") return { status };
    token!.usedAt = now;
    return { status, token: { ...token! } };
  }
  async listByUid(uid: string): Promise<StoredAccountToken[]> {
    return [...this.docs.values()].filter((t) => t.uid === uid);
  }
  async deleteByUid(uid: string, purpose?: TokenPurpose, keep?: string): Promise<void> {
    for (const [k, t] of this.docs) if (t.uid === uid && (!purpose || t.purpose === purpose) && k !== keep) this.docs.delete(k);
  }
}
