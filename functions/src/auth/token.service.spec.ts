import assert from "node:assert/strict";
import { unitAccountDeps } from "../../test/helpers/accounts";
import { sha256Hex } from "../shared/crypto";
import { isAppError } from "../shared/errors";

const isUnauthenticated = (e: unknown) => isAppError(e) && e.code === "unauthenticated";

async function setup(now = () => new Date()) {
  const deps = unitAccountDeps({ now });
  const user = await deps.userRepo.create({
    uid: "u1",
    handle: "ada",
    email: "ada@example.com",
    emailIndex: "idx",
    emailVerified: false,
    displayName: "Ada",
    passwordHash: null,
    providers: ["password"],
    now: now(),
  });
  return { ...deps, user };
}

describe("TokenService", () => {
  it("stores refresh tokens only hashed", async () => {
    const { tokens, refreshRepo } = await setup();
    const pair = await tokens.issuePair("u1", 0);
    assert.equal(Buffer.from(pair.refreshToken, "base64url").length, 32);
    assert.ok(refreshRepo.tokens.has(sha256Hex(pair.refreshToken)));
    assert.ok(![...refreshRepo.tokens.keys()].includes(pair.refreshToken));
  });

  it("rotates on every refresh: the new token works, the old one is used up", async () => {
    const { tokens, access } = await setup();
    const first = await tokens.issuePair("u1", 0);
    const second = await tokens.refresh(first.refreshToken);
    assert.notEqual(second.refreshToken, first.refreshToken);
    const caller = await access.verify(second.accessToken);
    assert.deepEqual({ uid: caller.uid, role: caller.role }, { uid: "u1", role: "user" });
    const third = await tokens.refresh(second.refreshToken);
    assert.ok(third.refreshToken);
  });

  it("revokes the whole family when a rotated token is reused", async () => {
    const { tokens, refreshRepo } = await setup();
    const first = await tokens.issuePair("u1", 0);
    const second = await tokens.refresh(first.refreshToken);
    await assert.rejects(tokens.refresh(first.refreshToken), isUnauthenticated);
    await assert.rejects(tokens.refresh(second.refreshToken), isUnauthenticated, "the thief's successor dies too");
    assert.ok([...refreshRepo.families.values()][0].revokedAt);
  });

  it("gives exactly one success to ten parallel refreshes of one token", async () => {
    const { tokens, refreshRepo } = await setup();
    const { refreshToken } = await tokens.issuePair("u1", 0);
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => tokens.refresh(refreshToken)));
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
    for (const r of results) if (r.status === "rejected") assert.ok(isUnauthenticated(r.reason));
    // The losers' uses of the spent token end the session, the winner's included (strict reuse detection).
    const winner = results.find((r) => r.status === "fulfilled")!;
    await assert.rejects(tokens.refresh(winner.value.refreshToken), isUnauthenticated);
    assert.ok([...refreshRepo.families.values()][0]!.revokedAt);
  });

  it("expires a family 30 days after sign-in, however often it rotates", async () => {
    let now = new Date("2026-01-01T00:00:00Z");
    const { tokens } = await setup(() => now);
    let pair = await tokens.issuePair("u1", 0);
    now = new Date("2026-01-29T00:00:00Z");
    pair = await tokens.refresh(pair.refreshToken);
    now = new Date("2026-01-31T00:00:01Z");
    await assert.rejects(tokens.refresh(pair.refreshToken), isUnauthenticated);
  });

  it("ends a session on logout, and every session when the token version moves", async () => {
    const { tokens, userRepo } = await setup();
    const a = await tokens.issuePair("u1", 0);
    const b = await tokens.issuePair("u1", 0);
    await tokens.revoke(a.refreshToken);
    await assert.rejects(tokens.refresh(a.refreshToken), isUnauthenticated);
    const b2 = await tokens.refresh(b.refreshToken);
    await userRepo.bumpTokenVersion("u1");
    await assert.rejects(tokens.refresh(b2.refreshToken), isUnauthenticated);
  });

  it("refuses unknown tokens, and ignores them on logout", async () => {
    const { tokens } = await setup();
    await assert.rejects(tokens.refresh("A".repeat(43)), isUnauthenticated);
    await tokens.revoke("A".repeat(43));
  });

  it("refuses a refresh once the user is deleted", async () => {
    const { tokens, userRepo } = await setup();
    const pair = await tokens.issuePair("u1", 0);
    await userRepo.deleteAccount("u1");
    await assert.rejects(tokens.refresh(pair.refreshToken), isUnauthenticated);
  });

  describe("sessions", () => {
    const isNotFound = (e: unknown) => isAppError(e) && e.code === "not-found";
    const sessionOf = async (access: { verify(t: string): Promise<{ sessionId?: string }> }, accessToken: string) =>
      (await access.verify(accessToken)).sessionId;

    it("names the session in every access token, the same across refreshes", async () => {
      const { tokens, access, refreshRepo } = await setup();
      const first = await tokens.issuePair("u1", 0);
      const id = await sessionOf(access, first.accessToken);
      assert.ok(id && refreshRepo.families.has(id));
      const second = await tokens.refresh(first.refreshToken);
      assert.equal(await sessionOf(access, second.accessToken), id);
    });

    it("lists live sessions, most recently used first, with label, last use and the current one marked", async () => {
      let now = new Date("2026-03-01T10:00:00Z");
      const { tokens, access } = await setup(() => now);
      const phone = await tokens.issuePair("u1", 0, "Pixel 8");
      now = new Date("2026-03-01T11:00:00Z");
      const tablet = await tokens.issuePair("u1", 0);
      now = new Date("2026-03-02T09:30:00Z");
      await tokens.refresh(phone.refreshToken);
      const current = await sessionOf(access, tablet.accessToken);
      const list = await tokens.listSessions("u1", current);
      assert.deepEqual(
        list.map((s) => [s.deviceLabel, s.createdAt.toISOString(), s.lastUsedAt.toISOString(), s.current]),
        [
          ["Pixel 8", "2026-03-01T10:00:00.000Z", "2026-03-02T09:30:00.000Z", false],
          [null, "2026-03-01T11:00:00.000Z", "2026-03-01T11:00:00.000Z", true],
        ],
      );
    });

    it("leaves out ended, expired and logged-out-everywhere sessions, and other users'", async () => {
      let now = new Date("2026-03-01T10:00:00Z");
      const { tokens, userRepo } = await setup(() => now);
      await userRepo.create({ ...(await userRepo.findById("u1"))!, uid: "u2", handle: "bob", emailIndex: "idx2", now: now });
      const ended = await tokens.issuePair("u1", 0, "ended");
      await tokens.revoke(ended.refreshToken);
      await tokens.issuePair("u2", 0, "someone else's");
      await tokens.issuePair("u1", 0, "before logout-all");
      await userRepo.bumpTokenVersion("u1");
      await tokens.issuePair("u1", 1, "live");
      assert.deepEqual(
        (await tokens.listSessions("u1")).map((s) => s.deviceLabel),
        ["live"],
      );
      now = new Date("2026-04-01T10:00:00Z");
      assert.deepEqual(await tokens.listSessions("u1"), [], "expired after 30 days");
    });

    it("ends one session: its refresh fails, the others still work", async () => {
      const { tokens, access } = await setup();
      const a = await tokens.issuePair("u1", 0, "a");
      const b = await tokens.issuePair("u1", 0, "b");
      await tokens.endSession("u1", (await sessionOf(access, a.accessToken))!);
      await assert.rejects(tokens.refresh(a.refreshToken), isUnauthenticated);
      await tokens.refresh(b.refreshToken);
      assert.deepEqual(
        (await tokens.listSessions("u1")).map((s) => s.deviceLabel),
        ["b"],
      );
    });

    it("answers not-found for another user's session or an unknown id, and ends nothing", async () => {
      const { tokens, access, userRepo } = await setup();
      await userRepo.create({ ...(await userRepo.findById("u1"))!, uid: "u2", handle: "bob", emailIndex: "idx2", now: new Date() });
      const theirs = await tokens.issuePair("u2", 0);
      const id = (await sessionOf(access, theirs.accessToken))!;
      await assert.rejects(tokens.endSession("u1", id), isNotFound);
      await assert.rejects(tokens.endSession("u1", "00000000-0000-4000-8000-000000000000"), isNotFound);
      await tokens.refresh(theirs.refreshToken);
    });

    it("treats ending an ended session of one's own as done", async () => {
      const { tokens, access } = await setup();
      const a = await tokens.issuePair("u1", 0);
      const id = (await sessionOf(access, a.accessToken))!;
      await tokens.endSession("u1", id);
      await tokens.endSession("u1", id);
      await assert.rejects(tokens.refresh(a.refreshToken), isUnauthenticated);
    });
  });
});
