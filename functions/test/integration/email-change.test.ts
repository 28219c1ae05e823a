import assert from "node:assert/strict";
import type { Express } from "express";
import request from "supertest";
import { EMAIL_CHANGE_UNDO_WINDOW_MS } from "../../src/recovery/email-change.service";
import { DEFAULT_EMAIL_VERIFICATION_POLICY } from "../../src/recovery/email-verification.service";
import { DEFAULT_PASSWORD_RESET_POLICY } from "../../src/recovery/recovery.service";
import { bearer, makeTestApp, registerUser, type RegisteredUser } from "../helpers/accounts";
import { appDb, providerIdToken, resetAuth, resetFirestore, verifierDb } from "../helpers/emulators";
import { linkIn, uniqueAddress, waitForMailTo } from "../helpers/mail";

const LINK_ORIGIN = "https://movie-night.example";
type App = Parameters<typeof request>[0];

/** The API over the emulators with a clock the test moves (the undo window without waiting). */
function appWithClock() {
  let now = Date.now();
  const app = makeTestApp(appDb(), {
    now: () => new Date(now),
    recovery: {
      linkOrigin: LINK_ORIGIN,
      passwordReset: DEFAULT_PASSWORD_RESET_POLICY,
      // Each test asks for a handful of links, refusals included (they count against probing).
      emailVerification: { ...DEFAULT_EMAIL_VERIFICATION_POLICY, resendsPerHour: 10 },
    },
  });
  return { app, advance: (ms: number) => (now += ms) };
}

/** The token of the `count`-th link of a kind that arrived in the mail catcher for the address. */
async function tokenIn(email: string, subject: RegExp, path: string, count = 1): Promise<string> {
  const mails = await waitForMailTo(email, { count, subject });
  return new URL(linkIn(mails.at(-1)!.text, `${LINK_ORIGIN}${path}?token=`)).searchParams.get("token")!;
}
const CHANGE_LINK = /^Confirm your new/;
const CHANGED_NOTICE = /was changed$/;
const changeToken = (email: string, count = 1) => tokenIn(email, CHANGE_LINK, "/a/verify", count);
const undoToken = (email: string) => tokenIn(email, CHANGED_NOTICE, "/a/undo-email");

const changeEmail = (app: App, user: RegisteredUser, body: Record<string, unknown>) =>
  request(app).put("/v1/me/email").set("Authorization", bearer(user.accessToken)).send(body);
const openLink = (app: App, token: string) => request(app).post("/v1/auth/email-verification").send({ token });
const undo = (app: App, token: string) => request(app).post("/v1/auth/email-change/undo").send({ token });
const signIn = (app: App, email: string, password: string) => request(app).post("/v1/auth/login").send({ email, password });
const meOf = async (app: App, accessToken: string) => (await request(app).get("/v1/me").set("Authorization", bearer(accessToken))).body;

/** A person who signed up and opened the sign-up link: only an address proved the person's gets an undo link. */
async function verifiedUser(app: Express, prefix: string): Promise<RegisteredUser> {
  const user = await registerUser(app, { email: uniqueAddress(prefix) });
  const verified = await openLink(app, await tokenIn(user.email, /^Confirm your Movie/, "/a/verify"));
  assert.equal(verified.status, 204, JSON.stringify(verified.body));
  return user;
}

/** The account's stored user document and its email index documents (what a refused request must not change). */
async function accountState(uid: string) {
  const db = verifierDb();
  const user = (await db.doc(`users/${uid}`).get()).data();
  const index = (await db.collection("emailIndex").where("uid", "==", uid).get()).docs.map((d) => [d.id, d.data()]);
  return { user, index };
}

