import assert from "node:assert/strict";
import request from "supertest";
import { makeTestApp } from "../helpers/accounts";
import { appDb, resetFirestore, verifierDb } from "../helpers/emulators";

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
});
