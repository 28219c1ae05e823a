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

  it("runs the work again when the emulator ends its transaction in a lock race, and rethrows if that persists", async () => {
    const contention = () => Object.assign(new Error("3 INVALID_ARGUMENT: Transaction is invalid or closed."), { code: 3 });
    let runs = 0;
    await runTrigger("e5", "t", async () => {
      if (++runs < 3) throw contention();
    });
    assert.equal(runs, 3);
    runs = 0;
    await assert.rejects(
      runTrigger("e6", "t", async () => {
        runs++;
        throw contention();
      }),
      /Transaction is invalid or closed/,
    );
    assert.equal(runs, 5);
  });
});
