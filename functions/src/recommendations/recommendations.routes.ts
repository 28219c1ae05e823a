import type { RequestHandler, Router } from "express";
import { callerOf, requireRole } from "../http/auth.middleware";
import { movieIdParamSchema } from "../movies/movies.schema";
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
