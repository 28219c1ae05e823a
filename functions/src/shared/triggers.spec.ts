import assert from "node:assert/strict";
import { AppError } from "./errors";
import { isTransient, runTrigger } from "./triggers";

describe("runTrigger", () => {
  it("rethrows transient failures so the event is delivered again", async () => {
    const unavailable = Object.assign(new Error("14 UNAVAILABLE"), { code: 14 });
    await assert.rejects(runTrigger("e1", "t", async () => Promise.reject(unavailable)));
    await assert.rejects(runTrigger("e2", "t", async () => Promise.reject(new AppError("unavailable", "down"))));
  });

  it("drops permanent failures instead of retrying them for days", async () => {
    await runTrigger("e3", "t", async () => Promise.reject(new TypeError("bug")));
    await runTrigger("e4", "t", async () => Promise.reject(new AppError("invalid-argument", "bad data")));
    assert.equal(isTransient(Object.assign(new Error("3 INVALID_ARGUMENT"), { code: 3 })), false);
  });
});
