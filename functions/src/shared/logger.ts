import { AsyncLocalStorage } from "node:async_hooks";
import { logger } from "firebase-functions";

/** What every log line of one request (or one trigger event) carries. */
export interface LogContext {
  requestId?: string;
  eventId?: string;
  /** The trigger handling the event (its deployed name). */
  trigger?: string;
}

const context = new AsyncLocalStorage<LogContext>();

/** Runs fn with a log context; every `log.*` call inside it, however deep, carries the context's fields. */
export function withLogContext<T>(ctx: LogContext, fn: () => T): T {
  return context.run(ctx, fn);
}

export function currentLogContext(): LogContext {
  return context.getStore() ?? {};
}

type Fields = Record<string, unknown>;
export type LogSeverity = "debug" | "info" | "warn" | "error";
export type LogWriter = (severity: LogSeverity, message: string, fields: Fields) => void;

const functionsLoggerWriter: LogWriter = (severity, message, fields) => logger[severity](message, fields);
let writer: LogWriter = functionsLoggerWriter;

/** Tests replace the writer to capture or silence log lines; `undefined` restores the default. */
export function setLogWriter(next: LogWriter | undefined): void {
  writer = next ?? functionsLoggerWriter;
}

const write = (severity: LogSeverity, message: string, fields: Fields) => writer(severity, message, { ...currentLogContext(), ...fields });

/**
 * Structured logging through the firebase-functions logger (Cloud Logging in production). Pass ids and
 * counts as fields; never secrets, tokens, passwords, emails or display names.
 */
export const log = {
  debug: (message: string, fields: Fields = {}) => write("debug", message, fields),
  info: (message: string, fields: Fields = {}) => write("info", message, fields),
  warn: (message: string, fields: Fields = {}) => write("warn", message, fields),
  error: (message: string, fields: Fields = {}) => write("error", message, fields),
};

/** An error's loggable parts: name, message and stack, without the whole object graph. */
export function describeError(e: unknown): Fields {
  if (e instanceof Error) return { errorName: e.name, errorMessage: e.message, stack: e.stack };
  return { errorMessage: String(e) };
}
