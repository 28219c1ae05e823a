import { AppError } from "../shared/errors";
import { log } from "../shared/logger";
import type { RetrainLaunch } from "./recommendations.schema";
import type { RetrainService } from "./retrain.service";

/** Starts a retraining run on an administrator's request. */
export interface RetrainLauncher {
  launch(requestedBy: string): Promise<RetrainLaunch>;
}

/**
 * Retrains in this process and waits for the outcome. For the local emulators and small data: the API
 * instance has neither the memory nor the timeout of retrainRecommender.
 */
export class InlineRetrainLauncher implements RetrainLauncher {
  constructor(private readonly service: RetrainService) {}

  async launch(requestedBy: string): Promise<RetrainLaunch> {
    log.info("recommender retraining requested", { requestedBy, mode: "inline" });
    return { mode: "inline", outcome: await this.service.run("admin") };
  }
}

/** The part of `fetch` the scheduler launcher uses. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string> },
) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

/**
 * Asks Cloud Scheduler to run retrainRecommender's job now (`jobs.run`), so the run gets that function's
 * 2 GiB and 30 minutes and the same lease as the daily run. Answers as soon as the job is started. The
 * API's service account needs `cloudscheduler.jobs.run` on the job (role Cloud Scheduler Job Runner).
 */
export class SchedulerRetrainLauncher implements RetrainLauncher {
  constructor(
    private readonly job: { projectId: string; region: string; functionName: string },
    private readonly accessToken: () => Promise<string>,
    private readonly fetchFn: FetchLike = fetch,
  ) {}

  /** The job name Firebase gives a 2nd-gen scheduled function. */
  get jobPath(): string {
    const { projectId, region, functionName } = this.job;
    return `projects/${projectId}/locations/${region}/jobs/firebase-schedule-${functionName}-${region}`;
  }

  async launch(requestedBy: string): Promise<RetrainLaunch> {
    const res = await this.fetchFn(`https://cloudscheduler.googleapis.com/v1/${this.jobPath}:run`, {
      method: "POST",
      headers: { Authorization: `Bearer ${await this.accessToken()}`, "Content-Type": "application/json" },
    });
    if (!res.ok) {
      log.error("cloud scheduler refused to run the retraining job", { status: res.status, body: (await res.text()).slice(0, 500) });
      throw new AppError("unavailable", "The retraining job could not be started; try again later");
    }
    log.info("recommender retraining requested", { requestedBy, mode: "scheduler", job: this.jobPath });
    return { mode: "scheduler", job: this.jobPath };
  }
}
