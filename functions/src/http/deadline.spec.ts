import assert from "node:assert/strict";
import express from "express";
import request from "supertest";
import { z } from "zod";
import { InMemoryIdempotencyStore } from "../../test/helpers/unit-app";
import { capturedLogs, resetCapturedLogs } from "../../test/helpers/logs";
import { AppError } from "../shared/errors";
import { errorHandler } from "./errors.middleware";
import { created, documentedErrorStatuses, ok, routeFor, routerFor, type Route } from "./route";

const openGates: Array<() => void> = [];

/** A gate a test opens when it wants the handler's work to finish: the handler awaits it. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  openGates.push(open);
  return { open, opened };
}

// A failing test must not leave a handler waiting forever (mocha would never exit).
afterEach(() => openGates.splice(0).forEach((open) => open()));

interface Deps {
  work: () => Promise<void>;
  made: string[];
}
const r = routeFor<Deps>();
const thing = z.object({ id: z.string(), name: z.string() });

const routes = [
  r({
    method: "get",
    path: "/slow",
    operationId: "slow",
    tag: "t",
    summary: "Waits for the test",
    access: "public",
    responses: { 200: { description: "Done", schema: z.object({ done: z.boolean() }) } },
    handler: async (_ctx, { work }) => {
      await work();
      return ok({ done: true });
    },
  }),
  r({
    method: "get",
    path: "/slow-failing",
    operationId: "slowFailing",
    tag: "t",
    summary: "Waits for the test, then fails",
    access: "public",
    responses: { 200: { description: "Never", schema: z.object({}) } },
    handler: async (_ctx, { work }) => {
      await work();
      throw new Error("late failure");
    },
  }),
  r({
    method: "get",
    path: "/long",
    operationId: "long",
    tag: "t",
    summary: "Has a deadline of its own",
    access: "public",
    deadlineMs: 60_000,
    responses: { 200: { description: "Done", schema: z.object({ done: z.boolean() }) } },
    handler: async (_ctx, { work }) => {
      await work();
      return ok({ done: true });
    },
  }),
  r({
    method: "post",
    path: "/things",
    operationId: "makeThing",
    tag: "t",
    summary: "Makes a thing",
    access: "user",
    idempotent: true,
    body: z.strictObject({ name: z.string() }),
    responses: { 201: { description: "Made", schema: thing } },
    errors: [409],
    handler: async ({ body }, { work, made }) => {
      await work();
      if (body.name === "refused") throw new AppError("failed-precondition", "refused");
      made.push(body.name);
      return created({ id: `thing-${made.length}`, name: body.name });
    },
  }),
];

function appFor(deps: Deps, deadlineMs = 50, store = new InMemoryIdempotencyStore()) {
  const app = express();
  app.use(express.json());
  const signedIn: express.RequestHandler = (req, res, next) => {
    res.locals.caller = { uid: req.get("Authorization") ?? "nobody", role: "user" };
    next();
  };
  app.use("/v1", routerFor(routes, deps, { requireAuth: signedIn, validateResponses: true, deadlineMs, idempotency: store }));
  app.use(errorHandler);
  return app;
}

describe("request deadlines", () => {
  beforeEach(() => resetCapturedLogs());

  it("answers 503 with Retry-After in the error format when the handler runs past the deadline", async () => {
    const g = gate();
    const res = await request(appFor({ work: () => g.opened, made: [] }))
      .get("/v1/slow")
      .expect(503);
    assert.deepEqual(res.body, { error: { code: "unavailable", message: "The request did not finish in time; retry later" } });
    assert.match(res.get("Retry-After") ?? "", /^[1-9]\d*$/);
    g.open();
  });

  it("answers normally within the deadline", async () => {
    await request(appFor({ work: async () => undefined, made: [] }))
      .get("/v1/slow")
      .expect(200, { done: true });
  });

  it("drops the late outcome of a timed-out handler: one response, a log line, no crash", async () => {
    const g = gate();
    const finished = gate();
    const app = appFor({
      work: async () => {
        await g.opened;
        finished.open();
      },
      made: [],
    });
    await request(app).get("/v1/slow").expect(503);
    g.open();
    await finished.opened;
    // The handler's late answer is dropped when its promise settles; wait for its log line, not for time.
    await waitForLog("late completion after the response was sent");
    // The app still serves.
    await request(appFor({ work: async () => undefined, made: [] }))
      .get("/v1/slow")
      .expect(200);
  });

  it("drops a late failure the same way (no second response, no 500)", async () => {
    const g = gate();
    await request(appFor({ work: () => g.opened, made: [] }))
      .get("/v1/slow-failing")
      .expect(503);
    g.open();
    await waitForLog("late failure after the response was sent");
    assert.equal(capturedLogs().filter((l) => l.severity === "error").length, 0);
  });

  it("gives a route declaring its own deadline that deadline", async () => {
    const g = gate();
    const pending = request(appFor({ work: () => g.opened, made: [] }), {}).get("/v1/long");
    // Opened well after the app's deadline of 50 ms would have passed: the route's own 60 s applies.
    setTimeout(g.open, 200);
    await pending.expect(200);
  });

  it("documents 503 on every route", () => {
    for (const route of routes as Route<never>[]) assert.ok(documentedErrorStatuses(route).includes(503), route.operationId);
  });
});

describe("Idempotency-Key", () => {
  const post = (app: express.Express, body: object, key?: string, uid = "u1") => {
    const req = request(app).post("/v1/things").set("Authorization", uid).send(body);
    return key === undefined ? req : req.set("Idempotency-Key", key);
  };

  it("replays the first response for the same key and body, creating once", async () => {
    const made: string[] = [];
    const app = appFor({ work: async () => undefined, made });
    const first = await post(app, { name: "a" }, "key-00000001").expect(201);
    const again = await post(app, { name: "a" }, "key-00000001").expect(201);
    assert.deepEqual(again.body, first.body);
    assert.equal(again.get("Idempotent-Replayed"), "true");
    assert.equal(first.get("Idempotent-Replayed"), undefined);
    assert.deepEqual(made, ["a"]);
  });

  it("refuses the same key with a different body (409 in the error format), creating nothing more", async () => {
    const made: string[] = [];
    const app = appFor({ work: async () => undefined, made });
    await post(app, { name: "a" }, "key-00000002").expect(201);
    const res = await post(app, { name: "b" }, "key-00000002").expect(409);
    assert.equal(res.body.error.code, "failed-precondition");
    assert.deepEqual(res.body.error.details, { reason: "idempotency-key-reused" });
    assert.deepEqual(made, ["a"]);
  });

  it("scopes keys per caller: another person's same key creates their own", async () => {
    const made: string[] = [];
    const app = appFor({ work: async () => undefined, made });
    await post(app, { name: "a" }, "key-00000003", "u1").expect(201);
    await post(app, { name: "a" }, "key-00000003", "u2").expect(201);
    assert.deepEqual(made, ["a", "a"]);
  });

  it("creates every time without a key", async () => {
    const made: string[] = [];
    const app = appFor({ work: async () => undefined, made });
    await post(app, { name: "a" }).expect(201);
    await post(app, { name: "a" }).expect(201);
    assert.deepEqual(made, ["a", "a"]);
  });

  it("answers a malformed key with 400", async () => {
    const res = await post(appFor({ work: async () => undefined, made: [] }), { name: "a" }, "short").expect(400);
    assert.equal(res.body.error.details[0].path, "Idempotency-Key");
  });

  it("after a 503, a retry while the first still runs gets 409 with Retry-After; once it finished, its 201 is replayed", async () => {
    const made: string[] = [];
    const g = gate();
    const store = new InMemoryIdempotencyStore();
    const slowApp = appFor({ work: () => g.opened, made }, 50, store);
    await post(slowApp, { name: "a" }, "key-00000004").expect(503);
    const busy = await post(slowApp, { name: "a" }, "key-00000004").expect(409);
    assert.deepEqual(busy.body.error.details, { reason: "idempotency-key-in-progress" });
    assert.ok(busy.get("Retry-After"));
    g.open();
    const fastApp = appFor({ work: async () => undefined, made }, 50, store);
    const replay = await waitForAnswer(() => post(fastApp, { name: "a" }, "key-00000004"), 201);
    assert.equal(replay.get("Idempotent-Replayed"), "true");
    assert.deepEqual(made, ["a"]);
  });

  it("lets a refused attempt's key go, so a retry runs again", async () => {
    const made: string[] = [];
    const app = appFor({ work: async () => undefined, made });
    await post(app, { name: "refused" }, "key-00000005").expect(409);
    await post(app, { name: "refused" }, "key-00000005").expect(409, /"refused"/);
    assert.deepEqual(made, []);
  });
});

/** Polls the captured logs for a message (event-driven: the line appears when the late work settles). */
async function waitForLog(message: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (capturedLogs().some((l) => l.message === message)) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.fail(`no log line "${message}"`);
}

/** Repeats a request until it answers `status` (the first attempt's outcome is stored when its work settles). */
async function waitForAnswer(send: () => request.Test, status: number): Promise<request.Response> {
  for (let i = 0; i < 50; i++) {
    const res = await send();
    if (res.status === status) return res;
  }
  assert.fail(`never answered ${status}`);
}
