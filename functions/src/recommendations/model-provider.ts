import { fromModelFiles } from "../recsys/artifacts";
import { Recommender } from "../recsys/serving";
import type { ModelStore } from "../recsys/store";
import { describeError, log } from "../shared/logger";
import type { PointerReader } from "./recommendations.repository";

/** A model version loaded into this instance. */
export interface LoadedModel {
  version: string;
  model: Recommender;
  /** Every film the model knows (to look up their genres for genre filters). */
  movieIds: readonly number[];
}

/**
 * The live model of this instance. Loaded on first use; afterwards `system/recommender` is read at most
 * once per `checkIntervalMs`, and a moved pointer loads the new version (concurrent callers share one
 * load). A version that fails to load is logged and the model already loaded keeps serving; no model at
 * all (nothing published, no store) is `undefined`, and callers fall back to popular films.
 */
export class ModelProvider {
  private loaded: LoadedModel | undefined;
  private lastCheck = Number.NEGATIVE_INFINITY;
  private refreshing: Promise<LoadedModel | undefined> | undefined;

  constructor(
    private readonly store: () => Promise<ModelStore | undefined>,
    private readonly pointers: PointerReader,
    private readonly checkIntervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The model to serve with, or undefined when there is none. */
  async current(): Promise<LoadedModel | undefined> {
    // A load in flight is awaited by everyone (the first requests of an instance get the model, not a fallback).
    if (this.refreshing) return this.refreshing;
    if (this.now() - this.lastCheck < this.checkIntervalMs) return this.loaded;
    this.refreshing = this.refresh().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async refresh(): Promise<LoadedModel | undefined> {
    // Stamped before the reads: a failing store or Firestore is retried once per interval, not per request.
    this.lastCheck = this.now();
    let version: string | undefined;
    try {
      const store = await this.store();
      if (!store) return undefined;
      const pointer = await this.pointers.getPointer();
      version = pointer?.version;
      if (!pointer) return (this.loaded = undefined);
      if (this.loaded?.version === pointer.version) return this.loaded;
      const started = performance.now();
      const { weights, metadata } = fromModelFiles(await store.load(pointer.version));
      this.loaded = { version: pointer.version, model: new Recommender(weights, metadata), movieIds: weights.movieIds };
      log.info("recommender model loaded", {
        version: pointer.version,
        movies: weights.movieIds.length,
        loadMs: Math.round(performance.now() - started),
      });
    } catch (e: unknown) {
      log.error("recommender model could not be loaded; serving the one already loaded", {
        version,
        loadedVersion: this.loaded?.version ?? null,
        ...describeError(e),
      });
    }
    return this.loaded;
  }
}
