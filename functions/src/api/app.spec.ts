import assert from "node:assert/strict";
import http from "node:http";
import request from "supertest";
import { unitAppDeps } from "../../test/helpers/unit-app";
import { capturedLogs, resetCapturedLogs } from "../../test/helpers/logs";
import { HealthService } from "../health/health.service";
import { createApp } from "./app";

function appWith(probeOk: boolean, maxBodyBytes = 1024) {
  const probe = { ping: async () => (probeOk ? undefined : Promise.reject(new Error("down"))) };
  return createApp(
    unitAppDeps({
      config: { maxBodyBytes, version: "1.2.3", validateResponses: true },
      health: new HealthService(probe, { version: "1.2.3" }),
    }),
  );
}

describe("createApp", () => {
  describe("GET /v1/health", () => {
    it("answers 200 with the version when Firestore answers", async () => {
      const res = await request(appWith(true)).get("/v1/health").expect(200);
      assert.equal(res.body.status, "ok");
      assert.equal(res.body.version, "1.2.3");
      assert.equal(res.body.firestore, "ok");
    });

    it("answers 503 degraded when Firestore does not answer", async () => {
      const res = await request(appWith(false)).get("/v1/health").expect(503);
      assert.deepEqual([res.body.status, res.body.firestore], ["degraded", "unavailable"]);
    });
  });

  describe("errors", () => {
    it("answers an unknown route with 404 in the error format", async () => {
      const res = await request(appWith(true)).get("/v1/nope").expect(404);
      assert.equal(res.body.error.code, "not-found");
      assert.match(res.body.error.message, /GET \/v1\/nope/);
    });

    it("answers malformed JSON with 400 in the error format", async () => {
      const res = await request(appWith(true)).post("/v1/health").set("Content-Type", "application/json").send('{"a":').expect(400);
      assert.deepEqual(res.body, { error: { code: "invalid-argument", message: "Malformed JSON body" } });
    });

    it("answers an oversized body with 413 in the error format", async () => {
      const res = await request(appWith(true, 100))
        .post("/v1/health")
        .send({ padding: "x".repeat(200) })
        .expect(413);
      assert.equal(res.body.error.code, "payload-too-large");
    });

    it("answers 413 when the platform already parsed an oversized body", async () => {
      const app = appWith(true, 100);
      // Stands in for the Functions runtime, which parses the body and keeps it as req.rawBody.
      const platform = http.createServer((req, res) => {
        Object.assign(req, { rawBody: Buffer.alloc(200) });
        app(req, res);
      });
      const res = await request(platform).get("/v1/health").expect(413);
      assert.equal(res.body.error.code, "payload-too-large");
    });
  });

  describe("request ids", () => {
    it("gives every response a request id", async () => {
      const res = await request(appWith(true)).get("/v1/nope");
      assert.match(res.get("X-Request-Id") ?? "", /^[0-9a-f-]{36}$/);
    });

    it("echoes a well-formed client request id and replaces a malformed one", async () => {
      const good = await request(appWith(true)).get("/v1/health").set("X-Request-Id", "client-id-1234");
      assert.equal(good.get("X-Request-Id"), "client-id-1234");
      const bad = await request(appWith(true)).get("/v1/health").set("X-Request-Id", "bad id<script>");
      assert.notEqual(bad.get("X-Request-Id"), "bad id<script>");
    });

    it("puts the request id on the request's log lines", async () => {
      resetCapturedLogs();
      const res = await request(appWith(true)).get("/v1/nope").set("X-Request-Id", "trace-me-12345");
      const access = capturedLogs().filter((l) => l.message === "request");
      assert.equal(access.length, 1);
      assert.equal(access[0].fields.requestId, res.get("X-Request-Id"));
      assert.equal(access[0].fields.status, 404);
    });
  });
});

describe("createApp with malformed paths", () => {
  it("answers malformed percent-encoding in a path with 400, not 500", async () => {
    const app = createApp(unitAppDeps());
    const res = await request(app).get("/v1/movies/%E0%A4%A").expect(400);
    assert.deepEqual(res.body, { error: { code: "invalid-argument", message: "Malformed request" } });
  });
});
