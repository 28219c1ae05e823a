import assert from "node:assert/strict";
import { InMemoryThrottleRepository } from "../../test/helpers/accounts";
import { AppError, isAppError } from "../shared/errors";
import { DEFAULT_THROTTLE_POLICY, LoginThrottle } from "./login-throttle";

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1) + seconds * 1000);

async function blocked(p: Promise<void>): Promise<AppError | undefined> {
  try {
    await p;
    return undefined;
  } catch (e: unknown) {
    assert.ok(isAppError(e) && e.code === "resource-exhausted");
    return e;
  }
}

describe("LoginThrottle", () => {
  it("reserves attempts up front: the 10th locks, for a delay that doubles", async () => {
    const throttle = new LoginThrottle(new InMemoryThrottleRepository());
    for (let i = 0; i < 10; i++) assert.equal(await blocked(throttle.reserveAttempt("acct", at(0))), undefined);
    const first = await blocked(throttle.reserveAttempt("acct", at(1)));
    assert.equal(first?.retryAfterSeconds, 59);
    assert.equal(await blocked(throttle.reserveAttempt("acct", at(60))), undefined, "the lock ran out: one more try");
    assert.equal((await blocked(throttle.reserveAttempt("acct", at(60))))?.retryAfterSeconds, 120);
    assert.equal(await blocked(throttle.reserveAttempt("acct", at(180))), undefined);
    assert.equal((await blocked(throttle.reserveAttempt("acct", at(180))))?.retryAfterSeconds, 240);
  });

  it("refuses concurrent attempts beyond the limit (each is counted before any check)", async () => {
    const throttle = new LoginThrottle(new InMemoryThrottleRepository());
    const outcomes = await Promise.all(Array.from({ length: 60 }, () => blocked(throttle.reserveAttempt("acct", at(0)))));
    assert.equal(outcomes.filter((o) => o === undefined).length, DEFAULT_THROTTLE_POLICY.maxFailures);
  });

  it("caps the delay", async () => {
    const throttle = new LoginThrottle(new InMemoryThrottleRepository());
    for (let i = 0; i < 40; i++) await blocked(throttle.reserveAttempt("acct", at(i * 100_000)));
    assert.equal(
      (await blocked(throttle.reserveAttempt("acct", at(39 * 100_000))))?.retryAfterSeconds,
      DEFAULT_THROTTLE_POLICY.maxLockSeconds,
    );
  });

  it("resets the count on success", async () => {
    const throttle = new LoginThrottle(new InMemoryThrottleRepository());
    for (let i = 0; i < 9; i++) await throttle.reserveAttempt("acct", at(0));
    await throttle.recordSuccess("acct");
    for (let i = 0; i < 9; i++) await throttle.reserveAttempt("acct", at(0));
    assert.equal(await blocked(throttle.reserveAttempt("acct", at(0))), undefined);
  });

  it("gives back a cancelled attempt, lifting the lock it set", async () => {
    const throttle = new LoginThrottle(new InMemoryThrottleRepository());
    for (let i = 0; i < 10; i++) await throttle.reserveAttempt("acct", at(0));
    await throttle.cancelAttempt("acct");
    assert.equal(await blocked(throttle.reserveAttempt("acct", at(0))), undefined);
    assert.ok(await blocked(throttle.reserveAttempt("acct", at(0))));
  });

  it("keeps accounts apart", async () => {
    const throttle = new LoginThrottle(new InMemoryThrottleRepository());
    for (let i = 0; i < 10; i++) await throttle.reserveAttempt("a", at(0));
    assert.ok(await blocked(throttle.reserveAttempt("a", at(1))));
    assert.equal(await blocked(throttle.reserveAttempt("b", at(1))), undefined);
  });
});
