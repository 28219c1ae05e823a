import assert from "node:assert/strict";
import request from "supertest";
import { DEFAULT_PASSWORD_RESET_POLICY } from "../../src/recovery/recovery.service";
import { sha256Hex } from "../../src/shared/crypto";
import { makeAccountDeletionCascade } from "../../src/deps";
import { makeTestApp, registerUser } from "../helpers/accounts";
import { appDb, resetFirestore, verifierDb } from "../helpers/emulators";
import { linkIn, uniqueAddress, waitForMailTo } from "../helpers/mail";

const LINK_ORIGIN = "https://movie-night.example";
const NEW_PASSWORD = "a much better passphrase 42";
/** The reset link and the password-changed notice (not the sign-up's verification link). */
const PASSWORD_MAIL = /password/;

/** The API over the emulator with a clock the test moves (token expiry without waiting). */
function appWithClock() {
  let now = Date.now();
  const app = makeTestApp(appDb(), {
    now: () => new Date(now),
    recovery: { linkOrigin: LINK_ORIGIN, passwordReset: { ...DEFAULT_PASSWORD_RESET_POLICY, minResponseMs: 50 } },
  });
  return { app, advance: (ms: number) => (now += ms) };
}

/** Asks for a reset and returns the token from the link that arrives in the local mail catcher. */
async function resetTokenFor(app: Parameters<typeof request>[0], email: string, count = 1): Promise<string> {
  const res = await request(app).post("/v1/auth/password-reset").send({ email });
  assert.equal(res.status, 202);
  const mails = await waitForMailTo(email, { count, subject: PASSWORD_MAIL });
  const link = linkIn(mails.at(-1)!.text, `${LINK_ORIGIN}/a/reset?token=`);
  return new URL(link).searchParams.get("token")!;
}

/** Everything a failed confirmation must leave as it was: the user, the token record, the outbox. */
async function snapshot(uid: string) {
  const db = verifierDb();
  const user = (await db.doc(`users/${uid}`).get()).data();
  const tokens = (await db.collection("accountTokens").where("uid", "==", uid).get()).docs.map((d) => [d.id, d.data()]);
  const mail = (await db.collection("mail").where("uid", "==", uid).get()).docs.map((d) => [d.id, d.get("kind")]);
  return { user, tokens, mail };
}

