import { dictionary } from "@zxcvbn-ts/language-common";
import { hmacSha256, randomToken } from "../shared/crypto";
import { AppError } from "../shared/errors";

/** Which bcrypt queue a job waits in (BcryptPool): sign-in keeps places of its own. */
export type HashLane = "signin" | "other";

/** Runs bcrypt somewhere (BcryptPool: worker threads); benchmarks also run it inline for comparison. */
export interface BcryptRunner {
  hash(input: string, cost: number, lane?: HashLane): Promise<string>;
  compare(input: string, hash: string, lane?: HashLane): Promise<boolean>;
}

/**
 * Hashes and checks passwords; the service never sees bcrypt or the pepper. Any call may fail with
 * `unavailable` (and a Retry-After) when the instance's bcrypt queue is full.
 */
export interface PasswordHasher {
  hash(password: string, lane?: HashLane): Promise<string>;
  verify(password: string, hash: string, lane?: HashLane): Promise<boolean>;
  /** True when a stored hash was made at a lower cost than the configured one (re-hash at sign-in). */
  needsRehash(hash: string): boolean;
  /** Spends the same time as a verify against a real hash; keeps unknown emails as slow as wrong passwords. */
  verifyDummy(password: string, lane?: HashLane): Promise<void>;
}

/** The lowest bcrypt cost production accepts; tests pass lower costs to the constructor directly. */
export const MIN_PRODUCTION_BCRYPT_COST = 11;

/**
 * bcrypt (bcryptjs, in a worker pool) over an HMAC-SHA256 pre-hash keyed by a secret pepper. The
 * pre-hash gives bcrypt a 43-character input whatever the password's length, so nothing beyond
 * bcrypt's 72 bytes is silently ignored, and a leaked database alone cannot be attacked offline
 * without the pepper.
 */
export class PepperedBcryptHasher implements PasswordHasher {
  private dummyHash?: Promise<string>;

  constructor(
    private readonly pool: BcryptRunner,
    private readonly pepper: Buffer,
    private readonly cost: number,
  ) {
    if (!Number.isInteger(cost) || cost < 4 || cost > 31) throw new Error("bcrypt cost must be an integer in 4..31");
  }

  hash(password: string, lane: HashLane = "other"): Promise<string> {
    return this.pool.hash(this.prehash(password), this.cost, lane);
  }

  verify(password: string, hash: string, lane: HashLane = "other"): Promise<boolean> {
    return this.pool.compare(this.prehash(password), hash, lane);
  }

  needsRehash(hash: string): boolean {
    // A hash we cannot read the cost of is replaced at the next successful sign-in too.
    const rounds = /^\$2[aby]\$(\d{2})\$/.exec(hash);
    return !rounds || Number(rounds[1]) < this.cost;
  }

  async verifyDummy(password: string, lane: HashLane = "other"): Promise<void> {
    // Made once per instance, outside the queue limits' concern: a failed attempt is forgotten.
    this.dummyHash ??= this.pool.hash(randomToken(), this.cost, lane).catch((e: unknown) => {
      this.dummyHash = undefined;
      throw e;
    });
    await this.pool.compare(this.prehash(password), await this.dummyHash, lane);
  }

  private prehash(password: string): string {
    return hmacSha256(this.pepper, password.normalize("NFC"));
  }
}

/** Password length bounds, counted in Unicode code points. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

// The most common passwords (about 49,000, most frequent first) from the maintained zxcvbn-ts
// "common" dictionary (MIT licence), compared case-insensitively.
let commonPasswords: ReadonlySet<string> | undefined;

/** True when the password (ignoring case) is on the common-password list. */
export function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(dictionary["passwords-common"].map((p) => String(p).toLowerCase()));
  return commonPasswords.has(password.normalize("NFC").toLowerCase());
}

/**
 * The password rules: 12 to 128 characters, no composition rules, not a common password. Length is
 * also checked by the request schemas; this is the one place that refuses common passwords.
 */
export function assertAcceptablePassword(password: string, field = "password"): void {
  const length = [...password].length;
  let problem: string | undefined;
  if (length < PASSWORD_MIN_LENGTH) problem = `Must be at least ${PASSWORD_MIN_LENGTH} characters`;
  else if (length > PASSWORD_MAX_LENGTH) problem = `Must be at most ${PASSWORD_MAX_LENGTH} characters`;
  else if (isCommonPassword(password)) problem = "Is one of the most common passwords; choose another";
  if (problem) throw new AppError("invalid-argument", "Invalid password", { details: [{ path: field, message: problem }] });
}
