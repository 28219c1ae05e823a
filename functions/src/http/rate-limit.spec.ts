import assert from "node:assert/strict";
import express from "express";
import request from "supertest";
import { z } from "zod";
import { API_ROUTES } from "../api/routes";
import { InMemoryRateLimitStore, parseBudgets, RateLimiter } from "../shared/rate-limiter";
import { clientAddress } from "./client-address";
import { buildOpenApiDocument } from "./contract";
import { errorHandler } from "./errors.middleware";
import { limitGroupOf } from "./rate-limit";
import { ok, routeFor, routerFor, type Route } from "./route";

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1) + seconds * 1000);

describe("rate limit groups", () => {
  it("gives every non-GET route a group, declared or derived from its method and access", () => {
    for (const r of API_ROUTES) {
      if (r.method !== "get") assert.ok(limitGroupOf(r), `${r.operationId} has no rate limit group`);
    }
    assert.equal(limitGroupOf({ method: "post", access: "public" }), "public-write");
    assert.equal(limitGroupOf({ method: "delete", access: "user" }), "write");
    assert.equal(limitGroupOf({ method: "put", access: "admin" }), "write");
    assert.equal(limitGroupOf({ method: "get", access: "user" }), undefined);
    assert.equal(limitGroupOf({ method: "get", access: "user", limit: "costly" }), "costly");
    assert.equal(limitGroupOf({ method: "post", access: "user", limit: "none" }), undefined);
  });

  it("puts sign-up, sign-in, recommendations and export in their own groups", () => {
    const group = (id: string) => limitGroupOf(API_ROUTES.find((r) => r.operationId === id) as Route<never>);
    assert.equal(group("register"), "signup");
    assert.equal(group("login"), "signin");
    assert.equal(group("getMyRecommendations"), "costly");
    assert.equal(group("getGroupRecommendations"), "costly");
    assert.equal(group("exportMe"), "costly");
    assert.equal(group("getMovie"), undefined);
  });

  it("documents 429 and the RateLimit headers on limited routes only", () => {
    const doc = buildOpenApiDocument(API_ROUTES as Route<never>[], {
      title: "t",
      version: "1",
      description: "d",
      tags: [...new Set(API_ROUTES.map((r) => r.tag))].map((name) => ({ name, description: name })),
    }) as { paths: Record<string, Record<string, { responses: Record<string, { headers?: Record<string, unknown> }> }>> };
    const login = doc.paths["/auth/login"].post.responses;
    assert.ok(login["429"]);
    assert.ok(login["200"].headers?.RateLimit && login["200"].headers["RateLimit-Policy"]);
    const movie = doc.paths["/movies/{movieId}"].get.responses;
    assert.equal(movie["429"], undefined);
    assert.equal(movie["200"].headers?.RateLimit, undefined);
  });
});

describe("parseBudgets", () => {
  it("reads per-subject budgets and refuses typos", () => {
    assert.deepEqual(parseBudgets("x", "user=120/60, ip=600/60,email=5/3600"), {
      user: { limit: 120, windowSeconds: 60 },
      ip: { limit: 600, windowSeconds: 60 },
      email: { limit: 5, windowSeconds: 3600 },
    });
    assert.deepEqual(parseBudgets("x", "off"), {});
    assert.throws(() => parseBudgets("x", "ip=10"), /x: expected/);
    assert.throws(() => parseBudgets("x", "host=1/1"), /expected/);
    assert.throws(() => parseBudgets("x", "ip=1/0"), /expected/);
  });
});

