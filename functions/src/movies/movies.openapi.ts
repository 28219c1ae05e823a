import type { OpenApiPaths } from "../http/openapi";
import { cursorParam, errorResponses, jsonResponse, limitParam, movieIdParam } from "../http/openapi-common";
import { GENRES } from "../shared/genres";

export const moviesPaths: OpenApiPaths = {
  "/movies": {
    get: {
      operationId: "listMovies",
      tags: ["catalogue"],
      summary: "Search and browse the catalogue",
      description:
        "`q` matches titles by word prefixes, ignoring case, accents and word order. Filters combine. " +
        "Sorted by popularity (number of ratings) or rating (a Bayesian average, so a single vote does not top the list).",
      parameters: [
        { name: "q", in: "query", schema: { type: "string", maxLength: 100 } },
        { name: "genre", in: "query", schema: { enum: [...GENRES] } },
        { name: "year", in: "query", schema: { type: "integer", minimum: 1870, maximum: 2100 } },
        { name: "sort", in: "query", schema: { enum: ["popularity", "rating"], default: "popularity" } },
        limitParam,
        cursorParam,
      ],
      responses: {
        "200": jsonResponse("A page of films", { $ref: "#/components/schemas/MoviePage" }),
        ...errorResponses(400, 401),
      },
    },
  },
  "/movies/{movieId}": {
    get: {
      operationId: "getMovie",
      tags: ["catalogue"],
      summary: "One film: aggregates, details (when TMDB is configured) and the caller's own state",
      parameters: [movieIdParam],
      responses: {
        "200": jsonResponse("The film", { $ref: "#/components/schemas/Movie" }),
        ...errorResponses(400, 401, 404),
      },
    },
  },
};

const histogram = {
  type: "object",
  description: 'Count per rating value, keys "0.5" to "5"',
  additionalProperties: { type: "integer" },
};

export const moviesSchemas = {
  MovieSummary: {
    type: "object",
    required: ["movieId", "title", "year", "genres", "ratings"],
    properties: {
      movieId: { type: "integer" },
      title: { type: "string" },
      year: { type: ["integer", "null"] },
      genres: { type: "array", items: { type: "string" } },
      ratings: {
        type: "object",
        properties: { count: { type: "integer" }, mean: { type: ["number", "null"] } },
      },
    },
  },
  MoviePage: {
    type: "object",
    required: ["items"],
    properties: { items: { type: "array", items: { $ref: "#/components/schemas/MovieSummary" } }, nextCursor: { type: "string" } },
  },
  Movie: {
    type: "object",
    required: ["movieId", "title", "year", "genres", "externalIds", "ratings", "details", "me"],
    properties: {
      movieId: { type: "integer" },
      title: { type: "string" },
      year: { type: ["integer", "null"] },
      genres: { type: "array", items: { type: "string" } },
      externalIds: { type: "object", properties: { imdb: { type: ["string", "null"] }, tmdb: { type: ["integer", "null"] } } },
      ratings: {
        type: "object",
        properties: { count: { type: "integer" }, mean: { type: ["number", "null"] }, histogram },
      },
      details: {
        type: ["object", "null"],
        properties: {
          posterUrl: { type: ["string", "null"] },
          overview: { type: ["string", "null"] },
          runtimeMinutes: { type: ["integer", "null"] },
        },
      },
      me: {
        type: "object",
        properties: {
          rating: { type: ["number", "null"] },
          watched: { type: ["object", "null"], properties: { watchedAt: { type: "string", format: "date-time" } } },
          watchlist: {
            type: ["object", "null"],
            properties: { note: { type: ["string", "null"] }, addedAt: { type: "string", format: "date-time" } },
          },
        },
      },
    },
  },
};
