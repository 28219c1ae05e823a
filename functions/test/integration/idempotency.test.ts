import assert from "node:assert/strict";
import { FieldValue } from "firebase-admin/firestore";
import { applyOnce } from "../../src/shared/idempotency";
import { appDb, resetFirestore, verifierDb } from "../helpers/emulators";

describe("applyOnce (Firestore emulator)", () => {
  beforeEach(resetFirestore);

  const increment = (eventId: string) =>
    applyOnce(appDb(), eventId, async (tx) => {
      tx.set(appDb().doc("counters/c"), { n: FieldValue.increment(1) }, { merge: true });
    });

  it("applies an event once however often it is delivered", async () => {
    assert.equal(await increment("event-1"), true);
    assert.equal(await increment("event-1"), false);
    assert.equal(await increment("event-2"), true);
    assert.equal((await verifierDb().doc("counters/c").get()).get("n"), 2);
  });

  it("applies an event once when deliveries race", async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => increment("event-race")));
    assert.equal(results.filter(Boolean).length, 1);
    assert.equal((await verifierDb().doc("counters/c").get()).get("n"), 1);
  });

  it("leaves no marker when the effect fails, so a retry applies it", async () => {
    await assert.rejects(
      applyOnce(appDb(), "event-fail", async () => {
        throw new Error("transient");
      }),
    );
    assert.equal(await increment("event-fail"), true);
    const marker = await verifierDb().doc("processedEvents/event-fail").get();
    assert.ok(marker.get("expireAt").toMillis() > Date.now());
  });
});
