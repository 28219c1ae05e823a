import assert from "node:assert/strict";
import type { Express } from "express";
import request from "supertest";
import { unitAccountDeps, type UnitAccounts } from "../../test/helpers/accounts";
import { expectLoggedErrors } from "../../test/helpers/logs";
import { unitAccountsApp } from "../../test/helpers/unit-app";

const valid = { email: "ada.lovelace@example.com", password: "correct horse battery", displayName: "Ada Lovelace", handle: "countess_ada" };
const PHONE = "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b";
const LAPTOP = "Zk3mQ8rT1vW5xY7zA2bC4d";

/** Everything the in-memory stores hold, to show a refused request changed nothing. */
const snapshot = (d: UnitAccounts) =>
  JSON.stringify([
    [...d.userRepo.users],
    [...d.refreshRepo.tokens.keys()],
    [...d.refreshRepo.families],
    [...d.deviceRepo.devices],
    d.newDevices.events,
  ]);

async function signUp(d: UnitAccounts, device: object = {}) {
  const app = unitAccountsApp(d);
  const res = await request(app)
    .post("/v1/auth/register")
    .send({ ...valid, ...device })
    .expect(201);
  return { app, session: res.body as { accessToken: string; refreshToken: string; user: { uid: string } } };
}

const login = (app: Express, device: object = {}) =>
  request(app)
    .post("/v1/auth/login")
    .send({ email: valid.email, password: valid.password, ...device });