describe("email change and its undo (emulators, mail catcher)", () => {
  beforeEach(() => resetFirestore());

  it("switches only when the new address's link is opened, tells the old one, and the undo link gives it back", async () => {
    const { app } = appWithClock();
    const user = await verifiedUser(app, "change-old");
    const newEmail = uniqueAddress("change-new");

    const before = await accountState(user.uid);
    const wrong = await changeEmail(app, user, { newEmail, password: "not the password" });
    assert.equal(wrong.status, 403, JSON.stringify(wrong.body));
    assert.deepEqual(wrong.body.error.details, [{ path: "password", message: "Wrong password" }]);
    assert.deepEqual(await accountState(user.uid), before, "a refused change changes nothing");

    const asked = await changeEmail(app, user, { newEmail: `  ${newEmail.toUpperCase()} `, password: user.password });
    assert.equal(asked.status, 202, JSON.stringify(asked.body));
    assert.equal(asked.body.pendingEmail, newEmail);
    const pending = await meOf(app, user.accessToken);
    assert.equal(pending.email, user.email);
    assert.equal(pending.pendingEmail, newEmail);
    // Until the link is opened the account signs in with its address, and the new one holds nothing.
    assert.equal((await signIn(app, user.email, user.password)).status, 200);
    assert.equal((await signIn(app, newEmail, user.password)).status, 401);

    const switched = await openLink(app, await changeToken(newEmail));
    assert.equal(switched.status, 204, JSON.stringify(switched.body));
    const after = await meOf(app, user.accessToken);
    assert.deepEqual([after.email, after.emailVerified, after.pendingEmail], [newEmail, true, null]);
    assert.equal((await signIn(app, newEmail, user.password)).status, 200);
    assert.equal((await signIn(app, user.email, user.password)).status, 401, "the old address no longer signs in");
    const stored = (await verifierDb().doc(`users/${user.uid}`).get()).data()!;
    assert.ok(!JSON.stringify(stored).includes(newEmail), "the new address is stored encrypted");

    // The old address is told, with an undo link, and stays reserved meanwhile: no one signs up with it.
    const [notice] = await waitForMailTo(user.email, { subject: CHANGED_NOTICE });
    assert.ok(!notice!.text.includes(newEmail), "the notice masks the new address");
    const taken = await request(app)
      .post("/v1/auth/register")
      .send({ email: user.email, password: "another good passphrase 9", displayName: "Someone", handle: "someone_else" });
    assert.equal(taken.status, 409);
    const again = await changeEmail(app, user, { newEmail: uniqueAddress("third"), password: user.password });
    assert.equal(again.status, 409, "no second change while the first can be undone");
    assert.deepEqual(again.body.error.details, [{ path: "newEmail", message: "recent-email-change" }]);

    // Whoever made the change could also ask for a reset link at the new address: undoing must kill it.
    assert.equal((await request(app).post("/v1/auth/password-reset").send({ email: newEmail })).status, 202);
    const intruderReset = await tokenIn(newEmail, /^Reset/, "/a/reset");

    const token = await undoToken(user.email);
    const undone = await undo(app, token);
    assert.equal(undone.status, 204, JSON.stringify(undone.body));
    assert.equal((await request(app).get("/v1/me").set("Authorization", bearer(user.accessToken))).status, 401, "every session ended");
    assert.equal((await signIn(app, user.email, user.password)).status, 401, "the password whoever changed it knew is gone");
    const confirmReset = (t: string, newPassword: string) =>
      request(app).post("/v1/auth/password-reset/confirm").send({ token: t, newPassword });
    assert.equal(
      (await confirmReset(intruderReset, "the intruder's passphrase 1")).status,
      400,
      "a reset link sent to the other address died",
    );
    // A reset link went to the restored address: the owner chooses a new password and signs in with it.
    const newPassword = "the owner's fresh passphrase 8";
    assert.equal((await confirmReset(await tokenIn(user.email, /^Reset/, "/a/reset"), newPassword)).status, 204);
    const back = await signIn(app, user.email, newPassword);
    assert.equal(back.status, 200);
    assert.deepEqual([back.body.user.email, back.body.user.emailVerified], [user.email, true]);
    assert.equal((await signIn(app, newEmail, newPassword)).status, 401);
    // The address the change went to is free again.
    const fresh = await request(app)
      .post("/v1/auth/register")
      .send({ email: newEmail, password: "another good passphrase 9", displayName: "Newcomer", handle: "newcomer" });
    assert.equal(fresh.status, 201, JSON.stringify(fresh.body));

    const reused = await undo(app, token);
    assert.equal(reused.status, 400);
    assert.deepEqual(reused.body.error.details, [{ path: "token", message: "used" }]);
  });

  it("refuses an expired or forged undo link, changing nothing, and releases the old address after 7 days", async () => {
    const { app, advance } = appWithClock();
    const user = await verifiedUser(app, "late-old");
    const newEmail = uniqueAddress("late-new");
    assert.equal((await changeEmail(app, user, { newEmail, password: user.password })).status, 202);
    assert.equal((await openLink(app, await changeToken(newEmail))).status, 204);
    const token = await undoToken(user.email);

    const forged = await undo(app, token.slice(0, -1) + (token.endsWith("A") ? "B" : "A"));
    assert.equal(forged.status, 400);
    assert.deepEqual(forged.body.error.details, [{ path: "token", message: "unknown" }]);
    advance(EMAIL_CHANGE_UNDO_WINDOW_MS);
    const before = await accountState(user.uid);
    const expired = await undo(app, token);
    assert.equal(expired.status, 400);
    assert.equal(expired.body.error.code, "invalid-argument");
    assert.deepEqual(expired.body.error.details, [{ path: "token", message: "expired" }]);
    assert.deepEqual(await accountState(user.uid), before);

    const other = await registerUser(app, { email: user.email });
    assert.notEqual(other.uid, user.uid, "after the window the old address is anyone's");
    const session = await signIn(app, newEmail, user.password);
    assert.equal(session.status, 200);
    // Deleting the account that once held the address leaves its new holder's index alone.
    const deleted = await request(app)
      .delete("/v1/me")
      .set("Authorization", bearer(session.body.accessToken))
      .send({ password: user.password });
    assert.equal(deleted.status, 204);
    assert.equal((await signIn(app, other.email, other.password)).status, 200);
  });

  it("refuses the current address and one another account holds; a new request replaces the pending one", async () => {
    const { app } = appWithClock();
    const user = await registerUser(app, { email: uniqueAddress("replace") });
    const holder = await registerUser(app, { email: uniqueAddress("holder") });

    const before = await accountState(user.uid);
    const same = await changeEmail(app, user, { newEmail: user.email, password: user.password });
    assert.equal(same.status, 400);
    assert.equal(same.body.error.code, "invalid-argument");
    const held = await changeEmail(app, user, { newEmail: holder.email, password: user.password });
    assert.equal(held.status, 409);
    assert.deepEqual(held.body.error.details, [{ path: "newEmail", message: "Already taken" }]);
    const malformed = await changeEmail(app, user, { newEmail: "not an address", password: user.password });
    assert.equal(malformed.status, 400);
    assert.deepEqual(await accountState(user.uid), before);

    const first = uniqueAddress("first");
    const second = uniqueAddress("second");
    assert.equal((await changeEmail(app, user, { newEmail: first, password: user.password })).status, 202);
    const firstToken = await changeToken(first);
    assert.equal((await changeEmail(app, user, { newEmail: second, password: user.password })).status, 202);
    const stale = await openLink(app, firstToken);
    assert.equal(stale.status, 400, "the earlier link stopped working");
    assert.deepEqual(stale.body.error.details, [{ path: "token", message: "unknown" }]);
    assert.equal((await openLink(app, await changeToken(second))).status, 204);
    assert.equal((await meOf(app, user.accessToken)).email, second);
  });

  it("sends no undo link to an address the account never verified, and frees it at once", async () => {
    const { app } = appWithClock();
    const typo = uniqueAddress("typo");
    const user = await registerUser(app, { email: typo });
    const fixed = uniqueAddress("fixed");
    assert.equal((await changeEmail(app, user, { newEmail: fixed, password: user.password })).status, 202);
    assert.equal((await openLink(app, await changeToken(fixed))).status, 204);
    const again = await changeEmail(app, user, { newEmail: uniqueAddress("again"), password: user.password });
    assert.equal(again.status, 202, "no undo window holds back the next change");
    const owner = await registerUser(app, { email: typo });
    assert.notEqual(owner.uid, user.uid, "the typo address is not held for the account");
    // The switch queues its notice and undo link before it answers: neither exists.
    const queued = await verifierDb().collection("mail").where("uid", "==", user.uid).where("kind", "==", "email-changed").get();
    assert.equal(queued.size, 0);
    const undoLinks = await verifierDb()
      .collection("accountTokens")
      .where("uid", "==", user.uid)
      .where("purpose", "==", "email-change-undo")
      .get();
    assert.equal(undoLinks.size, 0);
  });

  it("lets a Google account verify the address Google did not, with a fresh Google sign-in as proof", async () => {
    await resetAuth();
    const { app } = appWithClock();
    const email = uniqueAddress("google");
    const claims = { sub: `google-${Date.now()}`, email, email_verified: false };
    const signedIn = await request(app)
      .post("/v1/auth/firebase")
      .send({ idToken: await providerIdToken("google.com", claims) });
    assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
    assert.deepEqual([signedIn.body.user.email, signedIn.body.user.emailVerified], [email, false]);
    const user = { accessToken: signedIn.body.accessToken as string } as RegisteredUser;
    assert.equal(
      (await request(app).post("/v1/auth/email-verification/resend").set("Authorization", bearer(user.accessToken))).status,
      409,
    );

    const withPassword = await changeEmail(app, user, { newEmail: email, password: "anything at all" });
    assert.equal(withPassword.status, 409, "this account has no password");
    const asked = await changeEmail(app, user, { newEmail: email, idToken: await providerIdToken("google.com", claims) });
    assert.equal(asked.status, 202, JSON.stringify(asked.body));
    assert.equal((await openLink(app, await changeToken(email))).status, 204);
    const me = await meOf(app, user.accessToken);
    assert.deepEqual([me.email, me.emailVerified], [email, true]);
    const held = (await verifierDb().doc(`users/${signedIn.body.user.uid}`).get()).get("emailIndex");
    assert.equal(
      (await verifierDb().doc(`emailIndex/${held}`).get()).get("uid"),
      signedIn.body.user.uid,
      "the address is now the account's",
    );
  });

  it("exports the pending address and keeps no reservation after the account is deleted", async () => {
    const { app } = appWithClock();
    const user = await verifiedUser(app, "export-old");
    const first = uniqueAddress("export-new");
    assert.equal((await changeEmail(app, user, { newEmail: first, password: user.password })).status, 202);
    const exported = await request(app).get("/v1/me/export").set("Authorization", bearer(user.accessToken));
    assert.equal(exported.body.account.pendingEmail, first);
    assert.ok(exported.body.data.accountTokens.some((t: { purpose: string }) => t.purpose === "email-change"));

    assert.equal((await openLink(app, await changeToken(first))).status, 204);
    const session = await signIn(app, first, user.password);
    const deleted = await request(app)
      .delete("/v1/me")
      .set("Authorization", bearer(session.body.accessToken))
      .send({ password: user.password });
    assert.equal(deleted.status, 204);
    const left = await verifierDb().collection("emailIndex").where("uid", "==", user.uid).get();
    assert.deepEqual(
      left.docs.map((d) => d.id),
      [],
      "the current address and the reserved old one are both free",
    );
  });
});
