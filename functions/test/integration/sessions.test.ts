import assert from "node:assert/strict";
import type { Express } from "express";
import request from "supertest";
import { FirestoreKnownDeviceRepository, FirestoreRefreshTokenRepository, RefreshTokensEraser } from "../../src/auth/auth.repository";
import { bearer, makeTestApp, RecordingNewDeviceListener, registerUser, type RegisteredUser } from "../helpers/accounts";
import { appDb, resetFirestore, verifierDb } from "../helpers/emulators";

const PHONE = "3f2b8c1d-7a6e-4d5c-9b8a-1e2f3a4b5c6d";
const LAPTOP = "Lq9wE2rT5yU8iO1pA4sD7f";
const TABLET = "b7c6d5e4-f3a2-4b1c-8d9e-0f1a2b3c4d5e";

const signIn = (app: Express, user: RegisteredUser, device: object = {}) =>
  request(app)
    .post("/v1/auth/login")
    .send({ email: user.email, password: user.password, ...device });

type Listed = { id: string; deviceLabel: string | null; current: boolean; createdAt: string; lastUsedAt: string };

const listSessions = async (app: Express, accessToken: string): Promise<Listed[]> =>
  (await request(app).get("/v1/me/sessions").set("Authorization", bearer(accessToken)).expect(200)).body.sessions;

