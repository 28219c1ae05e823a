import express, { type Request, type RequestHandler, type Response, type Router } from "express";
import { z } from "zod";
import { AppError } from "../shared/errors";
import { describeError, log } from "../shared/logger";
import { parseInput } from "../shared/validation";
import type { Caller } from "../shared/authorization";
import { callerOf, requireRole } from "./auth.middleware";
import { clientOf } from "./client-address";
import { limitGroupOf, rateLimit, type LimitDeclaration, type RateLimitDeps } from "./rate-limit";
import { LOG_PATH_LOCAL } from "./request-context.middleware";
import { DEFAULT_REQUEST_DEADLINE_MS, deadline, deadlinePassed } from "./deadline";
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_LEASE_MS,
  IDEMPOTENT_REPLAYED_HEADER,
  type IdempotencyStore,
  idempotencyKeyOf,
  idempotencyRecordId,
  requestFingerprint,
  runIdempotent,
} from "./idempotency";

/**
 * Routes are declared once, as data: method, path, who may call, the request schemas and a response
 * schema per status. The Express router (mountRoutes) and the OpenAPI document (http/contract.ts) are
 * both built from these declarations, so the contract cannot drift from what the code validates.
 */

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** Who may call: anyone, a signed-in person, or an administrator. */
export type Access = "public" | "user" | "admin";

/** Statuses a route answers on success. */
export type SuccessStatus = 200 | 201 | 202 | 204;

/** Error statuses a route declares beyond those derived from its shape (see documentedErrorStatuses). */
export type DeclaredErrorStatus = 401 | 403 | 404 | 409 | 429 | 503;

/** A success response: its description, and the JSON body schema (none for 204). */
export interface ResponseSpec<S extends z.ZodType | undefined = z.ZodType | undefined> {
  description: string;
  schema: S;
}

/** Statuses that carry a body of the route's own shape (503: health's degraded report). */
export type BodyStatus = SuccessStatus | 503;

type Responses = Partial<Record<BodyStatus, ResponseSpec>>;

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
type BodyOf<R> = R extends ResponseSpec<infer S> ? (S extends z.ZodType ? z.input<S> : undefined) : never;

/** What a handler returns: one of the route's declared success statuses with its body. */
export type Outcome<R extends Responses> = {
  [S in keyof R & BodyStatus]: { status: S; body: BodyOf<R[S]>; headers?: Record<string, string> };
}[keyof R & BodyStatus];

/** What a handler gets: the parsed inputs, the caller (signed-in routes), and the raw request for the rest. */
export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** The signed-in caller; throws `unauthenticated` on a public route. */
  caller(): Caller;
  /** The client's address as the trusted part of the chain in front of the function saw it (http/client-address.ts). */
  ip: string;
  req: Request;
}

/** What every route declares besides its handler; the schema types are the route's own (RouteSpec) or erased (Route). */
interface RouteDeclaration<
  P extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  B extends z.ZodType | undefined,
  R extends Responses,
> {
  method: HttpMethod;
  /** OpenAPI style, relative to /v1: `/movies/{movieId}`. */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  /** A body may be left out entirely (it is then parsed as `{}`). */
  bodyOptional?: boolean;
  responses: R;
  /** Error statuses the handler's services can raise beyond the derived ones (400, 401, 403 for admin, 413, 500). */
  errors?: readonly DeclaredErrorStatus[];
  /** Sent with every success response, e.g. Cache-Control. */
  headers?: Record<string, string>;
  /**
   * The rate limit group its requests count against; without one, every route but a GET gets a group
   * from its method and access (http/rate-limit.ts). "none" for reads that cost little.
   */
  limit?: LimitDeclaration;
  /** false: served without an App Check token even when App Check is required (health, the contract). */
  appCheck?: false;

  /** Path parameters that are secrets (a device token): the access log shows `{name}` in their place. */
  secretParams?: readonly string[];

  /** This route's own deadline in milliseconds (long operations: export, retraining); others get the app's. */
  deadlineMs?: number;
  /** The route creates something: it accepts an Idempotency-Key header (http/idempotency.ts). */
  idempotent?: boolean;
}

export interface RouteSpec<
  D,
  P extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  B extends z.ZodType | undefined,
  R extends Responses,
> extends RouteDeclaration<P, Q, B, R> {
  handler(ctx: RouteContext<Parsed<P>, Parsed<Q>, Parsed<B>>, deps: D): Promise<Outcome<R>>;
}

/** A route with its types erased, as routers and the contract generator see it. */
export interface Route<D = unknown> extends RouteDeclaration<
  z.ZodType | undefined,
  z.ZodType | undefined,
  z.ZodType | undefined,
  Responses
