import assert from "node:assert/strict";
import request from "supertest";
import { unitAccountDeps, type UnitAccounts } from "../../test/helpers/accounts";
import { unitAccountsApp } from "../../test/helpers/unit-app";

/** The auth and /me routes over in-memory repositories, with the real services and the app's middleware. */
const appOver = (deps: UnitAccounts) => unitAccountsApp(deps);

const valid = { email: "ada@example.com", password: "correct horse battery", displayName: "Ada", handle: "ada" };

async function signedUp(d = unitAccountDeps()) {
  const app = appOver(d);
  const res = await request(app).post("/v1/auth/register").send(valid).expect(201);
  return { d, app, uid: res.body.user.uid as string, auth: `Bearer ${res.body.accessToken}` };
}

describe("/v1/me routes (in memory)", () => {
  it("GET /v1/me answers the caller's account, 401 without a token", async () => {
    const { app, auth, uid } = await signedUp();
    const res = await request(app).get("/v1/me").set("Authorization", auth).expect(200);
    assert.deepEqual(
      { uid: res.body.uid, handle: res.body.handle, email: res.body.email, displayName: res.body.displayName },
      { uid, handle: "ada", email: "ada@example.com", displayName: "Ada" },
    );
    await request(app).get("/v1/me").expect(401);
  });

  it("PATCH /v1/me changes display name, handle and preferences", async () => {
    const { d, app, auth } = await signedUp();
    const res = await request(app)
      .patch("/v1/me")
      .set("Authorization", auth)
      .send({ displayName: "Ada L.", handle: "ada_l", preferences: { favouriteGenres: ["Drama", "Sci-Fi"], privacy: "private" } })
      .expect(200);
    assert.equal(res.body.displayName, "Ada L.");
    assert.equal(res.body.handle, "ada_l");
    assert.deepEqual(res.body.preferences, { favouriteGenres: ["Drama", "Sci-Fi"], privacy: "private" });
    assert.deepEqual([...d.userRepo.handles.keys()], ["ada_l"]);
    const partial = await request(app)
      .patch("/v1/me")
      .set("Authorization", auth)
      .send({ preferences: { privacy: "public" } })
      .expect(200);
    assert.deepEqual(partial.body.preferences, { favouriteGenres: ["Drama", "Sci-Fi"], privacy: "public" });
  });

  it("PATCH /v1/me answers 409 for a taken handle", async () => {
    const { app, auth } = await signedUp();
    await request(app)
      .post("/v1/auth/register")
      .send({ ...valid, email: "bob@example.com", handle: "bob" })
      .expect(201);
    const res = await request(app).patch("/v1/me").set("Authorization", auth).send({ handle: "bob" }).expect(409);
    assert.equal(res.body.error.details[0].path, "handle");
  });

  for (const [name, body] of [
    ["empty body", {}],
    ["unknown field", { email: "new@example.com" }],
    ["handle malformed", { handle: "Not Valid" }],
    ["handle Firestore reserves", { handle: "__name__" }],
    ["displayName too long", { displayName: "x".repeat(51) }],
    ["displayName wrong type", { displayName: 5 }],
    ["unknown genre", { preferences: { favouriteGenres: ["Cooking"] } }],
    ["repeated genre", { preferences: { favouriteGenres: ["Drama", "Drama"] } }],
    ["genres wrong type", { preferences: { favouriteGenres: "Drama" } }],
    ["privacy unknown", { preferences: { privacy: "everyone" } }],
    ["empty preferences", { preferences: {} }],
    ["unknown preference", { preferences: { theme: "dark" } }],
  ] as const) {
    it(`PATCH /v1/me answers 400 and changes nothing: ${name}`, async () => {
      const { d, app, auth } = await signedUp();
      const before = JSON.stringify([...d.userRepo.users.values()]);
      const res = await request(app).patch("/v1/me").set("Authorization", auth).send(body).expect(400);
      assert.equal(res.body.error.code, "invalid-argument");
      assert.equal(JSON.stringify([...d.userRepo.users.values()]), before);
    });
  }

  it("GET /v1/me/export answers the account as JSON", async () => {
    const { app, auth, uid } = await signedUp();
    const res = await request(app).get("/v1/me/export").set("Authorization", auth).expect(200);
    assert.equal(res.body.account.uid, uid);
    assert.equal(res.body.account.email, "ada@example.com");
    assert.deepEqual(res.body.data, {});
    assert.match(res.get("Content-Disposition") ?? "", /attachment/);
  });

  describe("DELETE /v1/me", () => {
    it("needs the password: wrong 403, missing 400, right 204 and the account is gone", async () => {
      const { d, app, auth, uid } = await signedUp();
      await request(app).delete("/v1/me").set("Authorization", auth).send({ password: "wrong password!" }).expect(403);
      for (const body of [{}, { password: "" }, { password: 1 }, { password: "x", idToken: "y" }]) {
        await request(app).delete("/v1/me").set("Authorization", auth).send(body).expect(400);
      }
      assert.ok(d.userRepo.users.has(uid));
      await request(app).delete("/v1/me").set("Authorization", auth).send({ password: valid.password }).expect(204);
      assert.equal(d.userRepo.users.has(uid), false);
      assert.deepEqual(d.userRepo.deletions, [uid]);
      await request(app).get("/v1/me").set("Authorization", auth).expect(401);
    });

    it("accepts a recent Google/Apple sign-in of the same account, refuses an old or foreign one", async () => {
      const d = unitAccountDeps();
      const app = appOver(d);
      const token = (subject: string, authTime: Date) => `fake:${JSON.stringify({ provider: "google.com", subject, authTime })}`;
      const me = await request(app)
        .post("/v1/auth/firebase")
        .send({ idToken: token("g-1", new Date()) })
        .expect(200);
      await request(app)
        .post("/v1/auth/firebase")
        .send({ idToken: token("g-2", new Date()) })
        .expect(200);
      const auth = `Bearer ${me.body.accessToken}`;
      const old = token("g-1", new Date(Date.now() - 10 * 60_000));
      await request(app).delete("/v1/me").set("Authorization", auth).send({ idToken: old }).expect(403);
      await request(app)
        .delete("/v1/me")
        .set("Authorization", auth)
        .send({ idToken: token("g-2", new Date()) })
        .expect(403);
      await request(app).delete("/v1/me").set("Authorization", auth).send({ password: "whatever password" }).expect(409);
      await request(app)
        .delete("/v1/me")
        .set("Authorization", auth)
        .send({ idToken: token("g-1", new Date()) })
        .expect(204);
      assert.equal(d.userRepo.users.has(me.body.user.uid), false);
    });
  });
});
