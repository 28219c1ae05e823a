import assert from "node:assert/strict";
import express, { type RequestHandler } from "express";
import request from "supertest";
import { z } from "zod";
import { resetCapturedLogs, capturedLogs } from "../../test/helpers/logs";
import { AppError } from "../shared/errors";
import { buildOpenApiDocument } from "./contract";
import { errorHandler } from "./errors.middleware";
import { created, documentedErrorStatuses, noContent, ok, routeFor, routerFor, type Route } from "./route";

interface Deps {
  answer: (id: string) => unknown;
}
const thing = z.object({ id: z.string(), n: z.number().int() }).meta({ id: "TestThing" });
const r = routeFor<Deps>();

const routes = [
  r({
    method: "get",
    path: "/things/{id}",
    operationId: "getThing",
    tag: "t",
    summary: "A thing",
    access: "public",
    params: z.object({ id: z.string().regex(/^[a-z]+$/) }),
    responses: { 200: { description: "The thing", schema: thing } },
    errors: [404],
    handler: async ({ params }, deps) => ok(deps.answer(params.id) as z.input<typeof thing>),
  }),
  r({
    method: "post",
    path: "/things",
    operationId: "createThing",
    tag: "t",
    summary: "Make a thing",
    access: "user",
    body: z.strictObject({ n: z.number().int() }),
    responses: { 201: { description: "Made", schema: thing }, 204: { description: "Nothing made", schema: undefined } },
    handler: async ({ body, caller }) => (body.n === 0 ? noContent() : created({ id: caller().uid, n: body.n })),
  }),
];

const signedIn: RequestHandler = (req, res, next) => {
  if (req.get("Authorization") !== "Bearer ok") return next(new AppError("unauthenticated", "no"));
  res.locals.caller = { uid: "abc", role: "user" };
  next();
};

function appFor(answer: Deps["answer"], validateResponses = true) {
  const app = express();
  app.use(express.json());
  app.use("/v1", routerFor(routes, { answer }, { requireAuth: signedIn, validateResponses }));
  app.use(errorHandler);
  return app;
}

describe("route tables", () => {
  beforeEach(() => resetCapturedLogs());

  it("parses params, body and caller, and answers with the declared status", async () => {
    await request(appFor(() => ({ id: "x", n: 1 })))
      .get("/v1/things/x")
      .expect(200, { id: "x", n: 1 });
    await request(appFor(() => null))
      .post("/v1/things")
      .set("Authorization", "Bearer ok")
      .send({ n: 3 })
      .expect(201, { id: "abc", n: 3 });
    await request(appFor(() => null))
      .post("/v1/things")
      .set("Authorization", "Bearer ok")
      .send({ n: 0 })
      .expect(204);
  });

  it("refuses bad input with 400 and a signed-out caller with 401, in the error format", async () => {
    const bad = await request(appFor(() => null))
      .get("/v1/things/X1")
      .expect(400);
    assert.equal(bad.body.error.code, "invalid-argument");
    await request(appFor(() => null))
      .post("/v1/things")
      .send({ n: 1 })
      .expect(401);
  });

  describe("with response checking on", () => {
    it("turns a body with a field the contract does not describe into a 500 and an error log", async () => {
      const res = await request(appFor(() => ({ id: "x", n: 1, secret: "s" })))
        .get("/v1/things/x")
        .expect(500);
      assert.equal(res.body.error.code, "internal");
      assert.ok(capturedLogs().some((l) => l.message === "response violates the contract"));
    });

    it("turns a body of the wrong type into a 500", async () => {
      await request(appFor(() => ({ id: "x", n: 1.5 })))
        .get("/v1/things/x")
        .expect(500);
    });

    it("turns an undocumented error status into a 500", async () => {
      const failing = () => {
        throw new AppError("already-exists", "taken");
      };
      await request(appFor(failing)).get("/v1/things/x").expect(500);
      const notFound = () => {
        throw new AppError("not-found", "none");
      };
      await request(appFor(notFound)).get("/v1/things/x").expect(404);
    });

    it("lets everything through when off (production)", async () => {
      await request(appFor(() => ({ id: "x", n: 1, secret: "s" }), false))
        .get("/v1/things/x")
        .expect(200);
    });
  });

  it("derives the error statuses from the route's shape", () => {
    // 401: App Check may be required; 429: every non-GET route counts against a rate limit group; 503: the deadline.
    assert.deepEqual(documentedErrorStatuses(routes[0] as Route<never>), [400, 401, 404, 500, 503]);
    assert.deepEqual(documentedErrorStatuses(routes[1] as Route<never>), [400, 401, 413, 429, 500, 503]);
    const exempt = { ...routes[0], appCheck: false, limit: "costly" } as Route<never>;
    assert.deepEqual(documentedErrorStatuses(exempt), [400, 404, 429, 500, 503]);
  });

  it("builds OpenAPI operations with named component schemas", () => {
    const doc = buildOpenApiDocument(routes as Route<never>[], {
      title: "t",
      version: "1",
      description: "d",
      tags: [{ name: "t", description: "things" }],
    }) as { paths: Record<string, Record<string, Record<string, unknown>>>; components: { schemas: Record<string, unknown> } };
    const get = doc.paths["/things/{id}"].get;
    assert.deepEqual(get.parameters, [{ name: "id", in: "path", required: true, schema: { type: "string", pattern: "^[a-z]+$" } }]);
    assert.deepEqual(get.security, []);
    const okResponse = (get.responses as Record<string, { content: { "application/json": { schema: unknown } } }>)["200"];
    assert.deepEqual(okResponse.content["application/json"].schema, { $ref: "#/components/schemas/TestThing" });
    assert.deepEqual(doc.components.schemas.TestThing, {
      type: "object",
      properties: { id: { type: "string" }, n: { type: "integer" } },
      required: ["id", "n"],
      additionalProperties: false,
    });
  });
});
