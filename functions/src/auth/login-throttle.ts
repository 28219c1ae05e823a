import { AppError } from "../shared/errors";

/** One account's failure counter as stored, with its lock. */
export interface ThrottleState {
  count: number;
  /** When the first counted failure happened. */
  windowStart: Date;
  lockedUntil: Date | null;
  /** When the document may be deleted (a Firestore TTL policy removes it). */
  expiresAt: Date;
}

/** Transactional storage of throttle counters (Firestore in auth.repository.ts). */
export interface ThrottleRepository {
  get(key: string): Promise<ThrottleState | undefined>;
  /**
   * Reads, applies `change` and writes back atomically (a transaction): `null` deletes the counter,
   * "keep" leaves it as it is. Returns the state after the change.
   */
  update(
    key: string,
    change: (current: ThrottleState | undefined) => ThrottleState | null | "keep",
  ): Promise<ThrottleState | null | undefined>;
}

export interface ThrottlePolicy {
  /** Consecutive failures that lock an account. */
  maxFailures: number;
  /** First lock duration; each further failure while at the limit doubles it. */
  baseLockSeconds: number;
  maxLockSeconds: number;
}

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = {
  maxFailures: 10,
  baseLockSeconds: 60,
  maxLockSeconds: 24 * 3600,
};

const tooMany = (until: Date, now: Date, message: string) =>
  new AppError("resource-exhausted", message, {
    retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)),
  });

/**
 * Password brute-force protection per account (keyed by the email's blind index, so unknown emails
 * behave exactly like known ones). Every attempt is counted as a failure in a transaction BEFORE the
 * password is hashed (reserveAttempt), so concurrent guesses cannot all pass a check made before any of
 * them was counted: the attempt that reaches `maxFailures` locks the account for a delay that doubles
 * with every further failure, and later attempts are refused without hashing. A success clears the
 * counter. Per-address and per-email request budgets are the rate limiter's (http/rate-limit.ts).
 */
export class LoginThrottle {
  constructor(
    private readonly repo: ThrottleRepository,
    private readonly policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY,
  ) {}

  /** Counts one attempt as a failure up front; throws `resource-exhausted` when the account is locked. */
  async reserveAttempt(accountKey: string, now: Date): Promise<void> {
    const { maxFailures, baseLockSeconds, maxLockSeconds } = this.policy;
    let lockedUntil: Date | undefined;
    await this.repo.update(`acct_${accountKey}`, (cur) => {
      if (cur?.lockedUntil && cur.lockedUntil > now) {
        lockedUntil = cur.lockedUntil;
        return "keep";
      }
      const count = (cur?.count ?? 0) + 1;
      const lockSeconds = count >= maxFailures ? Math.min(maxLockSeconds, baseLockSeconds * 2 ** Math.min(count - maxFailures, 30)) : 0;
      const keepUntil = new Date(now.getTime() + Math.max(lockSeconds, maxLockSeconds) * 1000);
      return {
        count,
        windowStart: cur?.windowStart ?? now,
        lockedUntil: lockSeconds > 0 ? new Date(now.getTime() + lockSeconds * 1000) : null,
        expiresAt: keepUntil,
      };
    });
    if (lockedUntil) throw tooMany(lockedUntil, now, "Too many failed sign-ins; try again later");
  }

  /**
   * Gives back an attempt that never reached the password check (the instance shed it): one failure
   * less, and no lock unless the remaining failures reach the limit by themselves.
   */
  async cancelAttempt(accountKey: string): Promise<void> {
    await this.repo.update(`acct_${accountKey}`, (cur) => {
      if (!cur) return "keep";
      const count = Math.max(0, cur.count - 1);
      return { ...cur, count, lockedUntil: count >= this.policy.maxFailures ? cur.lockedUntil : null };
    });
  }

  /** A successful sign-in clears the account's failures. */
  async recordSuccess(accountKey: string): Promise<void> {
    await this.repo.update(`acct_${accountKey}`, (cur) => (cur ? null : "keep"));
  }
}
