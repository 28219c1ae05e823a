// `npm start`: the whole local stack on the emulators, seeded with the embedded demo data.
// Prints `API ready at <base url>` once the API answers; Ctrl-C stops everything it started.
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";
import { API_BASE_URL, EMULATORS, FIREBASE_BIN, FUNCTIONS_DIR, PROJECT_ID, ROOT, run, stackEnv } from "./lib/stack.mjs";

const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;
const LOG_FILE = path.join(ROOT, ".emulators", "emulators.log");
const started = Date.now();

run("npm", ["--prefix", FUNCTIONS_DIR, "run", "-s", "build"]);

mkdirSync(path.dirname(LOG_FILE), { recursive: true });
const logStream = createWriteStream(LOG_FILE);
console.log(`Starting emulators (${EMULATORS}); their output goes to ${path.relative(ROOT, LOG_FILE)}`);

// Its own process group, so that stopping it also stops the Java and Node processes it starts.
const emulators = spawn(FIREBASE_BIN, ["emulators:start", "--non-interactive", "--project", PROJECT_ID, "--only", EMULATORS], {
  cwd: ROOT,
  env: stackEnv(),
  detached: true,
  stdio: ["ignore", "pipe", "pipe"],
});
emulators.stdout.pipe(logStream);
emulators.stderr.pipe(logStream);

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

/** Every process below `pid` (the Java emulator may leave the CLI's process group). */
function descendants(pid) {
  const out = spawnSync("ps", ["-e", "-o", "pid=,ppid="], { encoding: "utf8" }).stdout ?? "";
  const children = new Map();
  for (const line of out.trim().split("\n")) {
    const [child, parent] = line.trim().split(/\s+/).map(Number);
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(child);
  }
  const found = [];
  const walk = (p) =>
    (children.get(p) ?? []).forEach((c) => {
      found.push(c);
      walk(c);
    });
  walk(pid);
  return found;
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
  for (const pid of tree) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  if (timedOut) console.log("Emulators did not stop in time and were killed.");
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
  console.log(`API ready at ${API_BASE_URL}`);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  await stop(1);
}
