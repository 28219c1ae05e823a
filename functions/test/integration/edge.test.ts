import assert from "node:assert/strict";
import type { Express } from "express";
import request from "supertest";
import { BcryptPool } from "../../src/auth/bcrypt-pool";
import type { BcryptRunner } from "../../src/auth/password";
import { bearer, generousBudgets, makeTestApp, registerUser, testAuthConfig, uniqueHandle } from "../helpers/accounts";
import { appDb, resetFirestore, verifierDb } from "../helpers/emulators";

/** A clock the test moves: budgets reset by moving it, never by waiting. */
function testClock(start = Date.UTC(2026, 5, 1)) {
  let now = start;
  return { now: () => new Date(now), advance: (seconds: number) => (now += seconds * 1000) };
}

/** X-Forwarded-For as Google's front end writes it: what the client sent, the peer it saw, its own entry. */
const viaFrontEnd = (client: string, forged = "192.0.2.200") => `${forged}, ${client}, 35.191.0.1`;

/** Checks a refusal by a rate limit: 429 in the error format with Retry-After and both draft headers. */
function assertLimited(res: request.Response, policy: string, retryAfter: number): void {
  assert.equal(res.status, 429, JSON.stringify(res.body));
  assert.equal(res.body.error.code, "resource-exhausted");
  assert.equal(res.get("Retry-After"), String(retryAfter));
  assert.match(res.get("RateLimit-Policy") ?? "", new RegExp(`^"${policy}";q=\\d+;w=\\d+$`));
  assert.equal(res.get("RateLimit"), `"${policy}";r=0;t=${retryAfter}`);
}

const password = "correct horse battery staple";

