/**
 * What the Functions emulator is doing, read from the Firebase CLI's debug log (`firebase-debug.log` in
 * the project root, written by `firebase emulators:exec` for as long as the emulators run). Two facts
 * come from it and from nowhere else the tests can reach:
 *
 * - the emulator's work queue ("[work-queue] {queueLength, workRunningCount}", logged whenever a trigger
 *   event or HTTPS request is queued, starts or ends), so a test can wait until no function runs or waits
 *   to run before the next test or file begins;
 * - every error a function logged (a structured line with severity ERROR or worse, or the emulator's own
 *   error for a function that threw), so an error a trigger logs fails the test that caused it instead of
 *   showing only as a timed-out wait.
 */
import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from "node:fs";
import path from "node:path";

/** The repository root (the folder with firebase.json, above this file), where the Firebase CLI runs and writes its debug log. */
const ROOT = (() => {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) if (existsSync(path.join(dir, "firebase.json"))) return dir;
  throw new Error(`No firebase.json above ${__dirname}`);
})();
const ERROR_SEVERITIES = new Set(["ERROR", "CRITICAL", "ALERT", "EMERGENCY"]);

/** One error a function (or the emulator running it) logged. */
export interface EmulatorError {
  /** Position in the log: errors after a mark have a greater sequence number. */
  seq: number;
  /** The logged message, one line, with its structured fields. */
  text: string;
}

/** Reads the debug log incrementally; its state is what the log says so far. */
class DebugLogReader {
  private file: string | undefined;
  private offset = 0;
  private partial = "";
  private seq = 0;
  /** Work queued or running, by the emulator's last report (0 before any). */
  busy = 0;
  /** When (by our clock) the work queue last reported a change. */
  lastChange = Date.now();
  readonly errors: EmulatorError[] = [];

  private locate(): string {
    if (this.file) return this.file;
    const candidates = readdirSync(ROOT)
      .filter((f) => /^firebase-debug(\.\d+)?\.log$/.test(f))
      .map((f) => path.join(ROOT, f))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
    if (candidates.length === 0) {
      throw new Error(
        `No firebase-debug.log in ${ROOT}: integration tests run under \`firebase emulators:exec\` started from the repository root (npm test)`,
      );
    }
    this.file = candidates[0]!;
    return this.file;
  }

  /** Reads whatever was appended since the last call. */
  poll(): void {
    const fd = openSync(this.locate(), "r");
    try {
      const chunk = Buffer.alloc(1 << 20);
      for (;;) {
        const n = readSync(fd, chunk, 0, chunk.length, this.offset);
        if (n === 0) break;
        this.offset += n;
        const text = this.partial + chunk.subarray(0, n).toString("utf8");
        const lines = text.split("\n");
        this.partial = lines.pop() ?? "";
        for (const line of lines) this.line(line);
      }
    } finally {
      closeSync(fd);
    }
  }

  /** A mark: errors logged after it have a greater `seq`. */
  mark(): number {
    this.poll();
    return this.seq;
  }

  private line(line: string): void {
    this.seq++;
    const queue = /\[work-queue\] (\{.*\})$/.exec(line);
    if (queue) {
      const state = JSON.parse(queue[1]!) as { queueLength: number; workRunningCount: number };
      this.busy = state.queueLength + state.workRunningCount;
      this.lastChange = Date.now();
      return;
    }
    if (line.startsWith("[error] ")) {
      this.errors.push({ seq: this.seq, text: line.slice(8) });
      return;
    }
    // A function's own log line: "[info] >  {structured json} {emulator metadata}".
    if (line.startsWith("[info] >  {")) {
      const entry = firstJsonObject(line.slice(10));
      const severity = typeof entry?.severity === "string" ? entry.severity.toUpperCase() : "";
      if (entry && ERROR_SEVERITIES.has(severity)) {
        const { message, stack: _stack, ...fields } = entry;
        const first = String(message ?? "").split("\n")[0];
        this.errors.push({ seq: this.seq, text: `${first} ${JSON.stringify(fields)}` });
      }
    }
  }
}

/** Parses the JSON object at the start of `text` (followed by anything), or undefined. */
function firstJsonObject(text: string): Record<string, unknown> | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) {
      try {
        return JSON.parse(text.slice(0, i + 1)) as Record<string, unknown>;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

const reader = new DebugLogReader();

/** The repository root (where firebase.json and firestore.indexes.json are). */
export function repositoryRoot(): string {
  return ROOT;
}

/** A position in the emulator log; `emulatorErrorsSince` lists the errors logged after it. */
export function emulatorLogMark(): number {
  return reader.mark();
}

/** Errors functions logged in the emulator after `mark`. */
export function emulatorErrorsSince(mark: number): EmulatorError[] {
  reader.poll();
  return reader.errors.filter((e) => e.seq > mark);
}

/**
 * Resolves once the Functions emulator has had nothing queued or running for `quietMs` (so the events
 * of the last writes, which reach it a moment after their commit, have had time to arrive and run).
 * Fails after `timeoutMs` naming what is still busy.
 */
export async function waitForEmulatorIdle({ quietMs = 500, timeoutMs = 180_000 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    reader.poll();
    if (reader.busy === 0 && Date.now() - reader.lastChange >= quietMs) return;
    if (Date.now() > deadline) {
      throw new Error(`The Functions emulator is still busy after ${timeoutMs} ms (${reader.busy} queued or running)`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
