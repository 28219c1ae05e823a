import type { Router } from "express";
import { libraryPaths, librarySchemas } from "../library/library.openapi";
import { moviesPaths, moviesSchemas } from "../movies/movies.openapi";
import { ratingsPaths, ratingsSchemas } from "../ratings/ratings.openapi";
import { authPaths } from "../auth/auth.openapi";
import { healthPaths } from "../health/health.openapi";
import { usersPaths } from "../users/users.openapi";
import { feedPaths, feedSchemas } from "../feed/feed.openapi";
import { friendsPaths, friendsSchemas } from "../friends/friends.openapi";
import { notificationsPaths, notificationsSchemas } from "../notifications/notifications.openapi";
import { recommendationsPaths, recommendationsSchemas } from "../recommendations/recommendations.openapi";
import { nightsPaths, nightsSchemas } from "../nights/nights.openapi";

/** An OpenAPI 3.1 operation; kept loose on purpose: the document is data, checked by tests. */
export type OpenApiOperation = Record<string, unknown> & { operationId: string; summary: string };
export type OpenApiPaths = Record<string, Partial<Record<"get" | "put" | "post" | "patch" | "delete", OpenApiOperation>>>;

const errorResponse = {
  description: "Error",
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
};

const openApiPaths: OpenApiPaths = {
  "/openapi.json": {
    get: {
      operationId: "getOpenApi",
      tags: ["system"],
      summary: "This API contract (OpenAPI 3.1)",
      security: [],
      responses: { "200": { description: "The OpenAPI document", content: { "application/json": {} } } },
    },
  },
};

/** Every domain's paths. A test compares this with the routes the app really serves. */
const PATHS: OpenApiPaths[] = [
  healthPaths,
  openApiPaths,
  authPaths,
  usersPaths,
  moviesPaths,
  ratingsPaths,
  libraryPaths,
  friendsPaths,
  feedPaths,
  notificationsPaths,
  recommendationsPaths,
  nightsPaths,
];

/** Every domain's component schemas. */
const SCHEMAS: Record<string, unknown>[] = [
  moviesSchemas,
  ratingsSchemas,
  librarySchemas,
  friendsSchemas,
  feedSchemas,
  notificationsSchemas,
  recommendationsSchemas,
  nightsSchemas,
];

/** Builds the API contract served at GET /v1/openapi.json. Paths are relative to the `/v1` server. */
export function buildOpenApiDocument(version: string): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: {
      title: "Movie Night API",
      version,
      description:
        "API of the Movie Night phone app. JSON over HTTPS; `Authorization: Bearer <access token>` on every route " +
        'that does not say otherwise. Errors always have the shape `{"error":{"code","message","details"?}}`.',
    },
    servers: [{ url: "/v1" }],
    security: [{ bearerAuth: [] }],
    paths: Object.assign({}, ...PATHS),
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
      responses: { Error: errorResponse },
      schemas: {
        ...Object.assign({}, ...SCHEMAS),
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: { type: "string", examples: ["invalid-argument", "not-found"] },
                message: { type: "string" },
                details: {},
              },
            },
          },
        },
        Health: {
          type: "object",
          required: ["status", "version", "firestore", "checkedAt"],
          properties: {
            status: { enum: ["ok", "degraded"] },
            version: { type: "string" },
            firestore: { enum: ["ok", "unavailable"] },
            checkedAt: { type: "string", format: "date-time" },
          },
        },
      },
    },
  };
}

export function registerOpenApiRoute(router: Router, version: string): void {
  const document = buildOpenApiDocument(version);
  router.get("/openapi.json", (_req, res) => {
    res.json(document);
  });
}
