/**
 * Worker thread body of BcryptPool: runs bcryptjs (pure JavaScript, CPU bound) off the main event loop.
 * Inputs are already pre-hashed by the caller, so no raw password crosses the thread boundary.
 */
import { parentPort } from "node:worker_threads";
import * as bcrypt from "bcryptjs";
import type { BcryptJob, BcryptResult } from "./bcrypt-pool";

function run(job: BcryptJob): string | boolean {
  return job.op === "hash" ? bcrypt.hashSync(job.input, job.cost) : bcrypt.compareSync(job.input, job.hash);
}

parentPort?.on("message", (job: BcryptJob) => {
  let result: BcryptResult;
  try {
    result = { id: job.id, ok: true, value: run(job) };
  } catch (e: unknown) {
    result = { id: job.id, ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  parentPort?.postMessage(result);
});
