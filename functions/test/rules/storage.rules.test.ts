import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * storage.rules, checked statically: its rules tests would need the Storage emulator, which cannot run on
 * these machines (no download of its jar), so this reads the file instead. Model artifacts are reached
 * only through the Admin SDK, which bypasses rules; clients must get nothing. The check accepts exactly
 * one shape: every path of every bucket matched once, and the only `allow` refusing everything.
 */
describe("storage.rules (static check; the Storage emulator cannot run here)", () => {
  const source = readFileSync(path.resolve(__dirname, "../../../../storage.rules"), "utf8");
  const code = source
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\/\/[^\n]*/g, "")
    .replace(/\s+/g, " ")
    .trim();

  it("uses rules version 2", () => {
    assert.match(code, /^rules_version = '2';/);
  });

  it("denies every read and write to every object, with no other allow anywhere", () => {
    assert.equal(
      code,
      "rules_version = '2'; service firebase.storage { match /b/{bucket}/o { match /{allPaths=**} { allow read, write: if false; } } }",
    );
    const allows = [...code.matchAll(/\ballow\b[^;]*;/g)].map((m) => m[0]);
    assert.deepEqual(allows, ["allow read, write: if false;"]);
  });
});
