// `npm run test:stack-stop`: starts the local stack once per way it can end and fails unless, every time,
// no process of the stack outlives `npm start` by more than STOP_BOUND_S seconds and the ports are free.
//   ctrl-c            SIGINT to its process group (what a terminal sends)
//   sigterm           SIGTERM to the script
//   sigkill           SIGKILL to the script (it cannot catch it)
//   sigterm+sigkill   SIGTERM then, 1 s later, SIGKILL to its process group
//   npm-stop          `npm stop` from another process
// Also checks that a start finding the ports taken names the holder and exits non-zero.
// Needs the emulator ports free: run it under the same lock as every other emulator run.
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { ROOT } from "./lib/stack.mjs";
import { alive, descendants, readState, sleep, takenPorts } from "./lib/processes.mjs";

const STOP_BOUND_S = Number(process.env.STOP_BOUND_S ?? 10);
const READY_TIMEOUT_MS = 300_000;
const only = process.argv.slice(2);
const scenarios = ["ctrl-c", "sigterm", "sigkill", "sigterm+sigkill", "npm-stop"].filter((s) => only.length === 0 || only.includes(s));

function startStack(extraArgs = []) {
  // Its own process group, as a shell job would be.
  const child = spawn(process.execPath, [path.join(ROOT, "scripts", "start.mjs"), "--no-build", ...extraArgs], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  return { child, output: () => output, exited };
}

async function waitForReady(stack) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!stack.output().includes("API ready at")) {
    if (stack.child.exitCode !== null || stack.child.signalCode !== null)
      throw new Error(`npm start ended before ready:\n${stack.output()}`);
    if (Date.now() > deadline) throw new Error(`npm start not ready in ${READY_TIMEOUT_MS / 1000} s:\n${stack.output()}`);
    await sleep(250);
  }
}

async function scenario(name) {
  if (takenPorts().length > 0) throw new Error(`ports taken before "${name}": ${JSON.stringify(takenPorts())}`);
  const stack = startStack();
  await waitForReady(stack);
  const state = readState();
  if (!state?.watchdog || !state.cli) throw new Error("npm start recorded no watchdog or CLI");
  const processes = [state.start, state.watchdog, state.cli, ...descendants(state.cli.pid)];
  const java = processes.filter((p) => /java/.test(spawnSync("ps", ["-o", "comm=", "-p", String(p.pid)], { encoding: "utf8" }).stdout));
  const pid = stack.child.pid;
  switch (name) {
    case "ctrl-c":
      process.kill(-pid, "SIGINT");
      break;
    case "sigterm":
      process.kill(pid, "SIGTERM");
      break;
    case "sigkill":
      process.kill(pid, "SIGKILL");
      break;
    case "sigterm+sigkill":
      // SIGKILL while it is still stopping (a stop takes well under a second when idle).
      process.kill(-pid, "SIGTERM");
      await sleep(100);
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // it had already stopped: the SIGTERM path alone then
      }
      break;
    case "npm-stop": {
      const stop = spawnSync("npm", ["stop"], { cwd: ROOT, encoding: "utf8" });
      if (stop.status !== 0) throw new Error(`npm stop failed: ${stop.stdout}${stop.stderr}`);
      break;
    }
  }
  await stack.exited;
  const scriptGone = Date.now();
  const deadline = scriptGone + STOP_BOUND_S * 1000;
  while ((processes.some(alive) || takenPorts().length > 0) && Date.now() < deadline) await sleep(100);
  const left = processes.filter(alive);
  const ports = takenPorts();
  const seconds = (Date.now() - scriptGone) / 1000;
  if (left.length > 0 || ports.length > 0) {
    for (const p of left) process.kill(p.pid, "SIGKILL"); // ours: leave the machine clean for the next run
    throw new Error(
      `"${name}": ${left.length} of ${processes.length} stack processes and ports ${ports.map((p) => p.port).join(",")} outlived npm start by ${STOP_BOUND_S} s`,
    );
  }
  console.log(`${name}: all ${processes.length} stack processes (${java.length} Java) gone ${seconds.toFixed(1)} s after npm start ended`);
}

async function portsTakenMessage() {
  // Hold one of the stack's ports with a process of our own, and start.
  const holder = spawn(
    process.execPath,
    ["-e", "require('node:net').createServer().listen(8080, '127.0.0.1'); setInterval(() => {}, 1000)"],
    {
      stdio: "ignore",
    },
  );
  try {
    while (!takenPorts().some((t) => t.port === 8080)) await sleep(100);
    const stack = startStack();
    const { code } = await stack.exited;
    const out = stack.output();
    if (code === 0 || !out.includes(`pid ${holder.pid}`) || !out.includes("8080")) {
      throw new Error(`a start with port 8080 taken should fail naming pid ${holder.pid}; it said (exit ${code}):\n${out}`);
    }
    console.log(`ports taken: npm start refused and named the holder (pid ${holder.pid}) of port 8080`);
  } finally {
    holder.kill("SIGKILL");
  }
  while (takenPorts().length > 0) await sleep(100);
}

let failed = 0;
for (const name of scenarios) {
  try {
    await scenario(name);
  } catch (e) {
    failed++;
    console.error(`FAILED ${e instanceof Error ? e.message : e}`);
  }
}
if (only.length === 0 || only.includes("ports-taken")) {
  try {
    await portsTakenMessage();
  } catch (e) {
    failed++;
    console.error(`FAILED ${e instanceof Error ? e.message : e}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
