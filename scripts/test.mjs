// `npm test`: every check, in the order CI runs them. Stops at the first failure.
//   lint -> the typed client (its generated types match api/openapi.json; it builds)
//   -> type check and build (tsc) -> unit tests (mocha, no emulator) -> the API reference page
//   -> integration, rules and end-to-end tests under `firebase emulators:exec`
//      (real Firestore, Auth, Functions and Hosting emulators).
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CLIENT_DIR, EMULATORS, FIREBASE_BIN, FUNCTIONS_DIR, PROJECT_ID, ROOT, run } from "./lib/stack.mjs";
import { assertMailPortsFree, spawnMailCatcher, waitForMailCatcher } from "./lib/mail-catcher.mjs";

const npmFunctions = (script) => ["--prefix", FUNCTIONS_DIR, "run", script];
// Each mocha run appends its totals here (test/helpers/reporter.ts); summed into one closing line.
const statsFile = path.join(mkdtempSync(path.join(os.tmpdir(), "test-stats-")), "stats.jsonl");
process.env.TEST_STATS_FILE = statsFile;

function totals() {
  const sum = { passed: 0, failed: 0, skipped: 0 };
  if (!existsSync(statsFile)) return sum;
  for (const line of readFileSync(statsFile, "utf8").split("\n").filter(Boolean)) {
    const s = JSON.parse(line);
    for (const k of Object.keys(sum)) sum[k] += s[k];
  }
  return sum;
}
const steps = [];
let current; // the step running now, if a failure exits from inside it
process.on("exit", () => {
  if (current) steps.push({ name: `${current.name} (failed)`, seconds: (Date.now() - current.started) / 1000 });
  const t = totals();
  console.log(`\nTime per step:\n${steps.map((s) => `  ${s.seconds.toFixed(1).padStart(7)} s  ${s.name}`).join("\n")}`);
  console.log(`\nTests: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
});

/** Runs one step, recording how long it took (printed at the end, also when a step fails). */
function step(name, ...args) {
  current = { name, started: Date.now() };
  run(...args);
  steps.push({ name, seconds: (Date.now() - current.started) / 1000 });
  current = undefined;
}

step("lint", "npm", npmFunctions("lint"));
step("typed client", "npm", ["--prefix", CLIENT_DIR, "test"]);
step("build", "npm", npmFunctions("build"));
// The committed contract (api/openapi.json, compared with the generated one by a unit test) against Redocly's recommended rules.
step("contract lint", path.join(ROOT, "node_modules", ".bin", "redocly"), ["lint", "--format", "stylish"], { cwd: ROOT });
step("unit tests", "npm", npmFunctions("test:unit"));
step("API reference page", process.execPath, [path.join(ROOT, "scripts", "build-docs.mjs")]);
// The development mail catcher the functions deliver to (SMTP_URL in functions/.secret.local); the tests
// read delivered messages from its REST API. Stopped when this script exits, however it exits.
await assertMailPortsFree();
const mailCatcher = spawnMailCatcher();
process.on("exit", () => mailCatcher.kill("SIGKILL"));
await waitForMailCatcher(mailCatcher);
step(
  "integration, rules and end-to-end tests (emulators)",
  FIREBASE_BIN,
  [
    "emulators:exec",
    "--non-interactive", // a missing param must fail the run, not wait for an answer
    "--project",
    PROJECT_ID,
    "--only",
    EMULATORS,
    `npm --prefix ${JSON.stringify(path.relative(ROOT, FUNCTIONS_DIR))} run test:integration`,
  ],
  // The tests read the CLI's debug log (firebase-debug.log in the root) to wait for idle emulators and
  // to fail on errors functions log: the CLI must run from the root.
  { cwd: ROOT },
);
mailCatcher.kill("SIGKILL"); // a live child would keep this script from exiting
console.log("\nAll checks passed.");
