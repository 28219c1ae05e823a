import assert from "node:assert/strict";
import { isAppError, type ErrorCode } from "../shared/errors";
import type { PairState } from "./friends.repository";
import { MAX_FRIENDS, decideSend } from "./friends.service";

const at = new Date(0);
const base: PairState = { targetExists: true, blockedByMe: false, blockedByThem: false, friendCounts: { mine: 0, theirs: 0 } };
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
});
