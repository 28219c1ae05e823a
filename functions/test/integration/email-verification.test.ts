import assert from "node:assert/strict";
import request from "supertest";
import { DEFAULT_PASSWORD_RESET_POLICY } from "../../src/recovery/recovery.service";
import { DEFAULT_EMAIL_VERIFICATION_POLICY } from "../../src/recovery/email-verification.service";
import { sha256Hex } from "../../src/shared/crypto";
import { bearer, makeTestApp, registerUser } from "../helpers/accounts";
import { appDb, resetFirestore, verifierDb } from "../helpers/emulators";
import { linkIn, uniqueAddress, waitForMailTo } from "../helpers/mail";

const LINK_ORIGIN = "https://movie-night.example";
const VERIFICATION_MAIL = /^Confirm your/;

/** The API over the emulator with a clock the test moves (link expiry without waiting). */
function appWithClock(resendsPerHour = DEFAULT_EMAIL_VERIFICATION_POLICY.resendsPerHour) {
  let now = Date.now();
  const app = makeTestApp(appDb(), {
    now: () => new Date(now),
    recovery: {
      linkOrigin: LINK_ORIGIN,
      passwordReset: DEFAULT_PASSWORD_RESET_POLICY,
      emailVerification: { ...DEFAULT_EMAIL_VERIFICATION_POLICY, resendsPerHour },
    },
  });
  return { app, advance: (ms: number) => (now += ms) };
}

/** The token of the `count`-th verification link that arrived in the local mail catcher for the address. */
async function verificationToken(email: string, count = 1): Promise<string> {
  const mails = await waitForMailTo(email, { count, subject: VERIFICATION_MAIL });
  const link = linkIn(mails.at(-1)!.text, `${LINK_ORIGIN}/a/verify?token=`);
  return new URL(link).searchParams.get("token")!;
}

const meOf = async (app: Parameters<typeof request>[0], accessToken: string) =>
  (await request(app).get("/v1/me").set("Authorization", bearer(accessToken))).body;

/** What a refused verification must leave as it was: the user and the account's tokens. */
async function snapshot(uid: string) {
  const db = verifierDb();
  const user = (await db.doc(`users/${uid}`).get()).data();
  const tokens = (await db.collection("accountTokens").where("uid", "==", uid).get()).docs.map((d) => [d.id, d.data()]);
  return { user, tokens };
}

const verify = (app: Parameters<typeof request>[0], token: string) => request(app).post("/v1/auth/email-verification").send({ token });

describe("email verification (emulators, mail catcher)", () => {
  beforeEach(() => resetFirestore());

  it("mails a link at sign-up that verifies the address through the API", async () => {
    const { app } = appWithClock();
    const user = await registerUser(app, { email: uniqueAddress("verify") });
    assert.equal((await meOf(app, user.accessToken)).emailVerified, false);

    const token = await verificationToken(user.email);
    const stored = (
      await verifierDb()
        .doc(`accountTokens/${sha256Hex(token)}`)
        .get()
    ).data();
    assert.equal(stored?.purpose, "email-verification", "stored by its hash");
    assert.equal(stored?.emailIndex, (await verifierDb().doc(`users/${user.uid}`).get()).get("emailIndex"), "bound to the address");

    const res = await verify(app, token);
    assert.equal(res.status, 204, JSON.stringify(res.body));
    assert.equal((await meOf(app, user.accessToken)).emailVerified, true);
  });

  it("refuses a used, an expired and a forged token with a 400 in the error format, changing nothing", async () => {
    const { app, advance } = appWithClock();
    const used = await registerUser(app, { email: uniqueAddress("used") });
    const usedToken = await verificationToken(used.email);
    assert.equal((await verify(app, usedToken)).status, 204);
    const afterUse = await snapshot(used.uid);
    const again = await verify(app, usedToken);
    assert.equal(again.status, 400);
    assert.equal(again.body.error.code, "invalid-argument");
    assert.deepEqual(again.body.error.details, [{ path: "token", message: "used" }]);
    assert.deepEqual(await snapshot(used.uid), afterUse);

    const late = await registerUser(app, { email: uniqueAddress("late") });
    const lateToken = await verificationToken(late.email);
    advance(DEFAULT_EMAIL_VERIFICATION_POLICY.tokenTtlMs);
    const beforeExpired = await snapshot(late.uid);
    const expired = await verify(app, lateToken);
    assert.equal(expired.status, 400);
    assert.equal(expired.body.error.code, "invalid-argument");
    assert.deepEqual(expired.body.error.details, [{ path: "token", message: "expired" }]);

    const forged = await verify(app, lateToken.slice(0, -1) + (lateToken.endsWith("A") ? "B" : "A"));
    assert.equal(forged.status, 400);
    assert.deepEqual(forged.body.error.details, [{ path: "token", message: "unknown" }]);
    const malformed = await verify(app, "x");
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.error.code, "invalid-argument");
    assert.deepEqual(await snapshot(late.uid), beforeExpired);
    assert.equal((await meOf(app, late.accessToken)).emailVerified, false);
  });

  it("resends a new link to a signed-in person (the old one stops working), a few per hour, none once verified", async () => {
    const { app } = appWithClock(2);
    const user = await registerUser(app, { email: uniqueAddress("resend") });
    const first = await verificationToken(user.email);
    const resend = () => request(app).post("/v1/auth/email-verification/resend").set("Authorization", bearer(user.accessToken));
    assert.equal((await request(app).post("/v1/auth/email-verification/resend")).status, 401);

    const sent = await resend();
    assert.equal(sent.status, 202, JSON.stringify(sent.body));
    const second = await verificationToken(user.email, 2);
    assert.notEqual(second, first);
    assert.equal((await resend()).status, 202);
    const limited = await resend();
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error.code, "resource-exhausted");
    assert.ok(Number(limited.headers["retry-after"]) > 0);

    assert.deepEqual((await verify(app, first)).body.error.details, [{ path: "token", message: "unknown" }]);
    const latest = await verificationToken(user.email, 3);
    assert.equal((await verify(app, latest)).status, 204);
    const verified = await resend();
    assert.equal(verified.status, 409);
    assert.equal(verified.body.error.code, "failed-precondition");
  });

  it("exports the pending link and its mail without the token (deletion: the password-reset test erases every purpose)", async () => {
    const { app } = appWithClock();
    const user = await registerUser(app, { email: uniqueAddress("export") });
    const token = await verificationToken(user.email);
    const exported = await request(app).get("/v1/me/export").set("Authorization", bearer(user.accessToken));
    assert.equal(exported.status, 200);
    assert.equal(exported.body.account.emailVerified, false);
    assert.deepEqual(
      exported.body.data.accountTokens.map((t: { purpose: string }) => t.purpose),
      ["email-verification"],
    );
    assert.deepEqual(
      exported.body.data.mail.map((m: { kind: string }) => m.kind),
      ["email-verification"],
    );
    assert.ok(!JSON.stringify(exported.body).includes(token), "the export holds no live link");
  });
});
