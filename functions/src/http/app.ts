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
  registerOpenApiRoute(router, deps.config.version);
  return router;
}

/** The Express app behind the `api` function: request ids, JSON bodies, `/v1`, one error format. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", true); // behind Google's front end; req.ip is the client's address
  app.use(requestContext);
  app.use(bodyLimit(deps.config.maxBodyBytes));
  app.use(express.json({ limit: deps.config.maxBodyBytes }));
  app.use("/v1", buildApiRouter(deps));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
