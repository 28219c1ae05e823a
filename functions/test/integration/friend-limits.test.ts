import assert from "node:assert/strict";
import type { Express } from "express";
import functionsTest from "firebase-functions-test";
import { Timestamp, type Firestore } from "firebase-admin/firestore";
import { createApp } from "../../src/api/app";
import { makeDeps } from "../../src/deps";
import { friendRequestTrigger } from "../../src/friends/friends.triggers";
import { MAX_FRIENDS, type FriendRequestLimits } from "../../src/friends/friends.service";
import { TEST_HTTP_CONFIG, TEST_RECOVERY_CONFIG, registerUser, testAuthConfig, type RegisteredUser } from "../helpers/accounts";
import { appDb, quietDb, resetFirestore } from "../helpers/emulators";
import { RecordingPushTransport, clientFor, socialTestServices } from "../helpers/social";

const fft = functionsTest({ projectId: "demo-movie-night" });
const snapshot = (path: string, data?: Record<string, unknown>) => ({ exists: data !== undefined, data: () => data, ref: { path } });
const HOUR = 3_600_000;

/** The API over `db` with its own friend request caps and a clock the test moves. */
function appWith(db: Firestore, friendLimits: FriendRequestLimits, clock: { now: Date }): Express {
  return createApp(
    makeDeps(db, {
      http: TEST_HTTP_CONFIG,
      auth: testAuthConfig(),
      accountOverrides: { recovery: TEST_RECOVERY_CONFIG },
      catalogue: {},
      social: { friendLimits, now: () => clock.now },
    }),
  );
}

