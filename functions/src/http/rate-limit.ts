import type { RequestHandler } from "express";
import type { LimitSubject, RateLimiter } from "../shared/rate-limiter";
import { clientOf } from "./client-address";

/**
 * Route groups that share a budget (params RATE_LIMIT_<GROUP>). A route declares its group; a route
 * that declares none gets one from its method and access (defaultLimitGroup), so routes added later
 * are limited without anyone remembering to.
 */
export const LIMIT_GROUPS = ["signup", "signin", "public-write", "write", "costly"] as const;
export type LimitGroup = (typeof LIMIT_GROUPS)[number];

/** What a route may declare: a group, or "none" (reads that cost no more than a document or two). */
export type LimitDeclaration = LimitGroup | "none";

/** The group a route's requests count against; undefined for unlimited routes (plain GETs). */
export function limitGroupOf(r: { method: string; access: string; limit?: LimitDeclaration }): LimitGroup | undefined {
  if (r.limit === "none") return undefined;
  if (r.limit) return r.limit;
  if (r.method === "get") return undefined;
  return r.access === "public" ? "public-write" : "write";
}

/** The limiter and how subjects become opaque keys (an HMAC: addresses and emails are never stored). */
export interface RateLimitDeps {
  limiter: RateLimiter;
  keyOf(subject: LimitSubject, value: string): string;
}

/**
 * Counts the request against its group's budgets: the signed-in caller, the client address, and the
 * `email` of the body when there is one. Sends `RateLimit` and `RateLimit-Policy` (IETF draft) on
 * every answer of a limited route; over budget, the limiter's 429 carries them with `Retry-After`.
 */
export function rateLimit(group: LimitGroup, deps: RateLimitDeps): RequestHandler {
  return (req, res, next) => {
    const subjects: Partial<Record<LimitSubject, string>> = {};
    const uid = (res.locals.caller as { uid?: unknown } | undefined)?.uid;
    if (typeof uid === "string") subjects.user = deps.keyOf("user", uid);
    subjects.ip = deps.keyOf("ip", clientOf(res).address);
    const email = (req.body as { email?: unknown } | undefined)?.email;
    if (typeof email === "string" && email.trim()) subjects.email = deps.keyOf("email", email.trim().toLowerCase());
    deps.limiter.check(group, subjects).then(
      (report) => {
        if (report) res.set({ "RateLimit-Policy": report.policy, RateLimit: report.remaining });
        next();
      },
      (e: unknown) => next(e),
    );
  };
}
