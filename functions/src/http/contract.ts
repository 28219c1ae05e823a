import { z } from "zod";
import { ERROR_CODES } from "../shared/errors";
import { REQUEST_ID_HEADER } from "./request-context.middleware";
import { limitGroupOf } from "./rate-limit";

import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_PATTERN } from "./idempotency";
import { documentedErrorStatuses, type Route } from "./route";

/**
 * Builds the OpenAPI 3.1 document from route declarations (http/route.ts). Request and response schemas
 * are the zod schemas the code validates with, converted by zod's own JSON Schema conversion; schemas
 * given an id (`.meta({ id })`) become named components that clients see as named types.
 */

type Json = Record<string, unknown>;

export interface ContractInfo {
  title: string;
  version: string;
  description: string;
  /** Every tag a route uses, with its description, in display order. */
  tags: ReadonlyArray<{ name: string; description: string }>;
}

/** The error body of every 4xx and 5xx answer. */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES).describe("Stable, machine-readable reason; switch on this, not on the message"),
      message: z.string().describe("For developers; not localised"),
      details: z.unknown().optional().describe("For invalid-argument: a list of {path, message}, one per bad field"),
    }),
  })
  .meta({ id: "Error", description: "The one error format" });

const ERROR_RESPONSES: Record<number, { name: string; description: string; retryAfter?: boolean }> = {
  400: { name: "InvalidArgument", description: "Invalid input: `details` names each bad field" },
  401: {
    name: "Unauthenticated",
    description:
      "Missing, invalid, expired or revoked credentials; or, where the deployment requires App Check, a missing or invalid " +
      "`X-Firebase-AppCheck` token",
  },
  403: { name: "PermissionDenied", description: "The caller may not do this" },
  404: { name: "NotFound", description: "No such resource, or not visible to the caller" },
  409: {
    name: "Conflict",
    description:
      "Conflicts with the current state (already exists, or not in the right state; or an Idempotency-Key in use by a " +
      "request still running, then with `Retry-After`, or by a different request)",
  },
  413: { name: "PayloadTooLarge", description: "The body is larger than the server accepts" },
  429: {
    name: "TooManyRequests",
    description:
      "Too many requests or attempts; retry after `Retry-After` seconds. A spent rate limit also names its policy " +
      "(`RateLimit-Policy`, `RateLimit`)",
    retryAfter: true,
  },
  500: { name: "Internal", description: "Unexpected server error; the cause is logged, never sent" },
  503: {
    name: "Unavailable",
    description:
      "Temporarily unavailable, or the request did not finish within its deadline; retry after `Retry-After` seconds " +
      "(a write is then either whole or absent: retry a create with the same `Idempotency-Key`)",
    retryAfter: true,
  },
};

const requestIdHeader = { $ref: "#/components/headers/RequestId" };
const retryAfterHeader = { $ref: "#/components/headers/RetryAfter" };
const rateLimitHeaders = {
  RateLimit: { $ref: "#/components/headers/RateLimit" },
  "RateLimit-Policy": { $ref: "#/components/headers/RateLimitPolicy" },
};

/** zod's output carries noise for clients: $schema, safe-integer bounds, the date-time regex. */
function tidy(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tidy);
  if (typeof node !== "object" || node === null) return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === "$schema" || k === "$id") continue;
    if ((k === "minimum" && v === Number.MIN_SAFE_INTEGER) || (k === "maximum" && v === Number.MAX_SAFE_INTEGER)) continue;
    if (k === "pattern" && (node as Json).format === "date-time") continue;
    if (k === "$ref" && typeof v === "string") {
      out[k] = v.replace("#/$defs/", "#/components/schemas/");
      continue;
    }
    out[k] = tidy(v);
  }
  return out;
}

class SchemaConverter {
  readonly components: Record<string, unknown> = {};

  convert(schema: z.ZodType, io: "input" | "output"): Json {
    const raw = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as Json;
    const { $defs, ...rest } = raw;
    for (const [id, def] of Object.entries(($defs ?? {}) as Json)) {
      const tidied = tidy(def);
      const known = this.components[id];
      if (known !== undefined && JSON.stringify(known) !== JSON.stringify(tidied)) {
        throw new Error(`Component schema ${id} differs between uses (named schemas must read the same as input and output)`);
      }
      this.components[id] = tidied;
    }
    return tidy(rest) as Json;
  }
}

/** Splits an object schema into OpenAPI parameters. */
function parameters(converter: SchemaConverter, schema: z.ZodType | undefined, where: "path" | "query"): Json[] {
  if (!schema) return [];
  const json = converter.convert(schema, "input");
  const properties = (json.properties ?? {}) as Record<string, Json>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, s]) => {
    const { description, ...rest } = s;
    return {
      name,
      in: where,
      required: where === "path" || required.has(name),
      ...(description === undefined ? {} : { description }),
      schema: rest,
    };
  });
}

