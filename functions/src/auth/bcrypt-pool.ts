import path from "node:path";
import { Worker } from "node:worker_threads";

export type BcryptJob =
  { id: number; op: "hash"; input: string; cost: number } | { id: number; op: "compare"; input: string; hash: string };

export type BcryptResult = { id: number; ok: true; value: string | boolean } | { id: number; ok: false; message: string };

type Pending = { resolve: (v: string | boolean) => void; reject: (e: Error) => void };
type Queued = { job: BcryptJob } & Pending;

interface Slot {
  worker: Worker;
  busy?: { id: number } & Pending;
}

const WORKER_FILE = path.join(__dirname, "bcrypt.worker.js");

/**
 * A small pool of worker threads running bcrypt. bcryptjs blocks the event loop for the whole hash
 * (hundreds of milliseconds at cost 12); in a worker it does not, so the API's other requests on the
 * same instance keep being served while sign-ins hash. Jobs queue when every worker is busy. Workers
 * start lazily and are unref'd while idle, so an idle pool never keeps a process alive.
 */
export class BcryptPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Queued[] = [];
  private nextId = 1;

  constructor(private readonly size = 2) {
    if (!Number.isInteger(size) || size < 1) throw new Error("BcryptPool size must be a positive integer");
  }

  hash(input: string, cost: number): Promise<string> {
    return this.submit({ id: this.nextId++, op: "hash", input, cost }) as Promise<string>;
  }

  compare(input: string, hash: string): Promise<boolean> {
    return this.submit({ id: this.nextId++, op: "compare", input, hash }) as Promise<boolean>;
  }

  /** Stops every worker; pending jobs fail. For tests and benchmarks. */
  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    for (const q of this.queue.splice(0)) q.reject(new Error("BcryptPool closed"));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private submit(job: BcryptJob): Promise<string | boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => !s.busy) ?? (this.slots.length < this.size ? this.spawn() : undefined);
      if (!slot) return;
      const next = this.queue.shift() as Queued;
      slot.busy = { id: next.job.id, resolve: next.resolve, reject: next.reject };
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
