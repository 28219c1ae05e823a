// Shared by the root scripts: where things are, and the environment the Firebase CLI runs in.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const FUNCTIONS_DIR = path.join(ROOT, "functions");
/** The typed API client generated from api/openapi.json (an npm workspace of the root package). */
export const CLIENT_DIR = path.join(ROOT, "clients", "typescript");
export const PROJECT_ID = "demo-movie-night";
export const FIREBASE_BIN = path.join(ROOT, "node_modules", ".bin", "firebase");
export const FIRESTORE_WRAPPER_JAR = path.join(ROOT, ".emulators", "firestore-wrapper.jar");
/** The emulators every script starts; the UI is off (it would be a download). */
export const EMULATORS = "firestore,auth,functions,hosting";
/** Where the reference page test looks for a browser (CHROMIUM_PATH first, then these in order). */
export const BROWSER_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
export const HOSTING_ORIGIN = "http://127.0.0.1:5002";
export const API_BASE_URL = `${HOSTING_ORIGIN}/v1`;

/**
 * How many function executions (HTTPS requests and trigger events together) the Functions emulator runs
 * at once; the rest wait in its queue. Its default, 50, starts a worker process (each loading the whole
 * code) per concurrent request and drowns a small machine in a burst. See docs/DECISIONS.md.
 */
export const FUNCTIONS_PARALLEL = process.env.FUNCTIONS_EMULATOR_PARALLEL ?? "4";

/**
 * The environment for the Firebase CLI and everything it starts: the project's Node 22 first on PATH,
 * the Functions emulator's parallelism, and the local Firestore emulator jar when setup prepared one
 * (otherwise the CLI downloads its own).
 */
export function stackEnv(extra = {}) {
  const env = {
    ...process.env,
    PATH: `${path.join(ROOT, "node_modules", ".bin")}${path.delimiter}${process.env.PATH ?? ""}`,
    GCLOUD_PROJECT: PROJECT_ID,
    FUNCTIONS_EMULATOR_PARALLEL: FUNCTIONS_PARALLEL,
    ...extra,
  };
  if (existsSync(FIRESTORE_WRAPPER_JAR)) env.FIRESTORE_EMULATOR_BINARY_PATH = FIRESTORE_WRAPPER_JAR;
  return env;
}

/** Runs a command to completion with inherited output; exits this process with its status on failure. */
export function run(command, args, options = {}) {
  const label = [command, ...args].join(" ");
  console.log(`\n> ${label}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: stackEnv(), ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    console.error(`\nFailed (exit ${result.status ?? result.signal}): ${label}`);
    process.exit(result.status ?? 1);
  }
}
