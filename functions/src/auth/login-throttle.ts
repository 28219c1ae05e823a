import { AppError } from "../shared/errors";

/** One throttle counter as stored: failures (or attempts) and, for accounts, a lock. */
export interface ThrottleState {
  count: number;
  /** Start of the counting window (per-IP limits). */
  windowStart: Date;
  lockedUntil: Date | null;
  /** When the document may be deleted (a Firestore TTL policy removes it). */
  expiresAt: Date;
}

/** Transactional storage of throttle counters (Firestore in auth.repository.ts). */
export interface ThrottleRepository {
  get(key: string): Promise<ThrottleState | undefined>;
  /** Reads, applies `change` and writes back atomically; `null` deletes the counter. Returns the new state. */
  update(key: string, change: (current: ThrottleState | undefined) => ThrottleState | null): Promise<ThrottleState | null>;
}

export interface ThrottlePolicy {
  /** Consecutive failures that lock an account. */
  maxFailures: number;
  /** First lock duration; each further failure while at the limit doubles it. */
  baseLockSeconds: number;
  maxLockSeconds: number;
  /** Sign-in attempts one IP address may make per window. */
  ipMaxAttempts: number;
  ipWindowSeconds: number;
}

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = {
  maxFailures: 10,
  baseLockSeconds: 60,
  maxLockSeconds: 24 * 3600,
  ipMaxAttempts: 100,
  ipWindowSeconds: 15 * 60,
};

const tooMany = (until: Date, now: Date, message: string) =>
  new AppError("resource-exhausted", message, {
    retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)),
  });

/**
 * Sign-in brute-force protection. Per account (keyed by the email's blind index, so unknown emails
 * behave exactly like known ones): after `maxFailures` consecutive failures the account is locked for
 * a delay that doubles with every further failure; a success resets it. Per IP (hashed): at most
 * `ipMaxAttempts` attempts per window, successful or not. Both answer `resource-exhausted` with the
 * seconds to wait.
 */
export class LoginThrottle {
  constructor(
    private readonly repo: ThrottleRepository,
    private readonly policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY,
  ) {}

  /** Counts one attempt from the IP and throws when the IP or the account may not try now. */
  async beforeAttempt(accountKey: string, ipKey: string, now: Date): Promise<void> {
    const { ipMaxAttempts, ipWindowSeconds } = this.policy;
    const windowMs = ipWindowSeconds * 1000;
    const ip = await this.repo.update(`ip_${ipKey}`, (cur) => {
      const fresh = !cur || now.getTime() - cur.windowStart.getTime() >= windowMs;
      const windowStart = fresh ? now : cur.windowStart;
      return { count: fresh ? 1 : cur.count + 1, windowStart, lockedUntil: null, expiresAt: new Date(windowStart.getTime() + windowMs) };
    });
    if (ip && ip.count > ipMaxAttempts) {
      throw tooMany(new Date(ip.windowStart.getTime() + windowMs), now, "Too many sign-in attempts from this address");
    }
    const account = await this.repo.get(`acct_${accountKey}`);
    if (account?.lockedUntil && account.lockedUntil > now) {
      throw tooMany(account.lockedUntil, now, "Too many failed sign-ins; try again later");
    }
  }

  /** Records a failed sign-in; the failure that reaches the limit (and each after it) locks the account. */
  async recordFailure(accountKey: string, now: Date): Promise<void> {
    const { maxFailures, baseLockSeconds, maxLockSeconds } = this.policy;
    await this.repo.update(`acct_${accountKey}`, (cur) => {
      const count = (cur?.count ?? 0) + 1;
      const lockSeconds = count >= maxFailures ? Math.min(maxLockSeconds, baseLockSeconds * 2 ** Math.min(count - maxFailures, 30)) : 0;
      const lockedUntil = lockSeconds > 0 ? new Date(now.getTime() + lockSeconds * 1000) : null;
      const keepUntil = new Date(now.getTime() + Math.max(lockSeconds, maxLockSeconds) * 1000);
      return { count, windowStart: cur?.windowStart ?? now, lockedUntil, expiresAt: keepUntil };
    });
  }

  /** A successful sign-in clears the account's failures. */
  async recordSuccess(accountKey: string): Promise<void> {
    await this.repo.update(`acct_${accountKey}`, () => null);
  }
}
