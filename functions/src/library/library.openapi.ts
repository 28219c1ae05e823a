import type { OpenApiPaths } from "../http/openapi";
import { cursorParam, errorResponses, jsonBody, jsonResponse, limitParam, movieIdParam } from "../http/openapi-common";

export const libraryPaths: OpenApiPaths = {
  "/me/watched/{movieId}": {
    put: {
      operationId: "putWatched",
      tags: ["diary"],
      summary: "Log a film as watched (and optionally rate it); takes it off the watchlist",
      parameters: [movieIdParam],
      requestBody: jsonBody(
        {
          type: "object",
          additionalProperties: false,
          properties: {
            watchedAt: { type: "string", format: "date-time", description: "Defaults to now; not in the future" },
            rating: { type: "number", enum: [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5] },
          },
        },
        false,
      ),
      responses: {
        "200": jsonResponse("Entry replaced", { $ref: "#/components/schemas/Watched" }),
        "201": jsonResponse("Entry created", { $ref: "#/components/schemas/Watched" }),
        ...errorResponses(400, 401, 404),
      },
    },
    delete: {
      operationId: "deleteWatched",
      tags: ["diary"],
      summary: "Remove a film from the diary",
      parameters: [movieIdParam],
      responses: { "204": { description: "Removed" }, ...errorResponses(400, 401, 404) },
    },
  },
  "/me/watched": {
    get: {
      operationId: "listWatched",
      tags: ["diary"],
      summary: "The caller's diary, most recently watched first",
      parameters: [limitParam, cursorParam],
      responses: { "200": jsonResponse("A page of entries", { $ref: "#/components/schemas/WatchedPage" }), ...errorResponses(400, 401) },
    },
  },
  "/me/watchlist/{movieId}": {
    put: {
      operationId: "putWatchlist",
      tags: ["watchlist"],
      summary: "Add a film to the watchlist, or update its note",
      parameters: [movieIdParam],
      requestBody: jsonBody(
        { type: "object", additionalProperties: false, properties: { note: { type: ["string", "null"], maxLength: 280 } } },
        false,
      ),
      responses: {
        "200": jsonResponse("Note updated", { $ref: "#/components/schemas/WatchlistEntry" }),
        "201": jsonResponse("Added", { $ref: "#/components/schemas/WatchlistEntry" }),
        ...errorResponses(400, 401, 404),
      },
    },
    delete: {
      operationId: "deleteWatchlist",
      tags: ["watchlist"],
      summary: "Take a film off the watchlist",
      parameters: [movieIdParam],
      responses: { "204": { description: "Removed" }, ...errorResponses(400, 401, 404) },
    },
  },
  "/me/watchlist": {
    get: {
      operationId: "listWatchlist",
      tags: ["watchlist"],
      summary: "The caller's watchlist, most recently added first",
      parameters: [limitParam, cursorParam],
      responses: { "200": jsonResponse("A page of entries", { $ref: "#/components/schemas/WatchlistPage" }), ...errorResponses(400, 401) },
    },
  },
};

const page = (item: string) => ({
  type: "object",
  required: ["items"],
  properties: { items: { type: "array", items: { $ref: `#/components/schemas/${item}` } }, nextCursor: { type: "string" } },
});

export const librarySchemas = {
  Watched: {
    type: "object",
    required: ["movieId", "watchedAt", "createdAt", "updatedAt"],
    properties: {
      movieId: { type: "integer" },
      watchedAt: { type: "string", format: "date-time" },
      createdAt: { type: "string", format: "date-time" },
      updatedAt: { type: "string", format: "date-time" },
      rating: { type: "number" },
    },
  },
  WatchedPage: page("Watched"),
  WatchlistEntry: {
    type: "object",
    required: ["movieId", "note", "addedAt", "updatedAt"],
    properties: {
      movieId: { type: "integer" },
      note: { type: ["string", "null"] },
      addedAt: { type: "string", format: "date-time" },
      updatedAt: { type: "string", format: "date-time" },
    },
  },
  WatchlistPage: page("WatchlistEntry"),
};