describe("friend request abuse caps (emulators)", function () {
  this.timeout(120_000);
  const limits: FriendRequestLimits = { maxPending: 2, pauseMs: 6 * HOUR };
  const clock = { now: new Date() };
  let app: Express;
  const as = (user: RegisteredUser) => clientFor(app, user);
  const pendingFrom = async (db: Firestore, uid: string) => (await db.collection("friendRequests").where("from", "==", uid).get()).size;

  before(async () => {
    await resetFirestore();
  });

  beforeEach(() => {
    clock.now = new Date();
  });

  after(() => fft.cleanup());

  describe("pending outgoing requests", () => {
    before(() => {
      app = appWith(appDb(), limits, clock);
    });

    it("refuses one more than the cap with 409 (reason pending-limit) and stores nothing", async () => {
      const [ada, bob, cal, dan] = await Promise.all([registerUser(app), registerUser(app), registerUser(app), registerUser(app)]);
      await as(ada).post("/friends/requests", { uid: bob.uid }).expect(201);
      await as(ada).post("/friends/requests", { uid: cal.uid }).expect(201);
      const res = await as(ada).post("/friends/requests", { uid: dan.uid }).expect(409);
      assert.equal(res.body.error.code, "failed-precondition");
      assert.deepEqual(res.body.error.details, { reason: "pending-limit", limit: 2 });
      assert.equal(await pendingFrom(appDb(), ada.uid), 2);
      // Someone who already asked the caller can still be answered by asking back: that is an acceptance.
      await as(dan).post("/friends/requests", { uid: ada.uid }).expect(201);
      assert.equal((await as(ada).post("/friends/requests", { uid: dan.uid }).expect(200)).body.status, "accepted");
    });

    it("lets at most the cap through when requests are sent at the same moment", async () => {
      const ada = await registerUser(app);
      const others = await Promise.all(Array.from({ length: 5 }, () => registerUser(app)));
      const statuses = (await Promise.all(others.map((o) => as(ada).post("/friends/requests", { uid: o.uid })))).map((r) => r.status);
      assert.deepEqual(statuses.sort(), [201, 201, 409, 409, 409], JSON.stringify(statuses));
      assert.equal(await pendingFrom(appDb(), ada.uid), 2);
    });
  });

  describe("the pause after a decline or a cancel", () => {
    before(() => {
      app = appWith(appDb(), limits, clock);
    });

    for (const how of ["declined", "cancelled"] as const) {
      it(`answers 429 with Retry-After when asking again too soon after being ${how}, and 201 once the pause is over`, async () => {
        const [ada, bob] = await Promise.all([registerUser(app), registerUser(app)]);
        const id = `${ada.uid}_${bob.uid}`;
        await as(ada).post("/friends/requests", { uid: bob.uid }).expect(201);
        if (how === "declined") await as(bob).post(`/friends/requests/${id}/decline`).expect(204);
        else await as(ada).delete(`/friends/requests/${id}`).expect(204);

        clock.now = new Date(clock.now.getTime() + HOUR);
        const res = await as(ada).post("/friends/requests", { uid: bob.uid }).expect(429);
        assert.equal(res.body.error.code, "resource-exhausted");
        assert.equal(res.headers["retry-after"], String(5 * 3600));
        assert.deepEqual(res.body.error.details, { reason: "request-pause", retryAfterSeconds: 5 * 3600 });
        assert.equal(await pendingFrom(appDb(), ada.uid), 0);
        // The pause is one direction of one pair: bob may still ask ada.
        await as(bob).post("/friends/requests", { uid: ada.uid }).expect(201);
        await as(bob).delete(`/friends/requests/${bob.uid}_${ada.uid}`).expect(204);

        clock.now = new Date(clock.now.getTime() + 5 * HOUR);
        await as(ada).post("/friends/requests", { uid: bob.uid }).expect(201);
      });
    }
  });

  describe("notifications", () => {
    it("notifies a pair at most once a day: send, cancel and send again does not push again", async () => {
      app = appWith(appDb(), limits, clock);
      const [ada, bob] = await Promise.all([registerUser(app), registerUser(app)]);
      await as(bob)
        .put(`/me/devices/bob-device-${"t".repeat(30)}`, { platform: "android" })
        .expect(201);
      // The requests exist only in these events (never in Firestore), so the emulator's own trigger does not run.
      const push = new RecordingPushTransport();
      const wrapped = fft.wrap(friendRequestTrigger(() => socialTestServices(appDb(), push).friends));
      const id = `${ada.uid}_${bob.uid}`;
      const path = `friendRequests/${id}`;
      const requestAt = (ms: number) => ({ from: ada.uid, to: bob.uid, suppressed: false, createdAt: Timestamp.fromMillis(ms) });
      const created = (eventId: string, ms: number) => ({
        id: eventId,
        data: fft.makeChange(snapshot(path), snapshot(path, requestAt(ms))),
        params: { requestId: id },
      });
      const removed = (eventId: string, ms: number) => ({
        id: eventId,
        data: fft.makeChange(snapshot(path, requestAt(ms)), snapshot(path)),
        params: { requestId: id },
      });
      const requestNotices = async () =>
        (await appDb().collection(`users/${bob.uid}/notifications`).where("kind", "==", "friend.request").get()).size;
      const t0 = Date.UTC(2026, 2, 1, 9);

      await wrapped(created("n-1", t0) as never);
      await wrapped(created("n-1", t0) as never);
      assert.equal(push.sends.length, 1, "the first request is pushed, once however often its event comes");
      assert.equal(await requestNotices(), 1);
      await wrapped(removed("n-2", t0) as never);
      assert.equal(await requestNotices(), 0, "a cancelled request takes its notification back");

      await wrapped(created("n-3", t0 + 2 * HOUR) as never);
      assert.equal(push.sends.length, 1, "asked again the same day: no second push");
      assert.equal(await requestNotices(), 0);
      await wrapped(removed("n-4", t0 + 2 * HOUR) as never);

      await wrapped(created("n-5", t0 + 25 * HOUR) as never);
      assert.equal(push.sends.length, 2, "a day later a request notifies again");
      assert.equal(await requestNotices(), 1);
    });
  });

  describe(`the ${MAX_FRIENDS}-friend cap`, () => {
    it("holds when two requests to a person one short of the cap are accepted at the same moment", async () => {
      // The quiet database: no trigger runs there, so seeding a person's friendships wakes nothing.
      const quiet = quietDb();
      const quietApp = appWith(quiet, { maxPending: 100, pauseMs: HOUR }, clock);
      const inQuiet = (user: RegisteredUser) => clientFor(quietApp, user);
      const [ada, bob, cal] = await Promise.all([registerUser(quietApp), registerUser(quietApp), registerUser(quietApp)]);
      for (let start = 0; start < MAX_FRIENDS - 1; start += 400) {
        const batch = quiet.batch();
        for (let i = start; i < Math.min(start + 400, MAX_FRIENDS - 1); i++) {
          const other = `seeded${String(i).padStart(4, "0")}`;
          const uids = [ada.uid, other].sort();
          batch.set(quiet.doc(`friendships/${uids.join("_")}`), { uids, requestedBy: other, since: new Date() });
        }
        await batch.commit();
      }
      await inQuiet(bob).post("/friends/requests", { uid: ada.uid }).expect(201);
      await inQuiet(cal).post("/friends/requests", { uid: ada.uid }).expect(201);

      const answers = await Promise.all([
        inQuiet(ada).post(`/friends/requests/${bob.uid}_${ada.uid}/accept`),
        inQuiet(ada).post(`/friends/requests/${cal.uid}_${ada.uid}/accept`),
      ]);
      const statuses = answers.map((r) => r.status).sort();
      assert.deepEqual(statuses, [200, 409], JSON.stringify(answers.map((r) => r.body)));
      const refused = answers.find((r) => r.status === 409);
      assert.deepEqual(refused?.body.error.details, { reason: "friend-limit", limit: MAX_FRIENDS });
      const friendships = await quiet.collection("friendships").where("uids", "array-contains", ada.uid).count().get();
      assert.equal(friendships.data().count, MAX_FRIENDS);
    });
  });
});