describe("sessions and sign-in devices (Firestore emulator)", () => {
  let app: Express;
  let listener: RecordingNewDeviceListener;

  beforeEach(async () => {
    await resetFirestore();
    listener = new RecordingNewDeviceListener();
    app = makeTestApp(appDb(), { newDevices: listener });
  });

  describe("listing and ending sessions", () => {
    it("lists the caller's sessions with decrypted labels, the current one marked, labels stored encrypted", async () => {
      const user = await registerUser(app);
      const phone = (await signIn(app, user, { deviceId: PHONE, deviceLabel: "Marguerite's Pixel" }).expect(200)).body;
      await signIn(app, user, { deviceId: LAPTOP }).expect(200);
      const sessions = await listSessions(app, phone.accessToken);
      assert.equal(sessions.length, 3, "sign-up, phone and laptop");
      assert.deepEqual(
        sessions.filter((s) => s.current).map((s) => s.deviceLabel),
        ["Marguerite's Pixel"],
      );
      assert.equal(sessions.filter((s) => s.deviceLabel === null).length, 2);
      const families = await verifierDb().collection("refreshFamilies").where("uid", "==", user.uid).get();
      assert.equal(families.size, 3);
      const raw = JSON.stringify(families.docs.map((d) => d.data()));
      assert.ok(!raw.includes("Marguerite"), "the label is stored encrypted");
      assert.equal(families.docs.filter((d) => d.get("deviceLabel")?.kid === "k1").length, 1);
    });

    it("records the last use at each refresh and keeps the label", async () => {
      const user = await registerUser(app);
      const phone = (await signIn(app, user, { deviceId: PHONE, deviceLabel: "Pixel 8" }).expect(200)).body;
      const [before] = (await listSessions(app, phone.accessToken)).filter((s) => s.current);
      const next = (await request(app).post("/v1/auth/refresh").send({ refreshToken: phone.refreshToken }).expect(200)).body;
      const [after] = (await listSessions(app, next.accessToken)).filter((s) => s.current);
      assert.equal(after.id, before.id);
      assert.equal(after.deviceLabel, "Pixel 8");
      assert.ok(after.lastUsedAt > before.lastUsedAt, `${after.lastUsedAt} after ${before.lastUsedAt}`);
      const stored = await verifierDb().collection("refreshFamilies").doc(after.id).get();
      assert.equal(stored.get("lastUsedAt").toDate().toISOString(), after.lastUsedAt);
    });

    it("ends one session: its refresh fails, the others still work; the caller may end their own", async () => {
      const user = await registerUser(app);
      const laptop = (await signIn(app, user, { deviceId: LAPTOP, deviceLabel: "Laptop" }).expect(200)).body;
      const laptopId = (await listSessions(app, laptop.accessToken)).find((s) => s.current)!.id;
      await request(app).delete(`/v1/me/sessions/${laptopId}`).set("Authorization", bearer(user.accessToken)).expect(204);
      const stored = await verifierDb().collection("refreshFamilies").doc(laptopId).get();
      assert.ok(stored.get("revokedAt"), "the family is revoked in Firestore");
      assert.equal(stored.get("revokedReason"), "ended");
      await request(app).post("/v1/auth/refresh").send({ refreshToken: laptop.refreshToken }).expect(401);
      const renewed = (await request(app).post("/v1/auth/refresh").send({ refreshToken: user.refreshToken }).expect(200)).body;
      const remaining = await listSessions(app, renewed.accessToken);
      assert.deepEqual(
        remaining.map((s) => s.current),
        [true],
      );
      await request(app).delete(`/v1/me/sessions/${remaining[0].id}`).set("Authorization", bearer(renewed.accessToken)).expect(204);
      await request(app).post("/v1/auth/refresh").send({ refreshToken: renewed.refreshToken }).expect(401);
    });

    it("answers 404 for another person's session and leaves it working", async () => {
      const alice = await registerUser(app);
      const bob = await registerUser(app);
      const [bobs] = await listSessions(app, bob.accessToken);
      const before = (await verifierDb().collection("refreshFamilies").doc(bobs.id).get()).data();
      const res = await request(app).delete(`/v1/me/sessions/${bobs.id}`).set("Authorization", bearer(alice.accessToken)).expect(404);
      assert.equal(res.body.error.code, "not-found");
      assert.deepEqual((await verifierDb().collection("refreshFamilies").doc(bobs.id).get()).data(), before);
      await request(app).post("/v1/auth/refresh").send({ refreshToken: bob.refreshToken }).expect(200);
      assert.ok(!(await listSessions(app, alice.accessToken)).some((s) => s.id === bobs.id), "not listed to another person");
    });
  });

  describe("new-device detection", () => {
    it("fires once per new device, never for the sign-up's device, and stores device ids only hashed", async () => {
      const signUp = await request(app)
        .post("/v1/auth/register")
        .send({ email: "device.test@example.com", password: "purple elephant marmalade", displayName: "D", handle: "device_test" })
        .send({ deviceId: PHONE, deviceLabel: "Pixel 8" })
        .expect(201);
      const user = { email: "device.test@example.com", password: "purple elephant marmalade" } as RegisteredUser;
      await signIn(app, user, { deviceId: PHONE, deviceLabel: "Pixel 8" }).expect(200);
      await signIn(app, user, { deviceId: LAPTOP }).expect(200);
      await signIn(app, user, { deviceId: LAPTOP, deviceLabel: "Laptop" }).expect(200);
      await signIn(app, user).expect(200);
      assert.deepEqual(
        listener.events.map((e) => [e.uid, e.deviceLabel, e.method]),
        [[signUp.body.user.uid, null, "password"]],
      );
      const devices = await verifierDb().collection("users").doc(signUp.body.user.uid).collection("signInDevices").get();
      assert.equal(devices.size, 2);
      const raw = JSON.stringify(devices.docs.map((d) => [d.id, d.data()]));
      for (const id of [PHONE, LAPTOP]) assert.ok(!raw.includes(id), "device ids are stored only as keyed hashes");
    });

    it("fires exactly once for concurrent first sign-ins from one device", async () => {
      const user = await registerUser(app);
      const results = await Promise.all(Array.from({ length: 4 }, () => signIn(app, user, { deviceId: TABLET, deviceLabel: "iPad" })));
      assert.deepEqual(
        results.map((r) => r.status),
        [200, 200, 200, 200],
      );
      assert.equal(listener.events.length, 1);
      assert.equal(listener.events[0].deviceLabel, "iPad");
    });
  });

  describe("known devices in Firestore", () => {
    it("answers new exactly once to concurrent first sign-ins from one device (the transaction)", async () => {
      const repo = new FirestoreKnownDeviceRepository(appDb());
      const now = new Date();
      const later = new Date(now.getTime() + 86_400_000);
      const answers = await Promise.all(Array.from({ length: 8 }, () => repo.recordSignIn("u-concurrent", "hash-1", now, later)));
      assert.equal(answers.filter(Boolean).length, 1, JSON.stringify(answers));
      assert.equal(await repo.recordSignIn("u-concurrent", "hash-1", later, later), true, "an expired device is new again");
    });
  });

  describe("password rules", () => {
    const refusals: [string, string][] = [
      ["aaaaaaaaaaaa", "too-weak"],
      ["123456123456", "too-weak"],
      ["qwerty123456", "common"],
      ["i am simone.weil, hello", "contains-email"],
      ["long live gravity_grace!", "contains-handle"],
    ];
    for (const [password, reason] of refusals) {
      it(`sign-up refuses ${JSON.stringify(password)} (${reason}) and stores nothing`, async () => {
        const res = await request(app)
          .post("/v1/auth/register")
          .send({ email: "simone.weil@example.com", password, displayName: "Simone", handle: "gravity_grace" })
          .expect(400);
        assert.equal(res.body.error.code, "invalid-argument");
        assert.equal(res.body.error.details[0].reason, reason);
        assert.equal((await verifierDb().collection("users").get()).size, 0);
        assert.equal((await verifierDb().collection("handles").get()).size, 0);
      });
    }

    it("a password change refuses a weak password and keeps the old one", async () => {
      const user = await registerUser(app);
      const res = await request(app)
        .put("/v1/me/password")
        .set("Authorization", bearer(user.accessToken))
        .send({ currentPassword: user.password, newPassword: "123456123456" })
        .expect(400);
      assert.deepEqual([res.body.error.details[0].path, res.body.error.details[0].reason], ["newPassword", "too-weak"]);
      await signIn(app, user).expect(200);
    });
  });

  describe("export and deletion", () => {
    it("exports sessions (ended ones too) and sign-in devices", async () => {
      const user = await registerUser(app);
      const phone = (await signIn(app, user, { deviceId: PHONE, deviceLabel: "Pixel 8" }).expect(200)).body;
      await request(app).post("/v1/auth/logout").send({ refreshToken: phone.refreshToken }).expect(204);
      const exported = (await request(app).get("/v1/me/export").set("Authorization", bearer(user.accessToken)).expect(200)).body;
      const section = exported.data.sessions as {
        sessions: { deviceLabel: string | null; endedAt: string | null }[];
        signInDevices: { firstSeenAt: string }[];
      };
      assert.deepEqual(
        section.sessions.map((s) => [s.deviceLabel, s.endedAt !== null]),
        [
          [null, false],
          ["Pixel 8", true],
        ],
      );
      assert.equal(section.signInDevices.length, 1);
      assert.ok(!JSON.stringify(exported).includes(PHONE));
    });

    it("the deletion cascade's sessions eraser removes families, tokens and sign-in devices, nobody else's", async () => {
      const user = await registerUser(app);
      await signIn(app, user, { deviceId: PHONE, deviceLabel: "Pixel 8" }).expect(200);
      // The account deletion cascade's sessions eraser, run alone on a live account: no trigger races it (the
      // cascade's last step would remove users/{uid} and below anyway, hiding a missed subcollection).
      const other = await registerUser(app);
      await signIn(app, other, { deviceId: PHONE }).expect(200);
      const db = verifierDb();
      assert.equal((await db.collection("users").doc(user.uid).collection("signInDevices").get()).size, 1, "there is something to erase");
      await new RefreshTokensEraser(new FirestoreRefreshTokenRepository(appDb()), new FirestoreKnownDeviceRepository(appDb())).erase(
        user.uid,
      );
      assert.equal((await db.collection("users").doc(user.uid).collection("signInDevices").get()).size, 0);
      assert.equal((await db.collection("refreshFamilies").where("uid", "==", user.uid).get()).size, 0);
      assert.equal((await db.collection("refreshTokens").where("uid", "==", user.uid).get()).size, 0);
      assert.equal((await db.collection("users").doc(other.uid).collection("signInDevices").get()).size, 1, "nobody else's");
      await request(app).post("/v1/auth/refresh").send({ refreshToken: other.refreshToken }).expect(200);
    });
  });
});
