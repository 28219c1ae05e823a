/**
 * Password reset and mail delivery on the emulators.
 *   firebase emulators:exec ... "node functions/lib/bench/password-reset.js [--n 40]" with the mail catcher running
 * 1. POST /v1/auth/password-reset time for an address with an account and one without (p50, p99): the API
 *    in this process (Express, services) over the Firestore emulator, with the production response floor
 *    (400 ms) and with no floor, to show what the floor hides.
 * 2. Time from the request to the message in the local mail catcher's inbox: the outbox write, the
 *    onMailQueued trigger in the Functions emulator, SMTP to the catcher.
 * 3. Time from POST /v1/auth/register to the verification message in the inbox.
 */
import { parseArgs } from "node:util";
import request from "supertest";
import { DEFAULT_PASSWORD_RESET_POLICY } from "../src/recovery/recovery.service";
import { setLogWriter } from "../src/shared/logger";
import { makeTestApp, registerUser } from "../test/helpers/accounts";
import { appDb } from "../test/helpers/emulators";
import { mailTo, uniqueAddress } from "../test/helpers/mail";
import { percentile, round } from "./stats";

const { values } = parseArgs({ options: { n: { type: "string", default: "40" } } });
const N = Number(values.n);

async function main() {
  setLogWriter(() => undefined);
  const limits = { mailsPerAddressPerHour: 1_000_000, requestsPerClientPerHour: 1_000_000 };
  const apps = {
    "floor 400 ms (production)": makeTestApp(appDb(), {
      recovery: { linkOrigin: "http://127.0.0.1:5002", passwordReset: { ...DEFAULT_PASSWORD_RESET_POLICY, ...limits } },
    }),
    "no floor": makeTestApp(appDb(), {
      recovery: { linkOrigin: "http://127.0.0.1:5002", passwordReset: { ...DEFAULT_PASSWORD_RESET_POLICY, ...limits, minResponseMs: 0 } },
    }),
  };
  const results: Record<string, unknown> = {};
  for (const [name, app] of Object.entries(apps)) {
    const user = await registerUser(app, { email: uniqueAddress("bench") });
    const times = { known: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < N; i++) {
      for (const kind of ["known", "unknown"] as const) {
        const email = kind === "known" ? user.email : uniqueAddress("nobody");
        const t = process.hrtime.bigint();
        const res = await request(app).post("/v1/auth/password-reset").send({ email });
        times[kind].push(Number(process.hrtime.bigint() - t) / 1e6);
        if (res.status !== 202) throw new Error(`reset answered ${res.status}`);
      }
    }
    results[name] = Object.fromEntries(
      Object.entries(times).map(([k, v]) => [k, { p50: round(percentile(v, 50)), p99: round(percentile(v, 99)), n: v.length }]),
    );
  }

  // Request to inbox, one message at a time (polling the catcher every 20 ms).
  const app = apps["no floor"];
  const arrived = async (email: string, subject: RegExp, t: number) => {
    while (!(await mailTo(email)).some((m) => subject.test(m.subject))) {
      if (Date.now() - t > 60_000) throw new Error("no mail within 60 s");
      await new Promise((r) => setTimeout(r, 20));
    }
    return Date.now() - t;
  };
  const toInbox: number[] = [];
  const signUpToInbox: number[] = [];
  for (let i = 0; i < Math.min(N, 20); i++) {
    const email = uniqueAddress("inbox");
    const t0 = Date.now();
    await registerUser(app, { email });
    signUpToInbox.push(await arrived(email, /^Confirm your/, t0));
    const t = Date.now();
    await request(app).post("/v1/auth/password-reset").send({ email });
    toInbox.push(await arrived(email, /^Reset your/, t));
  }
  results["reset request to inbox (ms)"] = { p50: percentile(toInbox, 50), p99: percentile(toInbox, 99), n: toInbox.length };
  results["sign-up to verification mail in inbox (ms)"] = {
    p50: percentile(signUpToInbox, 50),
    p99: percentile(signUpToInbox, 99),
    n: signUpToInbox.length,
  };
  console.log(JSON.stringify(results, null, 2));
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
