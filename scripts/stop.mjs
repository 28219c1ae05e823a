// `npm stop`: stops the local stack `npm start` runs, from any terminal. Asks `npm start` to stop (as
// Ctrl-C would); if it is gone, asks its watchdog; if that is gone too, kills the processes the stack
// last recorded. Exits non-zero when something of the stack is still running afterwards.
import { alive, clearState, readState, signal, sleep, takenPorts } from "./lib/processes.mjs";

const TIMEOUT_MS = 45_000;
const state = readState();
if (!state) {
  const taken = takenPorts();
  console.log("No local stack of this checkout is recorded as running.");
  for (const t of taken)
    for (const h of t.holders) console.log(`  port ${t.port} (${t.name}) is held by pid ${h.pid ?? "?"} ${h.command.slice(0, 120)}`);
  process.exit(0);
}

const everything = () => [state.start, state.watchdog, ...(state.tracked ?? [])].filter(Boolean);
if (alive(state.start)) {
  console.log(`Stopping the local stack (npm start, pid ${state.start.pid})...`);
  signal(state.start, "SIGTERM");
} else if (state.watchdog && alive(state.watchdog)) {
  console.log(`npm start is gone; asking its watchdog (pid ${state.watchdog.pid}) to stop what is left...`);
  signal(state.watchdog, "SIGTERM");
}
const deadline = Date.now() + TIMEOUT_MS;
while (everything().some(alive) && Date.now() < deadline) await sleep(200);
const left = everything().filter(alive);
if (left.length > 0) {
  console.log(`Killing ${left.length} processes that did not stop in time`);
  for (const p of left) signal(p, "SIGKILL");
  await sleep(500);
}
clearState(state.start.pid);
const still = everything().filter(alive);
if (still.length > 0) {
  console.error(`Still running: ${still.map((p) => p.pid).join(" ")}`);
  process.exit(1);
}
console.log("Stopped.");
