/**
 * The one error type services and repositories throw. It carries a code, never an HTTP status:
 * the HTTP edge (http/errors.middleware.ts) maps codes to statuses and the one JSON error format.
 */
export const ERROR_CODES = [
  "invalid-argument",
  "unauthenticated",
  "permission-denied",
  "not-found",
  "already-exists",
  "failed-precondition",
  "payload-too-large",
  "resource-exhausted",
  "internal",
  "unavailable",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorOptions {
  details?: unknown;
  cause?: unknown;
  /** Seconds after which a retry may succeed (sent as Retry-After with resource-exhausted). */
  retryAfterSeconds?: number;
  /** Extra response headers the HTTP edge sends with the error (e.g. the rate limit policy). */
  headers?: Record<string, string>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  readonly retryAfterSeconds?: number;
  readonly headers?: Record<string, string>;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.headers = options.headers;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