> {
  handler(
    ctx: RouteContext<unknown, unknown, unknown>,
    deps: D,
  ): Promise<{ status: number; body: unknown; headers?: Record<string, string> }>;
}

/**
 * Declares routes needing services `D`: `const movieRoute = routeFor<{ movies: MoviesService }>()`, then
 * `movieRoute({...})`. The schemas' types flow into the handler's inputs and are checked against its outcomes.
 */
export function routeFor<D>() {
  return <
    P extends z.ZodType | undefined = undefined,
    Q extends z.ZodType | undefined = undefined,
    B extends z.ZodType | undefined = undefined,
    R extends Responses = Responses,
  >(
    spec: RouteSpec<D, P, Q, B, R>,
  ): Route<D> => spec as unknown as Route<D>;
}

export const ok = <T>(body: T, headers?: Record<string, string>) => ({ status: 200 as const, body, headers });
export const created = <T>(body: T, headers?: Record<string, string>) => ({ status: 201 as const, body, headers });
export const accepted = <T>(body: T) => ({ status: 202 as const, body });
export const noContent = () => ({ status: 204 as const, body: undefined });

/** Every error status a route can answer: derived from its shape, plus what it declares. */
export function documentedErrorStatuses(r: Route<never>): number[] {
  // 503: every route has a deadline (http/deadline.ts).
  const statuses = new Set<number>([500, 503, ...(r.errors ?? [])].filter((s) => !(s in r.responses)));
  if (r.idempotent) statuses.add(409);
  if (r.params || r.query || r.body) statuses.add(400);
  if (r.access !== "public" || r.appCheck !== false) statuses.add(401);
  if (limitGroupOf(r)) statuses.add(429);
  if (r.access === "admin") statuses.add(403);
  // The body limit applies before routing; only routes that take a body can be expected to meet it.
  if (r.body || r.method !== "get") statuses.add(413);
  return [...statuses].sort((a, b) => a - b);
}

/** Express writes `{id}` as `:id`. */
export const expressPath = (path: string) => path.replace(/\{(\w+)\}/g, ":$1");

export interface MountOptions {
  /** requireAuth: verifies the access token and sets the caller. */
  requireAuth: RequestHandler;
  /**
   * Check every response against the contract (tests and the local stack): a body that does not match
   * the schema of its status, or a status the route does not document, becomes a 500 and an error log.
   */
  validateResponses?: boolean;
  /** Rate limits by route group (absent: no limits, as in unit specs that do not test them). */
  rateLimits?: RateLimitDeps;
  /** Refuses requests without a valid App Check token (absent: App Check is off). */
  appCheck?: RequestHandler;
  /** Milliseconds a request may take before it answers 503 (routes may declare their own); default DEFAULT_REQUEST_DEADLINE_MS. */
  deadlineMs?: number;
  /** Keeps the outcomes of Idempotency-Keys; required when a route is declared `idempotent`. */
  idempotency?: IdempotencyStore;
}

