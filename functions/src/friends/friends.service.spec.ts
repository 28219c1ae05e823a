import assert from "node:assert/strict";
import { isAppError, type ErrorCode } from "../shared/errors";
import type { PairState } from "./friends.repository";
import { AppError } from "../shared/errors";
import { MAX_FRIENDS, decideSend } from "./friends.service";

const at = new Date(0);
const base: PairState = {
  targetExists: true,
  blockedByMe: false,
  blockedByThem: false,
  friendCounts: { mine: 0, theirs: 0 },
  pendingOutgoing: 0,
};
const refuses = (state: PairState, code: ErrorCode) =>
  assert.throws(
    () => decideSend(state),
    (e: unknown) => isAppError(e) && e.code === code,
  );

describe("decideSend (the rules of a friend request)", () => {
  it("creates a visible request between strangers", () => {
    assert.deepEqual(decideSend(base), { action: "request", suppressed: false });
  });

  it("accepts the other person's pending request instead of creating a second one", () => {
    assert.deepEqual(decideSend({ ...base, reverse: { from: "b", to: "a", suppressed: false, createdAt: at } }), {
      action: "accept-reverse",
    });
  });

  it("stores a request to someone who blocked the caller as suppressed, answering like any other", () => {
    assert.deepEqual(decideSend({ ...base, blockedByThem: true }), { action: "request", suppressed: true });
  });

  it("refuses an unknown user, a duplicate, an existing friend, a blocked target and a full friend list", () => {
    refuses({ ...base, targetExists: false }, "not-found");
    refuses({ ...base, forward: { from: "a", to: "b", suppressed: false, createdAt: at } }, "already-exists");
    refuses({ ...base, friendship: { uids: ["a", "b"], requestedBy: "a", since: at } }, "already-exists");
    refuses({ ...base, blockedByMe: true }, "failed-precondition");
    refuses({ ...base, friendCounts: { mine: MAX_FRIENDS, theirs: 0 } }, "failed-precondition");
    refuses(
      { ...base, reverse: { from: "b", to: "a", suppressed: false, createdAt: at }, friendCounts: { mine: 0, theirs: MAX_FRIENDS } },
      "failed-precondition",
    );
  });

  describe("abuse caps", () => {
    const limits = { maxPending: 3, pauseMs: 3_600_000 };
    const now = new Date("2026-01-01T12:00:00Z");
    const decide = (state: Partial<PairState>) => () => decideSend({ ...base, ...state }, limits, now);

    it("refuses a request beyond the pending cap with 409 naming the limit, but still answers a mutual request", () => {
      assert.deepEqual(decideSend({ ...base, pendingOutgoing: 2 }, limits, now), { action: "request", suppressed: false });
      assert.throws(
        decide({ pendingOutgoing: 3 }),
        (e: unknown) =>
          e instanceof AppError && e.code === "failed-precondition" && JSON.stringify(e.details) === '{"reason":"pending-limit","limit":3}',
      );
      assert.deepEqual(
        decideSend({ ...base, pendingOutgoing: 3, reverse: { from: "b", to: "a", suppressed: false, createdAt: at } }, limits, now),
        {
          action: "accept-reverse",
        },
      );
    });

    it("refuses a request during the pause after a decline or cancel with 429 and the seconds left", () => {
      assert.throws(
        decide({ pausedUntil: new Date(now.getTime() + 90_500) }),
        (e: unknown) => e instanceof AppError && e.code === "resource-exhausted" && e.retryAfterSeconds === 91,
      );
      assert.deepEqual(decideSend({ ...base, pausedUntil: now }, limits, now), { action: "request", suppressed: false });
    });
  });
});
