import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";
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

/** The lowest zxcvbn score (0..4) a new password may have: 3 is "safely unguessable" (about 10^8 guesses or more). */
export const MIN_PASSWORD_SCORE = 3;

/**
 * zxcvbn scores only this many leading characters. Its matching grows faster than linearly with length:
 * a random 128-character password took about 250 ms per check, on the event loop, on sign-up (which is
 * public); 32 characters cost about a tenth (BENCHMARKS.md). A password whose first 32 characters are
 * guessable is refused whatever follows; the email/handle checks still read the whole password.
 */
const STRENGTH_CHECKED_LENGTH = 32;

/** Parts of the email or handle shorter than this are not looked for inside a password (too many false hits). */
const MIN_PERSONAL_PART_LENGTH = 4;

/** Why a password was refused: `details[].reason` of the 400. */
export type PasswordProblem = "too-short" | "too-long" | "common" | "contains-email" | "contains-handle" | "too-weak";

/** What the account says about its owner, which a password must not be built from. */
export interface PasswordContext {
  email?: string | null;
  handle?: string | null;
}

// zxcvbn's warning keys, in our words (the English language package would cost ~65 ms of loading and
// ~10x the time per check for its dictionaries; see docs/DECISIONS.md).
const WEAKNESS: Record<string, string> = {
  straightRow: "a straight row of keys",
  keyPattern: "a short keyboard pattern",
  simpleRepeat: 'a repeated character, like "aaa"',
  extendedRepeat: 'a repeated pattern, like "abcabc"',
  sequences: 'a sequence, like "abc" or "6543"',
  recentYears: "a recent year",
  dates: "a date",
  topTen: "one of the ten most used passwords",
  topHundred: "one of the hundred most used passwords",
  common: "a commonly used password",
  similarToCommon: "close to a commonly used password",
  wordByItself: "a single word",
  userInputs: "your email or handle",
};

let strength: ZxcvbnFactory | undefined;

/**
 * zxcvbn with the language-neutral dictionaries (common passwords, diceware words) and keyboard
 * graphs, built on the first check: building ranks ~57,000 words, which sign-in never needs.
 */
function strengthEstimator(): ZxcvbnFactory {
  strength ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs, maxLength: STRENGTH_CHECKED_LENGTH });
  return strength;
}

/** The email's local part (and its part before a "+tag") and the handle, lower-cased: what a password may not contain. */
function personalParts(context: PasswordContext): { email: string[]; handle: string[] } {
  const local = (context.email ?? "").normalize("NFC").toLowerCase().split("@")[0] ?? "";
  const email = [local, local.split("+")[0]].filter((p) => p.length >= MIN_PERSONAL_PART_LENGTH);
  const handle = [(context.handle ?? "").toLowerCase()].filter((p) => p.length >= MIN_PERSONAL_PART_LENGTH);
  return { email: [...new Set(email)], handle };
}

/**
 * Why a new password is unacceptable, or undefined when it is fine. The rules, in order: 12 to 128
 * characters (no composition rules); not on the common-password list; not containing the email's
 * local part or the handle (ignoring case); a zxcvbn score of at least 3 for its first 32 characters,
 * with the email and handle as user inputs, so "aaaaaaaaaaaa" or "123456123456" are refused.
 */
export function passwordProblem(password: string, context: PasswordContext = {}): { reason: PasswordProblem; message: string } | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return { reason: "too-short", message: `Must be at least ${PASSWORD_MIN_LENGTH} characters` };
  if (length > PASSWORD_MAX_LENGTH) return { reason: "too-long", message: `Must be at most ${PASSWORD_MAX_LENGTH} characters` };
  if (isCommonPassword(password)) return { reason: "common", message: "Is one of the most common passwords; choose another" };
  const lower = password.normalize("NFC").toLowerCase();
  const parts = personalParts(context);
  if (parts.email.some((p) => lower.includes(p))) {
    return { reason: "contains-email", message: "Contains your email address's name; choose something unrelated to it" };
  }
  if (parts.handle.some((p) => lower.includes(p))) {
    return { reason: "contains-handle", message: "Contains your handle; choose something unrelated to it" };
  }
  const result = strengthEstimator().check(password, [...parts.email, ...parts.handle]);
  if (result.score < MIN_PASSWORD_SCORE) {
    const why = result.feedback.warning ? WEAKNESS[result.feedback.warning] : undefined;
    return {
      reason: "too-weak",
      message: `Too easy to guess${why ? ` (it is ${why})` : ""}; a few uncommon words together make a strong password`,
    };
  }
  return undefined;
}

/**
 * The one place that refuses new passwords (sign-up, password change, reset): throws
 * `invalid-argument` whose details name the field, say why (`reason`, see PasswordProblem) and how
 * to do better (`message`). Give the account's email and handle so passwords built on them are refused.
 */
export function assertAcceptablePassword(password: string, field = "password", context: PasswordContext = {}): void {
  const problem = passwordProblem(password, context);
  if (problem) {
    throw new AppError("invalid-argument", "Invalid password", {
      details: [{ path: field, message: problem.message, reason: problem.reason }],
    });
  }
}
