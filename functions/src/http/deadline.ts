import type { RequestHandler, Response } from "express";
import { AppError } from "../shared/errors";
import { log } from "../shared/logger";
import { errorBody } from "./errors.middleware";

/** The request deadline when the config names none (the REQUEST_DEADLINE_MS param's default). */
export const DEFAULT_REQUEST_DEADLINE_MS = 5000;

/** Seconds a client is told to wait after a request ran out of time (sent as Retry-After). */
export const DEADLINE_RETRY_AFTER_SECONDS = 2;

/** True once the request's deadline passed and its 503 was sent: later work must not answer or start. */
export const deadlinePassed = (res: Response): boolean => res.locals.deadlinePassed === true;

/**
 * Gives the request `ms` milliseconds. When they pass before a response was sent, answers 503
 * `unavailable` with Retry-After in the error format, so a stalled database is a quick, retryable
 * answer rather than a hang. The handler is not cancelled (Firestore calls cannot be): each of its
 * writes commits whole or not at all, and mountRoutes drops its late outcome instead of answering twice.
 */
export function deadline(ms: number): RequestHandler {
  return (_req, res, next) => {
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      res.locals.deadlinePassed = true;
      log.warn("request deadline passed", { deadlineMs: ms });
      const e = new AppError("unavailable", "The request did not finish in time; retry later", {
        retryAfterSeconds: DEADLINE_RETRY_AFTER_SECONDS,
      });
      res.setHeader("Retry-After", String(DEADLINE_RETRY_AFTER_SECONDS));
      res.status(503).json(errorBody(e));
    }, ms);
    const stop = () => clearTimeout(timer);
    res.once("finish", stop);
    res.once("close", stop);
    next();
  };
}
