import { createHash, randomUUID } from "node:crypto";
import { readMetadata, toModelFiles } from "../recsys/artifacts";
import { loadTf } from "../recsys/backend";
import { splitPerUser } from "../recsys/dataset";
import { evaluateModel } from "../recsys/evaluate";
import type { Rating, RatingsSource } from "../recsys/ratings";
import { Recommender } from "../recsys/serving";
import { newVersionId, type ModelStore } from "../recsys/store";
import { DEFAULT_HYPER_PARAMS, train, type HyperParams } from "../recsys/train";
import { AppError } from "../shared/errors";
import { describeError, log } from "../shared/logger";
import type { RetrainPolicy } from "./recommendations.config";
import type { RecommenderStateRepository } from "./recommendations.repository";
import type { GateDecision, LivePointer, ModelMetrics, RetrainOutcome } from "./recommendations.schema";

/** Who started a run (logged and kept on the pointer). */
export type RetrainTrigger = "schedule" | "admin" | "cli" | "demo";

/**
 * The not-worse gate: the candidate's held-out NDCG@10 may be at most `tolerance.ndcgAt10` below the live
 * model's, and its RMSE at most `tolerance.rmse` above. Both must hold: lists come from the ranking head,
 * the stars shown beside them from the rating head.
 */
export function notWorse(candidate: ModelMetrics, live: ModelMetrics, tolerance: RetrainPolicy["tolerance"]): boolean {
  return candidate.ndcgAt10 >= live.ndcgAt10 - tolerance.ndcgAt10 && candidate.rmse <= live.rmse + tolerance.rmse;
}

/**
 * One retraining run, as the schedule, an administrator, `npm run retrain` and the demo seeder start it:
 * read every rating (in pages), split per user, train, evaluate on the held-out part, compare with the
 * live model's metrics (`system/recommender`), and only when not worse write the new version through the
 * model store and move the pointer in a transaction. A lease keeps overlapping runs from both promoting;
 * ratings identical to the live model's (same fingerprint) are not retrained, so a second run is a no-op.
 * Any failure leaves the pointer and the live version untouched, is logged with its reason, and is
 * reported as status "failed" (never thrown).
 */
