// Process bookkeeping for the local stack: who descends from whom, whether a pid is still the process we
// saw (pids are reused), who listens on a port, and the state file that lets `npm stop` find a stack
// started in another terminal. Linux only (reads /proc), like the rest of the local tooling.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./stack.mjs";

/** Where a running stack records its processes (removed when it stops). */
export const STATE_FILE = path.join(ROOT, ".emulators", "stack.json");

/** Every port the emulators listen on (firebase.json), with what listens there. */
export function stackPorts() {
  const config = JSON.parse(readFileSync(path.join(ROOT, "firebase.json"), "utf8")).emulators;
  const ports = [];
  for (const [name, value] of Object.entries(config)) {
    if (value && typeof value === "object" && typeof value.port === "number") ports.push({ name, port: value.port });
    if (value && typeof value === "object" && typeof value.websocketPort === "number") ports.push({ name: `${name} websocket`, port: value.websocketPort });
  }
  ports.push({ name: "firestore websocket", port: 9150 }); // the Firestore emulator's default, not in firebase.json
  return ports;
}

/** The process's start time since boot (clock ticks), or undefined when no such process exists. */
export function startTime(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
  } catch {
    return undefined;
  }
}

/** True while `proc` ({pid, start}) is still the same running (not zombie) process. */
export function alive(proc) {
  try {
    const stat = readFileSync(`/proc/${proc.pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[0] !== "Z" && Number(fields[19]) === proc.start;
  } catch {
    return false;
  }
}

export function commandLine(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
  } catch {
    return "";
  }
}

/** Every process below `pid`, as {pid, start}. */
export function descendants(pid) {
  const out = spawnSync("ps", ["-e", "-o", "pid=,ppid="], { encoding: "utf8" }).stdout ?? "";
  const children = new Map();
  for (const line of out.trim().split("\n")) {
    const [child, parent] = line.trim().split(/\s+/).map(Number);
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(child);
  }
  const found = [];
  const walk = (p) => {
    for (const c of children.get(p) ?? []) {
      const start = startTime(c);
      if (start !== undefined) found.push({ pid: c, start });
      walk(c);
    }
  };
  walk(pid);
  return found;
}

/** Sends `signal` to the process if it is still the one recorded; false when it was gone. */
export function signal(proc, sig) {
  if (!alive(proc)) return false;
  try {
    process.kill(proc.pid, sig);
    return true;
  } catch {
    return false;
  }
}

/** The processes listening on `port` (from `ss`), as {pid, command}. */
export function portHolders(port) {
  const out = spawnSync("ss", ["-Hltnp", `sport = :${port}`], { encoding: "utf8" }).stdout ?? "";
  const holders = [];
  for (const match of out.matchAll(/pid=(\d+)/g)) {
    const pid = Number(match[1]);
    if (!holders.some((h) => h.pid === pid)) holders.push({ pid, command: commandLine(pid) });
  }
  if (holders.length === 0 && out.trim()) holders.push({ pid: undefined, command: "(a process this user cannot see)" });
  return holders;
}

/** The ports of the stack something listens on now, with who holds each. */
export function takenPorts() {
  return stackPorts()
    .map((p) => ({ ...p, holders: portHolders(p.port) }))
    .filter((p) => p.holders.length > 0);
}

export function readState() {
  if (!existsSync(STATE_FILE)) return undefined;
  try {
    return JSON.parse(readFileSync(STATE_FILE, "utf8"));
  } catch {
    return undefined;
  }
}

export function writeState(state) {
  writeFileSync(STATE_FILE, `${JSON.stringify(state, null, 2)}\n`);
}

/** Removes the state file if it still describes the stack of `startPid`. */
export function clearState(startPid) {
  if (readState()?.start?.pid === startPid) rmSync(STATE_FILE, { force: true });
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
