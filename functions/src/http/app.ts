import express, { type Express, type RequestHandler, type Router } from "express";
import { registerAuthRoutes } from "../auth/auth.routes";
import type { AuthService } from "../auth/auth.service";
import type { HttpConfig } from "../config/runtime";
import { registerHealthRoutes } from "../health/health.routes";
import type { HealthService } from "../health/health.service";
import { bodyLimit } from "./body-limit.middleware";
import { errorHandler, notFoundHandler } from "./errors.middleware";
import { registerOpenApiRoute } from "./openapi";
import { requestContext } from "./request-context.middleware";
import { registerUserRoutes } from "../users/users.routes";
import { registerLibraryRoutes } from "../library/library.routes";
import type { LibraryService } from "../library/library.service";
import { registerMovieRoutes } from "../movies/movies.routes";
import type { MoviesService } from "../movies/movies.service";
import { registerRatingRoutes } from "../ratings/ratings.routes";
import type { RatingsService } from "../ratings/ratings.service";
import type { UsersService } from "../users/users.service";
import { registerFeedRoutes } from "../feed/feed.routes";
import type { FeedService } from "../feed/feed.service";
import type { CompatibilityService } from "../friends/compatibility.service";
import { registerFriendRoutes, registerPeopleRoutes } from "../friends/friends.routes";
import type { FriendsService } from "../friends/friends.service";
import type { PeopleService } from "../friends/people.service";
import { registerNotificationRoutes } from "../notifications/notifications.routes";
import type { NotificationService } from "../notifications/notifications.service";
import type { LiveVersionService } from "../recommendations/live-version.service";
import { registerRecommendationRoutes } from "../recommendations/recommendations.routes";
import type { RecommendationsService } from "../recommendations/recommendations.service";
import type { RetrainLauncher } from "../recommendations/retrain-launcher";
import { registerNightRoutes } from "../nights/nights.routes";
import type { NightsService } from "../nights/nights.service";

/** Proxies between the client and the function in production: Firebase Hosting's CDN and Google's front end. */
export const DEFAULT_TRUSTED_PROXY_HOPS = 2;

/** Everything the HTTP layer needs; deps.ts wires the real ones, tests wire their own. */
export interface AppDeps {
  config: HttpConfig;
  health: HealthService;
  /** requireAuth middleware: put it on every route that needs a signed-in caller (`callerOf(res)`). */
  auth: RequestHandler;
  accounts: AuthService;
  users: UsersService;
  movies: MoviesService;
  ratings: RatingsService;
  library: LibraryService;
  friends: FriendsService;
  people: PeopleService;
  compatibility: CompatibilityService;
  feed: FeedService;
  notifications: NotificationService;
  recommendations: RecommendationsService;
  /** POST /v1/admin/recommender/retrain: starts a retraining run. */
  retraining: RetrainLauncher;
  /** POST /v1/admin/recommender/live: force-promote or roll back (absent: the route answers 409). */
  liveVersions?: LiveVersionService;
  nights: NightsService;
}

/**
 * The `/v1` router. Every route is registered on this one router with its full path (no nested
 * routers), so the OpenAPI test can list exactly what is served.
 */
export function buildApiRouter(deps: AppDeps): Router {
  const router = express.Router();
  registerHealthRoutes(router, deps.health);
  registerAuthRoutes(router, deps.accounts, deps.auth);
  registerUserRoutes(router, deps.users, deps.auth);
  registerMovieRoutes(router, deps.movies, deps.auth);
  registerRatingRoutes(router, deps.ratings, deps.auth);
  registerLibraryRoutes(router, deps.library, deps.auth);
  registerPeopleRoutes(router, deps.people, deps.auth);
  registerFriendRoutes(router, deps.friends, deps.compatibility, deps.auth);
  registerFeedRoutes(router, deps.feed, deps.auth);
  registerNotificationRoutes(router, deps.notifications, deps.auth);
  registerRecommendationRoutes(router, deps.recommendations, deps.retraining, deps.auth, deps.liveVersions);
  registerNightRoutes(router, deps.nights, deps.auth);
  registerOpenApiRoute(router, deps.config.version);
  return router;
}

/** The Express app behind the `api` function: request ids, JSON bodies, `/v1`, one error format. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  // Only the proxies in front of the function (Hosting's CDN, Google's front end) are trusted: with
  // `true`, req.ip would be the left-most X-Forwarded-For entry, which the client writes itself.
  app.set("trust proxy", deps.config.trustedProxyHops ?? DEFAULT_TRUSTED_PROXY_HOPS);
  app.use(requestContext);
  app.use(bodyLimit(deps.config.maxBodyBytes));
  app.use(express.json({ limit: deps.config.maxBodyBytes }));
  app.use("/v1", buildApiRouter(deps));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
