/**
 * One shape for every trigger: a log context carrying the event id, the event's documents read through
 * their schema, and a declared error policy. Trigger files declare what they listen to and call a
 * service; nothing else.
 */
import type { DocumentSnapshot } from "firebase-admin/firestore";
import type { CloudFunction, ParamsOf } from "firebase-functions/v2";
import {
  onDocumentCreated,
  onDocumentWritten,
  type Change,
  type DocumentOptions,
  type FirestoreEvent,
  type QueryDocumentSnapshot,
} from "firebase-functions/v2/firestore";
import { onSchedule, type ScheduleOptions, type ScheduledEvent } from "firebase-functions/v2/scheduler";
import type { z } from "zod";
import { isAppError } from "./errors";
import { describeError, log, withLogContext } from "./logger";

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

/**
 * What a failed document trigger does. "drop-permanent" (the default): runTrigger's policy, transient
 * errors are retried and permanent ones logged and dropped. "retry-all": every failure is delivered
 * again (for work that records its own progress and must not give up, such as the deletion cascade).
 */
export type TriggerErrorPolicy = "drop-permanent" | "retry-all";

/** An event's document before and after the write, parsed with the schema (undefined: absent or unreadable). */
export interface DocumentChange<T> {
  before: T | undefined;
  after: T | undefined;
}

/** What a trigger handler knows about its event besides the documents. */
export interface TriggerEvent<Params> {
  id: string;
  params: Params;
}

/** A document trigger's declaration: its deployed name, the documents it listens to, their schema. */
export interface DocumentTriggerSpec<Document extends string, S extends z.ZodType> {
  name: string;
  document: Document;
  schema: S;
  /** "written" (the default): creates, updates and deletes; "created": creates only. */
  on?: "written" | "created";
  errors?: TriggerErrorPolicy;
  /** Secrets the handler reads (bound to the deployed function). */
  secrets?: DocumentOptions["secrets"];
  /** Longer than the default 60 s for handlers that wait between attempts. */
  timeoutSeconds?: number;
}

/** What a document trigger does with an event: call a service. */
export type TriggerHandler<Document extends string, S extends z.ZodType> = (
  change: DocumentChange<z.output<S>>,
  event: TriggerEvent<ParamsOf<Document>>,
) => Promise<void>;

/**
 * A stored document of an event, parsed with its schema; undefined when absent or unreadable. An
 * unreadable one is logged and treated as absent: retrying cannot fix bad data.
 */
function readEventDoc<S extends z.ZodType>(schema: S, snap: DocumentSnapshot | undefined): z.output<S> | undefined {
  if (!snap?.exists) return undefined;
  const parsed = schema.safeParse(snap.data());
  if (!parsed.success) log.error("unreadable document ignored by a trigger", { path: snap.ref.path }); // the log context names the event
  return parsed.success ? parsed.data : undefined;
}

/**
 * A Firestore trigger (deployed with `retry: true`, so delivered at least once: handlers must be
 * idempotent): runs the handler in a log context with the event id, with the documents parsed, under
 * the declared error policy.
 */
export function documentTrigger<Document extends string, S extends z.ZodType>(
  spec: DocumentTriggerSpec<Document, S> & { on: "created" },
  handler: TriggerHandler<Document, S>,
): CloudFunction<FirestoreEvent<QueryDocumentSnapshot | undefined, ParamsOf<Document>>>;
export function documentTrigger<Document extends string, S extends z.ZodType>(
  spec: DocumentTriggerSpec<Document, S> & { on?: "written" },
  handler: TriggerHandler<Document, S>,
): CloudFunction<FirestoreEvent<Change<DocumentSnapshot> | undefined, ParamsOf<Document>>>;
export function documentTrigger<Document extends string, S extends z.ZodType>(
  spec: DocumentTriggerSpec<Document, S>,
  handler: TriggerHandler<Document, S>,
) {
  const options: DocumentOptions<Document> = {
    document: spec.document,
    retry: true,
    ...(spec.secrets ? { secrets: spec.secrets } : {}),
    ...(spec.timeoutSeconds ? { timeoutSeconds: spec.timeoutSeconds } : {}),
  };
  const run = (id: string, params: ParamsOf<Document>, before?: DocumentSnapshot, after?: DocumentSnapshot) =>
    withLogContext({ eventId: id, trigger: spec.name }, async () => {
      const work = () => handler({ before: readEventDoc(spec.schema, before), after: readEventDoc(spec.schema, after) }, { id, params });
      if (spec.errors === "retry-all") await work();
      else await runTrigger(id, spec.name, work);
    });
  if (spec.on === "created") return onDocumentCreated(options, (event) => run(event.id, event.params, undefined, event.data));
  return onDocumentWritten(options, (event) => run(event.id, event.params, event.data?.before, event.data?.after));
}

/**
 * A scheduled job: runs in a log context named after the job and the scheduled time. A failure is
 * thrown, so Cloud Scheduler records the run as failed; runs are not retried (retryCount 0): the next
 * scheduled run catches up.
 */
export function scheduledTrigger(name: string, options: ScheduleOptions, handler: (event: ScheduledEvent) => Promise<void>) {
  return onSchedule({ retryCount: 0, ...options }, (event) =>
    withLogContext({ eventId: `${event.jobName ?? "manual"}@${event.scheduleTime}`, trigger: name }, () => handler(event)),
  );
}
