import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import request from "supertest";
import { unitAppDeps } from "../../test/helpers/unit-app";
import { ERROR_CODES } from "../shared/errors";
import { createApp } from "./app";
import { CONTRACT_FILE, contractText } from "./contract-file";
import { API_VERSION, apiContract } from "./openapi";

type Operation = {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  responses: Record<string, unknown>;
  security?: unknown[];
};
const paths = () => apiContract().paths as Record<string, Record<string, Operation>>;
const operations = () => Object.values(paths()).flatMap((ops) => Object.values(ops));

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: RouteLayer[] };
}

/** Every "METHOD /path" the app serves under /v1, read from Express's own router, `:param` written `{param}`. */
function servedRoutes(): string[] {
  const app = createApp(unitAppDeps()) as unknown as { router: { stack: RouteLayer[] } };
  const v1 = app.router.stack.flatMap((layer) => layer.handle?.stack ?? []);
  return v1
    .flatMap((layer) => {
      if (!layer.route) return [];
      const path = layer.route.path.replace(/:(\w+)/g, "{$1}");
      return Object.keys(layer.route.methods)
        .filter((m) => m !== "_all")
        .map((m) => `${m.toUpperCase()} ${path}`);
    })
    .sort();
}

describe("the API contract", () => {
  it("documents every route the app serves, and nothing it does not serve", () => {
    const served = servedRoutes();
    assert.ok(served.length > 50, `only ${served.length} routes found`);
    const documented = Object.entries(paths())
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    assert.deepEqual(documented, served);
  });

  it("is the committed api/openapi.json (run `npm run contract` after changing a route)", () => {
    assert.equal(readFileSync(CONTRACT_FILE, "utf8"), contractText());
  });

  it("gives every operation a unique operationId, a summary, a description and a known tag", () => {
    const ids = operations().map((op) => op.operationId);
    assert.equal(new Set(ids).size, ids.length);
    const tags = new Set((apiContract().tags as Array<{ name: string }>).map((t) => t.name));
    for (const op of operations()) {
      assert.ok(op.summary && op.description, op.operationId);
      assert.equal(op.tags.length, 1, op.operationId);
      assert.ok(tags.has(op.tags[0]), `${op.operationId}: tag ${op.tags[0]}`);
    }
  });

  it("documents 401 on every signed-in operation and 500 on all", () => {
    for (const op of operations()) {
      assert.ok("500" in op.responses, op.operationId);
      const isPublic = Array.isArray(op.security) && op.security.length === 0;
      if (!isPublic) assert.ok("401" in op.responses, op.operationId);
    }
  });

  it("names the error codes a client can switch on", () => {
    const error = (apiContract().components as { schemas: Record<string, { properties: { error: { properties: { code: unknown } } } }> })
      .schemas.Error;
    assert.deepEqual(error.properties.error.properties.code, {
      type: "string",
      enum: [...ERROR_CODES],
      description: "Stable, machine-readable reason; switch on this, not on the message",
    });
  });

  it("is served at GET /v1/openapi.json", async () => {
    const res = await request(createApp(unitAppDeps())).get("/v1/openapi.json").expect(200);
    assert.equal(res.body.openapi, "3.1.0");
    assert.equal(res.body.info.version, API_VERSION);
    assert.deepEqual(res.body, JSON.parse(contractText()));
  });
});
