/**
 * `npm run retrain`: one retraining run, exactly as the scheduled function does it (read every rating,
 * train, evaluate, promote only if not worse), against the local stack by default: the Firestore emulator
 * and the demo model folder that `npm start` serves from. Prints the outcome as JSON; exit code 1 when
 * the run failed (the live model is then untouched).
 *
 *   npm run retrain                          # local stack (FIRESTORE_EMULATOR_HOST defaults to 127.0.0.1:8080)
 *   npm run retrain -- --store local:<dir>   # another model folder (relative to the repository root)
 *   npm run retrain -- --store gcs --project <id>   # a deployed project (application default credentials)
 *   npm run retrain -- --set-live <version> [--reason <text>]   # force-promote or roll back to a kept version
 */
import { parseArgs } from "node:util";
import { firestore, makeLiveVersionService, makeRetrainService } from "../src/deps";
import { DEFAULT_RETRAIN_POLICY, LOCAL_DEMO_MODEL_STORE, POINTER_CHECK_INTERVAL_MS } from "../src/recommendations/recommendations.config";
import { setLogWriter } from "../src/shared/logger";

const LOCAL_PROJECT = "demo-movie-night";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      store: { type: "string" },
      project: { type: "string" },
      keep: { type: "string" },
      "set-live": { type: "string" },
      reason: { type: "string" },
    },
    strict: true,
  });
  const deployed = values.project !== undefined;
  if (!deployed) {
    // The local stack: never reach a real project by accident.
    process.env.FIRESTORE_EMULATOR_HOST ??= "127.0.0.1:8080";
    process.env.GCLOUD_PROJECT ??= LOCAL_PROJECT;
  } else {
    process.env.GCLOUD_PROJECT = values.project;
  }
  const keep = values.keep === undefined ? DEFAULT_RETRAIN_POLICY.keepVersions : Number(values.keep);
  if (!Number.isInteger(keep) || keep < 1) throw new Error(`--keep must be a positive integer, got "${values.keep}"`);
  const store = values.store ?? (deployed ? "gcs" : LOCAL_DEMO_MODEL_STORE);

  const config = { store, pointerCheckIntervalMs: POINTER_CHECK_INTERVAL_MS, onDemand: "inline" as const, policy: DEFAULT_RETRAIN_POLICY };
  if (values["set-live"] !== undefined) {
    // Bypasses the gate; recorded under system/recommender/events with "cli" as the author.
    const change = await makeLiveVersionService(firestore(), config).setLive(values["set-live"], "cli", values.reason);
    process.stdout.write(`${JSON.stringify(change, null, 2)}\n`);
    return 0;
  }
  // firebase-admin reads the emulator host and project when firestore() first initialises the app, below.
  const service = makeRetrainService(firestore(), {
    store,
    pointerCheckIntervalMs: POINTER_CHECK_INTERVAL_MS,
    onDemand: "inline",
    policy: { ...DEFAULT_RETRAIN_POLICY, keepVersions: keep },
  });
  const outcome = await service.run("cli");
  process.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`);
  return outcome.status === "failed" ? 1 : 0;
}

// Log lines go to stderr as JSON so stdout carries only the outcome.
setLogWriter((severity, message, fields) => process.stderr.write(`${JSON.stringify({ severity, message, ...fields })}\n`));
main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