describe("password reset (emulators, mail catcher)", () => {
  beforeEach(() => resetFirestore());

  it("resets through the mailed link: the new password works, every session ends, a notice arrives", async () => {
    const { app } = appWithClock();
    const user = await registerUser(app, { email: uniqueAddress("reset") });
    const token = await resetTokenFor(app, user.email);
    assert.ok(
      (
        await verifierDb()
          .doc(`accountTokens/${sha256Hex(token)}`)
          .get()
      ).exists,
      "stored by its hash",
    );

    const confirmed = await request(app).post("/v1/auth/password-reset/confirm").send({ token, newPassword: NEW_PASSWORD });
    assert.equal(confirmed.status, 204, JSON.stringify(confirmed.body));

    assert.equal((await request(app).post("/v1/auth/refresh").send({ refreshToken: user.refreshToken })).status, 401);
    assert.equal((await request(app).get("/v1/me").set("Authorization", `Bearer ${user.accessToken}`)).status, 401);
    assert.equal((await request(app).post("/v1/auth/login").send({ email: user.email, password: user.password })).status, 401);
    assert.equal((await request(app).post("/v1/auth/login").send({ email: user.email, password: NEW_PASSWORD })).status, 200);

    const mails = await waitForMailTo(user.email, { count: 2, subject: PASSWORD_MAIL });
    assert.deepEqual(
      mails.map((m) => m.subject),
      ["Reset your Movie Night password", "Your Movie Night password was changed"],
    );
  });

  it("answers a known and an unknown address with the same status and body, and mails only the account", async () => {
    const { app } = appWithClock();
    const user = await registerUser(app, { email: uniqueAddress("known") });
    const unknown = uniqueAddress("unknown");
    const known = await request(app).post("/v1/auth/password-reset").send({ email: user.email });
    const other = await request(app).post("/v1/auth/password-reset").send({ email: unknown });
    assert.equal(known.status, 202);
    assert.equal(other.status, known.status);
    assert.deepEqual(other.body, known.body);
    assert.deepEqual(Object.keys(other.headers).sort(), Object.keys(known.headers).sort());
    await waitForMailTo(user.email, { subject: PASSWORD_MAIL });
    const queued = (await verifierDb().collection("mail").where("kind", "==", "password-reset").get()).docs.map((d) => d.get("to"));
    assert.deepEqual(queued, [user.email], "nothing is queued for the unknown address");
  });

  it("refuses a used, an expired and a forged token with a 400 in the error format, changing nothing", async () => {
    const { app, advance } = appWithClock();
    const user = await registerUser(app, { email: uniqueAddress("tokens") });

    // Used: the first confirmation wins; the second changes nothing.
    const used = await resetTokenFor(app, user.email);
    assert.equal((await request(app).post("/v1/auth/password-reset/confirm").send({ token: used, newPassword: NEW_PASSWORD })).status, 204);
    await waitForMailTo(user.email, { count: 2, subject: PASSWORD_MAIL }); // the notice, so no delivery write races the snapshot
    const afterUse = await snapshot(user.uid);
    const again = await request(app).post("/v1/auth/password-reset/confirm").send({ token: used, newPassword: "another passphrase 1234" });
    assert.equal(again.status, 400);
    assert.equal(again.body.error.code, "invalid-argument");
    assert.deepEqual(again.body.error.details, [{ path: "token", message: "used" }]);
    assert.deepEqual(await snapshot(user.uid), afterUse);

    // Expired: 30 minutes later on the service's clock.
    const late = await resetTokenFor(app, user.email, 3);
    advance(DEFAULT_PASSWORD_RESET_POLICY.tokenTtlMs);
    const beforeExpired = await snapshot(user.uid);
    const expired = await request(app)
      .post("/v1/auth/password-reset/confirm")
      .send({ token: late, newPassword: "another passphrase 1234" });
    assert.equal(expired.status, 400);
    assert.deepEqual(expired.body.error.details, [{ path: "token", message: "expired" }]);
    assert.deepEqual(await snapshot(user.uid), beforeExpired);

    // Forged: the right shape, never issued; and a malformed one.
    const forged = await request(app)
      .post("/v1/auth/password-reset/confirm")
      .send({ token: late.slice(0, -1) + (late.endsWith("A") ? "B" : "A"), newPassword: "another passphrase 1234" });
    assert.equal(forged.status, 400);
    assert.deepEqual(forged.body.error.details, [{ path: "token", message: "unknown" }]);
    const malformed = await request(app)
      .post("/v1/auth/password-reset/confirm")
      .send({ token: "x", newPassword: "another passphrase 1234" });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.error.code, "invalid-argument");
    assert.deepEqual(await snapshot(user.uid), beforeExpired);
    assert.equal((await request(app).post("/v1/auth/login").send({ email: user.email, password: NEW_PASSWORD })).status, 200);
  });

  it("tells the person by mail when their password is changed", async () => {
    const { app } = appWithClock();
    const user = await registerUser(app, { email: uniqueAddress("changed") });
    const res = await request(app)
      .put("/v1/me/password")
      .set("Authorization", `Bearer ${user.accessToken}`)
      .send({ currentPassword: user.password, newPassword: NEW_PASSWORD });
    assert.equal(res.status, 200);
    const [mail] = await waitForMailTo(user.email, { subject: PASSWORD_MAIL });
    assert.equal(mail!.subject, "Your Movie Night password was changed");
  });

  it("exports a person's pending links and queued mail without tokens or bodies, and deletion erases both", async () => {
    const { app } = appWithClock();
    const user = await registerUser(app, { email: uniqueAddress("export") });
    const token = await resetTokenFor(app, user.email);
    const exported = await request(app).get("/v1/me/export").set("Authorization", `Bearer ${user.accessToken}`);
    assert.equal(exported.status, 200);
    assert.deepEqual(exported.body.data.accountTokens.map((t: { purpose: string; usedAt: unknown }) => [t.purpose, t.usedAt]).sort(), [
      ["email-verification", null],
      ["password-reset", null],
    ]);
    assert.deepEqual(exported.body.data.mail.map((m: { kind: string }) => m.kind).sort(), ["email-verification", "password-reset"]);
    assert.ok(!JSON.stringify(exported.body).includes(token), "the export holds no live link");

    assert.equal(
      (await request(app).delete("/v1/me").set("Authorization", `Bearer ${user.accessToken}`).send({ password: user.password })).status,
      204,
    );
    await makeAccountDeletionCascade(appDb()).run(user.uid);
    assert.equal((await verifierDb().collection("accountTokens").where("uid", "==", user.uid).get()).size, 0);
    assert.equal((await verifierDb().collection("mail").where("uid", "==", user.uid).get()).size, 0);
  });
});
