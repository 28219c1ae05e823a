import assert from "node:assert/strict";
import { API_BASE_URL, anonymousApi, expectError, expectStatus } from "../helpers/api-client";

describe("end to end: platform (Hosting rewrite -> Functions emulator -> api)", function () {
  this.timeout(120_000);
  const api = anonymousApi();

  it("answers GET /v1/health with 200, the version and a request id", async () => {
    const answer = await api.GET("/health");
    const health = await expectStatus(Promise.resolve(answer), 200);
    assert.equal(health.status, "ok");
    assert.equal(health.firestore, "ok");
    assert.match(health.version, /^\d+\.\d+\.\d+/);
    assert.ok(answer.response.headers.get("X-Request-Id"));
  });

  it("serves the contract at GET /v1/openapi.json", async () => {
    // The contract describes this answer as any JSON, so the client types it as unknown.
    const document = (await expectStatus(api.GET("/openapi.json"), 200)) as { openapi?: string; paths?: object };
    assert.match(document.openapi ?? "", /^3\.1\./);
    assert.ok(Object.keys(document.paths ?? {}).includes("/health"));
  });

  it("answers an oversized body with 413 in the error format", async () => {
    await expectError(
      api.POST("/auth/login", { body: { email: "big@example.com", password: "x".repeat(100 * 1024) } }),
      413,
      "payload-too-large",
    );
  });

  // The typed client cannot name a path or send a body the contract does not have, which is the point
  // of it; these two protocol cases use fetch.
  it("answers an unknown path with 404 in the error format", async () => {
    const res = await fetch(`${API_BASE_URL}/no-such-route`);
    assert.equal(res.status, 404);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, "not-found");
  });

  // The Functions runtime parses JSON bodies before the app runs and refuses a malformed one itself,
  // so the status is right but the body is the runtime's (docs/DECISIONS.md, "Malformed JSON").
  it("answers malformed JSON with 400 from the runtime, before the app", async () => {
    const res = await fetch(`${API_BASE_URL}/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: '{"a":',
    });
    assert.equal(res.status, 400);
  });
});
