import assert from "node:assert/strict";
import type { Express } from "express";
import type { DocumentReference, Firestore } from "firebase-admin/firestore";
import request from "supertest";
import { linkIn, uniqueAddress, waitForMailTo } from "../helpers/mail";
import { makeAccountDeletionCascade } from "../../src/deps";
import { sha256Hex } from "../../src/shared/crypto";
import { bearer, generousBudgets, makeTestApp, registerUser } from "../helpers/accounts";
import { appDb, providerIdToken, resetAuth, resetFirestore, verifierDb } from "../helpers/emulators";
import { expectLoggedErrors } from "../helpers/logs";

/** The stored documents a request's outcome is about: every document but the rate limit counters it spent. */
async function storedData(db: Firestore): Promise<{ path: string; data: unknown }[]> {
  return (await allDocuments(db)).filter((d) => !d.path.startsWith("rateLimits/"));
}

/** Every document in the database, with its path, read through the independent verifier client. */
async function allDocuments(db: Firestore): Promise<{ path: string; data: unknown }[]> {
  const out: { path: string; data: unknown }[] = [];
  const walk = async (refs: DocumentReference[]) => {
    for (const ref of refs) {
      const snap = await ref.get();
      if (snap.exists) out.push({ path: ref.path, data: snap.data() });
      for (const sub of await ref.listCollections()) await walk(await sub.listDocuments());
    }
  };
  for (const collection of await db.listCollections()) await walk(await collection.listDocuments());
  return out;
}

