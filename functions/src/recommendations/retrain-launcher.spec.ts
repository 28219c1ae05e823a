import assert from "node:assert/strict";
import { createRequire } from "node:module";
import path from "node:path";
import { isAppError } from "../shared/errors";
import { SchedulerRetrainLauncher, type FetchLike } from "./retrain-launcher";
import { notWorse } from "./retrain.service";

describe("SchedulerRetrainLauncher", () => {
  const job = { projectId: "p1", region: "us-central1", functionName: "retrainRecommender" };

  it("runs the scheduled function's Cloud Scheduler job now, with the service account's token", async () => {
    const calls: Array<{ url: string; auth: string | undefined }> = [];
    const fetchFn: FetchLike = async (url, init) => {
      calls.push({ url, auth: init.headers.Authorization });
      return { ok: true, status: 200, text: async () => "{}" };
    };
    const launch = await new SchedulerRetrainLauncher(job, async () => "token-1", fetchFn).launch("admin-uid");
    assert.deepEqual(launch, {
      mode: "scheduler",
      job: "projects/p1/locations/us-central1/jobs/firebase-schedule-retrainRecommender-us-central1",
    });
    assert.deepEqual(calls, [
      {
        url: "https://cloudscheduler.googleapis.com/v1/projects/p1/locations/us-central1/jobs/firebase-schedule-retrainRecommender-us-central1:run",
        auth: "Bearer token-1",
      },
    ]);
  });

  it("names the job as the Firebase CLI that deploys the function names it", async () => {
    // Not a copy of our own format: the pinned CLI's deploy code is the source of the name it creates.
    const cliBackend = createRequire(__filename)(
      path.resolve(__dirname, "../../../../node_modules/firebase-tools/lib/deploy/functions/backend.js"),
    ) as {
      scheduleIdForFunction(fn: { id: string; region: string; project: string }): string;
    };
    const deployed = cliBackend.scheduleIdForFunction({ id: job.functionName, region: job.region, project: job.projectId });
    const launch = await new SchedulerRetrainLauncher(
      job,
      async () => "t",
      async () => ({ ok: true, status: 200, text: async () => "{}" }),
    ).launch("a");
    assert.deepEqual(launch, { mode: "scheduler", job: `projects/${job.projectId}/locations/${job.region}/jobs/${deployed}` });
  });

  it("reports a refusal as unavailable", async () => {
    const fetchFn: FetchLike = async () => ({ ok: false, status: 403, text: async () => "denied" });
    await assert.rejects(
      new SchedulerRetrainLauncher(job, async () => "t", fetchFn).launch("a"),
      (e: unknown) => isAppError(e) && e.code === "unavailable",
    );
  });
});

describe("notWorse", () => {
  const live = {
    ndcgAt10: 0.3,
    precisionAt10: 0,
    recallAt10: 0,
    rmse: 0.9,
    mae: 0,
    popularityNdcgAt10: 0,
    users: 1,
    testRatings: 1,
    holdout: 0.1,
  };
  const tolerance = { ndcgAt10: 0.005, rmse: 0.01 };

  it("accepts a candidate within the tolerance on both heads", () => {
    assert.equal(notWorse({ ...live, ndcgAt10: 0.296, rmse: 0.909 }, live, tolerance), true);
  });

  it("rejects a candidate that ranks worse, or predicts stars worse", () => {
    assert.equal(notWorse({ ...live, ndcgAt10: 0.29 }, live, tolerance), false);
    assert.equal(notWorse({ ...live, ndcgAt10: 0.4, rmse: 0.92 }, live, tolerance), false);
  });
});
