import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import request from "supertest";
import { createApp } from "../../src/api/app";
import { parseKeyRing } from "../../src/shared/crypto";
import { bearer, makeTestDeps, registerUser, testAuthConfig, type RegisteredUser } from "../helpers/accounts";
import { appDb, resetFirestore, verifierDb } from "../helpers/emulators";

const run = promisify(execFile);
const SCRIPT = path.resolve(__dirname, "../../scripts/rotate-keys.js");

/** Runs the rotation command as an operator would, with a key ring; returns its output lines and the final JSON report. */
async function rotateKeys(ring: string, ...args: string[]) {
  const { stdout } = await run(process.execPath, [SCRIPT, ...args], { env: { ...process.env, PII_ENCRYPTION_KEYS: ring } });
  const lines = stdout.trim().split("\n");
  return { lines, report: JSON.parse(lines.at(-1) ?? "{}") as Record<string, unknown> };
}

describe("key rotation command (Firestore emulator, two keys)", function () {
  this.timeout(120_000);
  const k1 = `k1:${randomBytes(32).toString("hex")}`;
  const k2 = `k2:${randomBytes(32).toString("hex")}`;
  const oldConfig = testAuthConfig({ piiKeys: parseKeyRing("PII_ENCRYPTION_KEYS", k1) });
  let users: RegisteredUser[];

  /** The key id of every encrypted value stored, per user. */
  const keyIds = async () =>
    (await verifierDb().collection("users").get()).docs.flatMap((d) => [d.get("email")?.kid, d.get("displayName")?.kid]).sort();

  before(async () => {
    await resetFirestore();
    const app = createApp(makeTestDeps(appDb(), { config: oldConfig }));
    users = [];
    for (let i = 0; i < 5; i++) users.push(await registerUser(app));
  });

  it("prints its usage with --help", async () => {
    const { stdout } = await run(process.execPath, [SCRIPT, "--help"]);
    assert.match(stdout, /^usage: rotate-keys \[--dry-run\]/);
  });

  it("counts in a dry run, re-encrypts in resumable slices, and leaves nothing an old-key-free ring cannot open", async () => {
    const ring = `${k2},${k1}`;
    const before = JSON.stringify((await verifierDb().collection("users").get()).docs.map((d) => d.data()));
    const dry = await rotateKeys(ring, "--dry-run", "--batch-size", "2");
    assert.deepEqual(dry.report.oldValuesByKey, { k1: 10 });
    assert.equal(dry.report.reencrypted, 0);
    assert.equal(dry.report.complete, true);
    assert.equal(dry.lines.filter((l) => l.includes("users scanned")).length, 3, "progress once per page");
    assert.equal(
      JSON.stringify((await verifierDb().collection("users").get()).docs.map((d) => d.data())),
      before,
      "a dry run changes nothing",
    );
    assert.equal((await verifierDb().doc("system/piiKeyRotation").get()).exists, false, "nor writes a checkpoint");

    // An interrupted run (one page), then a run that resumes after it.
    const first = await rotateKeys(ring, "--batch-size", "2", "--max-batches", "1");
    assert.equal(first.report.reencrypted, 4);
    assert.equal(first.report.complete, false);
    assert.deepEqual(await keyIds(), ["k1", "k1", "k1", "k1", "k1", "k1", "k2", "k2", "k2", "k2"]);
    const checkpoint = await verifierDb().doc("system/piiKeyRotation").get();
    assert.equal(checkpoint.get("done"), false);
    const rest = await rotateKeys(ring, "--batch-size", "2");
    assert.equal(rest.report.resumedAfter, checkpoint.get("afterUid"));
    assert.equal(rest.report.scannedUsers, 3, "the resumed run starts after the checkpoint");
    assert.equal(rest.report.reencrypted, 6);
    assert.equal(rest.report.complete, true);
    assert.deepEqual(await keyIds(), Array(10).fill("k2"));

    // Idempotent: a second pass changes nothing, and a dry run finds no value under k1.
    const again = await rotateKeys(ring, "--batch-size", "2");
    assert.equal(again.report.reencrypted, 0);
    assert.deepEqual((await rotateKeys(ring, "--dry-run")).report.oldValuesByKey, {});

    // k1 can now leave the ring: the API with k2 alone opens every account.
    const newApp = createApp(makeTestDeps(appDb(), { config: { ...oldConfig, piiKeys: parseKeyRing("PII_ENCRYPTION_KEYS", k2) } }));
    for (const user of users) {
      const me = await request(newApp).get("/v1/me").set("Authorization", bearer(user.accessToken)).expect(200);
      assert.equal(me.body.email, user.email);
      assert.equal(me.body.displayName, user.displayName);
    }
  });
});