describe("accounts (Firestore and Auth emulators)", () => {
  let app: Express;

  beforeEach(async () => {
    await Promise.all([resetFirestore(), resetAuth()]);
    app = makeTestApp(appDb());
  });

  describe("sign-up", () => {
    it("stores the account with no plaintext email or display name anywhere", async () => {
      const user = await registerUser(app, { email: "  Plain.Text@Example.COM", displayName: "Visible Name Zq" });
      const docs = await allDocuments(verifierDb());
      assert.ok(docs.some((d) => d.path === `users/${user.uid}`));
      assert.ok(docs.some((d) => d.path === `handles/${user.handle}`));
      // The outbox is the one place an address is stored in plaintext (the mail extension's format), and only
      // until delivery plus an hour (TTL): here, the verification link the sign-up queued.
      const outbox = docs.filter((d) => d.path.startsWith("mail/"));
      assert.deepEqual(
        outbox.map((d) => (d.data as { kind?: string }).kind),
        ["email-verification"],
      );
      const raw = JSON.stringify(docs.filter((d) => !d.path.startsWith("mail/"))).toLowerCase();
      for (const secret of ["plain.text@example.com", "plain.text", "visible name zq", user.password.toLowerCase()]) {
        assert.ok(!raw.includes(secret), `found ${secret} in stored data`);
      }
      const stored = docs.find((d) => d.path === `users/${user.uid}`)?.data as Record<string, { kid?: string }>;
      assert.equal(stored.email.kid, "k1");
      assert.equal(stored.displayName.kid, "k1");
      assert.ok(
        docs.some((d) => d.path === `refreshTokens/${sha256Hex(user.refreshToken)}`),
        "refresh tokens stored hashed",
      );
      assert.ok(!raw.includes(user.refreshToken.toLowerCase()));
    });

    it("answers 409 for a taken email (any case) or handle, and stores nothing new", async () => {
      const first = await registerUser(app);
      const before = (await storedData(verifierDb())).length;
      const dupEmail = await request(app)
        .post("/v1/auth/register")
        .send({ email: first.email.toUpperCase(), password: "another long password", displayName: "X", handle: "other_handle" })
        .expect(409);
      assert.equal(dupEmail.body.error.details[0].path, "email");
      const dupHandle = await request(app)
        .post("/v1/auth/register")
        .send({ email: "new@example.com", password: "another long password", displayName: "X", handle: first.handle })
        .expect(409);
      assert.equal(dupHandle.body.error.details[0].path, "handle");
      assert.equal((await storedData(verifierDb())).length, before);
    });

    it("refuses a common password with 400 and stores nothing", async () => {
      const res = await request(app)
        .post("/v1/auth/register")
        .send({ email: "c@example.com", password: "1qaz2wsx3edc", displayName: "C", handle: "ccc" })
        .expect(400);
      assert.equal(res.body.error.details[0].path, "password");
      assert.equal((await storedData(verifierDb())).length, 0);
    });
  });

  describe("sign-in, refresh and sign-out", () => {
    it("signs in, refreshes with rotation, and revokes the family on reuse", async () => {
      const user = await registerUser(app);
      const login = await request(app).post("/v1/auth/login").send({ email: user.email, password: user.password }).expect(200);
      assert.equal(login.body.user.uid, user.uid);
      const r1 = await request(app).post("/v1/auth/refresh").send({ refreshToken: login.body.refreshToken }).expect(200);
      await request(app).get("/v1/me").set("Authorization", bearer(r1.body.accessToken)).expect(200);
      const stored = await verifierDb().collection("refreshTokens").doc(sha256Hex(login.body.refreshToken)).get();
      assert.ok(stored.get("usedAt"));
      // Replaying the rotated token revokes the session: its successor stops working too.
      await request(app).post("/v1/auth/refresh").send({ refreshToken: login.body.refreshToken }).expect(401);
      await request(app).post("/v1/auth/refresh").send({ refreshToken: r1.body.refreshToken }).expect(401);
      const family = await verifierDb().collection("refreshFamilies").doc(stored.get("familyId")).get();
      assert.equal(family.get("revokedReason"), "reuse");
      // The registration's own session is another family and still works.
      await request(app).post("/v1/auth/refresh").send({ refreshToken: user.refreshToken }).expect(200);
    });

    it("gives exactly one success to ten parallel refreshes of one token", async () => {
      const user = await registerUser(app);
      const results = await Promise.all(
        Array.from({ length: 10 }, () => request(app).post("/v1/auth/refresh").send({ refreshToken: user.refreshToken })),
      );
      assert.deepEqual(results.map((r) => r.status).sort(), [200, 401, 401, 401, 401, 401, 401, 401, 401, 401]);
      // Each loser's use of a spent token counts as reuse and ends the session, the winner's included
      // (docs/DECISIONS.md: strict, as reuse detection must be): its new refresh token is refused too.
      const winner = results.find((r) => r.status === 200)!;
      await request(app).post("/v1/auth/refresh").send({ refreshToken: winner.body.refreshToken }).expect(401);
      const stored = await verifierDb().collection("refreshTokens").doc(sha256Hex(user.refreshToken)).get();
      const family = await verifierDb().collection("refreshFamilies").doc(stored.get("familyId")).get();
      assert.equal(family.get("revokedReason"), "reuse");
      for (const r of results.filter((x) => x.status === 401)) assert.equal(r.body.error.code, "unauthenticated");
    });

    it("logout ends the session; logout-all ends every session and access token", async () => {
      const user = await registerUser(app);
      const other = await request(app).post("/v1/auth/login").send({ email: user.email, password: user.password }).expect(200);
      await request(app).post("/v1/auth/logout").send({ refreshToken: user.refreshToken }).expect(204);
      await request(app).post("/v1/auth/refresh").send({ refreshToken: user.refreshToken }).expect(401);
      await request(app).get("/v1/me").set("Authorization", bearer(other.body.accessToken)).expect(200);
      await request(app).post("/v1/auth/logout-all").set("Authorization", bearer(other.body.accessToken)).expect(204);
      await request(app).get("/v1/me").set("Authorization", bearer(other.body.accessToken)).expect(401);
      await request(app).post("/v1/auth/refresh").send({ refreshToken: other.body.refreshToken }).expect(401);
      const stored = await verifierDb().collection("users").doc(user.uid).get();
      assert.equal(stored.get("tokenVersion"), 1);
    });

    it("locks the account after 10 failures (429, Retry-After), for unknown emails alike", async () => {
      const user = await registerUser(app);
      for (const email of [user.email, "nobody@example.com"]) {
        const statuses: number[] = [];
        for (let i = 0; i < 10; i++) {
          statuses.push((await request(app).post("/v1/auth/login").send({ email, password: "wrong password!!" })).status);
        }
        assert.deepEqual(new Set(statuses), new Set([401]));
        const locked = await request(app).post("/v1/auth/login").send({ email, password: user.password }).expect(429);
        assert.equal(locked.body.error.code, "resource-exhausted");
        assert.ok(Number(locked.get("Retry-After")) >= 1);
      }
    });

    it("a success resets the failure count", async () => {
      const user = await registerUser(app);
      for (let i = 0; i < 9; i++)
        await request(app).post("/v1/auth/login").send({ email: user.email, password: "wrong password!!" }).expect(401);
      await request(app).post("/v1/auth/login").send({ email: user.email, password: user.password }).expect(200);
      for (let i = 0; i < 9; i++)
        await request(app).post("/v1/auth/login").send({ email: user.email, password: "wrong password!!" }).expect(401);
      await request(app).post("/v1/auth/login").send({ email: user.email, password: user.password }).expect(200);
    });

    it("limits sign-in attempts per client address (the address Google's front end recorded)", async () => {
      const limited = makeTestApp(appDb(), { http: { rateLimits: { ...generousBudgets(), signin: "ip=3/900" } } });
      const user = await registerUser(limited);
      // As Google's front end writes it: whatever the client sent, then the client it saw, then itself.
      const from = (client: string, forged = "198.51.100.1") => `${forged}, ${client}, 35.191.0.1`;
      for (let i = 0; i < 3; i++) {
        await request(limited)
          .post("/v1/auth/login")
          .set("X-Forwarded-For", from("203.0.113.7", `198.51.100.${i}`))
          .send({ email: `x${i}@example.com`, password: "p" })
          .expect(401);
      }
      const res = await request(limited)
        .post("/v1/auth/login")
        .set("X-Forwarded-For", from("203.0.113.7", "198.51.100.99"))
        .send({ email: user.email, password: user.password })
        .expect(429);
      assert.ok(Number(res.get("Retry-After")) > 0);
      await request(limited)
        .post("/v1/auth/login")
        .set("X-Forwarded-For", from("203.0.113.8"))
        .send({ email: user.email, password: user.password })
        .expect(200);
      const keys = (await verifierDb().collection("rateLimits").listDocuments()).map((d) => d.id).join(" ");
      assert.ok(keys.length > 0 && !keys.includes("203.0.113"), "addresses are stored hashed");
    });
  });

  describe("password change", () => {
    it("revokes every other session and keeps the caller signed in", async () => {
      const user = await registerUser(app);
      const other = await request(app).post("/v1/auth/login").send({ email: user.email, password: user.password }).expect(200);
      const res = await request(app)
        .put("/v1/me/password")
        .set("Authorization", bearer(user.accessToken))
        .send({ currentPassword: user.password, newPassword: "an entirely new passphrase" })
        .expect(200);
      await request(app).get("/v1/me").set("Authorization", bearer(res.body.accessToken)).expect(200);
      await request(app).post("/v1/auth/refresh").send({ refreshToken: res.body.refreshToken }).expect(200);
      await request(app).get("/v1/me").set("Authorization", bearer(user.accessToken)).expect(401);
      await request(app).get("/v1/me").set("Authorization", bearer(other.body.accessToken)).expect(401);
      await request(app).post("/v1/auth/refresh").send({ refreshToken: other.body.refreshToken }).expect(401);
      await request(app).post("/v1/auth/login").send({ email: user.email, password: user.password }).expect(401);
      await request(app).post("/v1/auth/login").send({ email: user.email, password: "an entirely new passphrase" }).expect(200);
    });
  });

  describe("Google and Apple sign-in through the Auth emulator", () => {
    it("creates an account keyed by the provider's user id and signs the same person in again", async () => {
      const idToken = await providerIdToken("google.com", {
        sub: "google-123",
        email: "g.user@example.com",
        email_verified: true,
        name: "G User",
      });
      const first = await request(app).post("/v1/auth/firebase").send({ idToken }).expect(200);
      assert.equal(first.body.created, true);
      assert.deepEqual(first.body.user.providers, ["google.com"]);
      const identity = await verifierDb().collection("identities").doc("google.com:google-123").get();
      assert.equal(identity.get("uid"), first.body.user.uid);
      const again = await request(app)
        .post("/v1/auth/firebase")
        .send({ idToken: await providerIdToken("google.com", { sub: "google-123", email: "g.user@example.com", email_verified: true }) })
        .expect(200);
      assert.equal(again.body.user.uid, first.body.user.uid);
      assert.equal(again.body.created, false);
      await request(app).get("/v1/me").set("Authorization", bearer(again.body.accessToken)).expect(200);
    });

    // Linking into a password-less account is covered by the unit specs with a fake verifier: the Auth
    // emulator itself refuses a second provider for an email another provider already verified.
    it("keeps an unverified Apple sign-in separate and refuses to link a verified one into a verified password account", async () => {
      const email = uniqueAddress("linked");
      const user = await registerUser(app, { email });
      const unverified = await providerIdToken("apple.com", { sub: "apple-1", email, email_verified: false });
      const separate = await request(app).post("/v1/auth/firebase").send({ idToken: unverified }).expect(200);
      assert.notEqual(separate.body.user.uid, user.uid);
      // The owner confirms the address through the mailed link; its password account then keeps the address.
      const [mail] = await waitForMailTo(email, { subject: /^Confirm your/ });
      const token = new URL(linkIn(mail!.text, "http://127.0.0.1:5002/a/verify?token=")).searchParams.get("token");
      await request(app).post("/v1/auth/email-verification").send({ token }).expect(204);
      // Pre-hijacking: a password account does not link automatically, even to a verified provider address.
      const verified = await providerIdToken("apple.com", { sub: "apple-2", email: email.toUpperCase(), email_verified: true });
      const res = await request(app).post("/v1/auth/firebase").send({ idToken: verified }).expect(409);
      assert.equal(res.body.error.code, "failed-precondition");
      const me = await request(app).get("/v1/me").set("Authorization", bearer(user.accessToken)).expect(200);
      assert.deepEqual(me.body.providers, ["password"]);
      assert.equal(me.body.emailVerified, true);
      assert.equal((await verifierDb().collection("identities").where("uid", "==", user.uid).get()).size, 0);
    });

    it("gives a verified Apple sign-in the address an unverified password sign-up holds", async () => {
      const email = uniqueAddress("held");
      const holder = await registerUser(app, { email });
      const idToken = await providerIdToken("apple.com", { sub: "apple-3", email, email_verified: true });
      const res = await request(app).post("/v1/auth/firebase").send({ idToken }).expect(200);
      assert.equal(res.body.created, true);
      assert.notEqual(res.body.user.uid, holder.uid);
      assert.equal(res.body.user.email, email);
      assert.equal(res.body.user.emailVerified, true);
      const old = await request(app).get("/v1/me").set("Authorization", bearer(holder.accessToken)).expect(200);
      assert.equal(old.body.email, null);
      const holderDoc = await verifierDb().doc(`users/${holder.uid}`).get();
      assert.equal(holderDoc.get("emailIndex"), null);
      assert.equal(
        (
          await verifierDb()
            .doc(`emailIndex/${(await verifierDb().doc(`users/${res.body.user.uid}`).get()).get("emailIndex")}`)
            .get()
        ).get("uid"),
        res.body.user.uid,
      );
      await request(app).post("/v1/auth/login").send({ email, password: holder.password }).expect(401);
    });

    it("answers 401 for a forged ID token", async () => {
      const res = await request(app).post("/v1/auth/firebase").send({ idToken: "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0." }).expect(401);
      assert.equal(res.body.error.code, "unauthenticated");
    });
  });

  describe("profile, export and deletion", () => {
    it("updates the profile and exports it", async () => {
      const user = await registerUser(app);
      await request(app)
        .patch("/v1/me")
        .set("Authorization", bearer(user.accessToken))
        .send({
          displayName: "New Name Qx",
          handle: `${user.handle.slice(0, 20)}_b`,
          preferences: { favouriteGenres: ["Film-Noir"], privacy: "public" },
        })
        .expect(200);
      assert.equal((await verifierDb().collection("handles").doc(user.handle).get()).exists, false);
      const exported = await request(app).get("/v1/me/export").set("Authorization", bearer(user.accessToken)).expect(200);
      assert.equal(exported.body.account.displayName, "New Name Qx");
      assert.equal(exported.body.account.email, user.email);
      assert.deepEqual(exported.body.account.preferences, { favouriteGenres: ["Film-Noir"], privacy: "public" });
      assert.ok(!JSON.stringify(await allDocuments(verifierDb())).includes("New Name Qx"));
    });

    it("deletes the account at once and erases the rest in the cascade, idempotently", async () => {
      const user = await registerUser(app);
      const other = await registerUser(app);
      const db = verifierDb();
      // A bare document the feed trigger cannot read (on purpose: only its erasure matters here).
      expectLoggedErrors(/unreadable document ignored by a trigger.*onWatchlistFeedFanOut.*users\/[^/]+\/watchlist\/1/);
      await db.collection("users").doc(user.uid).collection("watchlist").doc("1").set({ note: "x" });
      await request(app).delete("/v1/me").set("Authorization", bearer(user.accessToken)).send({ password: "wrong password!" }).expect(403);
      await request(app).delete("/v1/me").set("Authorization", bearer(user.accessToken)).send({ password: user.password }).expect(204);
      assert.equal((await db.collection("users").doc(user.uid).get()).exists, false);
      assert.equal((await db.collection("handles").doc(user.handle).get()).exists, false);
      await request(app).get("/v1/me").set("Authorization", bearer(user.accessToken)).expect(401);
      await request(app).post("/v1/auth/refresh").send({ refreshToken: user.refreshToken }).expect(401);
      // The cascade (the trigger's body) run twice, as at-least-once delivery may.
      const cascade = makeAccountDeletionCascade(appDb());
      await cascade.run(user.uid);
      await cascade.run(user.uid);
      const request_ = await db.collection("accountDeletions").doc(user.uid).get();
      assert.equal(request_.get("status"), "done");
      assert.ok(request_.get("erased.account") && request_.get("erased.auth-sessions"));
      assert.equal((await db.collection("users").doc(user.uid).collection("watchlist").get()).size, 0);
      assert.equal((await db.collection("refreshTokens").where("uid", "==", user.uid).get()).size, 0);
      assert.equal((await db.collection("refreshFamilies").where("uid", "==", user.uid).get()).size, 0);
      // Nobody else's data was touched, and the email is free again.
      await request(app).get("/v1/me").set("Authorization", bearer(other.accessToken)).expect(200);
      await registerUser(app, { email: user.email, handle: user.handle });
    });

    it("accepts a fresh Google sign-in instead of a password", async () => {
      const idToken = await providerIdToken("google.com", { sub: "google-del", email: "del@example.com", email_verified: true });
      const session = await request(app).post("/v1/auth/firebase").send({ idToken }).expect(200);
      const fresh = await providerIdToken("google.com", { sub: "google-del", email: "del@example.com", email_verified: true });
      await request(app).delete("/v1/me").set("Authorization", bearer(session.body.accessToken)).send({ idToken: fresh }).expect(204);
      assert.equal((await verifierDb().collection("identities").doc("google.com:google-del").get()).exists, false);
    });
  });
});
