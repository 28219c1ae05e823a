import path from "node:path";
import { MODEL_STORE, RECOMMENDER_KEEP_VERSIONS, RETRAIN_ON_DEMAND } from "../config/params";
import { AppError } from "../shared/errors";
import { GcsModelStore, LocalModelStore, type ModelStore } from "../recsys/store";
import type { HyperParams } from "../recsys/train";

/** How retraining decides and what it keeps. */
export interface RetrainPolicy {
  /** Versions kept in the store (the live one is never deleted). */
  keepVersions: number;
  /** Share of each person's ratings held out for evaluation (per-user stratified split). */
  holdoutFraction: number;
  /** Seed of the split, so the same ratings always give the same comparison. */
  splitSeed: number;
  /**
   * How much worse than the live model a candidate may measure on the same held-out ratings and still be
   * promoted (training is seeded, but a new configuration or more data moves the scores a little).
   */
  tolerance: { ndcgAt10: number; rmse: number };
  /**
   * With at least this many ratings written since the live version was trained, the gate scores both models on
   * those; with fewer, on a split of today's ratings with a refit of the live configuration.
   */
  minNewerRatings: number;
  /** After a candidate passes the gate, train again on every rating and publish that (the usual refit). */
  refitOnAllRatings: boolean;
  hyperParams?: Partial<HyperParams>;
  /** How long a run's lease lasts: longer than the function's 30-minute timeout. */
  leaseTtlMs: number;
}

export const DEFAULT_RETRAIN_POLICY: RetrainPolicy = {
  keepVersions: 3,
  holdoutFraction: 0.1,
  splitSeed: 42,
  tolerance: { ndcgAt10: 0.005, rmse: 0.01 },
  minNewerRatings: 1000,
  refitOnAllRatings: true,
  leaseTtlMs: 35 * 60 * 1000,
};

/** The recommender's settings (DepsOptions.recommender; tests pass their own). */
export interface RecommenderConfig {
  /** "gcs", "local:<dir>" (relative to the repository root) or "none". */
  store: string | ModelStore;
  /** How often an instance looks at `system/recommender` for a new version. */
  pointerCheckIntervalMs: number;
  /** What the admin route does: ask Cloud Scheduler to run the job, or retrain in this instance. */
  onDemand: "scheduler" | "inline";
  policy: RetrainPolicy;
}

/** Serving checks the pointer at most once a minute. */
export const POINTER_CHECK_INTERVAL_MS = 60_000;

/** Reads the params; call it at run time. Outside the Functions runtime params are empty: no model store. */
export function loadRecommenderConfig(): RecommenderConfig {
  const keep = RECOMMENDER_KEEP_VERSIONS.value();
  return {
    store: MODEL_STORE.value() || "none",
    pointerCheckIntervalMs: POINTER_CHECK_INTERVAL_MS,
    onDemand: RETRAIN_ON_DEMAND.value() === "inline" ? "inline" : "scheduler",
    policy: { ...DEFAULT_RETRAIN_POLICY, keepVersions: keep > 0 ? keep : DEFAULT_RETRAIN_POLICY.keepVersions },
  };
}

/** The repository root when running from a checkout (lib/src/recommendations -> ../../../..). */
export const REPO_ROOT = path.resolve(__dirname, "../../../..");

/** The folder the local demo stack keeps its models in (gitignored), as `.env.demo-movie-night` names it. */
export const LOCAL_DEMO_MODEL_STORE = "local:.emulators/models";

/**
 * The model store a spec names: "gcs" is the default bucket of the firebase-admin app, "local:<dir>" a
 * folder (relative paths from the repository root), "none" no store (undefined). Anything else is a
 * configuration mistake.
 */
export async function openModelStore(spec: string | ModelStore): Promise<ModelStore | undefined> {
  if (typeof spec !== "string") return spec;
  if (spec === "none") return undefined;
  if (spec === "gcs") return GcsModelStore.defaultBucket();
  if (spec.startsWith("local:") && spec.length > "local:".length) {
    const dir = spec.slice("local:".length);
    return new LocalModelStore(path.isAbsolute(dir) ? dir : path.resolve(REPO_ROOT, dir));
  }
  throw new AppError("failed-precondition", `MODEL_STORE must be "gcs", "local:<dir>" or "none", got "${spec}"`);
}
