import type { RequestHandler, Response } from "express";
import { AppError } from "../shared/errors";

/** Who is calling: set on `res.locals.caller` by requireAuth. */
export interface Caller {
  uid: string;
  role: "user" | "admin";
}

/** Checks an access token and says whose it is; the auth domain's token service implements it. */
export interface AccessTokenVerifier {
  verify(token: string): Promise<Caller>;
}

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

/**
 * Per-resource authorisation: passes when the caller owns the resource (or is an admin), otherwise
 * `permission-denied`. Services of other domains call it with the owner's uid they loaded.
 */
export function assertOwner(caller: Caller, ownerUid: string): void {
  if (caller.uid !== ownerUid && caller.role !== "admin") {
    throw new AppError("permission-denied", "You may not access another user's resource");
  }
}

/** Who may see a user's ratings and diary. */
export type Visibility = "public" | "friends" | "private";

/** How the viewer relates to the owner of a resource. */
export interface ViewerRelation {
  isSelf: boolean;
  isFriend: boolean;
  isAdmin?: boolean;
}

/** True when a resource with the owner's visibility setting may be shown to the viewer. */
export function isVisibleTo(visibility: Visibility, viewer: ViewerRelation): boolean {
  if (viewer.isSelf || viewer.isAdmin) return true;
  if (visibility === "public") return true;
  return visibility === "friends" && viewer.isFriend;
}

/** Throws `permission-denied` unless a resource with this visibility may be shown to the viewer. */
export function assertVisibleTo(visibility: Visibility, viewer: ViewerRelation): void {
  if (!isVisibleTo(visibility, viewer)) throw new AppError("permission-denied", "This user's data is not shared with you");
}
