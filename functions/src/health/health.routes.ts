import type { Router } from "express";
import type { HealthService } from "./health.service";

/** GET /health: 200 when Firestore answers, 503 (same body shape) when it does not. No auth. */
export function registerHealthRoutes(router: Router, health: HealthService): void {
  router.get("/health", async (_req, res) => {
    const report = await health.check();
    res.status(report.status === "ok" ? 200 : 503).json(report);
  });
}
