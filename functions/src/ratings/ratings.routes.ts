import type { RequestHandler, Router } from "express";
import { callerOf } from "../http/auth.middleware";
import { movieIdParamSchema } from "../movies/movies.schema";
import { pageQuerySchema } from "../shared/pagination";
import { parseInput } from "../shared/validation";
import { putRatingBodySchema } from "./ratings.schema";
import type { RatingsService } from "./ratings.service";

/** The caller's ratings: PUT/DELETE one film's rating, GET the list (newest first). */
export function registerRatingRoutes(router: Router, ratings: RatingsService, auth: RequestHandler): void {
  router.put("/me/ratings/:movieId", auth, async (req, res) => {
    const { movieId } = parseInput(movieIdParamSchema, req.params, "film id");
    const { rating } = parseInput(putRatingBodySchema, req.body, "rating");
    const result = await ratings.rate(callerOf(res).uid, movieId, rating);
    res.status(result.created ? 201 : 200).json(result.rating);
  });

  router.delete("/me/ratings/:movieId", auth, async (req, res) => {
    const { movieId } = parseInput(movieIdParamSchema, req.params, "film id");
    await ratings.unrate(callerOf(res).uid, movieId);
    res.status(204).end();
  });

  router.get("/me/ratings", auth, async (req, res) => {
    const { limit, cursor } = parseInput(pageQuerySchema, req.query, "query");
    res.json(await ratings.list(callerOf(res).uid, limit, cursor));
  });
}
