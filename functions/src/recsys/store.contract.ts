import assert from "node:assert/strict";
import { AppError } from "../shared/errors";
import { FILES, type ModelFiles } from "./artifacts";
import type { ModelStore } from "./store";

function files(tag: string): ModelFiles {
  const enc = (s: string) => new TextEncoder().encode(s);
  return {
    [FILES.model]: enc(`{"model":"${tag}"}`),
    [FILES.weights]: new Uint8Array([1, 2, 3, 255]),
    [FILES.metadata]: enc(`{"version":"${tag}"}`),
  };
}

/**
 * The ModelStore contract, run against every implementation that can run in the test environment. It
 * takes a factory so each test starts from an empty store. (The Cloud Storage store is not run here: the
 * Storage emulator cannot start on these machines, its rules runtime being a download; GcsModelStore only
 * maps the same calls onto bucket objects, and its spec checks that mapping on an in-memory bucket.)
 */
export function modelStoreContract(name: string, makeStore: () => Promise<ModelStore>): void {
  describe(`ModelStore contract: ${name}`, () => {
    let store: ModelStore;
    beforeEach(async () => {
      store = await makeStore();
    });

    it("round-trips every file of a version byte for byte", async () => {
      await store.save("20260101T000000000Z-aaaa", files("a"));
      assert.deepEqual(await store.load("20260101T000000000Z-aaaa"), files("a"));
    });

    it("lists complete versions oldest first and names the latest", async () => {
      assert.deepEqual(await store.listVersions(), []);
      await store.save("20260102T000000000Z-bbbb", files("b"));
      await store.save("20260101T000000000Z-aaaa", files("a"));
      assert.deepEqual(await store.listVersions(), ["20260101T000000000Z-aaaa", "20260102T000000000Z-bbbb"]);
      assert.equal(await store.latestVersion(), "20260102T000000000Z-bbbb");
    });

    it("deletes old versions, keeping the newest and protected ones", async () => {
      for (const v of ["v1", "v2", "v3", "v4"]) await store.save(v, files(v));
      assert.deepEqual(await store.deleteOldVersions(2, ["v1"]), ["v2"]);
      assert.deepEqual(await store.listVersions(), ["v1", "v3", "v4"]);
      await store.delete("v1");
      assert.deepEqual(await store.listVersions(), ["v3", "v4"]);
    });

    it("reports a missing version as not-found", async () => {
      await assert.rejects(store.load("nope"), (e: unknown) => e instanceof AppError && e.code === "not-found");
      await assert.rejects(store.latestVersion(), (e: unknown) => e instanceof AppError && e.code === "not-found");
    });

    it("refuses version names that could escape the prefix", async () => {
      await assert.rejects(store.save("../x", files("x")), (e: unknown) => e instanceof AppError && e.code === "invalid-argument");
    });
  });
}
