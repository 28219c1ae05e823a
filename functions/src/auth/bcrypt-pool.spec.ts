import assert from "node:assert/strict";
import { isAppError } from "../shared/errors";
import { BcryptPool } from "./bcrypt-pool";

describe("BcryptPool load shedding", () => {
  let pool: BcryptPool;
  afterEach(() => pool.close());

  /** What became of a job: its place in the order of completion, or the error that refused it. */
  function track(p: Promise<unknown>, done: string[], name: string) {
    return p.then(
      () => {
        done.push(name);
        return "ran" as const;
      },
      (e: unknown) => e,
    );
  }

  it("refuses what finds no place with unavailable and Retry-After, keeps sign-in's share, and serves lanes in turn", async () => {
    pool = new BcryptPool(1, { maxQueued: 3, signInShare: 1 });
    const done: string[] = [];
    // Submitted in one go, before the worker can answer: the first runs, the rest queue or are refused.
    const running = track(pool.hash("a", 4, "other"), done, "running");
    const other1 = track(pool.hash("b", 4, "other"), done, "other1");
    const other2 = track(pool.hash("c", 4, "other"), done, "other2");
    const other3 = track(pool.hash("d", 4, "other"), done, "other3");
    const signin1 = track(pool.hash("e", 4, "signin"), done, "signin1");
    const signin2 = track(pool.hash("f", 4, "signin"), done, "signin2");
    const outcomes = await Promise.all([running, other1, other2, other3, signin1, signin2]);
    assert.deepEqual(outcomes.slice(0, 3), ["ran", "ran", "ran"]);
    for (const refused of [outcomes[3], outcomes[5]]) {
      assert.ok(isAppError(refused) && refused.code === "unavailable", String(refused));
      assert.ok((refused.retryAfterSeconds ?? 0) >= 1);
    }
    assert.equal(outcomes[4], "ran", "sign-in took its reserved place although other work filled the rest");
    assert.deepEqual(done, ["running", "signin1", "other1", "other2"], "sign-in did not wait behind the queued sign-ups");
    assert.deepEqual(pool.stats(), { hashes: 4, compares: 0, shed: 2 });
  });

  it("queues without limit when no limits are given (benchmarks, tools)", async () => {
    pool = new BcryptPool(1);
    const all = await Promise.all(Array.from({ length: 6 }, (_, i) => pool.hash(String(i), 4)));
    assert.equal(all.length, 6);
    assert.equal(pool.stats().shed, 0);
  });

  it("refuses limits that leave nothing for the others", () => {
    assert.throws(() => new BcryptPool(1, { maxQueued: 2, signInShare: 2 }), /signInShare below/);
  });
});