/** The header of routes that create something (http/idempotency.ts). */
const idempotencyKeyParameter = {
  name: IDEMPOTENCY_KEY_HEADER,
  in: "header",
  required: false,
  description:
    "A key the client makes up per operation (a UUID): retrying with the same key and the same request replays the first " +
    "answer (with `Idempotent-Replayed: true`) instead of creating again; kept for 24 hours per caller and operation. " +
    "The same key with a different request answers 409.",
  schema: { type: "string", pattern: IDEMPOTENCY_KEY_PATTERN },
};

function operation(converter: SchemaConverter, r: Route<never>): Json {
  const responses: Json = {};
  for (const [status, spec] of Object.entries(r.responses)) {
    if (!spec) continue;
    const headers: Json = {
      [REQUEST_ID_HEADER]: requestIdHeader,
      ...(Number(status) === 503 ? { "Retry-After": retryAfterHeader } : {}),
      ...(limitGroupOf(r) ? rateLimitHeaders : {}),
    };
    for (const [name, value] of Object.entries(r.headers ?? {}))
      headers[name] = { description: `Always \`${value}\``, schema: { type: "string" } };
    responses[status] = {
      description: spec.description,
      headers,
      ...(spec.schema ? { content: { "application/json": { schema: converter.convert(spec.schema, "output") } } } : {}),
    };
  }
  for (const status of documentedErrorStatuses(r)) {
    responses[String(status)] = { $ref: `#/components/responses/${ERROR_RESPONSES[status].name}` };
  }
  const params = [
    ...parameters(converter, r.params, "path"),
    ...parameters(converter, r.query, "query"),
    ...(r.idempotent ? [idempotencyKeyParameter] : []),
  ];
  return {
    operationId: r.operationId,
    tags: [r.tag],
    summary: r.summary,
    description: r.description ?? r.summary,
    ...(r.access === "public" ? { security: [] } : {}),
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(r.body
      ? {
          requestBody: {
            required: !r.bodyOptional,
            content: { "application/json": { schema: converter.convert(r.body, "input") } },
          },
        }
      : {}),
    responses,
    ...(r.access === "admin" ? { "x-required-role": "admin" } : {}),
  };
}

/** The OpenAPI 3.1 document for the routes; deterministic, so it can be committed and compared. */
export function buildOpenApiDocument(routes: readonly Route<never>[], info: ContractInfo): Json {
  const converter = new SchemaConverter();
  const paths: Record<string, Json> = {};
  for (const r of routes) {
    paths[r.path] ??= {};
    if (paths[r.path][r.method]) throw new Error(`Route declared twice: ${r.method.toUpperCase()} ${r.path}`);
    paths[r.path][r.method] = operation(converter, r);
  }
  const usedTags = new Set(routes.map((r) => r.tag));
  for (const tag of usedTags) {
    if (!info.tags.some((t) => t.name === tag)) throw new Error(`Tag ${tag} has no description`);
  }
  const errorSchema = converter.convert(errorBodySchema, "output");
  return {
    openapi: "3.1.0",
    info: {
      title: info.title,
      version: info.version,
      description: info.description,
      license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
    },
    servers: [{ url: "/v1", description: "The API, behind Firebase Hosting" }],
    security: [{ bearerAuth: [] }],
    tags: info.tags.filter((t) => usedTags.has(t.name)),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "The access token from sign-in or refresh" },
      },
      headers: {
        RequestId: {
          description: "The request's id (the client's own when it sent a well-formed one); quote it when reporting a problem",
          schema: { type: "string" },
        },
        RetryAfter: { description: "Seconds to wait before retrying", schema: { type: "integer", minimum: 0 } },
        RateLimit: {
          description:
            'The tightest budget of the route\'s group and what is left of it (IETF draft "RateLimit header fields for HTTP"): ' +
            '`"<policy>";r=<remaining>;t=<seconds until the window resets>`',
          schema: { type: "string" },
        },
        RateLimitPolicy: {
          description: 'That budget: `"<policy>";q=<requests>;w=<window in seconds>`',
          schema: { type: "string" },
        },
      },
      responses: Object.fromEntries(
        Object.values(ERROR_RESPONSES).map((e) => [
          e.name,
          {
            description: e.description,
            headers: {
              [REQUEST_ID_HEADER]: requestIdHeader,
              ...(e.retryAfter ? { "Retry-After": retryAfterHeader } : {}),
              ...(e.name === "TooManyRequests" ? rateLimitHeaders : {}),
            },
            content: { "application/json": { schema: errorSchema } },
          },
        ]),
      ),
      schemas: Object.fromEntries(Object.entries(converter.components).sort(([a], [b]) => a.localeCompare(b))),
    },
  };
}
