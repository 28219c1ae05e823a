import assert from "node:assert/strict";
import { AccountDeletionCascade, type AccountDeletionRepository, type DeletionProgress } from "./account-deletion.service";
import type { UserDataEraser } from "./user-data-erasers";

class MemoryDeletions implements AccountDeletionRepository {
  readonly docs = new Map<string, DeletionProgress>();
  async progress(uid: string) {
    const p = this.docs.get(uid);
    return p && { ...p, erased: [...p.erased] };
  }
  async markErased(uid: string, eraser: string) {
    this.docs.get(uid)?.erased.push(eraser);
  }
  async markDone(uid: string) {
    const p = this.docs.get(uid);
    if (p) p.status = "done";
  }
}

function eraser(name: string, calls: string[], fail = { times: 0 }): UserDataEraser {
  return {
    name,
    erase: async (uid) => {
      if (fail.times > 0) {
        fail.times -= 1;
        throw new Error(`${name} down`);
      }
      calls.push(`${name}:${uid}`);
    },
  };
}

describe("AccountDeletionCascade", () => {
  it("runs every eraser in order, the final ones last, and records completion", async () => {
    const calls: string[] = [];
    const repo = new MemoryDeletions();
    repo.docs.set("u1", { status: "pending", erased: [] });
    await new AccountDeletionCascade(repo, [eraser("ratings", calls), eraser("friends", calls)], [eraser("account", calls)]).run("u1");
    assert.deepEqual(calls, ["ratings:u1", "friends:u1", "account:u1"]);
    assert.deepEqual(repo.docs.get("u1"), { status: "done", erased: ["ratings", "friends", "account"] });
  });

  it("resumes after a failure without re-running finished erasers, and is a no-op once done", async () => {
    const calls: string[] = [];
    const repo = new MemoryDeletions();
    repo.docs.set("u1", { status: "pending", erased: [] });
    const cascade = new AccountDeletionCascade(repo, [eraser("a", calls), eraser("b", calls, { times: 1 })], [eraser("account", calls)]);
    await assert.rejects(cascade.run("u1"), /b down/);
    assert.deepEqual(repo.docs.get("u1")?.erased, ["a"]);
    await cascade.run("u1");
    await cascade.run("u1");
    assert.deepEqual(calls, ["a:u1", "b:u1", "account:u1"]);
  });

  it("does nothing without a deletion request", async () => {
    const calls: string[] = [];
    await new AccountDeletionCascade(new MemoryDeletions(), [eraser("a", calls)], []).run("nobody");
    assert.deepEqual(calls, []);
  });

  it("refuses two erasers with one name", () => {
    assert.throws(() => new AccountDeletionCascade(new MemoryDeletions(), [eraser("a", [])], [eraser("a", [])]));
  });
});
