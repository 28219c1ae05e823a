import { readMetadata } from "../recsys/artifacts";
import { Recommender } from "../recsys/serving";
import type { ModelStore } from "../recsys/store";
import { AppError } from "../shared/errors";
import { log } from "../shared/logger";
import type { RecommenderStateRepository } from "./recommendations.repository";
import { modelMetricsSchema, type LivePointer, type LiveVersionChange, type ModelMetrics } from "./recommendations.schema";

const NO_METRICS: ModelMetrics = {
  ndcgAt10: 0,
  precisionAt10: 0,
  recallAt10: 0,
  rmse: 0,
  mae: 0,
  popularityNdcgAt10: 0,
  users: 0,
  testRatings: 0,
  holdout: 0,
};

/**
 * Force-promote or roll back: an administrator (the admin route, or `npm run retrain -- --set-live`) puts any
 * kept version in service, bypassing the gate. The version must be in the store and load as serving loads it.
 * The pointer moves in a transaction that also records the event (who, what, from which version, why);
 * its fingerprint names the change, so the next scheduled run trains and gates against the version now live.
 */
export class LiveVersionService {
  constructor(
    private readonly state: RecommenderStateRepository,
    private readonly store: () => Promise<ModelStore | undefined>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async setLive(version: string, by: string, reason?: string): Promise<LiveVersionChange> {
    const store = await this.store();
    if (!store) throw new AppError("failed-precondition", "no model store is configured (MODEL_STORE=none)");
    const versions = await store.listVersions();
    if (!versions.includes(version)) throw new AppError("not-found", `no kept model version "${version}"`, { details: { kept: versions } });
    const files = await store.load(version);
    let metadata;
    try {
      Recommender.fromFiles(files);
      metadata = readMetadata(files);
    } catch (e: unknown) {
      throw new AppError(
        "failed-precondition",
        `model version "${version}" cannot be served: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    const metrics = modelMetricsSchema.safeParse(metadata.metrics);
    const current = await this.state.getPointer();
    const kind = current && version < current.version ? "rollback" : "force-promote";
    const at = this.now();
    const pointer: LivePointer = {
      version,
      metrics: metrics.success ? metrics.data : NO_METRICS,
      counts: { users: metadata.counts.users ?? 0, movies: metadata.counts.movies, ratings: metadata.counts.ratings },
      fingerprint: `${kind}:${version}`,
      trainedAt: new Date(metadata.createdAt),
      promotedAt: at,
      trigger: `admin:${kind}`,
    };
    const previousVersion = await this.state.setLive(pointer, {
      kind,
      version,
      previousVersion: current?.version ?? null,
      by,
      reason: reason ?? null,
      at,
    });
    const change: LiveVersionChange = { kind, version, previousVersion };
    log.info("recommender live version set by an administrator", { ...change, by });
    return change;
  }
}
