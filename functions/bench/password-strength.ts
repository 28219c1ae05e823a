/**
 * The new-password check (common list, email/handle, zxcvbn): time per call and what it adds to start-up.
 *   node lib/bench/password-strength.js [--calls 2000] [--loads 15]
 * 1. Loading, each in a fresh Node process (--loads times): `@zxcvbn-ts/core`, `@zxcvbn-ts/language-common`,
 *    the project's password module, and the first check (which builds zxcvbn's ranked dictionaries).
 * 2. Per call, in this process after a warm-up: `passwordProblem` on accepted passphrases, on refused
 *    weak passwords, and on the longest allowed (128 characters), each timed alone.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { parseArgs } from "node:util";
import { passwordProblem } from "../src/auth/password";
import { percentile, round } from "./stats";

const { values } = parseArgs({ options: { calls: { type: "string", default: "2000" }, loads: { type: "string", default: "15" } } });
const CALLS = Number(values.calls);
const LOADS = Number(values.loads);

const passwordModule = path.join(__dirname, "..", "src", "auth", "password.js");

/** Milliseconds for each step, measured inside a fresh process. */
function loadOnce(): Record<string, number> {
  const script = `
    const t = () => Number(process.hrtime.bigint()) / 1e6;
    const a = t(); require("@zxcvbn-ts/core");
    const b = t(); require("@zxcvbn-ts/language-common");
    const c = t(); const { passwordProblem } = require(${JSON.stringify(passwordModule)});
    const d = t(); passwordProblem("purple elephant marmalade", { email: "a@b.c", handle: "someone" });
    const e = t(); passwordProblem("violet tango kettle drum", { email: "a@b.c", handle: "someone" });
    const f = t();
    console.log(JSON.stringify({ core: b - a, common: c - b, passwordModule: d - c, firstCheck: e - d, secondCheck: f - e }));`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: path.join(__dirname, "..", ".."), encoding: "utf8" })) as Record<
    string,
    number
  >;
}

const WORDS = ["violet", "kettle", "harbour", "quartz", "meadow", "lantern", "saffron", "glacier", "pebble", "orbit", "tundra", "falcon"];
const passphrase = () =>
  Array.from({ length: 4 }, () => WORDS[randomBytes(1)[0] % WORDS.length]).join(" ") + ` ${randomBytes(2).toString("hex")}`;
const WEAK = ["aaaaaaaaaaaa", "123456123456", "qwertyqwerty", "iloveyou1234", "abcdefghijklmnop", "sunshine1985!"];

function timeCalls(make: (i: number) => string): { p50: number; p99: number; max: number } {
  const samples: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const password = make(i);
    const start = process.hrtime.bigint();
    passwordProblem(password, { email: "someone.else@example.com", handle: "night_owl" });
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { p50: round(percentile(samples, 50), 2), p99: round(percentile(samples, 99), 2), max: round(Math.max(...samples), 2) };
}

const loads = Array.from({ length: LOADS }, loadOnce);
const loadRows = Object.keys(loads[0]).map((step) => {
  const samples = loads.map((l) => l[step]);
  return { step, p50: round(percentile(samples, 50)), max: round(Math.max(...samples)) };
});
console.log(`load, ${LOADS} fresh processes (ms)`);
console.table(loadRows);

for (let i = 0; i < 50; i++) passwordProblem(passphrase());
console.log(`per call, ${CALLS} calls each (ms)`);
console.table({
  "accepted passphrase": timeCalls(passphrase),
  "refused weak password": timeCalls((i) => WEAK[i % WEAK.length]),
  "128 characters": timeCalls(() => randomBytes(96).toString("base64").slice(0, 128)),
});
