// `npm start`: the whole local stack on the emulators, seeded with the embedded demo data.
// Prints `API ready at <base url>` once the API answers. However it ends (Ctrl-C, SIGTERM, SIGKILL, its
// process group killed), nothing it started outlives it by more than a few seconds: a watchdog in its
// own session (scripts/lib/watchdog.mjs) stops whatever is left once this process is gone.
// `npm stop` stops a stack started in another terminal. `--no-build` skips the TypeScript build.
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, mkdirSync, openSync } from "node:fs";
import path from "node:path";
import { API_BASE_URL, EMULATORS, FIREBASE_BIN, FUNCTIONS_DIR, PROJECT_ID, ROOT, run, stackEnv } from "./lib/stack.mjs";
import { alive, clearState, descendants, readState, signal, startTime, takenPorts, writeState } from "./lib/processes.mjs";
import { assertMailPortsFree, MAIL_INBOX_URL, spawnMailCatcher, waitForMailCatcher } from "./lib/mail-catcher.mjs";

const READY_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 30_000;
const LOG_FILE = path.join(ROOT, ".emulators", "emulators.log");
const started = Date.now();
const self = { pid: process.pid, start: startTime(process.pid) };
mkdirSync(path.dirname(LOG_FILE), { recursive: true });

// An earlier stack of this checkout: still running (say so), or its leftovers (ours to clean up).
const previous = readState();
if (previous?.start && alive(previous.start)) {
  console.error(`A local stack is already running (npm start, pid ${previous.start.pid}). Stop it with \`npm stop\`.`);
  process.exit(1);
}
const leftovers = (previous?.tracked ?? []).filter(alive);
if (leftovers.length > 0) {
  console.log(`Stopping ${leftovers.length} leftover processes of an earlier local stack of this checkout`);
  for (const p of leftovers) signal(p, "SIGKILL");
}
const taken = takenPorts();
if (taken.length > 0) {
  console.error("The emulators' ports are taken:");
  for (const t of taken) {
    for (const h of t.holders) console.error(`  ${t.port} (${t.name}): pid ${h.pid ?? "?"} ${h.command.slice(0, 160)}`);
  }
  const pids = [...new Set(taken.flatMap((t) => t.holders.map((h) => h.pid)).filter(Boolean))];
  console.error(
    "If that is a local stack of this project started elsewhere, stop it with `npm stop` in its checkout;" +
      (pids.length > 0 ? ` otherwise stop those processes (kill ${pids.join(" ")}) if they are yours.` : ""),
  );
  process.exit(1);
}

try {
  await assertMailPortsFree();
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}

if (!process.argv.includes("--no-build")) run("npm", ["--prefix", FUNCTIONS_DIR, "run", "-s", "build"]);

const logStream = createWriteStream(LOG_FILE);
console.log(`Starting emulators (${EMULATORS}); their output goes to ${path.relative(ROOT, LOG_FILE)}`);

// The watchdog first, in its own session, reading a pipe that closes when this process ends.
const watchdog = spawn(process.execPath, [path.join(ROOT, "scripts", "lib", "watchdog.mjs")], {
  cwd: ROOT,
  detached: true,
  stdio: ["pipe", "ignore", openSync(LOG_FILE, "a")],
});
watchdog.unref();

// Its own process group, so that stopping it also stops the Java and Node processes it starts.
const emulators = spawn(FIREBASE_BIN, ["emulators:start", "--non-interactive", "--project", PROJECT_ID, "--only", EMULATORS], {
  cwd: ROOT,
  env: stackEnv(),
  detached: true,
  stdio: ["ignore", "pipe", "pipe"],
});
emulators.stdout.pipe(logStream);
emulators.stderr.pipe(logStream);
const cli = { pid: emulators.pid, start: startTime(emulators.pid) };
watchdog.stdin.write(`${JSON.stringify({ cli })}\n`);
// The development mail catcher the functions send mail to (SMTP_URL in functions/.secret.local).
const mailCatcher = spawnMailCatcher({ stdio: ["ignore", openSync(LOG_FILE, "a"), openSync(LOG_FILE, "a")] });
const mailProcess = { pid: mailCatcher.pid, start: startTime(mailCatcher.pid) };
watchdog.stdin.write(`${JSON.stringify({ also: mailProcess })}\n`);
writeState({ start: self, watchdog: { pid: watchdog.pid, start: startTime(watchdog.pid) }, cli, tracked: [cli, mailProcess] });

let stopping = false;
emulators.on("exit", (code, signal) => {
  if (!stopping) {
    console.error(`Emulators exited unexpectedly (${code ?? signal}); see ${path.relative(ROOT, LOG_FILE)}`);
    process.exit(1);
  }
});

function killGroup(signal) {
  try {
    process.kill(-emulators.pid, signal);
  } catch {
    // the group is already gone
  }
}

async function stop(exitCode = 0) {
  if (stopping) return;
  stopping = true;
  console.log("\nStopping the local stack...");
  const exited = new Promise((resolve) => emulators.once("exit", resolve));
  const tree = descendants(emulators.pid); // taken now: once the CLI exits, its children are re-parented
  killGroup("SIGINT"); // the CLI shuts its emulators down cleanly on SIGINT
  const timedOut = await Promise.race([exited.then(() => false), sleep(STOP_TIMEOUT_MS).then(() => true)]);
  killGroup("SIGKILL"); // whatever is left of the group (also after a clean exit: stray children)
  mailCatcher.kill("SIGKILL");
  for (const p of tree) signal(p, "SIGKILL");
  if (timedOut) console.log("Emulators did not stop in time and were killed.");
  watchdog.stdin.end(); // nothing is left for it to stop: it exits
  clearState(process.pid);
  console.log("Stopped.");
  process.exit(exitCode);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => stop(0));

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitForApi() {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${API_BASE_URL}/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`The API did not answer within ${READY_TIMEOUT_MS / 1000} s; see ${path.relative(ROOT, LOG_FILE)}`);
}

try {
  await waitForMailCatcher(mailCatcher);
  await waitForApi();
  const seeded = spawnSync("node", [path.join(FUNCTIONS_DIR, "lib", "scripts", "seed-demo.js")], {
    stdio: "inherit",
    env: stackEnv({
      FIRESTORE_EMULATOR_HOST: "127.0.0.1:8080",
      FIREBASE_AUTH_EMULATOR_HOST: "127.0.0.1:9099",
      DEMO_API_BASE_URL: API_BASE_URL,
    }),
  });
  if (seeded.status !== 0) throw new Error("Seeding the demo data failed");
  console.log(`Stack up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`Mail inbox at ${MAIL_INBOX_URL}`);
  console.log(`API ready at ${API_BASE_URL}`);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  await stop(1);
}
