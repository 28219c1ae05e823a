import { RETRAIN_SCHEDULE } from "../config/params";
import { log } from "../shared/logger";
import { scheduledTrigger } from "../shared/triggers";
import { triggerDeps } from "../trigger-deps";
import type { RetrainService } from "./retrain.service";

/**
 * The scheduled retraining over a given service: the deployed function passes the production one;
 * integration tests run one over their own store through `.run()`. A failed run (status "failed": the
 * live model is untouched) is thrown after logging, so Cloud Scheduler records the job as failed; it is
 * not retried (retryCount 0): the next scheduled run tries again.
 */
export function retrainTrigger(service: () => RetrainService) {
  return scheduledTrigger(
    "retrainRecommender",
    {
      // The CLI resolves the param at deploy time (the options type only names plain strings).
      schedule: RETRAIN_SCHEDULE as unknown as string,
      timeoutSeconds: 1800,
      memory: "2GiB",
    },
    async () => {
      const outcome = await service().run("schedule");
      if (outcome.status === "failed") {
        log.error("scheduled recommender retraining failed", { runId: outcome.runId, reason: outcome.reason });
        throw new Error(`recommender retraining failed: ${outcome.reason ?? "unknown reason"}`);
      }
    },
  );
}

/**
 * Retrains the recommender on every rating (daily by default, RETRAIN_SCHEDULE) and promotes the new
 * version only when it measures not worse than the live one. 2 GiB and 30 minutes, in its own options.
 */
export const retrainRecommender = retrainTrigger(() => triggerDeps().retraining());
