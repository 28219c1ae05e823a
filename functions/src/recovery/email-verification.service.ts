import type { ThrottleRepository } from "../auth/login-throttle";
import type { MailOutbox } from "../mail/mail.service";
import { emailVerificationMail } from "../mail/mail.templates";
import { sha256Hex } from "../shared/crypto";
import { AppError } from "../shared/errors";
import { log } from "../shared/logger";
import type { UserRepository } from "../users/users.repository";
import type { UserRecord } from "../users/users.schema";
import { countThisHour, secondsLeftThisHour } from "./hourly-counter";
import type { VerificationSent } from "./recovery.schema";
import { type AccountTokenRepository, invalidLink, issueToken, tokenStatus } from "./recovery.service";

/** Lifetime of a verification link and how often an account may ask for a new one. */
export interface EmailVerificationPolicy {
  tokenTtlMs: number;
  /** Links one account may ask to be re-sent per hour (429 beyond). The sign-up's own link does not count. */
  resendsPerHour: number;
}

export const DEFAULT_EMAIL_VERIFICATION_POLICY: EmailVerificationPolicy = {
  tokenTtlMs: 24 * 60 * 60 * 1000,
  resendsPerHour: 3,
};

export interface EmailVerificationOptions {
  users: UserRepository;
  tokens: AccountTokenRepository;
  /** Counters of the per-account resend limit (the sign-in throttle's TTL'd store). */
  counters: ThrottleRepository;
  outbox: MailOutbox;
  /** Opens the links of email changes, which share the verification page and route. */
  emailChange?: { confirm(hash: string): Promise<void> };
  /** Link origin and policy, read on first use (params have values only at run time). */
  settings: () => { linkOrigin: string; policy: EmailVerificationPolicy };
  now?: () => Date;
}

const HOUR_MS = 60 * 60 * 1000;

/** The answer to a resend. */
export const VERIFICATION_SENT: VerificationSent = { message: "A new link to confirm your address is on its way." };

/**
 * Email verification: a new password account gets a link with a single-use 256-bit token (stored only as
 * its SHA-256, valid 24 hours) bound to the blind index of the address it was sent to; opening it marks the
 * account's email verified, if the account still holds that address.
 */
export class EmailVerificationService {
  private readonly now: () => Date;
  private settingsRead?: { linkOrigin: string; policy: EmailVerificationPolicy };

  constructor(private readonly o: EmailVerificationOptions) {
    this.now = o.now ?? (() => new Date());
  }

  private get settings() {
    return (this.settingsRead ??= this.o.settings());
  }

  /** Mails a verification link for the user's current address; nothing for a verified or unindexed one. */
  async sendLink(user: UserRecord): Promise<void> {
    if (user.emailVerified || !user.email || !user.emailIndex) return;
    const now = this.now();
    const { tokenTtlMs } = this.settings.policy;
    const expiresAt = new Date(now.getTime() + tokenTtlMs);
    const token = await issueToken(this.o.tokens, {
      purpose: "email-verification",
      uid: user.uid,
      emailIndex: user.emailIndex,
      now,
      expiresAt,
    });
    await this.o.outbox.enqueue({
      to: user.email,
      kind: "email-verification",
      uid: user.uid,
      content: emailVerificationMail(`${this.settings.linkOrigin}/a/verify?token=${token}`, Math.round(tokenTtlMs / HOUR_MS)),
    });
    log.info("verification link queued", { uid: user.uid });
  }

  /**
   * Sends the signed-in user a new link; older links stop working. 409 `failed-precondition` when the
   * address is verified already or cannot be verified (no address); 429 beyond the hourly limit.
   */
  async resend(uid: string): Promise<VerificationSent> {
    const user = await this.o.users.findById(uid);
    if (!user) throw new AppError("unauthenticated", "The account no longer exists");
    if (user.emailVerified) throw new AppError("failed-precondition", "This account's email address is already verified");
    if (!user.email || !user.emailIndex)
      throw new AppError("failed-precondition", "This account has no address to verify here: change to it with PUT /v1/me/email");
    await limitVerificationMails(this.o.counters, uid, this.settings.policy.resendsPerHour, this.now());
    await this.o.tokens.deleteByUid(uid, "email-verification");
    await this.sendLink(user);
    return VERIFICATION_SENT;
  }

  /**
   * Marks the address verified with a link's token; the token then opens nothing again. An email change's link
   * (the same page and route) switches the account to the address it was sent to.
   */
  async verify(token: string): Promise<void> {
    const hash = sha256Hex(token);
    const found = await this.o.tokens.find(hash);
    if (found?.purpose === "email-change" && this.o.emailChange) return this.o.emailChange.confirm(hash);
    const status = tokenStatus(found, "email-verification", this.now());
    if (status !== "valid") throw invalidLink(status);
    const consumed = await this.o.tokens.consume(hash, "email-verification", this.now());
    if (consumed.status !== "valid") throw invalidLink(consumed.status);
    const { uid, emailIndex } = consumed.token;
    // The account may be gone or hold another address by now: the link verified only the one it was sent to.
    if (!emailIndex || !(await this.o.users.markEmailVerified(uid, emailIndex, this.now()))) throw invalidLink("unknown");
    await this.o.tokens.deleteByUid(uid, "email-verification", hash);
    log.info("email verified", { uid });
  }
}

/**
 * 429 once the account asked for `perHour` verification links (resends and email changes) in a fixed one-hour
 * window of the throttle store.
 */
export async function limitVerificationMails(counters: ThrottleRepository, uid: string, perHour: number, now: Date): Promise<void> {
  const state = await countThisHour(counters, `verify_mail_${uid}`, now);
  if (state.count > perHour) {
    throw new AppError("resource-exhausted", "Too many verification mails asked for; try again later", {
      retryAfterSeconds: secondsLeftThisHour(state, now),
    });
  }
}
