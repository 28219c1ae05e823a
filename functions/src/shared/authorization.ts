/**
 * Who is calling and what they may see: the authorisation rules services apply. The HTTP edge
 * (http/auth.middleware.ts) establishes the Caller; everything here is framework-free.
 */
import { AppError } from "./errors";

/** Who is calling: set on `res.locals.caller` by requireAuth. */
export interface Caller {
  uid: string;
  role: "user" | "admin";
  /** The session (refresh-token family) the caller's access token belongs to, when it names one. */
  sessionId?: string;
}

/** Checks an access token and says whose it is; the auth domain's token service implements it. */
export interface AccessTokenVerifier {
  verify(token: string): Promise<Caller>;
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

/** Who may see a user's ratings and watched list. */
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
