import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import * as bcrypt from "bcryptjs";
import { isAppError } from "../shared/errors";
import { BcryptPool } from "./bcrypt-pool";
import { assertAcceptablePassword, isCommonPassword, type PasswordContext, PepperedBcryptHasher } from "./password";

describe("password", () => {
  const pool = new BcryptPool(2);
  after(() => pool.close());
  const pepper = randomBytes(32);

  describe("PepperedBcryptHasher", () => {
    const hasher = new PepperedBcryptHasher(pool, pepper, 4);

    it("verifies the right password and refuses a wrong one", async () => {
      const hash = await hasher.hash("correct horse battery");
      assert.match(hash, /^\$2[aby]\$04\$/);
      assert.equal(await hasher.verify("correct horse battery", hash), true);
      assert.equal(await hasher.verify("correct horse batterx", hash), false);
    });

    it("does not truncate at bcrypt's 72 bytes", async () => {
      const prefix = "x".repeat(100);
      const hash = await hasher.hash(`${prefix}A`);
      assert.equal(await hasher.verify(`${prefix}B`, hash), false);
      assert.equal(await hasher.verify(`${prefix}A`, hash), true);
    });

    it("depends on the pepper: the same password under another pepper does not verify", async () => {
      const hash = await hasher.hash("correct horse battery");
      const other = new PepperedBcryptHasher(pool, randomBytes(32), 4);
      assert.equal(await other.verify("correct horse battery", hash), false);
    });

    it("asks for a re-hash when the stored cost is below the configured one", async () => {
      const low = await hasher.hash("correct horse battery");
      const higher = new PepperedBcryptHasher(pool, pepper, 5);
      assert.equal(hasher.needsRehash(low), false);
      assert.equal(higher.needsRehash(low), true);
      assert.equal(higher.needsRehash("not a bcrypt hash"), true);
    });

    it("checks against a dummy hash: one real bcrypt compare at the configured cost, as a verify does", async () => {
      const calls: string[] = [];
      const recording = {
        hash: async (input: string, cost: number) => {
          calls.push(`hash@${cost}`);
          return pool.hash(input, cost);
        },
        compare: async (input: string, hash: string) => {
          calls.push(`compare@${bcrypt.getRounds(hash)}`);
          return pool.compare(input, hash);
        },
      };
      const dummy = new PepperedBcryptHasher(recording, pepper, 5);
      assert.equal(await dummy.verifyDummy("whatever password"), undefined);
      await dummy.verifyDummy("another password");
      // The dummy hash is made once, at the configured cost; every call compares against it.
      assert.deepEqual(calls, ["hash@5", "compare@5", "compare@5"]);
    });

    it("refuses an out-of-range cost", () => {
      assert.throws(() => new PepperedBcryptHasher(pool, pepper, 3));
      assert.throws(() => new PepperedBcryptHasher(pool, pepper, 32));
    });
  });

  describe("BcryptPool", () => {
    it("runs many jobs through few workers and answers each correctly", async () => {
      const small = new BcryptPool(1);
      try {
        const hashes = await Promise.all(["a", "b", "c"].map((p) => small.hash(p, 4)));
        const checks = await Promise.all(hashes.map((h, i) => small.compare(["a", "b", "c"][i], h)));
        assert.deepEqual(checks, [true, true, true]);
        assert.equal(bcrypt.getRounds(hashes[0]), 4);
      } finally {
        await small.close();
      }
    });

    it("answers false for a malformed stored hash, and keeps working", async () => {
      assert.equal(await pool.compare("x", "not-a-hash"), false);
      assert.equal(await pool.compare("x", await pool.hash("x", 4)), true);
    });
  });

  describe("assertAcceptablePassword", () => {
    /** The refusal's detail (path, reason, message), or undefined when the password is accepted. */
    const refusal = (p: string, context: PasswordContext = {}, field?: string) => {
      try {
        assertAcceptablePassword(p, field, context);
        return undefined;
      } catch (e: unknown) {
        assert.ok(isAppError(e) && e.code === "invalid-argument");
        const details = e.details as { path: string; message: string; reason: string }[];
        assert.equal(details.length, 1);
        return details[0];
      }
    };
    const problem = (p: string, context?: PasswordContext) => refusal(p, context)?.message;
    const reason = (p: string, context?: PasswordContext) => refusal(p, context)?.reason;

    it("accepts 12 to 128 characters without composition rules", () => {
      assert.equal(problem("purple elephant marmalade"), undefined);
      assert.equal(problem("correct horse battery"), undefined);
      assert.equal(problem("ünïcödé kaffeehaus gemütlich ".repeat(4).slice(0, 128)), undefined);
    });

    it("refuses short and long passwords, counting characters not bytes", () => {
      assert.match(problem("short") ?? "", /at least 12/);
      assert.equal(reason("short"), "too-short");
      assert.match(problem("a".repeat(129)) ?? "", /at most 128/);
      assert.equal(reason("a".repeat(129)), "too-long");
      assert.notEqual(reason("😀🎬🍿🎥😀🎬🍿🎥😀🎬🍿🎥"), "too-short", "12 emoji are 12 characters");
    });

    it("refuses common passwords, ignoring case", () => {
      assert.equal(isCommonPassword("password"), true);
      assert.equal(isCommonPassword("LeaveMeAlone"), true);
      assert.match(problem("qwerty123456") ?? "", /common/);
      assert.equal(reason("1qaz2wsx3edc"), "common");
      assert.equal(isCommonPassword("purple elephant marmalade"), false);
    });

    it("refuses long but easily guessed passwords (zxcvbn score below 3), saying why", () => {
      for (const weak of ["aaaaaaaaaaaa", "123456123456", "qwertyqwerty", "iloveyou1234", "abcdefghijklmnop"]) {
        assert.equal(isCommonPassword(weak), false, `${weak} is not on the list: the strength check must catch it`);
        assert.equal(reason(weak), "too-weak", weak);
      }
      assert.match(problem("aaaaaaaaaaaa") ?? "", /easy to guess.*repeated character/);
      assert.match(problem("123456123456") ?? "", /easy to guess.*repeated pattern/);
    });

    it("scores the first 32 characters: a guessable start is refused whatever follows", () => {
      assert.equal(reason(`${"a".repeat(32)} violet kettle harbour quartz`), "too-weak");
      assert.equal(reason(`violet kettle harbour quartz ${"a".repeat(96)}`), undefined);
    });

    it("refuses a password containing the email's local part, ignoring case and a +tag", () => {
      const context = { email: "marguerite.duras+films@example.com", handle: "md_1914" };
      assert.equal(reason("Marguerite.Duras loves cinema", context), "contains-email");
      assert.equal(reason("cinema marguerite.duras+films!", context), "contains-email");
      assert.match(problem("xx marguerite.duras xx zz", context) ?? "", /email/);
      assert.equal(reason("purple elephant marmalade", context), undefined);
    });

    it("refuses a password containing the handle, ignoring case", () => {
      const context = { email: "someone@example.com", handle: "nightowl_88" };
      assert.equal(reason("violet NIGHTOWL_88 tango", context), "contains-handle");
      assert.match(problem("violet nightowl_88 tango", context) ?? "", /handle/);
      assert.equal(reason("violet night owl tango", context), undefined);
    });

    it("does not look for email parts or handles shorter than 4 characters", () => {
      assert.equal(reason("purple elephant marmalade", { email: "ele@example.com", handle: "mar" }), undefined);
    });

    it("names the field it checked", () => {
      assert.equal(refusal("aaaaaaaaaaaa", {}, "newPassword")?.path, "newPassword");
      assert.equal(refusal("aaaaaaaaaaaa")?.path, "password");
    });
  });
});
