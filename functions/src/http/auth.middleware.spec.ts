import assert from "node:assert/strict";
import express from "express";
import request from "supertest";
import { AppError } from "../shared/errors";
import type { AccessTokenVerifier } from "../shared/authorization";
import { callerOf, requireAuth, requireRole } from "./auth.middleware";
import { errorHandler } from "./errors.middleware";

const verifier: AccessTokenVerifier = {
  verify: async (token) => {
    if (token === "user-token") return { uid: "u1", role: "user" };
    if (token === "admin-token") return { uid: "a1", role: "admin" };
    throw new AppError("unauthenticated", "Invalid or expired access token");
  },
};

function app() {
  const a = express();
  a.get("/me", requireAuth(verifier), (_req, res) => {
    res.json(callerOf(res));
  });
  a.get("/admin", requireAuth(verifier), requireRole("admin"), (_req, res) => {
    res.json({ ok: true });
  });
  a.get("/open", (_req, res) => {
    res.json(callerOf(res));
  });
  a.use(errorHandler);
  return a;
}

describe("auth middleware", () => {
  it("puts the caller on the request for a valid Bearer token", async () => {
    const res = await request(app()).get("/me").set("Authorization", "Bearer user-token").expect(200);
    assert.deepEqual(res.body, { uid: "u1", role: "user" });
    await request(app()).get("/me").set("Authorization", "bearer user-token").expect(200);
  });

  it("answers 401 for a missing, malformed or invalid token", async () => {
    for (const header of [undefined, "", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer a b", "Token user-token", "Bearer bad-token"]) {
      const req = request(app()).get("/me");
      const res = await (header === undefined ? req : req.set("Authorization", header));
      assert.equal(res.status, 401, `header ${header}`);
      assert.equal(res.body.error.code, "unauthenticated");
    }
  });

  it("callerOf refuses when no middleware authenticated the request", async () => {
    const res = await request(app()).get("/open").expect(401);
    assert.equal(res.body.error.code, "unauthenticated");
  });

  it("requireRole lets admins through and refuses others with 403", async () => {
    await request(app()).get("/admin").set("Authorization", "Bearer admin-token").expect(200);
    const res = await request(app()).get("/admin").set("Authorization", "Bearer user-token").expect(403);
    assert.equal(res.body.error.code, "permission-denied");
  });
});
