import type { LoginThrottle, ThrottleRepository } from "../auth/login-throttle";
import { assertAcceptablePassword, type PasswordHasher } from "../auth/password";
import type { MailOutbox } from "../mail/mail.service";
import { passwordResetMail } from "../mail/mail.templates";
import type { SecurityNotices } from "../mail/security-notices";
import { randomToken, sha256Hex } from "../shared/crypto";
import { AppError } from "../shared/errors";
import { log } from "../shared/logger";
import type { UserRepository } from "../users/users.repository";
import { countThisHour, secondsLeftThisHour } from "./hourly-counter";
import type { PasswordResetAccepted, PasswordResetConfirmInput, StoredAccountToken, TokenPurpose } from "./recovery.schema";

/** A token's standing: valid, or why it opens nothing. */
export type TokenStatus = "valid" | "unknown" | "used" | "expired";
export type ConsumeResult = { status: "valid"; token: StoredAccountToken } | { status: Exclude<TokenStatus, "valid"> };

/** Single-use tokens of mail links, stored by the SHA-256 of the token. */
export interface AccountTokenRepository {
  create(hash: string, token: StoredAccountToken): Promise<void>;
  find(hash: string): Promise<StoredAccountToken | undefined>;
  /** Marks the token used in one transaction if it is valid for the purpose (so it opens its action once). */
  consume(hash: string, purpose: TokenPurpose, now: Date): Promise<ConsumeResult>;
  listByUid(uid: string): Promise<StoredAccountToken[]>;
  /** Deletes the user's tokens (of one purpose, or all), except the one whose hash is `keep`. */
  deleteByUid(uid: string, purpose?: TokenPurpose, keep?: string): Promise<void>;
}

/**
 * Issues a single-use mail token: 32 random bytes, of which only the SHA-256 is stored, with what it is for, whose
 * it is, until when, and (address links) the blind index of the address it is about. Returns the token for the link.
 */
export async function issueToken(
  tokens: AccountTokenRepository,
  t: { purpose: TokenPurpose; uid: string; emailIndex?: string; now: Date; expiresAt: Date },
): Promise<string> {
  const token = randomToken(32);
  await tokens.create(sha256Hex(token), {
    purpose: t.purpose,
    uid: t.uid,
    ...(t.emailIndex === undefined ? {} : { emailIndex: t.emailIndex }),
    createdAt: t.now,
    expiresAt: t.expiresAt,
    usedAt: null,
  });
  return token;
}

/** Why a token does (not) open its action: one rule for every repository. */
export function tokenStatus(token: StoredAccountToken | undefined, purpose: TokenPurpose, now: Date): TokenStatus {
  if (!token || token.purpose !== purpose) return "unknown";
  if (token.usedAt) return "used";
  if (token.expiresAt <= now) return "expired";
  return "valid";
}

const TOKEN_PROBLEMS: Record<Exclude<TokenStatus, "valid">, string> = {
  unknown: "This link is not valid. Ask for a new one.",
  used: "This link was already used. Ask for a new one if you still need it.",
  expired: "This link has expired. Ask for a new one.",
};

/** The one error of a link that opens nothing: 400 with the reason, so a page can say what to do. */
export function invalidLink(status: Exclude<TokenStatus, "valid">): AppError {
  return new AppError("invalid-argument", TOKEN_PROBLEMS[status], { details: [{ path: "token", message: status }] });
}

/** Limits and lifetimes of password reset (defaults from params; tests pass their own). */
export interface PasswordResetPolicy {
  /** Reset mails one address may receive per hour; beyond it a request is answered alike but sends nothing. */
  mailsPerAddressPerHour: number;
  /** Requests one client address may make per hour (429 beyond: says nothing about any account). */
  requestsPerClientPerHour: number;
  tokenTtlMs: number;
  /** Every request answers no sooner than this after it arrived, so known and unknown addresses take alike. */
  minResponseMs: number;
}

export const DEFAULT_PASSWORD_RESET_POLICY: PasswordResetPolicy = {
  mailsPerAddressPerHour: 5,
  requestsPerClientPerHour: 30,
  tokenTtlMs: 30 * 60 * 1000,
  minResponseMs: 400,
};