describe("sessions and sign-in devices (in memory)", () => {
  describe("GET /v1/me/sessions and DELETE /v1/me/sessions/{id}", () => {
    it("lists the caller's sessions with their labels and marks the current one", async () => {
      const d = unitAccountDeps();
      const { app, session } = await signUp(d, { deviceId: PHONE, deviceLabel: "  Pixel 8 " });
      await login(app, { deviceId: LAPTOP }).expect(200);
      const res = await request(app).get("/v1/me/sessions").set("Authorization", `Bearer ${session.accessToken}`).expect(200);
      assert.equal(res.get("Cache-Control"), "private, no-store");
      const sessions = res.body.sessions as { deviceLabel: string | null; current: boolean; id: string }[];
      assert.equal(sessions.length, 2);
      assert.deepEqual(sessions.map((s) => [s.deviceLabel, s.current]).sort(), [
        [null, false],
        ["Pixel 8", true],
      ]);
    });

    it("keeps the label across refreshes", async () => {
      const d = unitAccountDeps();
      const { app, session } = await signUp(d, { deviceId: PHONE, deviceLabel: "Pixel 8" });
      const next = await request(app).post("/v1/auth/refresh").send({ refreshToken: session.refreshToken }).expect(200);
      const res = await request(app).get("/v1/me/sessions").set("Authorization", `Bearer ${next.body.accessToken}`).expect(200);
      assert.deepEqual(
        res.body.sessions.map((s: { deviceLabel: string; current: boolean }) => [s.deviceLabel, s.current]),
        [["Pixel 8", true]],
      );
    });

    it("ends one session (the caller's own too): its refresh fails, the other's still works", async () => {
      const d = unitAccountDeps();
      const { app, session } = await signUp(d);
      const other = (await login(app).expect(200)).body;
      const auth = `Bearer ${session.accessToken}`;
      const listed = (await request(app).get("/v1/me/sessions").set("Authorization", auth).expect(200)).body.sessions;
      const otherId = listed.find((s: { current: boolean }) => !s.current).id;
      const ownId = listed.find((s: { current: boolean }) => s.current).id;
      await request(app).delete(`/v1/me/sessions/${otherId}`).set("Authorization", auth).expect(204);
      await request(app).post("/v1/auth/refresh").send({ refreshToken: other.refreshToken }).expect(401);
      const renewed = await request(app).post("/v1/auth/refresh").send({ refreshToken: session.refreshToken }).expect(200);
      await request(app).delete(`/v1/me/sessions/${ownId}`).set("Authorization", auth).expect(204);
      await request(app).post("/v1/auth/refresh").send({ refreshToken: renewed.body.refreshToken }).expect(401);
    });

    it("answers 404 for another person's session and ends nothing", async () => {
      const d = unitAccountDeps();
      const { app, session } = await signUp(d);
      const bob = await request(app)
        .post("/v1/auth/register")
        .send({ ...valid, email: "bob@example.com", handle: "bob_b" })
        .expect(201);
      const bobsId = (await request(app).get("/v1/me/sessions").set("Authorization", `Bearer ${bob.body.accessToken}`)).body.sessions[0].id;
      const before = snapshot(d);
      const res = await request(app).delete(`/v1/me/sessions/${bobsId}`).set("Authorization", `Bearer ${session.accessToken}`).expect(404);
      assert.equal(res.body.error.code, "not-found");
      await request(app)
        .delete("/v1/me/sessions/00000000-0000-4000-8000-000000000000")
        .set("Authorization", `Bearer ${session.accessToken}`)
        .expect(404);
      assert.equal(snapshot(d), before);
      await request(app).post("/v1/auth/refresh").send({ refreshToken: bob.body.refreshToken }).expect(200);
    });

    it("answers 400 for a malformed id and 401 without a token", async () => {
      const d = unitAccountDeps();
      const { app, session } = await signUp(d);
      const res = await request(app)
        .delete("/v1/me/sessions/not-a-session")
        .set("Authorization", `Bearer ${session.accessToken}`)
        .expect(400);
      assert.equal(res.body.error.code, "invalid-argument");
      await request(app).get("/v1/me/sessions").expect(401);
      await request(app).delete("/v1/me/sessions/00000000-0000-4000-8000-000000000000").expect(401);
    });
  });

  describe("device id and label at sign-in", () => {
    const bad: [string, object][] = [
      ["device id too short", { deviceId: "abc" }],
      ["device id too long", { deviceId: "a".repeat(129) }],
      ["device id with a slash", { deviceId: "abcdefgh/ijklmnopq" }],
      ["device id not a string", { deviceId: 1234567890123456 }],
      ["label blank", { deviceId: PHONE, deviceLabel: "   " }],
      ["label too long", { deviceId: PHONE, deviceLabel: "x".repeat(65) }],
      ["label with a control character", { deviceId: PHONE, deviceLabel: "Pixel\u0007" }],
      ["label with a bidi override", { deviceId: PHONE, deviceLabel: "Pixel \u202Egnp.exe" }],
      ["label with a line break", { deviceId: PHONE, deviceLabel: "Pixel\n8" }],
    ];
    for (const [name, device] of bad) {
      it(`refuses ${name} with 400 on sign-up and sign-in, changing nothing`, async () => {
        const d = unitAccountDeps();
        const app = unitAccountsApp(d);
        let before = snapshot(d);
        const reg = await request(app)
          .post("/v1/auth/register")
          .send({ ...valid, ...device })
          .expect(400);
        assert.equal(reg.body.error.code, "invalid-argument");
        assert.match(reg.body.error.details[0].path, /^device(Id|Label)$/);
        assert.equal(snapshot(d), before);
        await request(app).post("/v1/auth/register").send(valid).expect(201);
        before = snapshot(d);
        await login(app, device).expect(400);
        await request(app)
          .post("/v1/auth/firebase")
          .send({ idToken: "fake:{}", ...device })
          .expect(400);
        assert.equal(snapshot(d), before);
      });
    }

    it("accepts a 64-character label of any script", async () => {
      const d = unitAccountDeps();
      await signUp(d, { deviceId: PHONE, deviceLabel: "日本語のタブレット ".padEnd(64, "é") });
    });

    it("stores device ids only as keyed hashes, never as sent", async () => {
      const d = unitAccountDeps();
      await signUp(d, { deviceId: PHONE });
      const stored = JSON.stringify([...d.deviceRepo.devices]);
      assert.equal(d.deviceRepo.devices.size, 1);
      assert.ok(!stored.includes(PHONE));
    });
  });

  describe("new-device detection", () => {
    it("tells the listener once per new device, not for the sign-up's own device", async () => {
      const d = unitAccountDeps();
      const { app, session } = await signUp(d, { deviceId: PHONE, deviceLabel: "Pixel 8" });
      assert.equal(d.newDevices.events.length, 0, "signing up is not a sign-in from a new device");
      await login(app, { deviceId: PHONE, deviceLabel: "Pixel 8" }).expect(200);
      assert.equal(d.newDevices.events.length, 0);
      await login(app, { deviceId: LAPTOP, deviceLabel: "Work laptop" }).expect(200);
      await login(app, { deviceId: LAPTOP, deviceLabel: "Work laptop" }).expect(200);
      await login(app, { deviceId: LAPTOP }).expect(200);
      assert.deepEqual(
        d.newDevices.events.map((e) => [e.uid, e.deviceLabel, e.method]),
        [[session.user.uid, "Work laptop", "password"]],
      );
    });

    it("reports nothing for a sign-in without a device id, nor for a failed one", async () => {
      const d = unitAccountDeps();
      const { app } = await signUp(d, { deviceId: PHONE });
      await login(app).expect(200);
      await request(app)
        .post("/v1/auth/login")
        .send({ email: valid.email, password: "not the password at all", deviceId: LAPTOP })
        .expect(401);
      assert.equal(d.newDevices.events.length, 0);
      assert.equal(d.deviceRepo.devices.size, 1);
    });

    it("knows devices per person: one device used by two people is new to each", async () => {
      const d = unitAccountDeps();
      const { app } = await signUp(d, { deviceId: PHONE });
      await request(app)
        .post("/v1/auth/register")
        .send({ ...valid, email: "bob@example.com", handle: "bob_b", deviceId: LAPTOP })
        .expect(201);
      await request(app).post("/v1/auth/login").send({ email: "bob@example.com", password: valid.password, deviceId: PHONE }).expect(200);
      assert.equal(d.newDevices.events.length, 1);
    });

    it("tells the listener for Google/Apple sign-ins to an existing account, not when the sign-in creates it", async () => {
      const d = unitAccountDeps();
      const app = unitAccountsApp(d);
      const idToken = `fake:${JSON.stringify({ provider: "apple.com", subject: "a-1", name: "Grace" })}`;
      const first = await request(app).post("/v1/auth/firebase").send({ idToken, deviceId: PHONE }).expect(200);
      assert.equal(first.body.created, true);
      await request(app).post("/v1/auth/firebase").send({ idToken, deviceId: PHONE }).expect(200);
      assert.equal(d.newDevices.events.length, 0);
      await request(app).post("/v1/auth/firebase").send({ idToken, deviceId: LAPTOP, deviceLabel: "iPad" }).expect(200);
      assert.deepEqual(
        d.newDevices.events.map((e) => [e.deviceLabel, e.method]),
        [["iPad", "apple.com"]],
      );
    });

    it("signs in even when the listener fails, and logs the failure", async () => {
      const d = unitAccountDeps();
      const { app } = await signUp(d, { deviceId: PHONE });
      d.newDevices.failWith = new Error("outbox unavailable");
      expectLoggedErrors(/new-device notice failed/);
      await login(app, { deviceId: LAPTOP }).expect(200);
      assert.equal(d.newDevices.events.length, 1);
    });
  });

  describe("password strength through the routes", () => {
    const refusals: [string, string][] = [
      ["aaaaaaaaaaaa", "too-weak"],
      ["123456123456", "too-weak"],
      ["qwerty123456", "common"],
      ["Marguerite rocks the cinema", "contains-email"],
      ["the cinema of countess_ada", "contains-handle"],
    ];

    for (const [password, reason] of refusals) {
      it(`sign-up refuses ${JSON.stringify(password)} (${reason}), changing nothing`, async () => {
        const d = unitAccountDeps();
        const before = snapshot(d);
        const res = await request(unitAccountsApp(d))
          .post("/v1/auth/register")
          .send({ ...valid, email: "marguerite@example.com", password })
          .expect(400);
        assert.equal(res.body.error.code, "invalid-argument");
        assert.equal(res.body.error.details[0].path, "password");
        assert.equal(res.body.error.details[0].reason, reason);
        assert.ok(res.body.error.details[0].message.length > 10);
        assert.equal(snapshot(d), before);
      });
    }

    it("sign-up refuses the email's local part and the handle, saying which", async () => {
      const d = unitAccountDeps();
      const app = unitAccountsApp(d);
      const body = { ...valid, email: "grace.hopper@example.com", handle: "cobol_queen" };
      const email = await request(app)
        .post("/v1/auth/register")
        .send({ ...body, password: "my name is grace.hopper" })
        .expect(400);
      assert.equal(email.body.error.details[0].reason, "contains-email");
      const handle = await request(app)
        .post("/v1/auth/register")
        .send({ ...body, password: "long live Cobol_Queen!" })
        .expect(400);
      assert.equal(handle.body.error.details[0].reason, "contains-handle");
      const weak = await request(app)
        .post("/v1/auth/register")
        .send({ ...body, password: "aaaaaaaaaaaa" })
        .expect(400);
      assert.equal(weak.body.error.details[0].reason, "too-weak");
      assert.match(weak.body.error.details[0].message, /easy to guess/);
      assert.equal(d.userRepo.users.size, 0);
    });

    it("a password change refuses a weak password and one containing the email or handle, changing nothing", async () => {
      const d = unitAccountDeps();
      const { app, session } = await signUp(d);
      const auth = `Bearer ${session.accessToken}`;
      const hash = [...d.userRepo.users.values()][0].passwordHash;
      for (const [newPassword, reason] of [
        ["123456123456", "too-weak"],
        ["long live ada.lovelace", "contains-email"],
        ["the cinema of Countess_Ada", "contains-handle"],
      ]) {
        const res = await request(app)
          .put("/v1/me/password")
          .set("Authorization", auth)
          .send({ currentPassword: valid.password, newPassword })
          .expect(400);
        assert.deepEqual([res.body.error.details[0].path, res.body.error.details[0].reason], ["newPassword", reason]);
      }
      assert.equal([...d.userRepo.users.values()][0].passwordHash, hash);
      await request(app).get("/v1/me").set("Authorization", auth).expect(200);
    });

    it("a password change keeps the label of the session it came from", async () => {
      const d = unitAccountDeps();
      const { app, session } = await signUp(d, { deviceId: PHONE, deviceLabel: "Pixel 8" });
      const res = await request(app)
        .put("/v1/me/password")
        .set("Authorization", `Bearer ${session.accessToken}`)
        .send({ currentPassword: valid.password, newPassword: "a brand new passphrase" })
        .expect(200);
      const list = await request(app).get("/v1/me/sessions").set("Authorization", `Bearer ${res.body.accessToken}`).expect(200);
      assert.deepEqual(
        list.body.sessions.map((s: { deviceLabel: string; current: boolean }) => [s.deviceLabel, s.current]),
        [["Pixel 8", true]],
      );
    });
  });
});
