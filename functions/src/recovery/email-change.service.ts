import type { Reauthentication } from "../auth/auth.service";
import type { ThrottleRepository } from "../auth/login-throttle";
import type { MailOutbox } from "../mail/mail.service";
import { emailChangedMail, emailChangeVerificationMail } from "../mail/mail.templates";
import { sha256Hex } from "../shared/crypto";
import { AppError } from "../shared/errors";
import { log } from "../shared/logger";
import { recentEmailChange, type EmailChangeStore, type UserRepository } from "../users/users.repository";
import { limitVerificationMails, type EmailVerificationPolicy } from "./email-verification.service";
import type { ChangeEmailInput, EmailChangeRequested } from "./recovery.schema";
import { type AccountTokenRepository, invalidLink, issueToken } from "./recovery.service";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** How long the old address can undo a change (and stays reserved for the account meanwhile). */
export const EMAIL_CHANGE_UNDO_WINDOW_MS = 7 * DAY_MS;

export interface EmailChangeOptions {
  users: UserRepository & EmailChangeStore;
  tokens: AccountTokenRepository;
  /** Counters of the per-account verification mail limit, shared with the resend of sign-up links. */
  counters: ThrottleRepository;
  outbox: MailOutbox;
  /** Proof of a recent sign-in: the password, or a fresh Google/Apple sign-in for an account without one. */
  reauth: { reauthenticate(uid: string, proof: Reauthentication): Promise<void> };
  /** The email blind index. */
  emailIndexOf: (email: string) => string;
  /** Mails a password reset link: an undo clears the password, which whoever made the change knew. */
  passwordReset: { mailLink(uid: string, email: string): Promise<void> };
  /** Ends the person's Firebase Auth sessions (the live room's sign-ins) when an undo ends the app's own. */
  endFirebaseSessions: (uid: string) => Promise<void>;
  /** Link origin and the verification policy (link lifetime, mails per hour), read on first use. */
  settings: () => { linkOrigin: string; policy: EmailVerificationPolicy };
  now?: () => Date;
}

/** Hides most of an address in a notice sent to another one: `j***@example.com`. */
export const maskEmail = (email: string) => {
  const at = email.lastIndexOf("@");
  return `${email.slice(0, Math.min(1, at))}***${email.slice(at)}`;
};

/**
 * Email change (OWASP's "changing a user's registered email address", with a verified new address):
 * 1. `request`: after proof of a recent sign-in, a link goes to the new address; the account keeps its address
 *    and the new one holds nothing until the link is opened.
 * 2. `confirm` (the link, through the verification route): the address switches, verified, in one transaction;
 *    the old address gets a notice with a link that undoes the change for 7 days, and stays reserved until then.
 * 3. `undo`: the old address comes back, every session and link ends, and the password is cleared with a reset
 *    link mailed to the old address (whoever made the change knew how to sign in).
 * While a change can still be undone no new change starts, so a second change cannot take the undo away.
 */
export class EmailChangeService {
  private readonly now: () => Date;
  private settingsRead?: { linkOrigin: string; policy: EmailVerificationPolicy };

  constructor(private readonly o: EmailChangeOptions) {
    this.now = o.now ?? (() => new Date());
  }

  private get settings() {
    return (this.settingsRead ??= this.o.settings());
  }

