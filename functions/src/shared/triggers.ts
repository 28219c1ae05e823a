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
 * Runs a trigger's work. Triggers are deployed with `retry: true`, so a thrown error means "deliver this
 * event again": only transient failures are rethrown; a permanent one (bad data, a bug) would fail the
 * same way for days of retries, so it is logged with the event id and the event is dropped.
 */
export async function runTrigger(eventId: string, name: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (e: unknown) {
    if (isTransient(e)) throw e;
    log.error("trigger failed permanently; event dropped", { trigger: name, eventId, ...describeError(e) });
  }
}
