import type { RequestHandler, Router } from "express";
import { callerOf } from "../http/auth.middleware";
import { pageQuerySchema } from "../shared/pagination";
import { parseInput } from "../shared/validation";
import type { FeedService } from "./feed.service";

/** GET /feed: friends' ratings, diary entries and watchlist additions, newest first. */
export function registerFeedRoutes(router: Router, feed: FeedService, auth: RequestHandler): void {
  router.get("/feed", auth, async (req, res) => {
    const { limit, cursor } = parseInput(pageQuerySchema, req.query, "query");
    res.set("Cache-Control", "private, no-store").json(await feed.getFeed(callerOf(res).uid, limit, cursor));
  });
}
