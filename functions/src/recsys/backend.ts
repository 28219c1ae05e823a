import os from "node:os";
import { log } from "../shared/logger";

/** The TF.js namespace, whichever package provided it. */
export type Tf = typeof import("@tensorflow/tfjs");

/** Which backend runs training: the native library when it loads, WASM otherwise. */
export interface TfRuntime {
  tf: Tf;
  backend: string;
}

let runtime: Promise<TfRuntime> | undefined;

/**
 * Loads TF.js once per process: `@tensorflow/tfjs-node` when it can be required (it is an optional
 * dependency whose install downloads a native library, so it is often absent), otherwise `@tensorflow/tfjs`
 * on the WASM backend with one thread per core (capped at 4). Logs the backend that runs. Serving never
 * calls this: it reads weights into typed arrays, keeping tf out of the API's cold start.
 */
export function loadTf(): Promise<TfRuntime> {
  runtime ??= init();
  return runtime;
}

async function init(): Promise<TfRuntime> {
  const forceWasm = process.env.RECSYS_BACKEND === "wasm";
  if (!forceWasm) {
    try {
      // A dynamic require so that a missing optional dependency is a fallback, not a crash at import.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const tfNode = require("@tensorflow/tfjs-node") as Tf;
      await tfNode.ready();
      log.info("recsys tf backend", { backend: tfNode.getBackend(), package: "@tensorflow/tfjs-node" });
      return { tf: tfNode, backend: tfNode.getBackend() };
    } catch (e: unknown) {
      log.info("recsys tfjs-node unavailable, using wasm", { reason: (e as Error).message.split("\n")[0] });
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tf = require("@tensorflow/tfjs") as Tf;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const wasm = require("@tensorflow/tfjs-backend-wasm") as typeof import("@tensorflow/tfjs-backend-wasm");
  // Threads only take effect where the multi-threaded WASM binary can run; Node.js gets the SIMD one.
  wasm.setThreadsCount(Math.max(1, Math.min(4, os.availableParallelism())));
  await tf.setBackend("wasm");
  await tf.ready();
  log.info("recsys tf backend", { backend: tf.getBackend(), package: "@tensorflow/tfjs-backend-wasm" });
  return { tf, backend: tf.getBackend() };
}
