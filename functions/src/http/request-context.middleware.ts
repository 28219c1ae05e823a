import { randomUUID } from "node:crypto";
import type { RequestHandler } from "express";
import { log, withLogContext } from "../shared/logger";

export const REQUEST_ID_HEADER = "X-Request-Id";
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/**
 * Gives every request an id (the client's X-Request-Id when well formed, else a new UUID), echoes it
 * on the response, puts it on every log line written while the request runs, and writes one access
 * log line when the response finishes (method, route path without query, status, duration).
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
        path: req.path,
        status: res.statusCode,
        durationMs: Math.round(durationMs * 10) / 10,
      });
    });
    next();
  });
};
