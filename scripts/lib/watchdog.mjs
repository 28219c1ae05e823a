// The local stack's watchdog: a small process in its own session that `npm start` starts first and that
// no way of ending `npm start` reaches (Ctrl-C and a kill of its process group hit other groups).
// It keeps a list of every process below the Firebase CLI (the Java Firestore emulator leaves the CLI's
// process group, and every process is re-parented once the CLI dies, so the list is kept while they are
// still below it). Its standard input is a pipe from `npm start`: when that closes, because `npm start`
// exited however it exited (SIGKILL included; the kernel closes the pipe), the watchdog asks the CLI to
// stop, waits a little, and kills whatever of the list is left. Then it exits.
//
// Protocol on stdin: one JSON line `{"cli": {"pid", "start"}}` once the CLI is spawned, and
// `{"also": {"pid", "start"}}` for each other process of the stack (the mail catcher).
import { createInterface } from "node:readline";
import { alive, clearState, descendants, readState, signal, sleep, writeState } from "./processes.mjs";

const GRACE_MS = Number(process.env.STACK_WATCHDOG_GRACE_MS ?? 3000);
const POLL_MS = 300;

let cli;
const tracked = new Map(); // pid -> {pid, start}
const also = new Map(); // processes of the stack outside the CLI's tree
let stopping = false;

function refresh() {
  if (stopping) return;
  for (const [pid, p] of also) if (alive(p)) tracked.set(pid, p);
  if (!cli) return;
  if (alive(cli)) tracked.set(cli.pid, cli);
  for (const p of descendants(cli.pid)) tracked.set(p.pid, p);
  for (const [pid, p] of tracked) if (!alive(p)) tracked.delete(pid);
  const state = readState();
  if (state && state.watchdog?.pid === process.pid) writeState({ ...state, tracked: [...tracked.values()] });
}

async function teardown(reason) {
  if (stopping) return;
  refresh();
  stopping = true;
  const left = () => [...tracked.values()].filter(alive);
  if (left().length > 0) {
    console.error(`watchdog: ${reason}; stopping ${left().length} stack processes`);
    // The CLI shuts its emulators down on SIGINT; give it a moment, then kill what remains.
    if (cli && alive(cli)) {
      try {
        process.kill(-cli.pid, "SIGINT");
      } catch {
        signal(cli, "SIGINT");
      }
    }
    const deadline = Date.now() + GRACE_MS;
    while (left().length > 0 && Date.now() < deadline) await sleep(100);
    for (const p of left()) signal(p, "SIGKILL");
  }
  const state = readState();
  if (state?.watchdog?.pid === process.pid) clearState(state.start?.pid); // the stack is gone: so is its record
  process.exit(0);
}

const input = createInterface({ input: process.stdin });
input.on("line", (line) => {
  try {
    const message = JSON.parse(line);
    if (message.cli) {
      cli = message.cli;
      refresh();
    }
    if (message.also) {
      also.set(message.also.pid, message.also);
      refresh();
    }
  } catch {
    // not ours
  }
});
input.on("close", () => void teardown("npm start is gone"));
for (const sig of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(sig, () => void teardown(`${sig} received`));
setInterval(refresh, POLL_MS);
