import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { FieldCipher, constantTimeEqual, decodeHexKey, hmacSha256, parseKeyRing, randomToken, sha256Hex } from "./crypto";
import { isAppError } from "./errors";

const hexKey = () => randomBytes(32).toString("hex");

describe("crypto", () => {
  describe("FieldCipher", () => {
    const ring = parseKeyRing("K", `k1:${hexKey()}`);
    const cipher = new FieldCipher(ring);
    const ctx = { uid: "u1", field: "email" };

    it("round-trips a value and never stores the plaintext", () => {
      const sealed = cipher.encrypt("ada@example.com", ctx);
      assert.equal(sealed.kid, "k1");
      assert.ok(!JSON.stringify(sealed).includes("ada@example.com"));
      assert.equal(cipher.decrypt(sealed, ctx), "ada@example.com");
    });

    it("uses a fresh IV for every value", () => {
      const a = cipher.encrypt("same", ctx);
      const b = cipher.encrypt("same", ctx);
      assert.notEqual(a.iv, b.iv);
      assert.notEqual(a.ct, b.ct);
    });

    it("refuses a ciphertext moved to another user or field", () => {
      const sealed = cipher.encrypt("secret", ctx);
      for (const other of [
        { uid: "u2", field: "email" },
        { uid: "u1", field: "displayName" },
      ]) {
        assert.throws(
          () => cipher.decrypt(sealed, other),
          (e: unknown) => isAppError(e) && e.code === "internal",
        );
      }
    });

    it("refuses a tampered ciphertext or tag", () => {
      const sealed = cipher.encrypt("secret value", ctx);
      const flipped = Buffer.from(sealed.ct, "base64");
      flipped[0] ^= 1;
      assert.throws(() => cipher.decrypt({ ...sealed, ct: flipped.toString("base64") }, ctx));
      const tag = Buffer.from(sealed.tag, "base64");
      tag[0] ^= 1;
      assert.throws(() => cipher.decrypt({ ...sealed, tag: tag.toString("base64") }, ctx));
    });

    it("refuses a tag cut short, even to its first 4 bytes (which GCM would otherwise accept)", () => {
      const sealed = cipher.encrypt("secret value", ctx);
      const tag = Buffer.from(sealed.tag, "base64");
      for (const length of [4, 8, 12, 15]) {
        assert.throws(
          () => cipher.decrypt({ ...sealed, tag: tag.subarray(0, length).toString("base64") }, ctx),
          (e: unknown) => isAppError(e) && e.code === "internal",
          `a ${length}-byte tag`,
        );
      }
      assert.throws(() => cipher.decrypt({ ...sealed, iv: Buffer.from(sealed.iv, "base64").subarray(0, 8).toString("base64") }, ctx));
      assert.equal(cipher.decrypt(sealed, ctx), "secret value");
    });

    it("opens values sealed with an older key after rotation, and seals new ones with the new key", () => {
      const k1 = hexKey();
      const old = new FieldCipher(parseKeyRing("K", `k1:${k1}`));
      const rotated = new FieldCipher(parseKeyRing("K", `k2:${hexKey()},k1:${k1}`));
      const sealed = old.encrypt("Ada", ctx);
      assert.equal(rotated.decrypt(sealed, ctx), "Ada");
      assert.equal(rotated.needsRotation(sealed), true);
      const resealed = rotated.encrypt("Ada", ctx);
      assert.equal(resealed.kid, "k2");
      assert.equal(rotated.needsRotation(resealed), false);
    });

    it("fails on an unknown key id", () => {
      const sealed = cipher.encrypt("x", ctx);
      assert.throws(() => cipher.decrypt({ ...sealed, kid: "nope" }, ctx));
    });
  });

  describe("parseKeyRing", () => {
    it("rejects malformed rings", () => {
      for (const bad of ["", "k1", `k1:${"ab".repeat(16)}`, `:${hexKey()}`, `k1:${hexKey()},k1:${hexKey()}`, "k1:zz"]) {
        assert.throws(() => parseKeyRing("K", bad), `accepted ${bad}`);
      }
    });
  });

  describe("decodeHexKey", () => {
    it("refuses keys shorter than 256 bits", () => {
      assert.throws(() => decodeHexKey("J", "ab".repeat(31)));
      assert.equal(decodeHexKey("J", "ab".repeat(32)).length, 32);
    });
  });

  describe("helpers", () => {
    it("makes 256-bit random tokens", () => {
      assert.equal(Buffer.from(randomToken(), "base64url").length, 32);
      assert.notEqual(randomToken(), randomToken());
    });

    it("hashes and compares deterministically", () => {
      assert.equal(sha256Hex("a"), sha256Hex("a"));
      assert.equal(sha256Hex("a").length, 64);
      const key = randomBytes(32);
      assert.equal(hmacSha256(key, "x"), hmacSha256(key, "x"));
      assert.notEqual(hmacSha256(key, "x"), hmacSha256(randomBytes(32), "x"));
      assert.equal(constantTimeEqual("abc", "abc"), true);
      assert.equal(constantTimeEqual("abc", "abd"), false);
      assert.equal(constantTimeEqual("abc", "abcd"), false);
    });
  });
});