describe("edge of the API: rate limits, load shedding, lockout, addresses, App Check (Firestore emulator)", () => {
  beforeEach(resetFirestore);

  describe("rate limits per group, subject and window", () => {
    let clock: ReturnType<typeof testClock>;
    let app: Express;

    beforeEach(() => {
      clock = testClock();
      app = makeTestApp(appDb(), {
        http: {
          rateLimits: {
            ...generousBudgets(),
            signup: "ip=3/3600,email=1/3600",
            signin: "ip=4/900,email=2/900",
            "public-write": "ip=2/60",
            write: "user=2/60,ip=100/60",
            costly: "user=1/60,ip=100/60",
          },
        },
        edge: { now: clock.now },
      });
    });

    it("sign-up: per address and per email; the budget resets when its window ends", async () => {
      const signUp = (client: string, email: string) =>
        request(app)
          .post("/v1/auth/register")
          .set("X-Forwarded-For", viaFrontEnd(client))
          .send({ email, password, displayName: "N", handle: uniqueHandle() });
      const first = await signUp("203.0.113.1", "one@example.com").expect(201);
      assert.equal(first.get("RateLimit-Policy"), '"signup-email";q=1;w=3600');
      assertLimited(await signUp("203.0.113.2", "ONE@example.com"), "signup-email", 3600);
      await signUp("203.0.113.1", "two@example.com").expect(201);
      await signUp("203.0.113.1", "three@example.com").expect(201);
      clock.advance(600);
      assertLimited(await signUp("203.0.113.1", "four@example.com"), "signup-ip", 3000);
      assert.equal((await verifierDb().collection("users").get()).size, 3, "a refused sign-up stores nothing");
      clock.advance(3000);
      await signUp("203.0.113.1", "five@example.com").expect(201);
    });

    it("sign-in: per address and per email, whatever the outcome", async () => {
      const user = await registerUser(app);
      const signIn = (client: string, email: string, pw = "wrong password!!") =>
        request(app).post("/v1/auth/login").set("X-Forwarded-For", viaFrontEnd(client)).send({ email, password: pw });
      await signIn("203.0.113.1", user.email).expect(401);
      await signIn("203.0.113.2", user.email, user.password).expect(200);
      assertLimited(await signIn("203.0.113.3", user.email, user.password), "signin-email", 900);
      for (const email of ["a@example.com", "b@example.com", "c@example.com", "d@example.com"]) {
        await signIn("203.0.113.9", email).expect(401);
      }
      assertLimited(await signIn("203.0.113.9", "e@example.com"), "signin-ip", 900);
      clock.advance(900);
      await signIn("203.0.113.9", user.email, user.password).expect(200);
    });

    it("anonymous writes (refresh) per address", async () => {
      const refresh = () =>
        request(app)
          .post("/v1/auth/refresh")
          .set("X-Forwarded-For", viaFrontEnd("203.0.113.5"))
          .send({ refreshToken: "x".repeat(43) });
      await refresh().expect(401);
      clock.advance(30);
      await refresh().expect(401);
      assertLimited(await refresh(), "public-write-ip", 30);
      clock.advance(30);
      await refresh().expect(401);
    });

    it("signed-in writes per person (a route with no group of its own gets the default)", async () => {
      const a = await registerUser(app);
      const b = await registerUser(app);
      const rename = (token: string) => request(app).patch("/v1/me").set("Authorization", bearer(token)).send({ displayName: "Renamed" });
      await rename(a.accessToken).expect(200);
      const second = await rename(a.accessToken).expect(200);
      assert.equal(second.get("RateLimit"), '"write-user";r=0;t=60');
      assertLimited(await rename(a.accessToken), "write-user", 60);
      await rename(b.accessToken).expect(200);
      clock.advance(60);
      await rename(a.accessToken).expect(200);
    });

    it("costly reads (export) per person", async () => {
      const a = await registerUser(app);
      await request(app).get("/v1/me/export").set("Authorization", bearer(a.accessToken)).expect(200);
      assertLimited(await request(app).get("/v1/me/export").set("Authorization", bearer(a.accessToken)), "costly-user", 60);
      // Plain reads count against nothing.
      const me = await request(app).get("/v1/me").set("Authorization", bearer(a.accessToken)).expect(200);
      assert.equal(me.get("RateLimit"), undefined);
      clock.advance(60);
      await request(app).get("/v1/me/export").set("Authorization", bearer(a.accessToken)).expect(200);
    });

    it("stores counters under hashed keys with an expiry for the TTL policy", async () => {
      await request(app)
        .post("/v1/auth/refresh")
        .set("X-Forwarded-For", viaFrontEnd("203.0.113.77"))
        .send({ refreshToken: "y".repeat(43) });
      const docs = (await verifierDb().collection("rateLimits").get()).docs;
      assert.equal(docs.length, 1);
      assert.ok(!docs[0].id.includes("203.0.113.77"));
      assert.equal(docs[0].get("expiresAt").toMillis(), clock.now().getTime() + 60_000);
    });
  });

  describe("the client address", () => {
    const budgets = { ...generousBudgets(), "public-write": "ip=1/60" };
    // Windows are aligned to their length: a clock at a window's start makes Retry-After the whole window.
    const edge = { now: testClock().now };
    const refresh = (app: Express, forwardedFor: string) =>
      request(app)
        .post("/v1/auth/refresh")
        .set("X-Forwarded-For", forwardedFor)
        .send({ refreshToken: "z".repeat(43) });

    it("a direct call cannot choose its address: it counts under the peer Google's front end recorded", async () => {
      const app = makeTestApp(appDb(), { http: { rateLimits: budgets }, edge });
      await refresh(app, "198.51.100.1, 203.0.113.20, 35.191.0.1").expect(401);
      // Another forged entry, even one that looks like Hosting's edge, changes nothing.
      assertLimited(await refresh(app, "151.101.1.1, 203.0.113.20, 35.191.0.1"), "public-write-ip", 60);
      assertLimited(await refresh(app, "198.51.100.2, 203.0.113.20, 35.191.0.1"), "public-write-ip", 60);
    });

    it("through Hosting: the client its edge recorded, so two people behind one edge are apart", async () => {
      const app = makeTestApp(appDb(), { http: { rateLimits: budgets, hostingEdgeRanges: ["151.101.0.0/16"] }, edge });
      await refresh(app, "6.6.6.6, 198.51.100.30, 151.101.64.1, 35.191.0.1").expect(401);
      await refresh(app, "6.6.6.6, 198.51.100.31, 151.101.64.1, 35.191.0.1").expect(401);
      assertLimited(await refresh(app, "7.7.7.7, 198.51.100.30, 151.101.99.9, 35.191.0.1"), "public-write-ip", 60);
    });

    it("refuses direct calls with 403 when DIRECT_CALLS is refuse, and serves Hosting's", async () => {
      const app = makeTestApp(appDb(), { http: { hostingEdgeRanges: ["151.101.0.0/16"], directCalls: "refuse" } });
      const direct = await request(app).get("/v1/health").set("X-Forwarded-For", "151.101.64.1, 203.0.113.20, 35.191.0.1").expect(403);
      assert.equal(direct.body.error.code, "permission-denied");
      await request(app).get("/v1/health").set("X-Forwarded-For", "198.51.100.30, 151.101.64.1, 35.191.0.1").expect(200);
    });
  });

  describe("password hashing under load", () => {
    let pool: BcryptPool | undefined;
    afterEach(async () => {
      await pool?.close();
      pool = undefined;
    });

    it("60 concurrent wrong passwords for one account run at most 10 comparisons", async () => {
      const config = testAuthConfig();
      const user = await registerUser(makeTestApp(appDb(), { config }));
      pool = new BcryptPool(2);
      const real = pool;
      let compares = 0;
      const counting: BcryptRunner = {
        hash: (input, cost, lane) => real.hash(input, cost, lane),
        compare: (input, hash, lane) => {
          compares += 1;
          return real.compare(input, hash, lane);
        },
      };
      const app = makeTestApp(appDb(), { config, bcrypt: counting });
      const results = await Promise.all(
        Array.from({ length: 60 }, () => request(app).post("/v1/auth/login").send({ email: user.email, password: "wrong password!!" })),
      );
      const statuses = results.map((r) => r.status);
      // 429: the account is locked, or (under contention) the attempt could not be counted; never hashed.
      assert.ok(
        statuses.every((s) => s === 401 || s === 429),
        JSON.stringify(results.filter((r) => r.status !== 401 && r.status !== 429).map((r) => r.body)),
      );
      const wrong = statuses.filter((s) => s === 401).length;
      assert.ok(wrong >= 1 && wrong <= 10, `${wrong} answered 401`);
      assert.equal(compares, wrong, "one comparison per attempt let through, and only those");
      // Attempts refused under contention were not counted, so the lock engages once ten failures are: one by
      // one now, the attempts still allowed are exactly those left of the ten.
      let more = 0;
      for (;;) {
        const res = await request(app).post("/v1/auth/login").send({ email: user.email, password: "wrong password!!" });
        if (res.status === 429) break;
        assert.equal(res.status, 401);
        more += 1;
        assert.ok(wrong + more <= 10, `${wrong + more} wrong passwords compared`);
      }
      assert.equal(wrong + more, 10);
      assert.equal(compares, 10);
      // Locked now: even the right password waits for the lock.
      await request(app).post("/v1/auth/login").send({ email: user.email, password: user.password }).expect(429);
    });

    it("sheds sign-ups with 503 and Retry-After when the queue is full, while sign-in is still served", async () => {
      const config = testAuthConfig();
      const user = await registerUser(makeTestApp(appDb(), { config }));
      pool = new BcryptPool(1, { maxQueued: 4, signInShare: 2 });
      const app = makeTestApp(appDb(), { config, bcrypt: pool });
      // Keeps the only worker busy (bcrypt cost 15: seconds) while the flood arrives.
      const busy = pool.hash("occupies the worker", 15);
      const flood = Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          request(app)
            .post("/v1/auth/register")
            .send({ email: `flood${i}@example.com`, password, displayName: "F", handle: uniqueHandle("flood") }),
        ),
      );
      const signIn = request(app).post("/v1/auth/login").send({ email: user.email, password: user.password });
      const [floodResults, signedIn] = await Promise.all([flood, signIn]);
      await busy;
      assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
      const shed = floodResults.filter((r) => r.status === 503);
      assert.ok(shed.length >= 1, `statuses ${floodResults.map((r) => r.status).join(",")}`);
      for (const r of shed) {
        assert.equal(r.body.error.code, "unavailable");
        assert.ok(Number(r.get("Retry-After")) >= 1);
      }
      assert.ok(floodResults.every((r) => r.status === 201 || r.status === 503));
      assert.equal(pool.stats().shed, shed.length);
      assert.ok(floodResults.filter((r) => r.status === 201).length <= 2 + 1, "at most the other lane's places (and a free worker) ran");
    });
  });

  describe("App Check", () => {
    it("with APP_CHECK on, refuses requests without a valid token (firebase-admin's verifier), and leaves health open", async () => {
      const app = makeTestApp(appDb(), { http: { appCheck: true } });
      const missing = await request(app).post("/v1/auth/login").send({ email: "a@example.com", password }).expect(401);
      assert.equal(missing.body.error.code, "unauthenticated");
      assert.match(missing.body.error.message, /App Check/);
      const forged = await request(app)
        .post("/v1/auth/register")
        .set("X-Firebase-AppCheck", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")
        .send({ email: "b@example.com", password, displayName: "B", handle: uniqueHandle() })
        .expect(401);
      assert.match(forged.body.error.message, /App Check token is invalid/);
      assert.equal((await verifierDb().collection("users").get()).size, 0, "nothing was created");
      await request(app).get("/v1/health").expect(200);
    });
  });
});
