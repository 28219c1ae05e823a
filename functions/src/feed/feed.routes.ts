import { ok, routeFor } from "../http/route";
import { pageQuerySchema } from "../shared/pagination";
import { feedPageSchema } from "./feed.schema";
import type { FeedService } from "./feed.service";

const feedRoute = routeFor<{ feed: FeedService }>();

/** GET /feed: friends' ratings, diary entries and watchlist additions, newest first. */
export const feedRoutes = [
  feedRoute({
    method: "get",
    path: "/feed",
    operationId: "getFeed",
    tag: "feed",
    summary: "Friends' ratings, diary entries and watchlist additions, newest first (as each friend's privacy setting allows)",
    description:
      "Items of people who are no longer friends, or who now keep their activity private, are left out, so a page may hold " +
      "fewer than `limit` items while `nextCursor` is still given.",
    access: "user",
    query: pageQuerySchema,
    responses: { 200: { description: "A page of the feed", schema: feedPageSchema } },
    headers: { "Cache-Control": "private, no-store" },
    handler: async ({ query, caller }, { feed }) => ok(await feed.getFeed(caller().uid, query.limit, query.cursor)),
  }),
];
