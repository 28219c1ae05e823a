import assert from "node:assert/strict";
import request from "supertest";
import { createApp } from "../api/app";
import { unitAppDeps } from "../../test/helpers/unit-app";
import type { AppCheckVerifier } from "./app-check.middleware";

/** A verifier that accepts one token, as firebase-admin would a genuine app's. */
const verifier: AppCheckVerifier = {
  verify: async (token) => {
    if (token !== "genuine-app-token") throw new Error("invalid App Check token");
  },
};

describe("App Check", () => {
  const app = (on: boolean) =>
    createApp(unitAppDeps({ appCheck: verifier, config: { maxBodyBytes: 65536, version: "t", validateResponses: true, appCheck: on } }));

  const login = (on: boolean) =>
    request(app(on))
      .post("/v1/auth/login")
      .send({ email: "a@example.com", password: "x".repeat(12) });

  it("serves a request with a valid token when required (it reaches the route: a wrong password)", async () => {
    const res = await login(true).set("X-Firebase-AppCheck", "genuine-app-token").expect(401);
    assert.equal(res.body.error.message, "Invalid email or password");
  });

  it("refuses a missing or invalid token with 401 in the error format", async () => {
    const missing = await login(true).expect(401);
    assert.equal(missing.body.error.code, "unauthenticated");
    assert.match(missing.body.error.message, /App Check/);
    const invalid = await login(true).set("X-Firebase-AppCheck", "forged").expect(401);
    assert.match(invalid.body.error.message, /App Check token is invalid/);
  });

  it("leaves health and the contract open, and everything open when off", async () => {
    await request(app(true)).get("/v1/openapi.json").expect(200);
    const health = await request(app(true)).get("/v1/health");
    assert.equal(health.status, 200);
    const off = await login(false).expect(401);
    assert.equal(off.body.error.message, "Invalid email or password");
  });

  it("fails loudly when required without a verifier", () => {
    assert.throws(
      () => createApp(unitAppDeps({ appCheck: undefined, config: { maxBodyBytes: 1, version: "t", appCheck: true } })),
      /App Check is required/,
    );
  });
});
