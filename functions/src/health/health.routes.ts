import { routeFor } from "../http/route";
import { healthReportSchema } from "./health.schema";
import type { HealthService } from "./health.service";

const healthRoute = routeFor<{ health: HealthService }>();

/** GET /health: 200 when Firestore answers, 503 (same body shape) when it does not. No auth. */
export const healthRoutes = [
  healthRoute({
    method: "get",
    path: "/health",
    operationId: "getHealth",
    appCheck: false,
    tag: "system",
    summary: "Liveness, version and whether the database answers",
    description:
      "200 when Firestore answers; 503 with the same body (status `degraded`) when it does not. Probes are cached for a few seconds.",
    access: "public",
    responses: {
      200: { description: "Healthy", schema: healthReportSchema },
      503: { description: "The database does not answer", schema: healthReportSchema },
    },
    handler: async (_ctx, { health }) => {
      const report = await health.check();
      return report.status === "ok" ? { status: 200, body: report } : { status: 503, body: report };
    },
  }),
];
