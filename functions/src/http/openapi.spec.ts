import assert from "node:assert/strict";
import request from "supertest";
import { unitAppDeps } from "../../test/helpers/unit-app";
import { buildApiRouter, createApp, type AppDeps } from "./app";
import { buildOpenApiDocument } from "./openapi";

const deps: AppDeps = unitAppDeps();

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Every "METHOD /path" the /v1 router serves, with Express's `:param` written as OpenAPI's `{param}`. */
function servedRoutes(): string[] {
  const stack = (buildApiRouter(deps) as unknown as { stack: RouteLayer[] }).stack;
  return stack
    .flatMap((layer) => {
      if (!layer.route) return [];
      const path = layer.route.path.replace(/:(\w+)/g, "{$1}");
      return Object.keys(layer.route.methods)
        .filter((m) => m !== "_all")
        .map((m) => `${m.toUpperCase()} ${path}`);
    })
    .sort();
}

function documentedRoutes(): string[] {
  const paths = buildOpenApiDocument("x").paths as Record<string, Record<string, unknown>>;
  return Object.entries(paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();
}

describe("OpenAPI contract", () => {
  it("documents every route the API serves, and nothing it does not serve", () => {
    const served = servedRoutes();
    assert.ok(served.length > 0);
    assert.deepEqual(documentedRoutes(), served);
  });

  it("gives every operation a unique operationId and a summary", () => {
    const paths = buildOpenApiDocument("x").paths as Record<string, Record<string, { operationId: string; summary: string }>>;
    const ids = Object.values(paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
    assert.equal(new Set(ids).size, ids.length);
    for (const ops of Object.values(paths)) for (const op of Object.values(ops)) assert.ok(op.summary);
  });

  it("is served at GET /v1/openapi.json", async () => {
    const res = await request(createApp(deps)).get("/v1/openapi.json").expect(200);
    assert.equal(res.body.openapi, "3.1.0");
    assert.equal(res.body.info.version, "0.0.0-test");
  });
});
