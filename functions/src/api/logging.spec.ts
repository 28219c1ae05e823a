import assert from "node:assert/strict";
import request from "supertest";
import { unitAccountDeps } from "../../test/helpers/accounts";
import { unitAppDeps } from "../../test/helpers/unit-app";
import { capturedLogs, resetCapturedLogs } from "../../test/helpers/logs";
import { createApp } from "./app";

describe("logging", () => {
  it("never writes emails, passwords, display names or tokens, and puts a request id on every request's lines", async () => {
    const { auth, accounts, users } = unitAccountDeps();
    const app = createApp(unitAppDeps({ auth, accounts, users }));
    const secrets = { email: "Secret.Person@Example.com", password: "a very private passphrase", displayName: "Zebedee Quux" };
    resetCapturedLogs();
    const registered = await request(app)
      .post("/v1/auth/register")
      .send({ ...secrets, handle: "zebedee" })
      .expect(201);
    await request(app).post("/v1/auth/login").send({ email: secrets.email, password: "wrong password entirely" }).expect(401);
    const login = await request(app).post("/v1/auth/login").send({ email: secrets.email, password: secrets.password }).expect(200);
    await request(app).get("/v1/me").set("Authorization", `Bearer ${login.body.accessToken}`).expect(200);
    await request(app).post("/v1/auth/refresh").send({ refreshToken: login.body.refreshToken }).expect(200);

    const lines = capturedLogs();
    assert.ok(lines.length >= 5);
    const text = JSON.stringify(lines).toLowerCase();
    for (const forbidden of [
      secrets.email.toLowerCase(),
      secrets.password,
      secrets.displayName.toLowerCase(),
      "wrong password entirely",
      login.body.accessToken.toLowerCase(),
      login.body.refreshToken.toLowerCase(),
      registered.body.refreshToken.toLowerCase(),
    ]) {
      assert.ok(!text.includes(forbidden), `a log line contains ${forbidden.slice(0, 12)}...`);
    }
    assert.ok(
      lines.every((l) => typeof l.fields.requestId === "string"),
      "a line without a request id",
    );
  });
});
