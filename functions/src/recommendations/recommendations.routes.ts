import { accepted, ok, routeFor } from "../http/route";
import { AppError } from "../shared/errors";
import { movieIdParamSchema } from "../movies/movies.schema";
import {
  groupBodySchema,
  groupListSchema,
  recommendationListSchema,
  recommendationsQuerySchema,
  liveVersionChangeSchema,
  retrainLaunchSchema,
  setLiveBodySchema,
  similarListSchema,
  similarQuerySchema,
} from "./recommendations.schema";
import { GROUP_AGGREGATION, type RecommendationsService } from "./recommendations.service";
import type { LiveVersionService } from "./live-version.service";
import type { RetrainLauncher } from "./retrain-launcher";

const recommendationRoute = routeFor<{
  recommendations: RecommendationsService;
  retraining: RetrainLauncher;
  /** Absent when no model store is configured: the live route then answers 409. */
  liveVersions?: LiveVersionService;
}>();

/** Personal, similar-film and group recommendations; the administrators' "retrain now" and force-promote/rollback. */
export const recommendationRoutes = [
  recommendationRoute({
    method: "get",
    path: "/me/recommendations",
    operationId: "getMyRecommendations",
    limit: "costly",
    tag: "recommendations",
    summary: "Films for the caller, each with a reason",
    description:
      "Never a film the caller rated, watched or put on the watchlist. Ratings given since the model was trained " +
      "count at once (source `fold-in`); with no ratings, well-rated popular films in the caller's favourite genres " +
      "(`cold-start`); with no model published yet, well-rated popular films from the catalogue (`popular`).",
    access: "user",
    query: recommendationsQuerySchema,
    responses: { 200: { description: "The list", schema: recommendationListSchema } },
    handler: async ({ query, caller }, { recommendations }) => ok(await recommendations.forUser(caller().uid, query)),
  }),
  recommendationRoute({
    method: "get",
    path: "/movies/{movieId}/similar",
    operationId: "getSimilarMovies",
    limit: "costly",
    tag: "recommendations",
    summary: "Films similar to one film",
    description:
      "Films rated by at least 3 of the same people, most similar first (`basis: co-ratings`); when there are too few, " +
      "films of the same genres and era fill the list (`basis: content`) and `note` says so.",
    access: "user",
    params: movieIdParamSchema,
    query: similarQuerySchema,
    responses: { 200: { description: "The list", schema: similarListSchema } },
    errors: [404],
    handler: async ({ params, query }, { recommendations }) => ok(await recommendations.similar(params.movieId, query.limit)),
  }),
  recommendationRoute({
    method: "post",
    path: "/recommendations/group",
    operationId: "getGroupRecommendations",
    limit: "costly",
    tag: "recommendations",
    summary: "Films for the caller and some of their friends to watch together",
    description: `${GROUP_AGGREGATION} Films anyone in the group has watched or rated are left out. Every uid must be the caller's friend whose privacy setting shows their ratings and watched films to the caller (403 otherwise, naming the entries).`,
    access: "user",
    body: groupBodySchema,
    responses: { 200: { description: "The list", schema: groupListSchema } },
    errors: [403],
    handler: async ({ body, caller }, { recommendations }) => ok(await recommendations.group(caller().uid, body.uids, body.limit)),
  }),
  recommendationRoute({
    method: "post",
    path: "/admin/recommender/retrain",
    operationId: "retrainRecommender",
    tag: "admin",
    summary: "Retrain the recommender now (administrators)",
    description:
      "Deployed: starts the retrainRecommender job (202). Local emulators: retrains in the API instance and answers " +
      "with the outcome (200). Either way the new model is promoted only if it measures not worse than the live one.",
    access: "admin",
    responses: {
      200: { description: "The run's outcome", schema: retrainLaunchSchema },
      202: { description: "The job has started", schema: retrainLaunchSchema },
    },
    errors: [503],
    // Locally the run trains inline (a demo catalogue: seconds); within the function's 60 s timeout.
    deadlineMs: 55_000,
    // Inline: the run is over, here is its outcome. Scheduler: the job has started.
    handler: async ({ caller }, { retraining }) => {
      const launch = await retraining.launch(caller().uid);
      return launch.mode === "inline" ? ok(launch) : accepted(launch);
    },
  }),
  recommendationRoute({
    method: "post",
    path: "/admin/recommender/live",
    operationId: "setLiveRecommender",
    tag: "admin",
    summary: "Put a kept model version in service: force-promote or roll back (administrators)",
    description:
      "Bypasses the gate. The version must be kept in the model store and load as serving loads it. The change is " +
      "`rollback` when the version is older than the live one, `force-promote` otherwise, and is recorded with who made it.",
    access: "admin",
    body: setLiveBodySchema,
    responses: { 200: { description: "The change", schema: liveVersionChangeSchema } },
    errors: [404, 409],
    handler: async ({ body, caller }, { liveVersions }) => {
      if (!liveVersions) throw new AppError("failed-precondition", "no model store is configured");
      return ok(await liveVersions.setLive(body.version, caller().uid, body.reason));
    },
  }),
];
