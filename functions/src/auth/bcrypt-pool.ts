import path from "node:path";
import { Worker } from "node:worker_threads";
import { AppError } from "../shared/errors";

export type BcryptJob =
  { id: number; op: "hash"; input: string; cost: number } | { id: number; op: "compare"; input: string; hash: string };

export type BcryptResult = { id: number; ok: true; value: string | boolean } | { id: number; ok: false; message: string };

type Pending = { resolve: (v: string | boolean) => void; reject: (e: Error) => void };
type Queued = { job: BcryptJob } & Pending;

/** Which queue a job waits in: sign-in keeps places of its own, everything else shares the rest. */
export type BcryptLane = "signin" | "other";

/** Load shedding: at most `maxQueued` waiting jobs, of which `signInShare` places only sign-in may take. */
export interface BcryptQueueLimits {
  maxQueued: number;
  signInShare: number;
}

/** What a pool has done, for tests and benchmarks. */
export interface BcryptPoolStats {
  hashes: number;
  compares: number;
  shed: number;
}

interface Slot {
  worker: Worker;
  busy?: { id: number; started: number } & Pending;
}

const WORKER_FILE = path.join(__dirname, "bcrypt.worker.js");

/**
 * A small pool of worker threads running bcrypt. bcryptjs blocks the event loop for the whole hash
 * (hundreds of milliseconds at cost 12); in a worker it does not, so the API's other requests on the
 * same instance keep being served while sign-ins hash. Jobs queue when every worker is busy, in two
 * lanes served in turn; the queue is bounded (load shedding): a job that finds no place is refused at
 * once with `unavailable` and a Retry-After estimate, instead of waiting ever longer. Sign-in keeps
 * `signInShare` places that sign-ups, password changes and deletions cannot take. Workers start lazily
 * and are unref'd while idle, so an idle pool never keeps a process alive.
 */
export class BcryptPool {
  private readonly slots: Slot[] = [];
  private readonly queues: Record<BcryptLane, Queued[]> = { signin: [], other: [] };
  private lastLane: BcryptLane = "other";
  private nextId = 1;
  /** Moving average of a job's duration, for Retry-After. */
  private jobMs = 250;
  private readonly counts: BcryptPoolStats = { hashes: 0, compares: 0, shed: 0 };

  constructor(
    private readonly size = 2,
    private readonly limits: BcryptQueueLimits = { maxQueued: Number.POSITIVE_INFINITY, signInShare: 0 },
  ) {
    if (!Number.isInteger(size) || size < 1) throw new Error("BcryptPool size must be a positive integer");
    if (!(limits.maxQueued >= 1) || !(limits.signInShare >= 0) || limits.signInShare >= limits.maxQueued) {
      throw new Error("BcryptPool: maxQueued must be at least 1 and signInShare below it");
    }
  }

  hash(input: string, cost: number, lane: BcryptLane = "other"): Promise<string> {
    return this.submit({ id: this.nextId++, op: "hash", input, cost }, lane) as Promise<string>;
  }

  compare(input: string, hash: string, lane: BcryptLane = "other"): Promise<boolean> {
    return this.submit({ id: this.nextId++, op: "compare", input, hash }, lane) as Promise<boolean>;
  }

  /** Jobs run (started) and refused so far. */
  stats(): BcryptPoolStats {
    return { ...this.counts };
  }

  /** Stops every worker; pending jobs fail. For tests and benchmarks. */
  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    for (const q of [...this.queues.signin.splice(0), ...this.queues.other.splice(0)]) q.reject(new Error("BcryptPool closed"));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private submit(job: BcryptJob, lane: BcryptLane): Promise<string | boolean> {
    return new Promise((resolve, reject) => {
      const waiting = this.queues.signin.length + this.queues.other.length;
      const idle = this.slots.some((s) => !s.busy) || this.slots.length < this.size;
      const room = lane === "signin" ? this.limits.maxQueued : this.limits.maxQueued - this.limits.signInShare;
      const taken = lane === "signin" ? waiting : this.queues.other.length;
      if (!idle && (taken >= room || waiting >= this.limits.maxQueued)) {
        this.counts.shed += 1;
        const seconds = Math.max(1, Math.ceil(((waiting + 1) * this.jobMs) / this.size / 1000));
        reject(new AppError("unavailable", "Too busy checking passwords; retry shortly", { retryAfterSeconds: seconds }));
        return;
      }
      this.queues[lane].push({ job, resolve, reject });
      this.dispatch();
    });
  }

  /** The next job: lanes take turns, so neither waits behind a flood in the other. */
  private take(): Queued | undefined {
    const other: BcryptLane = this.lastLane === "signin" ? "other" : "signin";
    const lane = this.queues[other].length > 0 ? other : this.lastLane;
    const next = this.queues[lane].shift();
    if (next) this.lastLane = lane;
    return next;
  }

  private dispatch(): void {
    while (this.queues.signin.length + this.queues.other.length > 0) {
      const slot = this.slots.find((s) => !s.busy) ?? (this.slots.length < this.size ? this.spawn() : undefined);
      if (!slot) return;
      const next = this.take() as Queued;
      if (next.job.op === "hash") this.counts.hashes += 1;
      else this.counts.compares += 1;
      slot.busy = { id: next.job.id, started: Date.now(), resolve: next.resolve, reject: next.reject };
      slot.worker.ref();
      slot.worker.postMessage(next.job);
    }
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(WORKER_FILE) };
    slot.worker.unref();
    slot.worker.on("message", (result: BcryptResult) => {
      const busy = slot.busy;
      slot.busy = undefined;
      slot.worker.unref();
      if (busy) this.jobMs = 0.8 * this.jobMs + 0.2 * (Date.now() - busy.started);
      if (busy && busy.id === result.id) {
        if (result.ok) busy.resolve(result.value);
        else busy.reject(new Error(`bcrypt failed: ${result.message}`));
      }
      this.dispatch();
    });
    const fail = (e: Error) => {
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
      slot.busy?.reject(e);
      slot.busy = undefined;
      this.dispatch();
    };
    slot.worker.on("error", fail);
    slot.worker.on("exit", (code) => fail(new Error(`bcrypt worker exited with code ${code}`)));
    this.slots.push(slot);
    return slot;
  }
}
