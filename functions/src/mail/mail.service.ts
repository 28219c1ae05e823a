import { AppError } from "../shared/errors";
import { log } from "../shared/logger";
import type { AttemptFailure, DeliveryInfo, MailContent, MailDocument, MailKind } from "./mail.schema";

/** A claimed message: what the sender needs, and how many attempts were made before this claim. */
export interface ClaimedMail {
  to: string;
  message: MailContent;
  kind: MailKind;
  attempts: number;
}

/** How a delivery ended, as recorded on the message. */
export interface DeliveryOutcome {
  state: "SUCCESS" | "ERROR";
  attempts: number;
  endTime: Date;
  error: string | null;
  info: DeliveryInfo | null;
  /** When the TTL policy may delete the message. */
  expireAt: Date;
}

/** What a queued message of an account looks like in its export (never the address or the body). */
export interface QueuedMailSummary {
  id: string;
  kind: MailKind;
  createdAt: Date;
  state: string;
}

/** The `mail` collection: the outbox. The repository is the only code that knows its path. */
export interface MailRepository {
  add(doc: MailDocument): Promise<string>;
  /**
   * Claims a message for delivery in one transaction: a PENDING or RETRY message (or one PROCESSING
   * whose lease has run out) becomes PROCESSING until `leaseUntil`. "leased" while another sender's lease
   * runs; undefined when there is nothing to send (delivered, failed, gone).
   */
  claim(id: string, now: Date, leaseUntil: Date): Promise<ClaimedMail | "leased" | undefined>;
  /** Records one failed attempt that will be retried, extending the lease. */
  recordFailure(id: string, failure: AttemptFailure, attempts: number, leaseUntil: Date): Promise<void>;
  /** Records the end of a delivery; a delivered message keeps no body (its links carry live tokens). */
  complete(id: string, outcome: DeliveryOutcome): Promise<void>;
  listByUid(uid: string): Promise<QueuedMailSummary[]>;
  deleteByUid(uid: string): Promise<void>;
}

/** A send that failed: `transient` when trying again later may succeed (4xx replies, network errors). */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
  ) {
    super(message);
    this.name = "MailSendError";
  }
}

/** Sends one message (SMTP through nodemailer in production and locally; fakes in unit tests). */
export interface MailTransport {
  send(to: string, content: MailContent): Promise<DeliveryInfo>;
}

/** How long a queued message may wait. */
export interface MailOutboxOptions {
  /** How long an undelivered message may wait before the TTL policy deletes it. */
  undeliveredRetentionMs: number;
  now?: () => Date;
}

/** What a service asks the outbox to send. */
export interface OutgoingMail {
  to: string;
  kind: MailKind;
  /** The account the message is about (export and deletion find it by this); null for none. */
  uid: string | null;
  content: MailContent;
}

/**
 * The port other services send mail through: it writes the message to the outbox (`mail`), and the
 * `onMailQueued` trigger (or the Trigger Email extension) delivers it. Writing is all a request does, so
 * an SMTP outage never fails or slows an API call.
 */
export class MailOutbox {
  private readonly now: () => Date;

  constructor(
    private readonly repo: MailRepository,
    private readonly options: MailOutboxOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async enqueue(mail: OutgoingMail): Promise<string> {
    const now = this.now();
    const id = await this.repo.add({
      to: mail.to,
      message: mail.content,
      kind: mail.kind,
      uid: mail.uid,
      createdAt: now,
      expireAt: new Date(now.getTime() + this.options.undeliveredRetentionMs),
    });
    log.info("mail queued", { mailId: id, kind: mail.kind, uid: mail.uid });
    return id;
  }
}

/** Retries and retention of delivery. */
export interface MailDeliveryPolicy {
  /** Attempts per claim, the first included. */
  maxAttempts: number;
  /** Wait before the second attempt; doubled for each further one (with jitter), up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long a claim holds the message beyond the current attempt's start. */
  leaseMs: number;
  /** How long a delivered (or failed) message stays before the TTL policy deletes it. */
  deliveredRetentionMs: number;
  failedRetentionMs: number;
}

export const DEFAULT_DELIVERY_POLICY: MailDeliveryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 2_000,
  maxDelayMs: 15_000,
  leaseMs: 120_000,
  deliveredRetentionMs: 60 * 60 * 1000,
  failedRetentionMs: 7 * 24 * 60 * 60 * 1000,
};

/** Email addresses in an error text become `<address>`: delivery records and logs hold no address. */
export function redactAddresses(text: string): string {
  return text.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, "<address>").slice(0, 500);
}

/** The wait before attempt `attempt + 1`: exponential with full jitter in its upper half. */
export function backoffDelayMs(policy: MailDeliveryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/**
 * Delivers queued messages: claims one in a transaction (so a redelivered trigger event sends nothing
 * twice; a duplicate is possible only if the process dies between the server's acceptance and the
 * record), sends it, retries transient failures with backoff itself (the emulator never redelivers
 * trigger events, and an event retry would not wait), and records each failure and the outcome.
 */
export class MailDeliveryService {
  private readonly now: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly repo: MailRepository,
    private readonly transport: MailTransport,
    private readonly policy: MailDeliveryPolicy = DEFAULT_DELIVERY_POLICY,
    seams: { now?: () => Date; sleep?: (ms: number) => Promise<void> } = {},
  ) {
    this.now = seams.now ?? (() => new Date());
    this.sleep = seams.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /**
   * Delivers message `id` if it is waiting; returns the state it ended in (undefined: nothing to send).
   * Throws `unavailable` while another sender's lease on it runs.
   */
  async deliver(id: string): Promise<"SUCCESS" | "ERROR" | undefined> {
    const claimed = await this.repo.claim(id, this.now(), this.leaseFromNow());
    // Another sender holds it (a duplicate event, or a sender that died): a transient error makes the event
    // come back later (triggers retry), by when the message is delivered or its lease is over.
    if (claimed === "leased") throw new AppError("unavailable", "Mail is held by another sender until its lease ends");
    if (!claimed) {
      log.debug("mail not claimable; skipped", { mailId: id });
      return undefined;
    }
    let attempts = claimed.attempts;
    for (;;) {
      attempts++;
      try {
        const info = await this.transport.send(claimed.to, claimed.message);
        const end = this.now();
        await this.repo.complete(id, {
          state: "SUCCESS",
          attempts,
          endTime: end,
          error: null,
          info,
          expireAt: new Date(end.getTime() + this.policy.deliveredRetentionMs),
        });
        log.info("mail delivered", { mailId: id, kind: claimed.kind, attempts });
        return "SUCCESS";
      } catch (e: unknown) {
        const transient = e instanceof MailSendError ? e.transient : false;
        const error = redactAddresses(e instanceof Error ? e.message : String(e));
        if (!transient || attempts >= this.policy.maxAttempts) {
          const end = this.now();
          await this.repo.complete(id, {
            state: "ERROR",
            attempts,
            endTime: end,
            error,
            info: null,
            expireAt: new Date(end.getTime() + this.policy.failedRetentionMs),
          });
          log.error("mail delivery failed", { mailId: id, kind: claimed.kind, attempts, transient, error });
          return "ERROR";
        }
        await this.repo.recordFailure(id, { at: this.now(), error, transient }, attempts, this.leaseFromNow());
        const delayMs = backoffDelayMs(this.policy, attempts);
        log.warn("mail delivery attempt failed; retrying", { mailId: id, kind: claimed.kind, attempts, delayMs, error });
        await this.sleep(delayMs);
      }
    }
  }

  private leaseFromNow(): Date {
    return new Date(this.now().getTime() + this.policy.leaseMs);
  }
}
