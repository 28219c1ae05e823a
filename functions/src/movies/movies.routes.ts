import type { RequestHandler, Router } from "express";
import { callerOf } from "../http/auth.middleware";
import { parseInput } from "../shared/validation";
import { movieIdParamSchema, movieListQuerySchema } from "./movies.schema";
import type { MoviesService } from "./movies.service";

/** The catalogue: GET /movies (search, filter, sort, page) and GET /movies/{movieId}. */
export function registerMovieRoutes(router: Router, movies: MoviesService, auth: RequestHandler): void {
  router.get("/movies", auth, async (req, res) => {
    const query = parseInput(movieListQuerySchema, req.query, "query");
    res.json(await movies.list(query));
  });

  router.get("/movies/:movieId", auth, async (req, res) => {
    const { movieId } = parseInput(movieIdParamSchema, req.params, "film id");
    res.json(await movies.get(callerOf(res).uid, movieId));
  });
}
