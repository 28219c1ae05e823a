import type { OpenApiPaths } from "../http/openapi";
import { errorResponses, jsonBody, jsonResponse, movieIdParam } from "../http/openapi-common";
import { GENRES } from "../shared/genres";
import { DEFAULT_RECOMMENDATIONS, MAX_GROUP_FRIENDS, MAX_RECOMMENDATIONS } from "./recommendations.schema";
import { GROUP_AGGREGATION } from "./recommendations.service";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const limit = {
  name: "limit",
  in: "query",
  schema: { type: "integer", minimum: 1, maximum: MAX_RECOMMENDATIONS, default: DEFAULT_RECOMMENDATIONS },
};
const metricsSchema = {
  type: "object",
  description: "Held-out metrics (per-user split): NDCG@10, precision@10, recall@10 of the top-10, RMSE and MAE of predicted stars",
  additionalProperties: { type: "number" },
};

export const recommendationsPaths: OpenApiPaths = {
  "/me/recommendations": {
    get: {
      operationId: "getMyRecommendations",
      tags: ["recommendations"],
      summary: "Films for the caller, each with a reason",
      description:
        "Never a film the caller rated, watched or put on the watchlist. Ratings given since the model was trained " +
        "count at once (source `fold-in`); with no ratings, well-rated popular films in the caller's favourite genres " +
        "(`cold-start`); with no model published yet, well-rated popular films from the catalogue (`popular`).",
      parameters: [limit, { name: "genre", in: "query", schema: { enum: [...GENRES] } }],
      responses: { "200": jsonResponse("The list", ref("RecommendationList")), ...errorResponses(400, 401) },
    },
  },
  "/movies/{movieId}/similar": {
    get: {
      operationId: "getSimilarMovies",
      tags: ["recommendations"],
      summary: "Films similar to one film",
      description: "From the model's item factors (cosine); for a film the model does not know yet, well-rated films of its first genre.",
      parameters: [movieIdParam, limit],
      responses: { "200": jsonResponse("The list", ref("SimilarList")), ...errorResponses(400, 401, 404) },
    },
  },
  "/recommendations/group": {
    post: {
      operationId: "getGroupRecommendations",
      tags: ["recommendations"],
      summary: "Films for the caller and some of their friends to watch together",
      description: `${GROUP_AGGREGATION} Films anyone in the group has watched or rated are left out. Every uid must be the caller's friend (403 otherwise).`,
      requestBody: jsonBody({
        type: "object",
        required: ["uids"],
        additionalProperties: false,
        properties: {
          uids: { type: "array", minItems: 1, maxItems: MAX_GROUP_FRIENDS, uniqueItems: true, items: { type: "string" } },
          limit: { type: "integer", minimum: 1, maximum: MAX_RECOMMENDATIONS, default: DEFAULT_RECOMMENDATIONS },
        },
      }),
      responses: { "200": jsonResponse("The list", ref("GroupRecommendationList")), ...errorResponses(400, 401, 403) },
    },
  },
  "/admin/recommender/retrain": {
    post: {
      operationId: "retrainRecommender",
      tags: ["admin"],
      summary: "Retrain the recommender now (administrators)",
      description:
        "Deployed: starts the retrainRecommender job (202). Local emulators: retrains in the API instance and answers " +
        "with the outcome (200). Either way the new model is promoted only if it measures not worse than the live one.",
      responses: {
        "200": jsonResponse("The run's outcome", ref("RetrainLaunch")),
        "202": jsonResponse("The job has started", ref("RetrainLaunch")),
        ...errorResponses(401, 403, 503),
      },
    },
  },
  "/admin/recommender/live": {
    post: {
      operationId: "setLiveRecommender",
      tags: ["admin"],
      summary: "Put a kept model version in service: force-promote or roll back (administrators)",
      description:
        "Bypasses the gate. The version must be kept in the model store and load as serving loads it. The change is " +
        "`rollback` when the version is older than the live one, `force-promote` otherwise, and is recorded with who made it.",
      requestBody: jsonBody({
        type: "object",
        required: ["version"],
        additionalProperties: false,
        properties: { version: { type: "string" }, reason: { type: "string", minLength: 1, maxLength: 500 } },
      }),
      responses: {
        "200": jsonResponse("The change", ref("LiveVersionChange")),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    },
  },
};

const film = {
  type: "object",
  required: ["movieId", "title", "year", "genres"],
  properties: {
    movieId: { type: "integer" },
    title: { type: "string" },
    year: { type: ["integer", "null"] },
    genres: { type: "array", items: { type: "string" } },
  },
};

export const recommendationsSchemas = {
  FilmRef: film,
  RecommendationReason: {
    type: "object",
    required: ["code", "text"],
    properties: {
      code: { enum: ["because-you-liked", "popular-in-genre", "popular"] },
      text: { type: "string", examples: ["Because you liked Alien"] },
      movie: { type: "object", properties: { movieId: { type: "integer" }, title: { type: "string" } } },
      genre: { type: "string" },
    },
  },
  RecommendationList: {
    type: "object",
    required: ["source", "modelVersion", "items"],
    properties: {
      source: { enum: ["model", "fold-in", "cold-start", "popular"] },
      modelVersion: { type: ["string", "null"] },
      items: {
        type: "array",
        items: {
          type: "object",
          required: ["movie", "predictedRating", "reason"],
          properties: {
            movie: ref("FilmRef"),
            predictedRating: { type: ["number", "null"], minimum: 0.5, maximum: 5 },
            reason: ref("RecommendationReason"),
          },
        },
      },
    },
  },
  SimilarList: {
    type: "object",
    required: ["movie", "source", "modelVersion", "items"],
    properties: {
      movie: ref("FilmRef"),
      source: {
        enum: ["model", "content"],
        description: "model: films rated by at least 3 of the same people (topped up by content when short); content: genres and year only",
      },
      modelVersion: { type: ["string", "null"] },
      note: { type: "string", description: "Present when content (genres, year) filled the list or part of it" },
      items: {
        type: "array",
        items: {
          type: "object",
          required: ["movie", "similarity", "basis"],
          properties: {
            movie: ref("FilmRef"),
            similarity: { type: ["number", "null"] },
            basis: { enum: ["co-ratings", "content"] },
          },
        },
      },
    },
  },
  GroupRecommendationList: {
    type: "object",
    required: ["source", "modelVersion", "members", "aggregation", "items"],
    properties: {
      source: { enum: ["model", "popular"] },
      modelVersion: { type: ["string", "null"] },
      members: { type: "array", items: { type: "string" }, description: "The caller first" },
      aggregation: { type: "string" },
      items: {
        type: "array",
        items: {
          type: "object",
          required: ["movie", "score", "predictedRating"],
          properties: {
            movie: ref("FilmRef"),
            score: { type: "number" },
            predictedRating: {
              type: ["object", "null"],
              description: "The members' predicted stars: their mean and the least happy member's",
              properties: { mean: { type: "number" }, min: { type: "number" } },
            },
          },
        },
      },
    },
  },
  LiveVersionChange: {
    type: "object",
    required: ["kind", "version", "previousVersion"],
    properties: {
      kind: { enum: ["force-promote", "rollback"] },
      version: { type: "string" },
      previousVersion: { type: ["string", "null"] },
    },
  },
  RetrainLaunch: {
    type: "object",
    required: ["mode"],
    properties: {
      mode: { enum: ["inline", "scheduler"] },
      job: { type: "string" },
      outcome: {
        type: "object",
        required: ["status", "runId", "liveVersion", "seconds"],
        properties: {
          status: { enum: ["promoted", "rejected", "unchanged", "busy", "skipped", "superseded", "failed"] },
          runId: { type: "string" },
          liveVersion: { type: ["string", "null"] },
          candidateVersion: { type: "string" },
          candidateMetrics: metricsSchema,
          liveMetrics: metricsSchema,
          reason: { type: "string" },
          seconds: { type: "number" },
        },
      },
    },
  },
};
