import express, { type Express } from "express";
import { bodyLimit } from "../http/body-limit.middleware";
import { errorHandler, notFoundHandler } from "../http/errors.middleware";
import { requestContext } from "../http/request-context.middleware";
import { routerFor } from "../http/route";
import { openApiRoute } from "./openapi";
import { API_ROUTES, type AppDeps } from "./routes";

export type { AppDeps } from "./routes";

/** Proxies between the client and the function in production: Firebase Hosting's CDN and Google's front end. */
export const DEFAULT_TRUSTED_PROXY_HOPS = 2;

/** The Express app behind the `api` function: request ids, JSON bodies, `/v1` from the route tables, one error format. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  // Only the proxies in front of the function (Hosting's CDN, Google's front end) are trusted: with
  // `true`, req.ip would be the left-most X-Forwarded-For entry, which the client writes itself.
  app.set("trust proxy", deps.config.trustedProxyHops ?? DEFAULT_TRUSTED_PROXY_HOPS);
  app.use(requestContext);
  app.use(bodyLimit(deps.config.maxBodyBytes));
  app.use(express.json({ limit: deps.config.maxBodyBytes }));
  const routes = [...API_ROUTES, openApiRoute];
  app.use(
    "/v1",
    routerFor(routes, deps, {
      requireAuth: deps.auth,
      validateResponses: deps.config.validateResponses,
      deadlineMs: deps.config.requestDeadlineMs,
      idempotency: deps.idempotency,
    }),
  );
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
