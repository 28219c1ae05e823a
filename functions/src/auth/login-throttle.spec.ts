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
  it("locks an account after 10 consecutive failures, for a delay that doubles", async () => {
    const throttle = new LoginThrottle(new InMemoryThrottleRepository());
    for (let i = 0; i < 9; i++) await throttle.recordFailure("acct", at(0));
    assert.equal(await blocked(throttle.beforeAttempt("acct", "ip", at(0))), undefined);
    await throttle.recordFailure("acct", at(0));
    const first = await blocked(throttle.beforeAttempt("acct", "ip", at(1)));
    assert.equal(first?.retryAfterSeconds, 59);
    assert.equal(await blocked(throttle.beforeAttempt("acct", "ip", at(60))), undefined);
    await throttle.recordFailure("acct", at(60));
    assert.equal((await blocked(throttle.beforeAttempt("acct", "ip", at(60))))?.retryAfterSeconds, 120);
    await throttle.recordFailure("acct", at(180));
    assert.equal((await blocked(throttle.beforeAttempt("acct", "ip", at(180))))?.retryAfterSeconds, 240);
  });

  it("caps the delay", async () => {
    const throttle = new LoginThrottle(new InMemoryThrottleRepository());
    for (let i = 0; i < 40; i++) await throttle.recordFailure("acct", at(0));
    assert.equal((await blocked(throttle.beforeAttempt("acct", "ip", at(0))))?.retryAfterSeconds, DEFAULT_THROTTLE_POLICY.maxLockSeconds);
  });

  it("resets the count on success", async () => {
    const throttle = new LoginThrottle(new InMemoryThrottleRepository());
    for (let i = 0; i < 9; i++) await throttle.recordFailure("acct", at(0));
    await throttle.recordSuccess("acct");
    for (let i = 0; i < 9; i++) await throttle.recordFailure("acct", at(0));
    assert.equal(await blocked(throttle.beforeAttempt("acct", "ip", at(0))), undefined);
  });

  it("keeps accounts apart", async () => {
    const throttle = new LoginThrottle(new InMemoryThrottleRepository());
    for (let i = 0; i < 10; i++) await throttle.recordFailure("a", at(0));
    assert.ok(await blocked(throttle.beforeAttempt("a", "ip", at(1))));
    assert.equal(await blocked(throttle.beforeAttempt("b", "ip", at(1))), undefined);
  });

  it("limits attempts per IP per window, whatever the account", async () => {
    const throttle = new LoginThrottle(new InMemoryThrottleRepository(), {
      ...DEFAULT_THROTTLE_POLICY,
      ipMaxAttempts: 3,
      ipWindowSeconds: 600,
    });
    for (let i = 0; i < 3; i++) assert.equal(await blocked(throttle.beforeAttempt(`acct${i}`, "ip1", at(i))), undefined);
    const over = await blocked(throttle.beforeAttempt("acct9", "ip1", at(10)));
    assert.equal(over?.retryAfterSeconds, 590);
    assert.equal(await blocked(throttle.beforeAttempt("acct9", "ip2", at(10))), undefined);
    assert.equal(await blocked(throttle.beforeAttempt("acct9", "ip1", at(600))), undefined, "a new window starts");
  });
});
