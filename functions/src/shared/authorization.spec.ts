import assert from "node:assert/strict";
import { assertOwner, isVisibleTo } from "./authorization";

describe("authorization", () => {
  it("assertOwner passes the owner and admins only", () => {
    assertOwner({ uid: "u1", role: "user" }, "u1");
    assertOwner({ uid: "a1", role: "admin" }, "u1");
    assert.throws(() => assertOwner({ uid: "u2", role: "user" }, "u1"), /another user/);
  });

  it("isVisibleTo follows the owner's privacy setting", () => {
    const stranger = { isSelf: false, isFriend: false };
    const friend = { isSelf: false, isFriend: true };
    assert.equal(isVisibleTo("public", stranger), true);
    assert.equal(isVisibleTo("friends", stranger), false);
    assert.equal(isVisibleTo("friends", friend), true);
    assert.equal(isVisibleTo("private", friend), false);
    assert.equal(isVisibleTo("private", { isSelf: true, isFriend: false }), true);
    assert.equal(isVisibleTo("private", { ...stranger, isAdmin: true }), true);
  });
});
