import type { RequestHandler, Router } from "express";
import { callerOf } from "../http/auth.middleware";
import { movieIdParamSchema } from "../movies/movies.schema";
import { pageQuerySchema } from "../shared/pagination";
import { parseInput } from "../shared/validation";
import { putWatchedBodySchema, putWatchlistBodySchema } from "./library.schema";
import type { LibraryService } from "./library.service";

/** The caller's watched diary and watchlist. */
export function registerLibraryRoutes(router: Router, library: LibraryService, auth: RequestHandler): void {
  router.put("/me/watched/:movieId", auth, async (req, res) => {
    const { movieId } = parseInput(movieIdParamSchema, req.params, "film id");
    const body = parseInput(putWatchedBodySchema, req.body ?? {}, "watched entry");
    const result = await library.markWatched(callerOf(res).uid, movieId, body);
    res.status(result.created ? 201 : 200).json({ ...result.watched, ...(result.rating === undefined ? {} : { rating: result.rating }) });
  });

  router.delete("/me/watched/:movieId", auth, async (req, res) => {
    const { movieId } = parseInput(movieIdParamSchema, req.params, "film id");
    await library.unmarkWatched(callerOf(res).uid, movieId);
    res.status(204).end();
  });

  router.get("/me/watched", auth, async (req, res) => {
    const { limit, cursor } = parseInput(pageQuerySchema, req.query, "query");
    res.json(await library.listWatched(callerOf(res).uid, limit, cursor));
  });

  router.put("/me/watchlist/:movieId", auth, async (req, res) => {
    const { movieId } = parseInput(movieIdParamSchema, req.params, "film id");
    const { note } = parseInput(putWatchlistBodySchema, req.body ?? {}, "watchlist entry");
    const result = await library.putOnWatchlist(callerOf(res).uid, movieId, note);
    res.status(result.created ? 201 : 200).json(result.entry);
  });

  router.delete("/me/watchlist/:movieId", auth, async (req, res) => {
    const { movieId } = parseInput(movieIdParamSchema, req.params, "film id");
    await library.removeFromWatchlist(callerOf(res).uid, movieId);
    res.status(204).end();
  });

  router.get("/me/watchlist", auth, async (req, res) => {
    const { limit, cursor } = parseInput(pageQuerySchema, req.query, "query");
    res.json(await library.listWatchlist(callerOf(res).uid, limit, cursor));
  });
}
