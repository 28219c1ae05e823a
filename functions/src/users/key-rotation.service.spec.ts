import assert from "node:assert/strict";
import {
  KeyRotationService,
  type EncryptedValueStore,
  type RotationCheckpoint,
  type RotationCheckpointStore,
} from "./key-rotation.service";

/** Users with the key ids of their two values; re-encryption moves a user's values to the active key. */
class MemoryStore implements EncryptedValueStore {
  constructor(
    readonly users: Map<string, string[]>,
    private readonly active: string,
  ) {}

  async sealedPage(afterUid: string | undefined, limit: number) {
    return [...this.users.keys()]
      .sort()
      .filter((uid) => afterUid === undefined || uid > afterUid)
      .slice(0, limit)
      .map((uid) => ({ uid, keyIds: [...(this.users.get(uid) ?? [])] }));
  }

  async reencrypt(uid: string) {
    const keys = this.users.get(uid) ?? [];
    const changed = keys.filter((k) => k !== this.active).length;
    this.users.set(
      uid,
      keys.map(() => this.active),
    );
    return changed;
  }
}

class MemoryCheckpoints implements RotationCheckpointStore {
  saved: RotationCheckpoint | undefined;
  async get() {
    return this.saved;
  }
  async save(c: RotationCheckpoint) {
    this.saved = c;
  }
}

describe("KeyRotationService", () => {
  const world = () => {
    const users = new Map([
      ["a", ["k1", "k1"]],
      ["b", ["k2", "k1"]],
      ["c", ["k2", "k2"]],
      ["d", ["k0"]],
      ["e", ["k1", "k1"]],
    ]);
    const store = new MemoryStore(users, "k2");
    const checkpoints = new MemoryCheckpoints();
    return { users, checkpoints, service: new KeyRotationService(store, checkpoints, "k2") };
  };

  it("counts old values per key in a dry run and writes nothing", async () => {
    const { users, checkpoints, service } = world();
    const before = JSON.stringify([...users]);
    const report = await service.run({ dryRun: true, batchSize: 2 });
    assert.deepEqual(report.oldValuesByKey, { k1: 5, k0: 1 });
    assert.equal(report.reencrypted, 0);
    assert.equal(JSON.stringify([...users]), before);
    assert.equal(checkpoints.saved, undefined);
  });

  it("resumes after an interrupted run and is idempotent", async () => {
    const { users, checkpoints, service } = world();
    const progress: number[] = [];
    const first = await service.run({ dryRun: false, batchSize: 2, maxBatches: 1, onProgress: (p) => progress.push(p.scannedUsers) });
    assert.deepEqual([first.reencrypted, first.complete, checkpoints.saved?.afterUid, checkpoints.saved?.done], [3, false, "b", false]);
    assert.deepEqual(progress, [2]);
    const rest = await service.run({ dryRun: false, batchSize: 2 });
    assert.equal(rest.resumedAfter, "b");
    assert.equal(rest.scannedUsers, 3);
    assert.equal(rest.reencrypted, 3);
    assert.equal(checkpoints.saved?.done, true);
    assert.ok([...users.values()].flat().every((k) => k === "k2"));
    const again = await service.run({ dryRun: false, batchSize: 2 });
    assert.deepEqual([again.resumedAfter, again.scannedUsers, again.reencrypted], [null, 5, 0]);
  });

  it("starts over for a new active key or when asked, and refuses a silly batch size", async () => {
    const { checkpoints, service } = world();
    checkpoints.saved = {
      activeKeyId: "k1",
      afterUid: "c",
      scannedUsers: 3,
      reencrypted: 1,
      done: false,
      startedAt: new Date(0),
      updatedAt: new Date(0),
    };
    assert.equal((await service.run({ dryRun: false, batchSize: 10 })).resumedAfter, null);
    await assert.rejects(service.run({ dryRun: false, batchSize: 0 }));
  });
});
