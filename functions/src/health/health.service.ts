import type { HealthReport } from "./health.schema";

/** Answers whether the database responds; implemented over Firestore in health.repository.ts. */
export interface DatabaseProbe {
  ping(): Promise<void>;
}

export interface HealthServiceOptions {
  version: string;
  /** A probe slower than this counts as unavailable. */
  timeoutMs?: number;
  /** Probe results are reused this long, so health checks under load cost few Firestore reads. */
  cacheMs?: number;
  now?: () => number;
}

/** Reports liveness, version and whether Firestore answers, probing it at most once per cache period. */
export class HealthService {
  private cached?: { at: number; report: HealthReport };
  private inFlight?: Promise<HealthReport>;
  private readonly timeoutMs: number;
  private readonly cacheMs: number;
  private readonly now: () => number;

  constructor(
    private readonly probe: DatabaseProbe,
    private readonly options: HealthServiceOptions,
  ) {
    this.timeoutMs = options.timeoutMs ?? 2000;
    this.cacheMs = options.cacheMs ?? 5000;
    this.now = options.now ?? Date.now;
  }

  async check(): Promise<HealthReport> {
    if (this.cached && this.now() - this.cached.at < this.cacheMs) return this.cached.report;
    // Concurrent callers share one probe instead of each sending a read.
    this.inFlight ??= this.runProbe().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async runProbe(): Promise<HealthReport> {
    const firestore = await this.firestoreAnswers();
    const report: HealthReport = {
      status: firestore ? "ok" : "degraded",
      version: this.options.version,
      firestore: firestore ? "ok" : "unavailable",
      checkedAt: new Date(this.now()).toISOString(),
    };
    this.cached = { at: this.now(), report };
    return report;
  }

  private async firestoreAnswers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), this.timeoutMs);
    });
    try {
      return await Promise.race([this.probe.ping().then(() => true), timeout]);
    } catch {
      return false; // the probe's failure is the answer: Firestore is unavailable
    } finally {
      clearTimeout(timer);
    }
  }
}
