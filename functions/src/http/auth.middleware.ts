import type { RequestHandler, Response } from "express";
import type { AccessTokenVerifier, Caller } from "../shared/authorization";
import { AppError } from "../shared/errors";

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i;

/**
 * Requires `Authorization: Bearer <access token>`: a valid token puts the Caller on
 * `res.locals.caller`; a missing, malformed, expired or revoked one is an `unauthenticated` error.
 */
export function requireAuth(verifier: AccessTokenVerifier): RequestHandler {
  return (req, res, next) => {
    const match = BEARER.exec(req.get("Authorization") ?? "");
    if (!match) {
      next(new AppError("unauthenticated", "A Bearer access token is required"));
      return;
    }
    verifier.verify(match[1]).then(
      (caller) => {
        res.locals.caller = caller;
        next();
      },
      (e: unknown) => next(e),
    );
  };
}

/** The authenticated caller of this request; `unauthenticated` when requireAuth did not run or failed. */
export function callerOf(res: Response): Caller {
  const caller: unknown = res.locals.caller;
  if (typeof caller !== "object" || caller === null || typeof (caller as Caller).uid !== "string") {
    throw new AppError("unauthenticated", "Authentication required");
  }
  return caller as Caller;
}

/** Lets only callers with the role through (place it after requireAuth); others get `permission-denied`. */
export function requireRole(role: "admin"): RequestHandler {
  return (_req, res, next) => {
    try {
      if (callerOf(res).role !== role) throw new AppError("permission-denied", `Requires the ${role} role`);
      next();
    } catch (e: unknown) {
      next(e);
    }
  };
}