export class RetrainService {
  constructor(
    private readonly ratings: RatingsSource,
    private readonly state: RecommenderStateRepository,
    private readonly store: () => Promise<ModelStore | undefined>,
    private readonly policy: RetrainPolicy,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async run(trigger: RetrainTrigger): Promise<RetrainOutcome> {
    const runId = randomUUID();
    const started = performance.now();
    const seconds = () => Math.round((performance.now() - started) / 10) / 100;
    const outcome = (o: Omit<RetrainOutcome, "runId" | "seconds">): RetrainOutcome => {
      const result = { ...o, runId, seconds: seconds() };
      const fields = {
        runId,
        trigger,
        status: result.status,
        liveVersion: result.liveVersion,
        candidateVersion: result.candidateVersion,
        reason: result.reason,
        seconds: result.seconds,
      };
      if (result.status === "failed") log.error("recommender retraining failed; the live model is unchanged", fields);
      else
        log.info("recommender retraining finished", {
          ...fields,
          candidateMetrics: result.candidateMetrics,
          liveMetrics: result.liveMetrics,
        });
      return result;
    };

    if (!(await this.state.acquireLease(runId, trigger, this.now(), this.policy.leaseTtlMs))) {
      const live = await this.state.getPointer();
      return outcome({ status: "busy", liveVersion: live?.version ?? null, reason: "another retraining run holds the lease" });
    }
    let live: LivePointer | undefined;
    let saved: { store: ModelStore; version: string; promoted: boolean } | undefined;
    try {
      const store = await this.store();
      if (!store) throw new AppError("failed-precondition", "no model store is configured (MODEL_STORE=none)");
      live = await this.state.getPointer();
      const { ratings, fingerprint } = await readAll(this.ratings);
      const liveVersion = live?.version ?? null;
      if (live && live.fingerprint === fingerprint) {
        return outcome({ status: "unchanged", liveVersion, reason: "the ratings have not changed since the live model was trained" });
      }
      const users = new Set(ratings.map((r) => r.userId)).size;
      if (users < 2)
        return outcome({ status: "skipped", liveVersion, reason: `too few ratings to train on (${ratings.length} by ${users} people)` });

      const hyperParams: HyperParams = { ...DEFAULT_HYPER_PARAMS, ...this.policy.hyperParams };
      const gate = await this.compare(ratings, live, store, hyperParams);
      const metrics = gate.candidate;
      log.info("recommender gate", { runId, trigger, liveVersion, ...gate });
      if (gate.decision === "reject") {
        return outcome({
          status: "rejected",
          liveVersion,
          candidateMetrics: metrics,
          liveMetrics: gate.live,
          gate,
          reason: "the candidate measures worse than the live model on the same held-out ratings",
        });
      }

      // The published model is fitted on every rating; the gate's fits were only for scoring.
      const final = await train(ratings, { hyperParams });
      const trainedAt = this.now();
      const version = newVersionId(trainedAt);
      const { tf } = await loadTf();
      const files = await toModelFiles(tf, final.weights, {
        version,
        hyperParams,
        backend: final.report.backend,
        trainSeconds: final.report.trainSeconds,
        ratings: final.report.ratings,
        metrics: { ...metrics, gate },
        createdAt: trainedAt,
      });
      saved = { store, version, promoted: false };
      await store.save(version, files);
      const pointer: LivePointer = {
        version,
        metrics,
        counts: { users: new Set(ratings.map((r) => r.userId)).size, movies: final.weights.movieIds.length, ratings: ratings.length },
        fingerprint,
        trainedAt,
        promotedAt: this.now(),
        trigger,
      };
      if (!(await this.state.promote(runId, liveVersion, pointer, this.now()))) {
        return outcome({
          status: "superseded",
          liveVersion: (await this.state.getPointer())?.version ?? null,
          candidateVersion: version,
          candidateMetrics: metrics,
          gate,
          reason: "the pointer moved or the lease expired during the run",
        });
      }
      saved.promoted = true;
      await this.pruneVersions(store, version);
      return outcome({
        status: "promoted",
        liveVersion: version,
        candidateVersion: version,
        candidateMetrics: metrics,
        liveMetrics: gate.live,
        gate,
      });
    } catch (e: unknown) {
      log.error("recommender retraining error", { runId, trigger, ...describeError(e) });
      return outcome({
        status: "failed",
        liveVersion: live?.version ?? null,
        candidateVersion: saved?.version,
        reason: e instanceof Error ? e.message : String(e),
      });
    } finally {
      // A version written but never promoted is removed (a half-written one too); the live one is never touched.
      if (saved && !saved.promoted)
        await saved.store
          .delete(saved.version)
          .catch((e: unknown) => log.warn("recommender unpromoted version not removed", { version: saved?.version, ...describeError(e) }));
      await this.state
        .releaseLease(runId)
        .catch((e: unknown) => log.warn("recommender retraining lease not released (it expires)", { runId, ...describeError(e) }));
    }
  }

  /**
   * Scores the candidate configuration and the live model on the same held-out ratings, which neither trained
   * on: the ratings newer than the live version when there are at least `minNewerRatings` of them (the
   * candidate trains on the older ones; the live version is loaded and scored as it is), otherwise a per-user
   * split of today's ratings, where a refit of the live version's configuration on the training part stands
   * in for it (training is seeded, so an unchanged configuration needs no second fit).
   */
  private async compare(
    ratings: Rating[],
    live: LivePointer | undefined,
    store: ModelStore,
    hyperParams: HyperParams,
  ): Promise<GateDecision> {
    const tolerance = this.policy.tolerance;
    const score = (model: Recommender, trainSet: Rating[], test: Rating[]) =>
      toMetrics(evaluateModel(model, trainSet, test), this.policy.holdoutFraction);
    const fit = async (trainSet: Rating[], hp: HyperParams) => new Recommender((await train(trainSet, { hyperParams: hp })).weights);
    if (!live) {
      const split = splitPerUser(ratings, this.policy.holdoutFraction, this.policy.splitSeed);
      return {
        method: "first-model",
        candidate: score(await fit(split.train, hyperParams), split.train, split.test),
        tolerance,
        decision: "promote",
      };
    }
    const notes: string[] = [];
    let liveFiles: Awaited<ReturnType<ModelStore["load"]>> | undefined;
    try {
      liveFiles = await store.load(live.version);
    } catch (e: unknown) {
      notes.push(`the live version could not be read (${e instanceof Error ? e.message : String(e)})`);
    }
    const cutoff = live.trainedAt.getTime() / 1000;
    const newer = ratings.filter((r) => r.timestamp !== undefined && r.timestamp > cutoff);
    if (liveFiles && newer.length >= this.policy.minNewerRatings) {
      try {
        const liveModel = Recommender.fromFiles(liveFiles);
        const older = ratings.filter((r) => !(r.timestamp !== undefined && r.timestamp > cutoff));
        const candidate = score(await fit(older, hyperParams), older, newer);
        const liveScore = score(liveModel, older, newer);
        return decide("newer-ratings", candidate, liveScore, tolerance, notes);
      } catch (e: unknown) {
        notes.push(`the live version could not be scored (${e instanceof Error ? e.message : String(e)})`);
      }
    }
    const split = splitPerUser(ratings, this.policy.holdoutFraction, this.policy.splitSeed);
    let liveHyperParams = hyperParams;
    try {
      if (liveFiles) liveHyperParams = { ...DEFAULT_HYPER_PARAMS, ...(readMetadata(liveFiles).hyperParams as Partial<HyperParams>) };
      else notes.push("the current configuration stands in for the live one");
    } catch (e: unknown) {
      notes.push(`the live configuration could not be read, the current one stands in (${e instanceof Error ? e.message : String(e)})`);
    }
    const candidate = score(await fit(split.train, hyperParams), split.train, split.test);
    const sameConfig = JSON.stringify(sortKeys(liveHyperParams)) === JSON.stringify(sortKeys(hyperParams));
    const liveScore = sameConfig ? candidate : score(await fit(split.train, liveHyperParams), split.train, split.test);
    return decide("refit-split", candidate, liveScore, tolerance, notes);
  }

  /** Keeps the newest versions; the live one (just promoted) is protected whatever its age. */
  private async pruneVersions(store: ModelStore, live: string): Promise<void> {
    try {
      const deleted = await store.deleteOldVersions(this.policy.keepVersions, [live]);
      if (deleted.length > 0) log.info("recommender old versions deleted", { deleted, kept: this.policy.keepVersions });
    } catch (e: unknown) {
      // The new model is live already; old versions are retried by the next run.
      log.warn("recommender old versions not deleted", { ...describeError(e) });
    }
  }
}

/** Every rating from the source, and a sha256 over them in source order (stable: pages come by document id). */
async function readAll(source: RatingsSource): Promise<{ ratings: Rating[]; fingerprint: string }> {
  const hash = createHash("sha256");
  const ratings: Rating[] = [];
  for await (const page of source.pages()) {
    for (const r of page) {
      ratings.push(r);
      hash.update(`${r.userId}\t${r.movieId}\t${r.rating}\n`);
    }
  }
  return { ratings, fingerprint: hash.digest("hex") };
}

function toMetrics(evaluation: ReturnType<typeof evaluateModel>, holdout: number): ModelMetrics {
  return {
    ndcgAt10: evaluation.model.ndcgAt10,
    precisionAt10: evaluation.model.precisionAt10,
    recallAt10: evaluation.model.recallAt10,
    rmse: evaluation.model.rmse,
    mae: evaluation.model.mae,
    popularityNdcgAt10: evaluation.popularity.ndcgAt10,
    users: evaluation.users,
    testRatings: evaluation.testRatings,
    holdout,
  };
}

function decide(
  method: GateDecision["method"],
  candidate: ModelMetrics,
  live: ModelMetrics,
  tolerance: GateDecision["tolerance"],
  notes: string[],
): GateDecision {
  const decision = notWorse(candidate, live, tolerance) ? "promote" : "reject";
  return notes.length > 0
    ? { method, candidate, live, tolerance, decision, note: notes.join("; ") }
    : { method, candidate, live, tolerance, decision };
}

function sortKeys(o: object): [string, unknown][] {
  return Object.entries(o).sort(([a], [b]) => a.localeCompare(b));
}
