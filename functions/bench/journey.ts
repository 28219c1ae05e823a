/**
 * The mixed journey under load: N concurrent clients each sign up, sign in, and then repeat a round of
 * search, rate, watchlist, feed, recommendations and a movie-night swipe (clients are paired as friends in
 * a started room). Prints requests/s and p50/p99 per route, the status codes, and how long the Functions
 * emulator took to settle (no trigger queued or running) after the last write. Exits 1 on any 5xx or
 * network error, so it doubles as the check that a burst queues instead of failing.
 *
 *   through the local stack (`npm start` running):
 *     node lib/bench/journey.js --url http://127.0.0.1:5002/v1 --clients 50 --rounds 4
 *   in process (createApp on a local port over the emulators, triggers in the Functions emulator):
 *     npm run firebase -- emulators:exec --only firestore,auth,functions \
 *       "node functions/lib/bench/journey.js --clients 200 --rounds 4"
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { DEMO_SEEDERS } from "../src/demo/demo-seeders";
import { firestore } from "../src/deps";
import { createApp } from "../src/api/app";
import { setLogWriter } from "../src/shared/logger";
import { makeTestDeps } from "../test/helpers/accounts";
import { waitForEmulatorIdle } from "../test/helpers/emulator-log";
import { percentile, round } from "./stats";

interface Sample {
  route: string;
  status: number;
  ms: number;
  at: number;
}
const samples: Sample[] = [];
let lastWriteAt = 0;

interface Client {
  i: number;
  uid: string;
  token: string;
  night?: { id: string; deck: number[] };
}

function clientAddress(i: number): string {
  return `10.77.${Math.floor(i / 250)}.${(i % 250) + 1}`; // one sign-in address per client (the per-address limit)
}

async function call(
  base: string,
  route: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; client: number; write?: boolean },
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- loosely read JSON answers
): Promise<{ status: number; body: any }> {
  const started = performance.now();
  let status = 0;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- loosely read JSON answers
  let body: any;
  try {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        "Content-Type": "application/json",
        "X-Forwarded-For": clientAddress(options.client),
        ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    status = res.status;
    const text = await res.text();
    body = text ? JSON.parse(text) : undefined;
  } catch (e) {
    body = { networkError: String(e) };
  }
  const ended = performance.now();
  samples.push({ route, status, ms: ended - started, at: ended });
  if (options.write) lastWriteAt = Math.max(lastWriteAt, Date.now());
  return { status, body };
}

const runId = Date.now().toString(36);

async function signUp(base: string, i: number): Promise<Client> {
  const email = `load-${runId}-${i}@bench.example`;
  const password = `load journey password ${i}`;
  const reg = await call(base, "POST /auth/register", "POST", "/auth/register", {
    client: i,
    body: { email, password, displayName: `Load ${i}`, handle: `l${runId}${i}`.slice(0, 30) },
    write: true,
  });
  if (reg.status !== 201) throw new Error(`register ${i}: ${reg.status} ${JSON.stringify(reg.body)}`);
  const login = await call(base, "POST /auth/login", "POST", "/auth/login", { client: i, body: { email, password } });
  if (login.status !== 200) throw new Error(`login ${i}: ${login.status} ${JSON.stringify(login.body)}`);
  return { i, uid: login.body.user.uid, token: login.body.accessToken };
}

/** Makes a and b friends and puts them in one started room. */
async function pairUp(base: string, a: Client, b: Client): Promise<void> {
  const req = await call(base, "POST /friends/requests", "POST", "/friends/requests", {
    client: a.i,
    token: a.token,
    body: { uid: b.uid },
    write: true,
  });
  if (req.status !== 201) throw new Error(`friend request: ${req.status} ${JSON.stringify(req.body)}`);
  const acc = await call(base, "POST /friends/requests/{id}/accept", "POST", `/friends/requests/${a.uid}_${b.uid}/accept`, {
    client: b.i,
    token: b.token,
    write: true,
  });
  if (acc.status !== 200) throw new Error(`accept: ${acc.status} ${JSON.stringify(acc.body)}`);
  const night = await call(base, "POST /nights", "POST", "/nights", {
    client: a.i,
    token: a.token,
    body: { name: "Load night", matchRule: { kind: "unanimous" }, deckSize: 20 },
    write: true,
  });
  if (night.status !== 201) throw new Error(`night: ${night.status} ${JSON.stringify(night.body)}`);
  const join = await call(base, "POST /nights/join", "POST", "/nights/join", {
    client: b.i,
    token: b.token,
    body: { code: night.body.code },
    write: true,
  });
  if (join.status !== 200) throw new Error(`join: ${join.status} ${JSON.stringify(join.body)}`);
  const start = await call(base, "POST /nights/{id}/start", "POST", `/nights/${night.body.id}/start`, {
    client: a.i,
    token: a.token,
    write: true,
  });
  if (start.status !== 200) throw new Error(`start: ${start.status} ${JSON.stringify(start.body)}`);
  const deck = await call(base, "GET /nights/{id}/deck", "GET", `/nights/${night.body.id}/deck?limit=50`, { client: a.i, token: a.token });
  const ids = (deck.body?.items ?? []).map((c: { movie: { movieId: number } }) => c.movie.movieId);
  a.night = b.night = { id: night.body.id, deck: ids };
}

