// The development mail catcher (maildev, pinned in the root package): a real SMTP server with a web inbox
// and a REST API. `npm start` and `npm test` run it beside the emulators; the functions reach it through
// the local SMTP_URL secret (smtp://127.0.0.1:1025, see local-secrets.mjs), tests read what it received.
import { spawn } from "node:child_process";
import { connect } from "node:net";
import path from "node:path";
import { ROOT, stackEnv } from "./stack.mjs";

export const MAIL_SMTP_PORT = 1025;
export const MAIL_WEB_PORT = 1080;
/** The web inbox (and its REST API: GET /api/email lists what arrived). */
export const MAIL_INBOX_URL = `http://127.0.0.1:${MAIL_WEB_PORT}`;

/** Starts the mail catcher on the loopback interface; `stdio` as for spawn, `detached` for its own group. */
export function spawnMailCatcher({ stdio = "ignore", detached = false } = {}) {
  const bin = path.join(ROOT, "node_modules", "maildev", "dist", "bin", "maildev.js");
  const args = [bin, "--smtp", String(MAIL_SMTP_PORT), "--ip", "127.0.0.1", "--web", String(MAIL_WEB_PORT), "--web-ip", "127.0.0.1"];
  return spawn(process.execPath, args, { cwd: ROOT, env: stackEnv(), stdio, detached });
}

/** True when something already listens on the port (then a second catcher could not start). */
function listening(port) {
  return new Promise((resolve) => {
    const socket = connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => socket.destroy() || resolve(true));
    socket.once("error", () => resolve(false));
  });
}

/** Fails when the catcher's ports are taken, naming them (an earlier run's catcher, or another program). */
export async function assertMailPortsFree() {
  const taken = [];
  for (const port of [MAIL_SMTP_PORT, MAIL_WEB_PORT]) if (await listening(port)) taken.push(port);
  if (taken.length > 0) throw new Error(`The mail catcher's ports are taken: ${taken.join(", ")} (an earlier mail catcher still running?)`);
}

/** Resolves once the inbox answers; rejects after `timeoutMs` or when the process exits first. */
export async function waitForMailCatcher(child, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child.once("exit", () => (exited = true));
  while (Date.now() < deadline && !exited) {
    try {
      const res = await fetch(`${MAIL_INBOX_URL}/api/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(exited ? "The mail catcher exited at start (are ports 1025/1080 taken?)" : "The mail catcher did not answer in time");
}
