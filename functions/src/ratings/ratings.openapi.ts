import type { OpenApiPaths } from "../http/openapi";
import { errorResponses, jsonBody, jsonResponse, limitParam, cursorParam, movieIdParam } from "../http/openapi-common";

export const ratingsPaths: OpenApiPaths = {
  "/me/ratings/{movieId}": {
    put: {
      operationId: "putMyRating",
      tags: ["ratings"],
      summary: "Rate a film (0.5 to 5 in steps of 0.5); re-rating replaces the value",
      parameters: [movieIdParam],
      requestBody: jsonBody({
        type: "object",
        required: ["rating"],
        additionalProperties: false,
        properties: { rating: { type: "number", enum: [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5] } },
      }),
      responses: {
        "200": jsonResponse("Rating replaced", { $ref: "#/components/schemas/Rating" }),
        "201": jsonResponse("Rating created", { $ref: "#/components/schemas/Rating" }),
        ...errorResponses(400, 401, 404),
      },
    },
    delete: {
      operationId: "deleteMyRating",
      tags: ["ratings"],
      summary: "Remove the caller's rating of a film (no error if there was none)",
      parameters: [movieIdParam],
      responses: { "204": { description: "Removed" }, ...errorResponses(400, 401, 404) },
    },
  },
  "/me/ratings": {
    get: {
      operationId: "listMyRatings",
      tags: ["ratings"],
      summary: "The caller's ratings, most recently changed first",
      parameters: [limitParam, cursorParam],
      responses: {
        "200": jsonResponse("A page of ratings", { $ref: "#/components/schemas/RatingPage" }),
        ...errorResponses(400, 401),
      },
    },
  },
};

export const ratingsSchemas = {
  Rating: {
    type: "object",
    required: ["movieId", "rating", "createdAt", "updatedAt"],
    properties: {
      movieId: { type: "integer" },
      rating: { type: "number" },
      createdAt: { type: "string", format: "date-time" },
      updatedAt: { type: "string", format: "date-time" },
    },
  },
  RatingPage: {
    type: "object",
    required: ["items"],
    properties: { items: { type: "array", items: { $ref: "#/components/schemas/Rating" } }, nextCursor: { type: "string" } },
  },
};
