import express, { type Express } from "express";
import { requireAppCheck } from "../http/app-check.middleware";
import { bodyLimit } from "../http/body-limit.middleware";
import { clientAddress, DEFAULT_FRONT_END_ENTRIES } from "../http/client-address";
import { errorHandler, notFoundHandler } from "../http/errors.middleware";
import { requestContext } from "../http/request-context.middleware";
import { routerFor } from "../http/route";
import { openApiRoute } from "./openapi";
import { API_ROUTES, type AppDeps } from "./routes";
import { mountAppLinks } from "../http/app-links";

export type { AppDeps } from "./routes";

/** The Express app behind the `api` function: request ids, JSON bodies, `/v1` from the route tables, one error format. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.use(requestContext);
  // The client's address from the entries Google's front end wrote (never from what the client wrote).
  app.use(
    clientAddress({
      frontEndEntries: deps.config.trustedProxyHops ?? DEFAULT_FRONT_END_ENTRIES,
      hostingEdgeRanges: deps.config.hostingEdgeRanges ?? [],
      directCalls: deps.config.directCalls ?? "allow",
    }),
  );
  app.use(bodyLimit(deps.config.maxBodyBytes));
  app.use(express.json({ limit: deps.config.maxBodyBytes }));
  const routes = [...API_ROUTES, openApiRoute];
  mountAppLinks(app, deps.config.appLinks);
  app.use(
    "/v1",
    routerFor(routes, deps, {
      requireAuth: deps.auth,
      validateResponses: deps.config.validateResponses,
      rateLimits: deps.rateLimits,
      appCheck: deps.config.appCheck ? requireAppCheck(requiredVerifier(deps)) : undefined,
      deadlineMs: deps.config.requestDeadlineMs,
      idempotency: deps.idempotency,
    }),
  );
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}

function requiredVerifier(deps: AppDeps) {
  if (!deps.appCheck) throw new Error("App Check is required (APP_CHECK) but no verifier is wired");
  return deps.appCheck;
}
