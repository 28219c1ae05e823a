import express, { type Express, type Router } from "express";
import type { HttpConfig } from "../config/runtime";
import { registerHealthRoutes } from "../health/health.routes";
import type { HealthService } from "../health/health.service";
import { bodyLimit } from "./body-limit.middleware";
import { errorHandler, notFoundHandler } from "./errors.middleware";
import { registerOpenApiRoute } from "./openapi";
import { requestContext } from "./request-context.middleware";

/** Everything the HTTP layer needs; deps.ts wires the real ones, tests wire their own. */
export interface AppDeps {
  config: HttpConfig;
  health: HealthService;
}

/**
 * The `/v1` router. Every route is registered on this one router with its full path (no nested
 * routers), so the OpenAPI test can list exactly what is served.
 */
export function buildApiRouter(deps: AppDeps): Router {
  const router = express.Router();
  registerHealthRoutes(router, deps.health);
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