const QUERIES = ["star", "the", "love", "war", "man", "night", "life", "day"];

/** One round of the journey for one client. */
async function round_(base: string, c: Client, n: number): Promise<void> {
  const q = QUERIES[(c.i + n) % QUERIES.length]!;
  const search = await call(base, "GET /movies?q=", "GET", `/movies?q=${encodeURIComponent(q)}&limit=20`, { client: c.i, token: c.token });
  const films: number[] = (search.body?.items ?? []).map((m: { movieId: number }) => m.movieId);
  const film = films[(c.i + n) % Math.max(1, films.length)];
  if (film !== undefined) {
    await call(base, "PUT /me/ratings/{id}", "PUT", `/me/ratings/${film}`, {
      client: c.i,
      token: c.token,
      body: { rating: ((c.i + n) % 10) / 2 + 0.5 },
      write: true,
    });
    const other = films[(c.i + n + 1) % films.length]!;
    await call(base, "PUT /me/watchlist/{id}", "PUT", `/me/watchlist/${other}`, { client: c.i, token: c.token, body: {}, write: true });
  }
  await call(base, "GET /feed", "GET", "/feed?limit=20", { client: c.i, token: c.token });
  await call(base, "GET /me/recommendations", "GET", "/me/recommendations?limit=10", { client: c.i, token: c.token });
  if (c.night && c.night.deck.length > 0) {
    const movieId = c.night.deck[n % c.night.deck.length]!;
    await call(base, "POST /nights/{id}/swipes", "POST", `/nights/${c.night.id}/swipes`, {
      client: c.i,
      token: c.token,
      body: { movieId, liked: (c.i + n) % 3 !== 0 },
      write: true,
    });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: "string" },
      clients: { type: "string", default: "50" },
      rounds: { type: "string", default: "4" },
      "no-settle": { type: "boolean", default: false },
    },
  });
  const clients = Number(values.clients);
  const rounds = Number(values.rounds);
  let base = values.url;
  let server: http.Server | undefined;
  if (!base) {
    setLogWriter(() => undefined); // the access log would dominate the measurement
    // The demo catalogue, as `npm start` seeds it (the films the journey searches, rates and swipes).
    for (const seeder of DEMO_SEEDERS.filter((s) => s.name === "catalogue")) await seeder.seed(firestore());
    await waitForEmulatorIdle({ timeoutMs: 600_000 }); // the seed's own trigger work is not the journey's
    server = http.createServer(createApp(makeTestDeps(firestore())));
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  }
  const target = values.url ? "emulator stack (Hosting)" : "in process (createApp)";

  const t0 = Date.now();
  const people = await Promise.all(Array.from({ length: clients }, (_, i) => signUp(base!, i)));
  await Promise.all(Array.from({ length: Math.floor(clients / 2) }, (_, k) => pairUp(base!, people[2 * k]!, people[2 * k + 1]!)));
  const setupS = (Date.now() - t0) / 1000;
  const journeyStart = performance.now();
  const firstJourneySample = samples.length;
  await Promise.all(
    people.map(async (c) => {
      for (let n = 0; n < rounds; n++) await round_(base!, c, n);
    }),
  );
  const journeyS = (performance.now() - journeyStart) / 1000;
  const journeyEnd = Date.now();

  let settleS: number | undefined;
  if (!values["no-settle"]) {
    const quietMs = 500;
    await waitForEmulatorIdle({ quietMs, timeoutMs: 600_000 });
    settleS = (Date.now() - quietMs - Math.max(lastWriteAt, journeyEnd - 1)) / 1000;
  }
  server?.close();

  const byRoute = new Map<string, Sample[]>();
  for (const s of samples) byRoute.set(s.route, [...(byRoute.get(s.route) ?? []), s]);
  const journey = samples.slice(firstJourneySample);
  const rows = [...byRoute.entries()].map(([route, list]) => {
    const ms = list.map((s) => s.ms);
    const statuses: Record<string, number> = {};
    for (const s of list) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
    return { route, n: list.length, p50: round(percentile(ms, 50)), p99: round(percentile(ms, 99)), statuses };
  });
  const fiveXx = samples.filter((s) => s.status >= 500 || s.status === 0).length;
  console.log(
    JSON.stringify(
      {
        target,
        clients,
        rounds,
        setupSeconds: round(setupS),
        journeySeconds: round(journeyS),
        journeyRequests: journey.length,
        journeyRps: round(journey.length / journeyS),
        allJourneyP50: round(
          percentile(
            journey.map((s) => s.ms),
            50,
          ),
        ),
        allJourneyP99: round(
          percentile(
            journey.map((s) => s.ms),
            99,
          ),
        ),
        fiveXxOrNetworkErrors: fiveXx,
        triggersSettledSecondsAfterLastWrite: settleS === undefined ? null : round(settleS),
        routes: rows,
      },
      null,
      1,
    ),
  );
  if (fiveXx > 0) {
    console.error(`${fiveXx} requests answered 5xx or failed`);
    process.exit(1);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
