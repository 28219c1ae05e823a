import { createHash } from "node:crypto";
import { AppError, isAppError } from "../shared/errors";
import { describeError, log } from "../shared/logger";

/**
 * Idempotency keys for routes that create something (`idempotent: true` in the route table): a client
 * that got no answer, or a 503, retries with the same `Idempotency-Key` and cannot create twice. The
 * first outcome is kept per caller, route and key for IDEMPOTENCY_TTL_MS and replayed for the same
 * request; the same key with a different request is refused. See docs/DECISIONS.md.
 */

export const IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
/** Sent on a replayed response, so a client (and a test) can tell it from a fresh one. */
export const IDEMPOTENT_REPLAYED_HEADER = "Idempotent-Replayed";
/** Printable ASCII without spaces, 8 to 255 characters (a UUID fits). */
export const IDEMPOTENCY_KEY_PATTERN = "^[\\x21-\\x7E]{8,255}$";
const KEY_FORMAT = new RegExp(IDEMPOTENCY_KEY_PATTERN);
/** How long a key's outcome is kept: a client retries within minutes; a day leaves room for a phone that was offline. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * How long a claim blocks retries: longer than the API function's 60 s timeout, since a timed-out request's
 * work runs on (and may commit) until then; only an attempt that surely died loses its claim.
 */
export const IDEMPOTENCY_LEASE_MS = 120_000;
/** Seconds to wait when the first request with a key is still running. */
const IN_PROGRESS_RETRY_AFTER_SECONDS = 2;

/** A response as sent: replayed as is for a retry. */
export interface StoredResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** What a store holds for a key: a claim in progress, or the kept outcome. */
export type IdempotencyRecord =
  { state: "pending"; fingerprint: string; leaseUntil: Date } | { state: "done"; fingerprint: string; response: StoredResponse };

/** Where keys and outcomes live (Firestore in the API; memory in unit tests). */
export interface IdempotencyStore {
  /**
   * Claims `id` for a new attempt unless a live record holds it (a pending claim whose lease has not
   * ended, or an outcome not yet expired), atomically; returns that record, or undefined once claimed.
   */
  claim(id: string, fingerprint: string, now: Date, leaseUntil: Date, expiresAt: Date): Promise<IdempotencyRecord | undefined>;
  /** Keeps the outcome of the claimed attempt. */
  complete(id: string, fingerprint: string, response: StoredResponse, expiresAt: Date): Promise<void>;
  /** Lets the key go: the attempt was refused and changed nothing, so a retry may run it again. */
  release(id: string): Promise<void>;
}

/** Reads and checks the header: undefined when absent; a malformed key is a 400. */
export function idempotencyKeyOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!KEY_FORMAT.test(header)) {
    throw new AppError("invalid-argument", "Invalid request", {
      details: [{ path: IDEMPOTENCY_KEY_HEADER, message: "8 to 255 printable characters without spaces" }],
    });
  }
  return header;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** The stored id of a key: scoped to the caller and the route, hashed so the client's key is not a path. */
export const idempotencyRecordId = (scope: string, operationId: string, key: string) => sha256(JSON.stringify([scope, operationId, key]));

/** What makes two requests "the same": the parsed path, query and body. */
export const requestFingerprint = (request: unknown) => sha256(JSON.stringify(request) ?? "");

export interface IdempotentRun {
  store: IdempotencyStore;
  id: string;
  fingerprint: string;
  /** How long a claim blocks retries before an unfinished attempt is presumed dead. */
  leaseMs: number;
  now?: () => number;
}

/**
 * Runs `attempt` once per key: a retry of a finished request replays its outcome (`replayed`), a
 * retry while it runs gets 409 with Retry-After, the same key with another request gets 409. A refusal
 * (an AppError) releases the key; an unknown failure keeps the claim until its lease ends, because the
 * write may have committed.
 */
export async function runIdempotent(
  { store, id, fingerprint, leaseMs, now = Date.now }: IdempotentRun,
  attempt: () => Promise<StoredResponse>,
): Promise<StoredResponse & { replayed: boolean }> {
  const t = now();
  const expiresAt = new Date(t + IDEMPOTENCY_TTL_MS);
  const existing = await store.claim(id, fingerprint, new Date(t), new Date(t + leaseMs), expiresAt);
  if (existing) {
    if (existing.fingerprint !== fingerprint) {
      throw new AppError("failed-precondition", "This Idempotency-Key was used for a different request", {
        details: { reason: "idempotency-key-reused" },
      });
    }
    if (existing.state === "pending") {
      throw new AppError("failed-precondition", "A request with this Idempotency-Key is still in progress", {
        details: { reason: "idempotency-key-in-progress" },
        retryAfterSeconds: IN_PROGRESS_RETRY_AFTER_SECONDS,
      });
    }
    return { ...existing.response, replayed: true };
  }
  let response: StoredResponse;
  try {
    response = await attempt();
  } catch (e) {
    if (isAppError(e) && e.code !== "internal" && e.code !== "unavailable") {
      await store.release(id).catch((err: unknown) => log.error("idempotency key release failed", describeError(err)));
    }
    throw e;
  }
  try {
    await store.complete(id, fingerprint, response, expiresAt);
  } catch (e) {
    // The effect happened: answer it. A retry after the lease may run it again; the log says so.
    log.error("idempotency outcome not stored", describeError(e));
  }
  return { ...response, replayed: false };
}
