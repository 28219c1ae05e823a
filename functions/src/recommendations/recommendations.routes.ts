import { accepted, ok, routeFor } from "../http/route";
import { movieIdParamSchema } from "../movies/movies.schema";
<<<<<<< HEAD
import {
  groupBodySchema,
  groupListSchema,
  recommendationListSchema,
  recommendationsQuerySchema,
  retrainLaunchSchema,
  similarListSchema,
  similarQuerySchema,
} from "./recommendations.schema";
import { GROUP_AGGREGATION, type RecommendationsService } from "./recommendations.service";
import type { RetrainLauncher } from "./retrain-launcher";

const recommendationRoute = routeFor<{ recommendations: RecommendationsService; retraining: RetrainLauncher }>();

/** Personal, similar-film and group recommendations, and the administrators' "retrain now". */
export const recommendationRoutes = [
  recommendationRoute({
    method: "get",
    path: "/me/recommendations",
    operationId: "getMyRecommendations",
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
    tag: "recommendations",
    summary: "Films similar to one film",
    description: "From the model's item factors (cosine); for a film the model does not know yet, well-rated films of its first genre.",
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
    tag: "recommendations",
    summary: "Films for the caller and some of their friends to watch together",
    description: `${GROUP_AGGREGATION} Films anyone in the group has watched or rated are left out. Every uid must be the caller's friend (403 otherwise).`,
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
    // Inline: the run is over, here is its outcome. Scheduler: the job has started.
    handler: async ({ caller }, { retraining }) => {
      const launch = await retraining.launch(caller().uid);
      return launch.mode === "inline" ? ok(launch) : accepted(launch);
    },
  }),
];
=======
import { AppError } from "../shared/errors";
import { parseInput } from "../shared/validation";
import type { LiveVersionService } from "./live-version.service";
import { groupBodySchema, recommendationsQuerySchema, setLiveBodySchema, similarQuerySchema } from "./recommendations.schema";
import type { RecommendationsService } from "./recommendations.service";
import type { RetrainLauncher } from "./retrain-launcher";

/** Personal, similar-film and group recommendations; the administrators' "retrain now" and force-promote/rollback. */
export function registerRecommendationRoutes(
  router: Router,
  recommendations: RecommendationsService,
  retraining: RetrainLauncher,
  auth: RequestHandler,
  liveVersions?: LiveVersionService,
): void {
  router.get("/me/recommendations", auth, async (req, res) => {
    const query = parseInput(recommendationsQuerySchema, req.query, "query");
    res.json(await recommendations.forUser(callerOf(res).uid, query));
  });

  router.get("/movies/:movieId/similar", auth, async (req, res) => {
    const { movieId } = parseInput(movieIdParamSchema, req.params, "film id");
    const { limit } = parseInput(similarQuerySchema, req.query, "query");
    res.json(await recommendations.similar(movieId, limit));
  });

  router.post("/recommendations/group", auth, async (req, res) => {
    const body = parseInput(groupBodySchema, req.body, "body");
    res.json(await recommendations.group(callerOf(res).uid, body.uids, body.limit));
  });

  router.post("/admin/recommender/retrain", auth, requireRole("admin"), async (_req, res) => {
    const launch = await retraining.launch(callerOf(res).uid);
    // Inline: the run is over, here is its outcome. Scheduler: the job has started (202).
    res.status(launch.mode === "inline" ? 200 : 202).json(launch);
  });

  router.post("/admin/recommender/live", auth, requireRole("admin"), async (req, res) => {
    const body = parseInput(setLiveBodySchema, req.body, "body");
    if (!liveVersions) throw new AppError("failed-precondition", "no model store is configured");
    res.json(await liveVersions.setLive(body.version, callerOf(res).uid, body.reason));
  });
}
>>>>>>> recsys2
