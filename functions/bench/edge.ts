/**
 * The edge of the API, in process over the Firestore emulator (run under `firebase emulators:exec`):
 *   node lib/bench/edge.js [--checks 200] [--cost 12] [--signins 24] [--flood 8]
 *   1. the added latency of a rate limit check, and its Firestore operations: the limiter alone (Firestore
 *      store against an in-memory one), and `POST /v1/auth/refresh` through the whole app with and without
 *      rate limits mounted;
 *   2. sign-in p50/p99 alone, and during a continuous sign-up flood with one FIFO bcrypt queue (as before)
 *      and with the sign-in lane and the bounded queue (now).
 */
import { parseArgs } from "node:util";
import type { Express } from "express";
import request from "supertest";
import { BcryptPool } from "../src/auth/bcrypt-pool";
import type { BcryptRunner } from "../src/auth/password";
import { firestore } from "../src/deps";
import { FirestoreRateLimitStore } from "../src/shared/rate-limit.repository";
import { InMemoryRateLimitStore, parseBudgets, RateLimiter, type RateLimitStore } from "../src/shared/rate-limiter";
import { setLogWriter } from "../src/shared/logger";
import { makeTestApp, registerUser, testAuthConfig, uniqueHandle } from "../test/helpers/accounts";
import { percentile, round } from "./stats";

const { values } = parseArgs({
  options: {
    checks: { type: "string", default: "200" },
    cost: { type: "string", default: "12" },
    signins: { type: "string", default: "24" },
    flood: { type: "string", default: "8" },
  },
});
const CHECKS = Number(values.checks);
const COST = Number(values.cost);
const SIGNINS = Number(values.signins);
const FLOOD = Number(values.flood);

setLogWriter(() => undefined);

const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;
const stats = (xs: number[]) => ({ p50: round(percentile(xs, 50), 2), p99: round(percentile(xs, 99), 2), n: xs.length });

/**
 * Counts the store's Firestore operations: per check, one batch commit of one blind increment per key,
 * then one getAll reading each key (two round trips).
 */
function counting(store: RateLimitStore) {
  const ops = { roundTrips: 0, reads: 0, writes: 0 };
  const wrapped: RateLimitStore = {
    increment: (keys, now) => {
      ops.roundTrips += 2;
      ops.reads += keys.length;
      ops.writes += keys.length;
      return store.increment(keys, now);
    },
  };
  return { wrapped, ops };
}

async function limiterCost(): Promise<void> {
  const budgets = { write: parseBudgets("w", "user=1000000/60,ip=1000000/60") };
  for (const [name, store] of [
    ["in memory (one instance)", new InMemoryRateLimitStore()],
    ["Firestore emulator", new FirestoreRateLimitStore(firestore())],
  ] as const) {
    const { wrapped, ops } = counting(store);
    const limiter = new RateLimiter(wrapped, budgets);
    const latencies: number[] = [];
    for (let i = 0; i < CHECKS; i++) {
      const t = process.hrtime.bigint();
      await limiter.check("write", { user: `u${i % 20}`, ip: `ip${i % 5}` });
      latencies.push(ms(t));
    }
    console.log(
      JSON.stringify({
        bench: "rate limit check (user + ip)",
        store: name,
        ms: stats(latencies),
        perCheck: { roundTrips: ops.roundTrips / CHECKS, reads: ops.reads / CHECKS, writes: ops.writes / CHECKS },
      }),
    );
  }
}

async function routeCost(): Promise<void> {
  const db = firestore();
  const config = testAuthConfig();
  const apps: [string, Express][] = [
    ["without rate limits", makeTestApp(db, { config, http: { rateLimits: undefined } })],
    ["with rate limits (public-write: ip)", makeTestApp(db, { config })],
  ];
  const results: Record<string, number[]> = {};
  for (const [name] of apps) results[name] = [];
  // Interleaved, so both see the same machine.
  for (let i = 0; i < CHECKS; i++) {
    for (const [name, app] of apps) {
      const t = process.hrtime.bigint();
      await request(app)
        .post("/v1/auth/refresh")
        .send({ refreshToken: "x".repeat(43) })
        .expect(401);
      results[name].push(ms(t));
    }
  }
  const base = percentile(results[apps[0][0]], 50);
  for (const [name] of apps) {
    console.log(
      JSON.stringify({
        bench: "POST /v1/auth/refresh (unknown token) in process",
        variant: name,
        ms: stats(results[name]),
        medianRatio: round(percentile(results[name], 50) / base, 2),
      }),
    );
  }
}

/** A runner that puts every job in one lane: the FIFO queue sign-in had before. */
const oneQueue = (pool: BcryptPool): BcryptRunner => ({
  hash: (input, cost) => pool.hash(input, cost, "other"),
  compare: (input, hash) => pool.compare(input, hash, "other"),
});

async function signInUnderFlood(): Promise<void> {
  const db = firestore();
  const config = testAuthConfig({ bcryptCost: COST });
  const scenarios: [string, () => { runner: BcryptRunner; pool: BcryptPool }, number][] = [
    ["alone", () => ((p) => ({ runner: p, pool: p }))(new BcryptPool(2, { maxQueued: 16, signInShare: 8 })), 0],
    ["during a sign-up flood, one FIFO queue (before)", () => ((p) => ({ runner: oneQueue(p), pool: p }))(new BcryptPool(2)), FLOOD],
    [
      "during a sign-up flood, sign-in lane + bounded queue 16/8 (now)",
      () => ((p) => ({ runner: p, pool: p }))(new BcryptPool(2, { maxQueued: 16, signInShare: 8 })),
      FLOOD,
    ],
  ];
  let alone = 0;
  for (const [name, make, floodClients] of scenarios) {
    const { runner, pool } = make();
    const app = makeTestApp(db, { config, bcrypt: runner });
    const user = await registerUser(app);
    let stop = false;
    const floodStatuses: Record<number, number> = {};
    const flood = Promise.all(
      Array.from({ length: floodClients }, async () => {
        while (!stop) {
          const res = await request(app)
            .post("/v1/auth/register")
            .send({
              email: `${uniqueHandle("f")}@example.com`,
              password: "correct horse battery staple",
              displayName: "F",
              handle: uniqueHandle("f"),
            });
          floodStatuses[res.status] = (floodStatuses[res.status] ?? 0) + 1;
        }
      }),
    );
    const latencies: number[] = [];
    const statuses: Record<number, number> = {};
    for (let i = 0; i < SIGNINS; i++) {
      const t = process.hrtime.bigint();
      const res = await request(app).post("/v1/auth/login").send({ email: user.email, password: user.password });
      latencies.push(ms(t));
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    }
    stop = true;
    await flood;
    await pool.close();
    const s = stats(latencies);
    if (floodClients === 0) alone = s.p50;
    console.log(
      JSON.stringify({
        bench: `sign-in at bcrypt cost ${COST}, 2 workers, in process over the Firestore emulator`,
        scenario: name,
        floodClients,
        ms: s,
        p50VsAlone: round(s.p50 / alone, 2),
        signInStatuses: statuses,
        floodStatuses,
      }),
    );
  }
}

async function main(): Promise<void> {
  await limiterCost();
  await routeCost();
  await signInUnderFlood();
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