export interface PasswordResetOptions {
  users: UserRepository;
  tokens: AccountTokenRepository;
  /** Counters of the per-address and per-client limits (the sign-in throttle's store, TTL'd). */
  counters: ThrottleRepository;
  hasher: PasswordHasher;
  /** The sign-in lockout, cleared by a completed reset. */
  throttle: LoginThrottle;
  outbox: MailOutbox;
  /** Tells the person their password changed. */
  notices: Pick<SecurityNotices, "passwordChanged">;
  /** Ends the person's Firebase Auth sessions (the live room's custom-token sign-ins) with the app's own. */
  endFirebaseSessions?: (uid: string) => Promise<void>;
  /** The email blind index (the account lookup key and the lockout key). */
  emailIndexOf: (email: string) => string;
  /** An HMAC of the client address (limit key; never the address itself). */
  clientKeyOf: (ip: string) => string;
  /**
   * Origin of mail links (`https://<hosting site>`) and the limits, read on first use (params have
   * values only inside a request, and wirings that never reset a password need none).
   */
  settings: () => { linkOrigin: string; policy: PasswordResetPolicy };
  now?: () => Date;
  /** Real time for the response floor (the business clock `now` may be a test's). */
  monotonicMs?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** The answer to every accepted reset request. */
export const PASSWORD_RESET_ACCEPTED: PasswordResetAccepted = {
  message: "If an account uses this address, a message with a link to choose a new password is on its way.",
};

/**
 * Password reset by mail (OWASP forgot-password): a request answers the same, in about the same time,
 * whether or not the address has an account; a link carries a single-use 256-bit token stored only
 * hashed, valid 30 minutes; confirming it sets the password under the sign-up rules, revokes every
 * session, clears the sign-in lockout and tells the person by mail.
 */
export class PasswordResetService {
  private readonly now: () => Date;
  private settingsRead?: { linkOrigin: string; policy: PasswordResetPolicy };
  private readonly monotonicMs: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly o: PasswordResetOptions) {
    this.now = o.now ?? (() => new Date());
    this.monotonicMs = o.monotonicMs ?? (() => performance.now());
    this.sleep = o.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  private get settings() {
    return (this.settingsRead ??= this.o.settings());
  }

  private get policy(): PasswordResetPolicy {
    return this.settings.policy;
  }

  /** Mails a reset link if the address belongs to an account with a password and is under its limit. */
  async request(email: string, ip: string): Promise<PasswordResetAccepted> {
    const started = this.monotonicMs();
    await this.limitClient(ip);
    try {
      const key = this.o.emailIndexOf(email);
      const underLimit = await this.countMailTo(key);
      const user = await this.o.users.findByEmailIndex(key);
      // Accounts without a password (Google/Apple only) get nothing: they have no password to reset.
      if (user?.passwordHash && user.email && underLimit) await this.mailLink(user.uid, user.email);
      // No field says whether the address is known: logs are not an oracle either.
      log.info("password reset requested");
      return PASSWORD_RESET_ACCEPTED;
    } finally {
      const left = started + this.policy.minResponseMs - this.monotonicMs();
      if (left > 0) await this.sleep(left);
    }
  }

  /**
   * Mails a reset link to the account's address (no limit, no answer floor): for the system's own use, as when an
   * undone email change took the password away.
   */
  async mailLink(uid: string, email: string): Promise<void> {
    const now = this.now();
    const expiresAt = new Date(now.getTime() + this.policy.tokenTtlMs);
    const token = await issueToken(this.o.tokens, { purpose: "password-reset", uid, now, expiresAt });
    const link = `${this.settings.linkOrigin}/a/reset?token=${token}`;
    await this.o.outbox.enqueue({
      to: email,
      kind: "password-reset",
      uid,
      content: passwordResetMail(link, Math.round(this.policy.tokenTtlMs / 60_000)),
    });
  }

  /** Sets a new password with a reset token; the token then opens nothing again. */
  async confirm(input: PasswordResetConfirmInput): Promise<void> {
    const hash = sha256Hex(input.token);
    const found = await this.o.tokens.find(hash);
    const status = tokenStatus(found, "password-reset", this.now());
    if (status !== "valid") throw invalidLink(status);
    if (!found) throw invalidLink("unknown");
    // The same rules as sign-up, the owner's email and handle included.
    const owner = await this.o.users.findById(found.uid);
    assertAcceptablePassword(input.newPassword, "newPassword", owner ? { email: owner.email, handle: owner.handle } : {});
    const passwordHash = await this.o.hasher.hash(input.newPassword);
    const consumed = await this.o.tokens.consume(hash, "password-reset", this.now());
    if (consumed.status !== "valid") throw invalidLink(consumed.status);
    const user = await this.o.users.findById(consumed.token.uid);
    if (!user) throw invalidLink("unknown");
    await this.o.users.setPasswordHash(user.uid, passwordHash, this.now(), true);
    await this.o.throttle.recordSuccess(user.emailIndex ?? `uid_${user.uid}`);
    await this.o.endFirebaseSessions?.(user.uid);
    // Other reset links die with this one; the used one stays (until its TTL) so it reads as "used".
    await this.o.tokens.deleteByUid(user.uid, "password-reset", hash);
    await this.o.notices.passwordChanged(user.uid);
    log.info("password reset; every session revoked", { uid: user.uid });
  }

  /** 429 once a client address made its hourly number of requests (a fixed window per address). */
  private async limitClient(ip: string): Promise<void> {
    const now = this.now();
    const state = await countThisHour(this.o.counters, `reset_ip_${this.o.clientKeyOf(ip)}`, now);
    if (state.count > this.policy.requestsPerClientPerHour) {
      throw new AppError("resource-exhausted", "Too many password reset requests; try again later", {
        retryAfterSeconds: secondsLeftThisHour(state, now),
      });
    }
  }

  /** Counts a reset mail to this address; false once the hourly limit is reached (then nothing is sent). */
  private async countMailTo(emailIndex: string): Promise<boolean> {
    const state = await countThisHour(this.o.counters, `reset_mail_${emailIndex}`, this.now());
    return state.count <= this.policy.mailsPerAddressPerHour;
  }
}
