import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { modelStoreContract } from "./store.contract";
import { GcsModelStore, LocalModelStore, newVersionId, type BucketLike } from "./store";

const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

modelStoreContract("LocalModelStore", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "recsys-store-"));
  dirs.push(dir);
  return new LocalModelStore(dir);
});

/** An in-memory stand-in for the few Bucket calls GcsModelStore makes (not an emulator: a mapping check). */
function memoryBucket(): BucketLike {
  const objects = new Map<string, Buffer>();
  return {
    file: (name) => ({
      save: async (data) => void objects.set(name, Buffer.from(data)),
      download: async () => {
        const data = objects.get(name);
        if (!data) throw new Error(`No such object: ${name}`);
        return [data];
      },
      exists: async () => [objects.has(name)],
    }),
    getFiles: async ({ prefix }) => [[...objects.keys()].filter((k) => k.startsWith(prefix)).map((name) => ({ name }))],
    deleteFiles: async ({ prefix }) => {
      for (const k of [...objects.keys()]) if (k.startsWith(prefix)) objects.delete(k);
    },
  };
}

modelStoreContract("GcsModelStore over an in-memory bucket", async () => new GcsModelStore(memoryBucket(), "models"));

describe("newVersionId", () => {
  it("sorts by time", () => {
    const a = newVersionId(new Date("2026-01-01T00:00:00Z"), "zzzz");
    const b = newVersionId(new Date("2026-01-01T00:00:00.001Z"), "aaaa");
    assert.ok(a < b);
    assert.equal(a, "20260101T000000000Z-zzzz");
  });
});
