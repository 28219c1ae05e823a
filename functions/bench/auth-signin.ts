/**
 * Sign-up and sign-in benchmark, and what sign-ins do to the rest of the instance.
 *   node lib/bench/auth-signin.js [--cost 12] [--n 24] [--concurrency 4]
 * Runs the real HTTP stack (Express, schemas, services, token issuing, bcrypt at the given cost) in
 * one process over in-memory repositories, so the figures are the instance's own work, not the
 * database's. Measures:
 *   1. sign-up and sign-in latency (p50/p99) and throughput;
 *   2. GET /v1/health p99 alone, and while sign-ins run continuously, with bcrypt in the worker pool
 *      (production) and, for comparison, inline on the event loop.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import * as bcrypt from "bcryptjs";
import express from "express";
import { authRoutes } from "../src/auth/auth.routes";
import type { BcryptRunner } from "../src/auth/password";
import { healthRoutes } from "../src/health/health.routes";
import { mountRoutes, type Route } from "../src/http/route";
import type { AuthService } from "../src/auth/auth.service";
import { HealthService } from "../src/health/health.service";
import { errorHandler, notFoundHandler } from "../src/http/errors.middleware";
import { setLogWriter } from "../src/shared/logger";
import { testAuthConfig, unitAccountDeps } from "../test/helpers/accounts";
import { percentile, round } from "./stats";

const { values } = parseArgs({
  options: { cost: { type: "string", default: "12" }, n: { type: "string", default: "24" }, concurrency: { type: "string", default: "4" } },
});
const COST = Number(values.cost);
const N = Number(values.n);
const CONCURRENCY = Number(values.concurrency);

/** bcrypt on the main thread: what the API would do without the worker pool. */
const inlineBcrypt: BcryptRunner = {
  hash: async (input, cost) => bcrypt.hashSync(input, cost),
  compare: async (input, hash) => bcrypt.compareSync(input, hash),
};

async function serve(runner?: BcryptRunner) {
  // No rate limits are mounted here (the per-address budgets are the rate limiter's, not the service's).
  const deps = unitAccountDeps({ config: testAuthConfig({ bcryptCost: COST }), bcrypt: runner });
  const app = express();
  app.use(express.json());
  const router = express.Router();
  const health = new HealthService({ ping: async () => undefined }, { version: "bench" });
  const routes: Route<{ health: HealthService; accounts: AuthService }>[] = [...healthRoutes, ...authRoutes];
  mountRoutes(router, routes, { health, accounts: deps.accounts }, { requireAuth: deps.auth });
  app.use("/v1", router);
  app.use(notFoundHandler);
  app.use(errorHandler);
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1` };
}

async function post(url: string, body: unknown): Promise<number> {
  const t = process.hrtime.bigint();
  const res = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** Runs `count` jobs with `concurrency` in flight; returns each latency and the wall time. */
async function load(count: number, concurrency: number, job: (i: number) => Promise<number>) {
  const latencies: number[] = [];
  let next = 0;
  const t = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) latencies.push(await job(next++));
    }),
  );
  return { latencies, seconds: (Date.now() - t) / 1000 };
}

const summary = (latencies: number[], seconds?: number) => ({
  p50: round(percentile(latencies, 50)),
  p99: round(percentile(latencies, 99)),
  ...(seconds === undefined ? {} : { perSecond: round(latencies.length / seconds, 2) }),
});

async function healthLatencies(base: string, count: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = process.hrtime.bigint();
    const res = await fetch(`${base}/health`);
    await res.arrayBuffer();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
    await new Promise((r) => setTimeout(r, 10));
  }
  return out;
}

/** Health p99 while `concurrency` clients sign in back to back. */
async function healthUnderSignIns(runner: BcryptRunner | undefined, users: { email: string; password: string }[], samples: number) {
  const { server, base } = await serve(runner);
  try {
    for (const u of users.slice(0, CONCURRENCY))
      await post(`${base}/auth/register`, { ...u, displayName: "B", handle: u.email.split("@")[0] });
    let running = true;
    const signIns = Promise.all(
      users.slice(0, CONCURRENCY).map(async (u) => {
        while (running) await post(`${base}/auth/login`, u);
      }),
    );
    await new Promise((r) => setTimeout(r, 300));
    const latencies = await healthLatencies(base, samples);
    running = false;
    await signIns;
    return summary(latencies);
  } finally {
    server.close();
  }
}

async function main(): Promise<void> {
  setLogWriter(() => undefined);
  const users = Array.from({ length: N }, (_, i) => ({ email: `bench${i}@example.com`, password: `bench password number ${i}` }));
  const { server, base } = await serve();
  let results: Record<string, unknown>;
  try {
    await healthLatencies(base, 20); // warm-up
    const signUp = await load(N, CONCURRENCY, (i) =>
      post(`${base}/auth/register`, { ...users[i], displayName: `B ${i}`, handle: `bench_${i}` }),
    );
    const signIn = await load(N, CONCURRENCY, (i) => post(`${base}/auth/login`, users[i]));
    const idle = summary(await healthLatencies(base, 200));
    results = { signUp: summary(signUp.latencies, signUp.seconds), signIn: summary(signIn.latencies, signIn.seconds), healthIdle: idle };
  } finally {
    server.close();
  }
  results.healthDuringSignInsWorkerPool = await healthUnderSignIns(undefined, users, 200);
  // Inline, every health request waits for hashes: fewer samples keep the run short.
  results.healthDuringSignInsInlineBcrypt = await healthUnderSignIns(inlineBcrypt, users, 40);
  console.log(JSON.stringify({ cost: COST, n: N, concurrency: CONCURRENCY, bcryptWorkers: 2, latencyMs: results }, null, 2));
  process.exit(0);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
