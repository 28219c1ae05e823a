import { z } from "zod";
import { buildOpenApiDocument, type ContractInfo } from "../http/contract";
import { ok, routeFor } from "../http/route";
import { API_ROUTES } from "./routes";

/** The contract's version: bump the minor for additions, the major for breaking changes. */
export const API_VERSION = "1.0.0";

const INFO: ContractInfo = {
  title: "Movie Night API",
  version: API_VERSION,
  description:
    "API of the Movie Night phone app. JSON over HTTPS under `/v1`. Send `Authorization: Bearer <access token>` on every " +
    "operation that does not say otherwise (sign-up, sign-in, refresh and health do not). Every error has the shape " +
    '`{"error":{"code","message","details"?}}`; switch on `code`. Lists are paginated: pass the `nextCursor` of one page ' +
    "as `cursor` to get the next. Every response carries `X-Request-Id`. Where the deployment requires App Check, send " +
    "the Firebase App Check token as `X-Firebase-AppCheck` on every operation but health and this contract (401 otherwise). " +
    "Operations that write or cost count against rate limits: 429 with `Retry-After`, `RateLimit` and `RateLimit-Policy`. " +
    "A request that cannot finish within its deadline answers 503 with `Retry-After`; a write is then whole or absent, " +
    "and a create retried with the same `Idempotency-Key` is not made twice.",
  tags: [
    { name: "system", description: "Health and this contract" },
    { name: "auth", description: "Sign-up, sign-in, tokens and passwords" },
    { name: "account", description: "The signed-in person's own account: profile, taste, export, deletion" },
    { name: "catalogue", description: "Films: search, browse, details" },
    { name: "ratings", description: "The caller's star ratings" },
    { name: "library", description: "The caller's diary (watched films) and watchlist" },
    { name: "people", description: "Finding people and their public profiles" },
    { name: "friends", description: "Friend requests, friendships and blocks" },
    { name: "feed", description: "What friends rate, watch and want to watch" },
    { name: "notifications", description: "In-app notifications and push devices" },
    { name: "recommendations", description: "Personal, similar-film and group recommendations" },
    { name: "nights", description: "Movie night: rooms, a shared deck, swipes and matches" },
    { name: "crews", description: "Crews: lasting groups of friends whose movie nights remember what they turned down and watched" },
    { name: "admin", description: "Operator actions (administrators only)" },
  ],
};

let contract: Record<string, unknown> | undefined;

/** GET /v1/openapi.json; declared here, not in the tables, because it describes them. */
export const openApiRoute = routeFor<unknown>()({
  method: "get",
  path: "/openapi.json",
  operationId: "getOpenApi",
  appCheck: false,
  tag: "system",
  summary: "This API contract (OpenAPI 3.1)",
  description: "The document a client is generated from; the same file is committed as `api/openapi.json`.",
  access: "public",
  responses: { 200: { description: "The OpenAPI document", schema: z.record(z.string(), z.unknown()) } },
  handler: async () => ok(apiContract()),
});

/** The API contract, generated from the route tables (built once). */
export function apiContract(): Record<string, unknown> {
  contract ??= buildOpenApiDocument([...API_ROUTES, openApiRoute] as never[], INFO);
  return contract;
}