/** Registers the routes on the router, each with its full path (no nested routers). */
export function mountRoutes<D>(router: Router, routes: readonly Route<D>[], deps: D, options: MountOptions): void {
  for (const r of routes) {
    const deadlineMs = r.deadlineMs ?? options.deadlineMs ?? DEFAULT_REQUEST_DEADLINE_MS;
    const store = options.idempotency;
    if (r.idempotent && !store) throw new Error(`${r.operationId} is idempotent: mount it with an idempotency store`);
    // First, so the time spent checking the token counts too.
    const chain: RequestHandler[] = [deadline(deadlineMs)];
    if (r.secretParams?.length) chain.push(redactLogPath(r.secretParams));
    if (options.validateResponses) chain.push(checkResponses(r as Route<never>));
    if (options.appCheck && r.appCheck !== false) chain.push(options.appCheck);
    if (r.access !== "public") chain.push(options.requireAuth);
    if (r.access === "admin") chain.push(requireRole("admin"));
    const group = limitGroupOf(r);
    if (group && options.rateLimits) chain.push(rateLimit(group, options.rateLimits));
    chain.push(async (req, res) => {
      // The deadline passed while an earlier step (the token check) waited: start nothing.
      if (deadlinePassed(res)) return;
      try {
        const ctx: RouteContext<unknown, unknown, unknown> = {
          params: r.params ? parseInput(r.params, req.params, "path") : undefined,
          query: r.query ? parseInput(r.query, req.query, "query") : undefined,
          body: r.body ? parseInput(r.body, req.body ?? (r.bodyOptional ? {} : undefined), "body") : undefined,
          caller: () => callerOf(res),
          ip: clientOf(res).address,
          req,
        };
        const key = r.idempotent ? idempotencyKeyOf(req.get(IDEMPOTENCY_KEY_HEADER)) : undefined;
        const outcome =
          key === undefined
            ? await r.handler(ctx, deps)
            : await runIdempotent(
                {
                  store: store as IdempotencyStore,
                  id: idempotencyRecordId(r.access === "public" ? "anonymous" : ctx.caller().uid, r.operationId, key),
                  fingerprint: requestFingerprint([ctx.params, ctx.query, ctx.body]),
                  leaseMs: Math.max(2 * deadlineMs, IDEMPOTENCY_LEASE_MS),
                },
                () => r.handler(ctx, deps),
              ).then(({ replayed, ...o }) => (replayed ? { ...o, headers: { ...o.headers, [IDEMPOTENT_REPLAYED_HEADER]: "true" } } : o));
        // Answered 503 already: the work finished late (whole, or not at all); never answer twice.
        if (res.headersSent) {
          log.warn("late completion after the response was sent", { operationId: r.operationId, status: outcome.status });
          return;
        }
        res.set({ ...r.headers, ...outcome.headers });
        if (outcome.status === 204) res.status(204).end();
        else res.status(outcome.status).json(outcome.body);
      } catch (e) {
        if (!res.headersSent) throw e;
        log.warn("late failure after the response was sent", { operationId: r.operationId, ...describeError(e) });
      }
    });
    router[r.method](expressPath(r.path), ...chain);
  }
}

/** Sets the path the access log writes (LOG_PATH_LOCAL) with the route's secret parameters replaced by `{name}`. */
function redactLogPath(secrets: readonly string[]): RequestHandler {
  return (req, res, next) => {
    let path = req.originalUrl.split("?")[0] ?? "";
    for (const name of secrets) {
      const value = req.params[name];
      if (typeof value === "string" && value.length > 0)
        path = path.split(encodeURIComponent(value)).join(`{${name}}`).split(value).join(`{${name}}`);
    }
    res.locals[LOG_PATH_LOCAL] = path;
    next();
  };
}

/** Accepts any error body in the one format; its code is checked against the status by the error middleware. */
const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/** JSON with sorted keys, to compare a body with what its schema kept of it. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** Wraps res.json/res.end so a response the contract does not describe fails loudly (see MountOptions). */
function checkResponses(r: Route<never>): RequestHandler {
  const errorStatuses = new Set(documentedErrorStatuses(r));
  return (_req, res, next) => {
    const json = res.json.bind(res);
    let checked = false;
    const violation = (problem: string, status: number) => {
      log.error("response violates the contract", { operationId: r.operationId, status, problem });
      return new AppError("internal", "Response violates the API contract");
    };
    res.json = (body: unknown) => {
      if (checked) return json(body);
      checked = true;
      const status = res.statusCode;
      const spec = r.responses[status as SuccessStatus];
      let problem: string | undefined;
      if (status >= 400 && !spec) {
        if (!errorStatuses.has(status)) problem = `undocumented error status ${status}`;
        else if (!errorBodySchema.safeParse(body).success) problem = "error body not in the error format";
      } else if (!spec?.schema) {
        problem = `undocumented status ${status}`;
      } else {
        // Checked as sent: the JSON on the wire, and nothing beyond what the schema describes.
        const wire: unknown = body === undefined ? undefined : JSON.parse(JSON.stringify(body));
        const result = spec.schema.safeParse(wire);
        if (!result.success) problem = JSON.stringify(result.error.issues.slice(0, 5));
        else if (canonical(result.data) !== canonical(wire)) problem = "the body has fields the contract does not describe";
      }
      if (problem === undefined) return json(body);
      const e = violation(problem, status);
      return res
        .status(500)
        .json({ error: { code: e.code, message: e.message, details: { operationId: r.operationId, status, problem } } });
    };
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.end = ((...args: unknown[]) => {
      if (!checked && res.statusCode === 204 && !(204 in r.responses)) {
        checked = true;
        violation("undocumented status 204", 204);
        res.statusCode = 500;
      }
      return end(...args);
    }) as Response["end"];
    next();
  };
}

/** The router for a set of routes, for callers that build one app from them (createApp). */
export function routerFor<D>(routes: readonly Route<D>[], deps: D, options: MountOptions): Router {
  const router = express.Router();
  mountRoutes(router, routes, deps, options);
  return router;
}
