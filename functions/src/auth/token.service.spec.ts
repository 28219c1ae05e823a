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
    assert.deepEqual(await access.verify(second.accessToken), { uid: "u1", role: "user" });
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
});
