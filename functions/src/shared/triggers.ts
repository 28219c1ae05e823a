import { isAppError } from "./errors";
import { describeError, log } from "./logger";

/** gRPC codes worth another delivery: deadline exceeded, resource exhausted, aborted, internal, unavailable. */
const TRANSIENT_GRPC_CODES = new Set([4, 8, 10, 13, 14]);

export function isTransient(e: unknown): boolean {
  if (isAppError(e)) return e.code === "unavailable";
  const code = typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined;
  return typeof code === "number" && TRANSIENT_GRPC_CODES.has(code);
}

/**
 * The Firestore emulator ends a transaction that lost a lock race with INVALID_ARGUMENT "Transaction is
 * invalid or closed", where production answers ABORTED (which the client library retries by itself).
 */
export function isEmulatorTransactionContention(e: unknown): boolean {
  const { code, message } = (typeof e === "object" && e !== null ? e : {}) as { code?: unknown; message?: unknown };
  return code === 3 && typeof message === "string" && message.includes("Transaction is invalid or closed");
}

/** How often runTrigger runs the work when the emulator ends its transaction in a lock race. */
const CONTENTION_ATTEMPTS = 5;

/**
 * Runs a trigger's work. Triggers are deployed with `retry: true`, so a thrown error means "deliver this
 * event again": only transient failures are rethrown; a permanent one (bad data, a bug) would fail the
 * same way for days of retries, so it is logged with the event id and the event is dropped. Work lost to
 * the emulator's transaction contention runs again at once (trigger work is idempotent), as production's
 * client would retry an ABORTED transaction.
 */
export async function runTrigger(eventId: string, name: string, work: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await work();
      return;
    } catch (e: unknown) {
      if (isEmulatorTransactionContention(e) && attempt < CONTENTION_ATTEMPTS) {
        log.warn("trigger transaction lost a lock race; running it again", { trigger: name, eventId, attempt });
        continue;
      }
      if (isTransient(e) || isEmulatorTransactionContention(e)) throw e;
      log.error("trigger failed permanently; event dropped", { trigger: name, eventId, ...describeError(e) });
      return;
    }
  }
}
