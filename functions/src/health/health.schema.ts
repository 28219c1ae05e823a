import { z } from "zod";

/** GET /health: liveness, version and whether the database answers. */
export const healthReportSchema = z
  .object({
    status: z.enum(["ok", "degraded"]),
    version: z.string().describe("The deployed package version (and revision)"),
    firestore: z.enum(["ok", "unavailable"]),
    checkedAt: z.iso.datetime(),
  })
  .meta({ id: "Health" });
export type HealthReport = z.infer<typeof healthReportSchema>;
