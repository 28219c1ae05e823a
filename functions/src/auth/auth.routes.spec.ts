import assert from "node:assert/strict";
import fc from "fast-check";
import request from "supertest";
import { unitAccountDeps, type UnitAccounts } from "../../test/helpers/accounts";
import { unitAccountsApp } from "../../test/helpers/unit-app";
import { BcryptPool } from "./bcrypt-pool";

/** The auth and /me routes over in-memory repositories, with the real services and the app's middleware. */
const appOver = (deps: UnitAccounts) => unitAccountsApp(deps);

const valid = { email: "Ada@Example.com ", password: "correct horse battery", displayName: "Ada Lovelace", handle: "ada" };

/** Everything the in-memory stores hold, to show a refused request changed nothing. */
const snapshot = (d: UnitAccounts) =>
  JSON.stringify([[...d.userRepo.users], [...d.userRepo.handles], [...d.refreshRepo.tokens.keys()], [...d.refreshRepo.families.keys()]]);

describe("auth routes (in memory)", () => {
  describe("POST /v1/auth/register", () => {
    it("answers 201 with the user and a token pair, the email normalised", async () => {
      const d = unitAccountDeps();
      const res = await request(appOver(d)).post("/v1/auth/register").send(valid).expect(201);
      assert.equal(res.body.user.email, "ada@example.com");
      assert.equal(res.body.user.handle, "ada");
      assert.deepEqual(res.body.user.preferences, { favouriteGenres: [], privacy: "friends" });
      assert.ok(res.body.accessToken && res.body.refreshToken);
      assert.equal(res.get("Cache-Control"), "no-store");
      assert.equal(d.userRepo.users.size, 1);
    });

    const bad: [string, Record<string, unknown>][] = [
      ["email missing", { ...valid, email: undefined }],
      ["password missing", { ...valid, password: undefined }],
      ["displayName missing", { ...valid, displayName: undefined }],
      ["handle missing", { ...valid, handle: undefined }],
      ["email wrong type", { ...valid, email: 42 }],
      ["password wrong type", { ...valid, password: ["x"] }],
      ["displayName wrong type", { ...valid, displayName: { a: 1 } }],
      ["handle wrong type", { ...valid, handle: null }],
      ["email malformed", { ...valid, email: "not-an-email" }],
      ["email too long", { ...valid, email: `${"a".repeat(250)}@example.com` }],
      ["password too short", { ...valid, password: "elevenchars" }],
      ["password too long", { ...valid, password: "a".repeat(129) }],
      ["password common", { ...valid, password: "qwerty123456" }],
      ["displayName empty", { ...valid, displayName: "   " }],
      ["displayName too long", { ...valid, displayName: "a".repeat(51) }],
      ["displayName control character", { ...valid, displayName: "Ada\u0000" }],
      ["handle too short", { ...valid, handle: "ab" }],
      ["handle too long", { ...valid, handle: "a".repeat(31) }],
      ["handle upper case", { ...valid, handle: "Ada" }],
      ["handle with a dash", { ...valid, handle: "ada-l" }],
      ["handle Firestore reserves", { ...valid, handle: "__abc__" }],
      ["shortest reserved handle", { ...valid, handle: "____" }],
      ["unknown field", { ...valid, role: "admin" }],
    ];
    for (const [name, body] of bad) {
      it(`answers 400 and changes nothing: ${name}`, async () => {
        const d = unitAccountDeps();
        const before = snapshot(d);
        const res = await request(appOver(d)).post("/v1/auth/register").send(body).expect(400);
        assert.equal(res.body.error.code, "invalid-argument");
        assert.ok(Array.isArray(res.body.error.details) && res.body.error.details.length > 0);
        assert.equal(snapshot(d), before);
      });
    }

    it("answers 400 for a body that is not an object", async () => {
      const d = unitAccountDeps();
      for (const body of ["[]", '"text"', "null", "42"]) {
        await request(appOver(d)).post("/v1/auth/register").set("Content-Type", "application/json").send(body).expect(400);
      }
    });

    it("answers 409 for a taken handle or email, naming the field, and changes nothing", async () => {
      const d = unitAccountDeps();
      const app = appOver(d);
      await request(app).post("/v1/auth/register").send(valid).expect(201);
      const before = snapshot(d);
      const email = await request(app)
        .post("/v1/auth/register")
        .send({ ...valid, email: "ADA@example.com", handle: "ada2" })
        .expect(409);
      assert.equal(email.body.error.details[0].path, "email");
      const handle = await request(app)
        .post("/v1/auth/register")
        .send({ ...valid, email: "other@example.com" })
        .expect(409);
      assert.equal(handle.body.error.details[0].path, "handle");
      assert.equal(snapshot(d), before);
    });

    it("refuses a taken address before hashing, so repeating it costs no bcrypt work", async () => {
      const pool = new BcryptPool(1);
      try {
        const d = unitAccountDeps({ bcrypt: pool });
        const app = appOver(d);
        await request(app).post("/v1/auth/register").send(valid).expect(201);
        const hashed = pool.stats().hashes;
        for (let i = 0; i < 3; i++)
          await request(app)
            .post("/v1/auth/register")
            .send({ ...valid, handle: `ada${i}` })
            .expect(409);
        assert.equal(pool.stats().hashes, hashed);
      } finally {
        await pool.close();
      }
    });
  });

  describe("POST /v1/auth/login", () => {
    it("signs in with the right password, whatever the email's case and spaces", async () => {
      const d = unitAccountDeps();
      const app = appOver(d);
      await request(app).post("/v1/auth/register").send(valid).expect(201);
      const res = await request(app).post("/v1/auth/login").send({ email: " ADA@example.COM", password: valid.password }).expect(200);
      assert.equal(res.body.user.handle, "ada");
    });

    it("answers an unknown email and a wrong password identically", async () => {
      const d = unitAccountDeps();
      const app = appOver(d);
      await request(app).post("/v1/auth/register").send(valid).expect(201);
      const wrong = await request(app).post("/v1/auth/login").send({ email: valid.email, password: "wrong password!!" });
      const unknown = await request(app).post("/v1/auth/login").send({ email: "nobody@example.com", password: "wrong password!!" });
      assert.equal(wrong.status, 401);
      assert.equal(unknown.status, wrong.status);
      assert.deepEqual(unknown.body, wrong.body);
    });

    it("locks after 10 failures with 429 and Retry-After, even for the right password", async () => {
      const d = unitAccountDeps();
      const app = appOver(d);
      await request(app).post("/v1/auth/register").send(valid).expect(201);
      for (let i = 0; i < 10; i++)
        await request(app).post("/v1/auth/login").send({ email: valid.email, password: "wrong password!!" }).expect(401);
      const res = await request(app).post("/v1/auth/login").send({ email: valid.email, password: valid.password }).expect(429);
      assert.equal(res.body.error.code, "resource-exhausted");
      assert.ok(Number(res.get("Retry-After")) > 0);
    });

    it("re-hashes the password at sign-in when the configured cost rose", async () => {
      const d = unitAccountDeps();
      await request(appOver(d)).post("/v1/auth/register").send(valid).expect(201);
      const higher = unitAccountDeps({ config: { ...d.config, bcryptCost: 5 } });
      for (const [k, v] of d.userRepo.users) higher.userRepo.users.set(k, v);
      for (const [k, v] of d.userRepo.emails) higher.userRepo.emails.set(k, v);
      const before = [...higher.userRepo.users.values()][0].passwordHash;
      assert.match(before ?? "", /^\$2.\$04\$/);
      await request(appOver(higher)).post("/v1/auth/login").send({ email: valid.email, password: valid.password }).expect(200);
      const after = [...higher.userRepo.users.values()][0].passwordHash;
      assert.match(after ?? "", /^\$2.\$05\$/);
    });

    for (const [name, body] of [
      ["email missing", { password: "x" }],
      ["password missing", { email: "a@b.co" }],
      ["password empty", { email: "a@b.co", password: "" }],
      ["password too long", { email: "a@b.co", password: "a".repeat(129) }],
      ["email wrong type", { email: 1, password: "x" }],
      ["unknown field", { email: "a@b.co", password: "x", extra: 1 }],
    ] as const) {
      it(`answers 400: ${name}`, async () => {
        const d = unitAccountDeps();
        const res = await request(appOver(d)).post("/v1/auth/login").send(body).expect(400);
        assert.equal(res.body.error.code, "invalid-argument");
        assert.equal(d.throttleRepo.states.size, 0, "a refused request counts no attempt");
      });
    }
  });

  describe("refresh, logout and logout-all", () => {
    it("rotates, detects reuse, signs out", async () => {
      const d = unitAccountDeps();
      const app = appOver(d);
      const reg = await request(app).post("/v1/auth/register").send(valid).expect(201);
      const r1 = await request(app).post("/v1/auth/refresh").send({ refreshToken: reg.body.refreshToken }).expect(200);
      assert.notEqual(r1.body.refreshToken, reg.body.refreshToken);
      await request(app).post("/v1/auth/refresh").send({ refreshToken: reg.body.refreshToken }).expect(401);
      await request(app).post("/v1/auth/refresh").send({ refreshToken: r1.body.refreshToken }).expect(401);
      const login = await request(app).post("/v1/auth/login").send({ email: valid.email, password: valid.password }).expect(200);
      await request(app).post("/v1/auth/logout").send({ refreshToken: login.body.refreshToken }).expect(204);
      await request(app).post("/v1/auth/refresh").send({ refreshToken: login.body.refreshToken }).expect(401);
    });

    it("logout-all revokes every access and refresh token", async () => {
      const d = unitAccountDeps();
      const app = appOver(d);
      const reg = await request(app).post("/v1/auth/register").send(valid).expect(201);
      const other = await request(app).post("/v1/auth/login").send({ email: valid.email, password: valid.password }).expect(200);
      assert.deepEqual(d.firebase.revoked, []);
      await request(app).post("/v1/auth/logout-all").set("Authorization", `Bearer ${reg.body.accessToken}`).expect(204);
      assert.deepEqual(d.firebase.revoked, [reg.body.user.uid], "the Firebase sessions of the live room end too");
      await request(app).get("/v1/me").set("Authorization", `Bearer ${other.body.accessToken}`).expect(401);
      await request(app).post("/v1/auth/refresh").send({ refreshToken: other.body.refreshToken }).expect(401);
      await request(app).post("/v1/auth/logout-all").expect(401);
    });

    for (const body of [
      {},
      { refreshToken: 5 },
      { refreshToken: "short" },
      { refreshToken: "A".repeat(44) },
      { refreshToken: "A".repeat(43), x: 1 },
    ]) {
      it(`refresh and logout answer 400 for ${JSON.stringify(body).slice(0, 40)}`, async () => {
        const app = appOver(unitAccountDeps());
        await request(app).post("/v1/auth/refresh").send(body).expect(400);
        await request(app).post("/v1/auth/logout").send(body).expect(400);
      });
    }
  });

  describe("POST /v1/auth/firebase-token", () => {
    it("mints a custom token for the caller only, never cached", async () => {
      const d = unitAccountDeps();
      const app = appOver(d);
      const reg = await request(app).post("/v1/auth/register").send(valid).expect(201);
      const res = await request(app).post("/v1/auth/firebase-token").set("Authorization", `Bearer ${reg.body.accessToken}`).expect(200);
      assert.deepEqual(res.body, { customToken: `custom-token-for-${reg.body.user.uid}`, expiresIn: 3600 });
      assert.equal(res.get("Cache-Control"), "no-store");
      assert.deepEqual(d.firebase.minted, [reg.body.user.uid]);
    });

    it("answers 401 without a session or with a revoked one, and mints nothing", async () => {
      const d = unitAccountDeps();
      const app = appOver(d);
      const reg = await request(app).post("/v1/auth/register").send(valid).expect(201);
      const missing = await request(app).post("/v1/auth/firebase-token").expect(401);
      assert.equal(missing.body.error.code, "unauthenticated");
      await request(app).post("/v1/auth/firebase-token").set("Authorization", "Bearer not-a-token").expect(401);
      await request(app).post("/v1/auth/logout-all").set("Authorization", `Bearer ${reg.body.accessToken}`).expect(204);
      await request(app).post("/v1/auth/firebase-token").set("Authorization", `Bearer ${reg.body.accessToken}`).expect(401);
      assert.deepEqual(d.firebase.minted, []);
    });
  });

  describe("PUT /v1/me/password", () => {
    it("changes the password, revokes other sessions and keeps this one", async () => {
      const d = unitAccountDeps();
      const app = appOver(d);
      const reg = await request(app).post("/v1/auth/register").send(valid).expect(201);
      const other = await request(app).post("/v1/auth/login").send({ email: valid.email, password: valid.password }).expect(200);
      const res = await request(app)
        .put("/v1/me/password")
        .set("Authorization", `Bearer ${reg.body.accessToken}`)
        .send({ currentPassword: valid.password, newPassword: "a brand new passphrase" })
        .expect(200);
      await request(app).get("/v1/me").set("Authorization", `Bearer ${res.body.accessToken}`).expect(200);
      assert.deepEqual(d.firebase.revoked, [reg.body.user.uid], "the Firebase sessions of the live room end too");
      await request(app).get("/v1/me").set("Authorization", `Bearer ${other.body.accessToken}`).expect(401);
      await request(app).post("/v1/auth/refresh").send({ refreshToken: other.body.refreshToken }).expect(401);
      await request(app).post("/v1/auth/login").send({ email: valid.email, password: valid.password }).expect(401);
      await request(app).post("/v1/auth/login").send({ email: valid.email, password: "a brand new passphrase" }).expect(200);
    });

    it("refuses a wrong current password (403) and a bad new one (400), changing nothing", async () => {
      const d = unitAccountDeps();
      const app = appOver(d);
      const reg = await request(app).post("/v1/auth/register").send(valid).expect(201);
      const auth = `Bearer ${reg.body.accessToken}`;
      const hash = [...d.userRepo.users.values()][0].passwordHash;
      await request(app)
        .put("/v1/me/password")
        .set("Authorization", auth)
        .send({ currentPassword: "nope nope nope", newPassword: "a brand new passphrase" })
        .expect(403);
      for (const body of [
        { currentPassword: valid.password, newPassword: "short" },
        { currentPassword: valid.password, newPassword: "qwerty123456" },
        { currentPassword: valid.password },
        { newPassword: "a brand new passphrase" },
        { currentPassword: 1, newPassword: "a brand new passphrase" },
      ]) {
        await request(app).put("/v1/me/password").set("Authorization", auth).send(body).expect(400);
      }
      assert.equal([...d.userRepo.users.values()][0].passwordHash, hash);
      await request(app).get("/v1/me").set("Authorization", auth).expect(200);
    });
  });

  describe("POST /v1/auth/firebase", () => {
    const idToken = (fields: object) => `fake:${JSON.stringify(fields)}`;

    it("creates an account keyed by the provider's user id, then finds it again", async () => {
      const d = unitAccountDeps();
      const app = appOver(d);
      const token = idToken({ provider: "google.com", subject: "g-1", email: "Grace@Example.com", emailVerified: true, name: "Grace" });
      const first = await request(app).post("/v1/auth/firebase").send({ idToken: token }).expect(200);
      assert.equal(first.body.created, true);
      assert.deepEqual(first.body.user.providers, ["google.com"]);
      assert.equal(first.body.user.email, "grace@example.com");
      const again = await request(app).post("/v1/auth/firebase").send({ idToken: token }).expect(200);
      assert.equal(again.body.created, false);
      assert.equal(again.body.user.uid, first.body.user.uid);
    });

    it("links to an existing password-less account only when the email is verified and matches", async () => {
      const d = unitAccountDeps();
      const app = appOver(d);
      const apple = await request(app)
        .post("/v1/auth/firebase")
        .send({ idToken: idToken({ provider: "apple.com", subject: "a-0", email: "ada@example.com", emailVerified: true }) })
        .expect(200);
      const unverified = await request(app)
        .post("/v1/auth/firebase")
        .send({ idToken: idToken({ provider: "google.com", subject: "g-1", email: "ada@example.com", emailVerified: false }) })
        .expect(200);
      assert.notEqual(unverified.body.user.uid, apple.body.user.uid);
      const verified = await request(app)
        .post("/v1/auth/firebase")
        .send({ idToken: idToken({ provider: "google.com", subject: "g-2", email: "ADA@example.com", emailVerified: true }) })
        .expect(200);
      assert.equal(verified.body.user.uid, apple.body.user.uid);
      assert.deepEqual(verified.body.user.providers, ["apple.com", "google.com"]);
    });

    it("refuses to link into a verified account with a password (pre-hijacking), changing nothing", async () => {
      const d = unitAccountDeps();
      const app = appOver(d);
      const reg = await request(app).post("/v1/auth/register").send(valid).expect(201);
      const holder = (await d.userRepo.findById(reg.body.user.uid))!;
      assert.equal(await d.userRepo.markEmailVerified(holder.uid, holder.emailIndex!, new Date()), true);
      const res = await request(app)
        .post("/v1/auth/firebase")
        .send({ idToken: idToken({ provider: "google.com", subject: "g-3", email: valid.email, emailVerified: true }) })
        .expect(409);
      assert.equal(res.body.error.code, "failed-precondition");
      const me = await request(app).get("/v1/me").set("Authorization", `Bearer ${reg.body.accessToken}`).expect(200);
      assert.deepEqual(me.body.providers, ["password"]);
      assert.equal(me.body.email, "ada@example.com");
    });

    it("gives a verified Google sign-in the address an unverified password sign-up held, in a new account", async () => {
      const d = unitAccountDeps();
      const app = appOver(d);
      const reg = await request(app).post("/v1/auth/register").send(valid).expect(201);
      const res = await request(app)
        .post("/v1/auth/firebase")
        .send({ idToken: idToken({ provider: "google.com", subject: "g-4", email: valid.email, emailVerified: true }) })
        .expect(200);
      assert.notEqual(res.body.user.uid, reg.body.user.uid);
      assert.equal(res.body.user.email, "ada@example.com");
      assert.equal(res.body.user.emailVerified, true);
      const old = await request(app).get("/v1/me").set("Authorization", `Bearer ${reg.body.accessToken}`).expect(200);
      assert.equal(old.body.email, null, "the unverified account lost the address");
      await request(app).post("/v1/auth/login").send({ email: valid.email, password: valid.password }).expect(401);
    });

    it("lets a new sign-up take an address whose holder left it unverified for 24 hours, not sooner", async () => {
      let now = new Date("2026-03-01T10:00:00Z");
      const d = unitAccountDeps({ now: () => now });
      const app = appOver(d);
      const first = await request(app).post("/v1/auth/register").send(valid).expect(201);
      assert.equal(first.body.user.emailVerified, false);
      const again = { ...valid, handle: "someone_else" };
      now = new Date(now.getTime() + 24 * 60 * 60 * 1000 - 1);
      const early = await request(app).post("/v1/auth/register").send(again).expect(409);
      assert.deepEqual(early.body.error.details, [{ path: "email", message: "Already taken" }]);
      now = new Date(now.getTime() + 1);
      const second = await request(app).post("/v1/auth/register").send(again).expect(201);
      assert.equal((await d.userRepo.findById(first.body.user.uid))!.email, null);
      assert.equal((await d.userRepo.findByEmailIndex(d.accounts.emailIndexOf(valid.email)))!.uid, second.body.user.uid);
    });

    it("answers 401 for an invalid ID token and 400 for a malformed body", async () => {
      const app = appOver(unitAccountDeps());
      await request(app).post("/v1/auth/firebase").send({ idToken: "garbage" }).expect(401);
      for (const body of [{}, { idToken: "" }, { idToken: 1 }, { idToken: "x".repeat(9000) }, { idToken: "x", y: 1 }]) {
        await request(app).post("/v1/auth/firebase").send(body).expect(400);
      }
    });
  });

  describe("property: random bodies never cause a 5xx", () => {
    const routes = [
      ["post", "/v1/auth/register"],
      ["post", "/v1/auth/login"],
      ["post", "/v1/auth/refresh"],
      ["post", "/v1/auth/logout"],
      ["post", "/v1/auth/firebase"],
      ["post", "/v1/auth/logout-all"],
      ["put", "/v1/me/password"],
      ["patch", "/v1/me"],
      ["delete", "/v1/me"],
    ] as const;
    const fieldValue = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.constantFrom(valid.email, valid.password, "A".repeat(43), "ada", "fake:{}", "Drama", "public"),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), { maxKeys: 3 }),
    );
    const keys = fc.constantFrom(
      "email",
      "password",
      "displayName",
      "handle",
      "refreshToken",
      "idToken",
      "currentPassword",
      "newPassword",
      "preferences",
      "x",
    );
    const body = fc.oneof(fc.dictionary(keys, fieldValue, { maxKeys: 5 }), fc.jsonValue());

    /** The in-memory stores as one comparable string (Maps and Sets by their entries). */
    const stateOf = (d: UnitAccounts) =>
      JSON.stringify([d.userRepo, d.refreshRepo, d.throttleRepo], (_k, v: unknown) =>
        v instanceof Map ? [...v.entries()] : v instanceof Set ? [...v.values()] : v,
      );
    // Routes behind requireAuth: a signed-in request to them must get past authentication.
    const guarded = new Set(["/v1/auth/logout-all", "/v1/me/password", "/v1/me"]);

    it("for every auth and /me route, signed in or not; a refused request changes nothing", async function () {
      this.timeout(60_000); // 300 requests, some of them hashing with bcrypt: slow on a loaded machine
      let signedInGuarded = 0;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...routes), body, fc.boolean(), async ([method, path], payload, signedIn) => {
          // A fresh account (and token) per run: a logout-all or deletion in one run cannot sign out the next.
          const d = unitAccountDeps();
          const realAuth = d.auth;
          let authenticated: boolean | undefined; // undefined: requireAuth never ran (a body refused before it)
          const app = appOver({
            ...d,
            auth: (req, res, next) =>
              realAuth(req, res, (err?: unknown) => {
                authenticated = err === undefined;
                next(err);
              }),
          });
          const reg = await request(app).post("/v1/auth/register").send(valid).expect(201);
          const before = stateOf(d);
          let req = request(app)[method](path).set("Content-Type", "application/json");
          if (signedIn) req = req.set("Authorization", `Bearer ${reg.body.accessToken}`);
          const res = await req.send(JSON.stringify(payload));
          assert.ok(res.status < 500, `${method} ${path} ${JSON.stringify(payload)} -> ${res.status} ${JSON.stringify(res.body)}`);
          if (res.status >= 400) assert.equal(typeof res.body.error.code, "string");
          if (res.status === 400) assert.equal(stateOf(d), before, `${method} ${path} answered 400 but changed the stores`);
          if (signedIn && guarded.has(path) && authenticated !== undefined) {
            signedInGuarded++;
            assert.ok(authenticated, `${method} ${path}: a valid token was refused (${res.status} ${JSON.stringify(res.body)})`);
          }
        }),
        { numRuns: 300 },
      );
      assert.ok(signedInGuarded > 0, "some signed-in requests reached a guarded route's authentication");
    });
  });
});
