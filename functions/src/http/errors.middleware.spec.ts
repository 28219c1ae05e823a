import assert from "node:assert/strict";
import express from "express";
import request from "supertest";
import { AppError } from "../shared/errors";
import { capturedLogs, resetCapturedLogs } from "../../test/helpers/logs";
import { errorHandler } from "./errors.middleware";

function appThrowing(error: unknown) {
  const app = express();
  app.get("/", () => {
    throw error;
  });
  app.use(errorHandler);
  return app;
}

describe("errorHandler", () => {
  const cases: Array<[AppError["code"], number]> = [
    ["invalid-argument", 400],
    ["unauthenticated", 401],
    ["permission-denied", 403],
    ["not-found", 404],
    ["already-exists", 409],
    ["failed-precondition", 409],
    ["payload-too-large", 413],
    ["resource-exhausted", 429],
    ["unavailable", 503],
  ];
  for (const [code, status] of cases) {
    it(`maps ${code} to ${status}`, async () => {
      const res = await request(appThrowing(new AppError(code, "m")))
        .get("/")
        .expect(status);
      assert.deepEqual(res.body, { error: { code, message: "m" } });
    });
  }

  it("includes details when the error has them", async () => {
    const details = [{ path: "email", message: "Required" }];
    const res = await request(appThrowing(new AppError("invalid-argument", "Invalid", { details }))).get("/");
    assert.deepEqual(res.body.error.details, details);
  });

  it("sends Retry-After with resource-exhausted", async () => {
    const res = await request(appThrowing(new AppError("resource-exhausted", "slow down", { retryAfterSeconds: 30 })))
      .get("/")
      .expect(429);
    assert.equal(res.get("Retry-After"), "30");
  });

  it("logs load shed on purpose (503 with Retry-After) as a warning, and any other 503 as an error", async () => {
    resetCapturedLogs();
    await request(appThrowing(new AppError("unavailable", "busy", { retryAfterSeconds: 2 })))
      .get("/")
      .expect(503)
      .expect("Retry-After", "2");
    await request(appThrowing(new AppError("unavailable", "down")))
      .get("/")
      .expect(503);
    assert.deepEqual(
      capturedLogs().map((l) => [l.severity, l.message]),
      [
        ["warn", "request shed"],
        ["error", "request failed"],
      ],
    );
  });

  it("turns an unknown error into a 500 internal without leaking its message", async () => {
    const res = await request(appThrowing(new Error("secret database detail")))
      .get("/")
      .expect(500);
    assert.deepEqual(res.body, { error: { code: "internal", message: "Internal error" } });
  });
});
