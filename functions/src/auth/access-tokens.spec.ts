import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import jwt from "jsonwebtoken";
import { isAppError } from "../shared/errors";
import { AccessTokenService, type SessionState } from "./access-tokens";

const settings = { signingKey: randomBytes(32), issuer: "movie-night-api", audience: "movie-night-app", ttlSeconds: 900 };

function serviceWith(states: Record<string, SessionState>) {
  return new AccessTokenService(settings, { sessionState: async (uid) => states[uid] });
}

const rejectsAs = async (p: Promise<unknown>, reason: string) =>
  assert.rejects(p, (e: unknown) => isAppError(e) && e.code === "unauthenticated" && (e.details as { reason: string }).reason === reason);

const sign = (payload: object, options: jwt.SignOptions = {}, key: jwt.Secret = settings.signingKey) =>
  jwt.sign({ use: "access", ver: 0, ...payload }, key, {
    algorithm: "HS256",
    header: { alg: "HS256", typ: "at+jwt" },
    issuer: settings.issuer,
    audience: settings.audience,
    subject: "u1",
    jwtid: "j1",
    expiresIn: 60,
    ...options,
  });

describe("AccessTokenService", () => {
  const service = serviceWith({ u1: { tokenVersion: 0, role: "user" }, admin: { tokenVersion: 3, role: "admin" } });

  it("issues a 15-minute HS256 JWT with iss, aud, sub, iat, exp, jti and the token version", async () => {
    const { accessToken, expiresIn } = service.issue("u1", 0);
    assert.equal(expiresIn, 900);
    const decoded = jwt.decode(accessToken, { complete: true }) as jwt.Jwt;
    assert.deepEqual(decoded.header, { alg: "HS256", typ: "at+jwt" });
    const p = decoded.payload as jwt.JwtPayload;
    assert.equal(p.iss, "movie-night-api");
    assert.equal(p.aud, "movie-night-app");
    assert.equal(p.sub, "u1");
    assert.equal(p.ver, 0);
    assert.equal((p.exp ?? 0) - (p.iat ?? 0), 900);
    assert.ok(p.jti);
    assert.notEqual(service.issue("u1", 0).accessToken, accessToken, "jti makes every token unique");
    assert.deepEqual(await service.verify(accessToken), { uid: "u1", role: "user" });
  });

  it("takes the role from the user's current state", async () => {
    assert.deepEqual(await service.verify(service.issue("admin", 3).accessToken), { uid: "admin", role: "admin" });
  });

  it("refuses alg none", async () => {
    const unsigned = jwt.sign({ use: "access", ver: 0, sub: "u1", iss: settings.issuer, aud: settings.audience }, "", {
      algorithm: "none",
    });
    await rejectsAs(service.verify(unsigned), "invalid");
  });

  it("refuses another algorithm with the same key", async () => {
    await rejectsAs(service.verify(sign({}, { algorithm: "HS512", header: { alg: "HS512", typ: "at+jwt" } })), "invalid");
  });

  it("refuses an expired token", async () => {
    await rejectsAs(service.verify(sign({}, { expiresIn: -10 })), "expired");
  });

  it("refuses a tampered payload or signature", async () => {
    const [h, p, s] = service.issue("u1", 0).accessToken.split(".");
    const payload = JSON.parse(Buffer.from(p, "base64url").toString());
    const forged = Buffer.from(JSON.stringify({ ...payload, sub: "admin" })).toString("base64url");
    await rejectsAs(service.verify(`${h}.${forged}.${s}`), "invalid");
    await rejectsAs(service.verify(`${h}.${p}.${s.slice(0, -2)}AA`), "invalid");
  });

  it("refuses a token signed with another key, issuer or audience", async () => {
    await rejectsAs(service.verify(sign({}, {}, randomBytes(32))), "invalid");
    await rejectsAs(service.verify(sign({}, { issuer: "someone-else" })), "invalid");
    await rejectsAs(service.verify(sign({}, { audience: "another-app" })), "invalid");
  });

  it("refuses tokens of the wrong type", async () => {
    await rejectsAs(service.verify(sign({ use: "refresh" })), "wrong-type");
    await rejectsAs(service.verify(sign({}, { header: { alg: "HS256", typ: "JWT" } })), "wrong-type");
    await rejectsAs(service.verify(sign({ ver: "0" })), "wrong-type");
  });

  it("refuses a token whose version was revoked, or whose user is gone", async () => {
    await rejectsAs(service.verify(service.issue("admin", 2).accessToken), "revoked");
    await rejectsAs(service.verify(service.issue("ghost", 0).accessToken), "revoked");
  });

  it("refuses garbage", async () => {
    for (const t of ["", "a.b.c", "not a jwt", "eyJhbGciOiJIUzI1NiJ9.e30."]) await rejectsAs(service.verify(t), "invalid");
  });

  it("refuses a signing key shorter than 256 bits", () => {
    assert.throws(() => new AccessTokenService({ ...settings, signingKey: randomBytes(31) }, { sessionState: async () => undefined }));
  });
});
