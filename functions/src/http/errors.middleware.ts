import type { ErrorRequestHandler, RequestHandler } from "express";
import { AppError, type ErrorCode, isAppError } from "../shared/errors";
import { describeError, log } from "../shared/logger";

/** The only place that knows HTTP statuses for error codes. */
const STATUS_BY_CODE: Record<ErrorCode, number> = {
  "invalid-argument": 400,
  unauthenticated: 401,
  "permission-denied": 403,
  "not-found": 404,
  "already-exists": 409,
  "failed-precondition": 409,
  "payload-too-large": 413,
  "resource-exhausted": 429,
  internal: 500,
  unavailable: 503,
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export function errorBody(e: AppError): ErrorBody {
  return { error: { code: e.code, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) } };
}

/** Errors raised by Express's body parser carry a `type`; map the ones a client can cause. */
function fromBodyParser(e: unknown): AppError | undefined {
  if (typeof e !== "object" || e === null) return undefined;
  if (!("type" in e)) return fromHttpError(e);
  switch ((e as { type: unknown }).type) {
    case "entity.parse.failed":
      return new AppError("invalid-argument", "Malformed JSON body");
    case "entity.too.large":
      return new AppError("payload-too-large", "Request body is too large");
    case "charset.unsupported":
    case "encoding.unsupported":
      return new AppError("invalid-argument", "Unsupported body encoding");
    case "request.aborted":
      return new AppError("invalid-argument", "Request body was aborted");
    default:
      return fromHttpError(e);
  }
}

/**
 * Other errors Express and its router raise for the client's request carry a 4xx `status` (http-errors
 * convention), e.g. a path with malformed percent-encoding (URIError, 400). They are the client's fault.
 */
function fromHttpError(e: object): AppError | undefined {
  const status = (e as { status?: unknown; statusCode?: unknown }).status ?? (e as { statusCode?: unknown }).statusCode;
  if (typeof status !== "number" || status < 400 || status > 499) return undefined;
  return status === 413
    ? new AppError("payload-too-large", "Request body is too large")
    : new AppError("invalid-argument", "Malformed request");
}

/** Answers every route nobody matched with a 404 in the error format. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError("not-found", `No route for ${req.method} ${req.path}`));
};

/**
 * The one error middleware: AppErrors (and body-parser errors) become their status and the JSON error
 * format; anything else is a 500 `internal` whose cause is logged with its stack and never sent.
 */
export const errorHandler: ErrorRequestHandler = (err: unknown, _req, res, _next) => {
  if (res.headersSent) {
    // Typically a deadline's 503 was sent while the request still ran: log the late error, answer nothing more.
    log.warn("error after the response was sent", describeError(err));
    if (!res.writableEnded) res.destroy();
    return;
  }
  const known = isAppError(err) ? err : fromBodyParser(err);
  const appError = known ?? new AppError("internal", "Internal error");
  const status = STATUS_BY_CODE[appError.code];
  if (!known) log.error("unhandled error", describeError(err));
  // A 503 that tells the client when to retry is load being shed on purpose (a full bcrypt queue): a warning,
  // so a flood does not page anyone; every other 5xx is an error.
  else if (status === 503 && appError.retryAfterSeconds !== undefined) log.warn("request shed", { code: appError.code });
  else if (status >= 500) log.error("request failed", { code: appError.code, ...describeError(appError.cause ?? err) });
  if (appError.retryAfterSeconds !== undefined) res.setHeader("Retry-After", String(appError.retryAfterSeconds));
  if (appError.headers) res.set(appError.headers);
  res.status(status).json(errorBody(appError));
};
