import type { OpenApiPaths } from "../http/openapi";
import { cursorParam, errorResponses, jsonResponse, limitParam } from "../http/openapi-common";

export const feedPaths: OpenApiPaths = {
  "/feed": {
    get: {
      operationId: "getFeed",
      tags: ["feed"],
      summary: "Friends' ratings, diary entries and watchlist additions, newest first (as each friend's privacy setting allows)",
      parameters: [limitParam, cursorParam],
      responses: { "200": jsonResponse("A page of the feed", { $ref: "#/components/schemas/FeedPage" }), ...errorResponses(400, 401) },
    },
  },
};

export const feedSchemas = {
  FeedItem: {
    type: "object",
    required: ["id", "kind", "actor", "movie", "rating", "watchedAt", "at"],
    properties: {
      id: { type: "string" },
      kind: { enum: ["rating", "watched", "watchlist"] },
      actor: { $ref: "#/components/schemas/Person" },
      movie: {
        type: "object",
        required: ["movieId", "title", "year"],
        properties: { movieId: { type: "integer" }, title: { type: "string" }, year: { type: ["integer", "null"] } },
      },
      rating: { type: ["number", "null"] },
      watchedAt: { type: ["string", "null"], format: "date-time" },
      at: { type: "string", format: "date-time" },
    },
  },
  FeedPage: {
    type: "object",
    required: ["items"],
    properties: { items: { type: "array", items: { $ref: "#/components/schemas/FeedItem" } }, nextCursor: { type: "string" } },
  },
};