  async request(uid: string, input: ChangeEmailInput): Promise<EmailChangeRequested> {
    const { newEmail, ...proof } = input;
    await this.o.reauth.reauthenticate(uid, proof);
    const user = await this.o.users.findById(uid);
    if (!user) throw new AppError("unauthenticated", "The account no longer exists");
    const now = this.now();
    if (user.emailChangeUndoableUntil && user.emailChangeUndoableUntil > now) throw recentEmailChange(user.emailChangeUndoableUntil);
    const emailIndex = this.o.emailIndexOf(newEmail);
    if (emailIndex === user.emailIndex) {
      throw new AppError("invalid-argument", "That is already the account's address", {
        details: [{ path: "newEmail", message: "Same as the current address" }],
      });
    }
    // Counted before the address is looked at, so a signed-in account cannot probe addresses without limit.
    await limitVerificationMails(this.o.counters, uid, this.settings.policy.resendsPerHour, now);
    // The same answer as sign-up gives for a taken address (docs/DECISIONS.md); the switch checks again.
    if (!(await this.o.users.isEmailFree(emailIndex, new Date(now.getTime() - this.settings.policy.tokenTtlMs), now))) {
      throw new AppError("already-exists", "That email is already taken", { details: [{ path: "newEmail", message: "Already taken" }] });
    }
    await this.o.users.setPendingEmail(uid, newEmail, emailIndex, now);
    await this.o.tokens.deleteByUid(uid, "email-change");
    const { tokenTtlMs } = this.settings.policy;
    const expiresAt = new Date(now.getTime() + tokenTtlMs);
    const token = await issueToken(this.o.tokens, { purpose: "email-change", uid, emailIndex, now, expiresAt });
    await this.o.outbox.enqueue({
      to: newEmail,
      kind: "email-verification",
      uid,
      content: emailChangeVerificationMail(`${this.settings.linkOrigin}/a/verify?token=${token}`, Math.round(tokenTtlMs / HOUR_MS)),
    });
    log.info("email change asked; link queued to the new address", { uid });
    return { message: "Open the link we sent to the new address to switch to it.", pendingEmail: newEmail };
  }

  /** Opens an email-change link (the token's hash): switches the address and mails the undo link to the old one. */
  async confirm(hash: string): Promise<void> {
    const now = this.now();
    const consumed = await this.o.tokens.consume(hash, "email-change", now);
    if (consumed.status !== "valid") throw invalidLink(consumed.status);
    const { uid, emailIndex } = consumed.token;
    const undoUntil = new Date(now.getTime() + EMAIL_CHANGE_UNDO_WINDOW_MS);
    const switched = emailIndex
      ? await this.o.users.confirmEmailChange(uid, emailIndex, now, {
          undoUntil,
          takeUnverifiedBefore: new Date(now.getTime() - this.settings.policy.tokenTtlMs),
        })
      : undefined;
    // Gone, or the account asked for another address since: this link switches to nothing.
    if (!switched) throw invalidLink("unknown");
    await this.o.tokens.deleteByUid(uid, "email-change", hash);
    await this.o.tokens.deleteByUid(uid, "email-verification");
    log.info("email changed", { uid });
    if (!switched.previous) return;
    const { emailIndex: previousIndex } = switched.previous;
    const undo = await issueToken(this.o.tokens, {
      purpose: "email-change-undo",
      uid,
      emailIndex: previousIndex,
      now,
      expiresAt: undoUntil,
    });
    await this.o.outbox.enqueue({
      to: switched.previous.email,
      kind: "email-changed",
      uid,
      content: emailChangedMail(
        maskEmail(switched.email),
        `${this.settings.linkOrigin}/a/undo-email?token=${undo}`,
        EMAIL_CHANGE_UNDO_WINDOW_MS / DAY_MS,
      ),
    });
  }

  /** The undo link: the old address back, every session ended. 400 for a used, expired or unknown link. */
  async undo(token: string): Promise<void> {
    const hash = sha256Hex(token);
    const now = this.now();
    const consumed = await this.o.tokens.consume(hash, "email-change-undo", now);
    if (consumed.status !== "valid") throw invalidLink(consumed.status);
    const { uid, emailIndex } = consumed.token;
    const restored = emailIndex ? await this.o.users.undoEmailChange(uid, emailIndex, now) : undefined;
    if (!restored) throw invalidLink("unknown");
    await this.o.endFirebaseSessions(uid);
    // Every other link dies too: a reset link mailed to the address the change went to would let its holder back in.
    await this.o.tokens.deleteByUid(uid, undefined, hash);
    if (restored.hadPassword) await this.o.passwordReset.mailLink(uid, restored.email);
    log.info("email change undone; sessions ended, password cleared", { uid });
  }
}
