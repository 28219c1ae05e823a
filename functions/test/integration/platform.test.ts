import assert from "node:assert/strict";
import request from "supertest";
import { makeTestApp } from "../helpers/accounts";
import { HOSTING_ORIGIN, appDb, resetFirestore, verifierDb } from "../helpers/emulators";

describe("platform (Firestore emulator)", () => {
  beforeEach(resetFirestore);

  describe("in process: createApp over the real Firestore emulator", () => {
    it("reports Firestore as answering", async () => {
      const res = await request(makeTestApp(appDb())).get("/v1/health").expect(200);
      assert.deepEqual([res.body.status, res.body.firestore], ["ok", "ok"]);
    });

    it("reads and writes the same emulator as an independent admin client", async () => {
      await appDb().collection("system").doc("probe").set({ written: "by app client" });
      const snapshot = await verifierDb().collection("system").doc("probe").get();
      assert.equal(snapshot.get("written"), "by app client");
    });
  });

  describe("end to end: Hosting rewrite -> Functions emulator -> api", () => {
    const api = request(HOSTING_ORIGIN);

    it("answers GET /v1/health with 200 and the version", async () => {
      const res = await api.get("/v1/health").expect(200);
      assert.equal(res.body.status, "ok");
      assert.equal(res.body.firestore, "ok");
      assert.match(res.body.version, /^\d+\.\d+\.\d+/);
      assert.ok(res.get("X-Request-Id"));
    });

    it("answers an unknown path with 404 in the error format", async () => {
      const res = await api.get("/v1/no-such-route").expect(404);
      assert.equal(res.body.error.code, "not-found");
    });

    it("answers an oversized body with 413 in the error format", async () => {
      const res = await api
        .post("/v1/health")
        .send({ padding: "x".repeat(100 * 1024) })
        .expect(413);
      assert.equal(res.body.error.code, "payload-too-large");
    });

    // The Functions runtime parses JSON bodies before the app runs and refuses a malformed one itself,
    // so the status is right but the body is the runtime's (docs/DECISIONS.md, "Malformed JSON").
    it("answers malformed JSON with 400 from the runtime, before the app", async () => {
      await api.post("/v1/health").set("Content-Type", "application/json").send('{"a":').expect(400);
    });
  });
});
