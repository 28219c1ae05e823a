import { randomUUID } from "node:crypto";
import type { RequestHandler } from "express";
import { log, withLogContext } from "../shared/logger";

export const REQUEST_ID_HEADER = "X-Request-Id";
/** `res.locals` key of the path the access log writes instead of the real one (a route's secrets redacted). */
export const LOG_PATH_LOCAL = "logPath";
/** A path segment this long is no id of ours: on paths no route matched it is shortened in the log. */
const LONG_SEGMENT = 64;
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/**
 * Gives every request an id (the client's X-Request-Id when well formed, else a new UUID), echoes it
 * on the response, puts it on every log line written while the request runs, and writes one access
 * log line when the response finishes (method, path without query, status, duration). The path is the
 * one the route redacted (device tokens; see Route.secretParams); on a path no route matched, overlong
 * segments are cut, so a secret sent to a mistyped path does not land in the log either.
 */
export const requestContext: RequestHandler = (req, res, next) => {
  const incoming = req.get(REQUEST_ID_HEADER);
  const requestId = incoming && CLIENT_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  const started = process.hrtime.bigint();
  res.setHeader(REQUEST_ID_HEADER, requestId);
  withLogContext({ requestId }, () => {
    res.on("finish", () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      log.info("request", {
        method: req.method,
        path: loggedPath(req.originalUrl.split("?")[0] ?? "", res.locals[LOG_PATH_LOCAL]),
        status: res.statusCode,
        durationMs: Math.round(durationMs * 10) / 10,
      });
    });
    next();
  });
};

function loggedPath(path: string, redacted: unknown): string {
  if (typeof redacted === "string") return redacted;
  return path
    .split("/")
    .map((s) => (s.length > LONG_SEGMENT ? `{${s.length} characters}` : s))
    .join("/");
}