describe("RateLimiter", () => {
  it("counts each subject separately, refuses over budget with Retry-After, and resets with the window", async () => {
    let now = at(0);
    const store = new InMemoryRateLimitStore();
    const limiter = new RateLimiter(store, { write: parseBudgets("w", "user=2/60,ip=4/60") }, () => now);
    const first = await limiter.check("write", { user: "u1", ip: "a" });
    assert.deepEqual(first, { policy: '"write-user";q=2;w=60', remaining: '"write-user";r=1;t=60' });
    await limiter.check("write", { user: "u1", ip: "a" });
    now = at(10);
    const refused = await limiter.check("write", { user: "u1", ip: "a" }).then(
      () => assert.fail("not refused"),
      (e: { code: string; retryAfterSeconds: number; headers: Record<string, string> }) => e,
    );
    assert.equal(refused.code, "resource-exhausted");
    assert.equal(refused.retryAfterSeconds, 50);
    assert.deepEqual(refused.headers, { "RateLimit-Policy": '"write-user";q=2;w=60', RateLimit: '"write-user";r=0;t=50' });
    // Known to be over budget: refused again without touching the store.
    const ops = store.operations;
    await assert.rejects(limiter.check("write", { user: "u1", ip: "b" }), /Too many/);
    assert.equal(store.operations, ops);
    // The refused request counted against the address too (3 of 4): one more from another person.
    await limiter.check("write", { user: "u2", ip: "a" });
    await assert.rejects(limiter.check("write", { user: "u3", ip: "a" }), /Too many/);
    now = at(60);
    assert.ok(await limiter.check("write", { user: "u1", ip: "a" }), "a new window");
  });

  it("skips groups and subjects without a budget", async () => {
    const store = new InMemoryRateLimitStore();
    const limiter = new RateLimiter(store, { signup: parseBudgets("s", "email=1/60") });
    assert.equal(await limiter.check("signup", { ip: "a" }), undefined);
    assert.equal(await limiter.check("other", { ip: "a", user: "u" }), undefined);
    assert.equal(store.operations, 0);
  });
});

describe("rate limits on mounted routes", () => {
  const route = routeFor<unknown>()({
    method: "post",
    path: "/things",
    operationId: "makeThing",
    tag: "t",
    summary: "s",
    access: "public",
    limit: "signup",
    body: z.object({ email: z.string() }),
    responses: { 200: { description: "ok", schema: z.object({}) } },
    handler: async () => ok({}),
  });

  function appWith(budgets: string) {
    let now = at(0);
    const limiter = new RateLimiter(new InMemoryRateLimitStore(), { signup: parseBudgets("s", budgets) }, () => now);
    const app = express();
    app.use(express.json());
    app.use(clientAddress({ frontEndEntries: 2, hostingEdgeRanges: [], directCalls: "allow" }));
    const keyOf = (subject: string, value: string) => `${subject}:${value}`;
    app.use(
      "/v1",
      routerFor([route], {}, { requireAuth: (_q, _s, next) => next(), validateResponses: true, rateLimits: { limiter, keyOf } }),
    );
    app.use(errorHandler);
    return { app, setNow: (s: number) => (now = at(s)) };
  }

  it("answers 429 in the error format with Retry-After, RateLimit and RateLimit-Policy; per email too", async () => {
    const { app, setNow } = appWith("ip=100/60,email=2/60");
    const ok1 = await request(app).post("/v1/things").send({ email: "A@example.com" }).expect(200);
    assert.equal(ok1.get("RateLimit-Policy"), '"signup-email";q=2;w=60');
    assert.equal(ok1.get("RateLimit"), '"signup-email";r=1;t=60');
    await request(app).post("/v1/things").send({ email: " a@example.com" }).expect(200);
    const res = await request(app).post("/v1/things").send({ email: "a@EXAMPLE.com" }).expect(429);
    assert.equal(res.body.error.code, "resource-exhausted");
    assert.equal(res.get("Retry-After"), "60");
    assert.equal(res.get("RateLimit"), '"signup-email";r=0;t=60');
    await request(app).post("/v1/things").send({ email: "b@example.com" }).expect(200);
    setNow(60);
    await request(app).post("/v1/things").send({ email: "a@example.com" }).expect(200);
  });

  it("keys the address on Google's front end's entries, not on what the client wrote", async () => {
    const { app } = appWith("ip=1/60");
    await request(app).post("/v1/things").set("X-Forwarded-For", "1.1.1.1, 203.0.113.5, 35.191.0.1").send({ email: "x" }).expect(200);
    await request(app).post("/v1/things").set("X-Forwarded-For", "2.2.2.2, 203.0.113.5, 35.191.0.1").send({ email: "y" }).expect(429);
    await request(app).post("/v1/things").set("X-Forwarded-For", "1.1.1.1, 203.0.113.6, 35.191.0.1").send({ email: "z" }).expect(200);
  });
});
