import assert from "node:assert/strict";
import type { Express } from "express";
import functionsTest from "firebase-functions-test";
import { Timestamp } from "firebase-admin/firestore";
import { friendRequestTrigger, friendshipTrigger } from "../../src/friends/friends.triggers";
import { deviceId } from "../../src/notifications/notifications.repository";
import { makeTestApp, registerUser, type RegisteredUser } from "../helpers/accounts";
import { waitForEmulatorIdle } from "../helpers/emulator-log";
import { appDb, quietDb, resetFirestore, verifierDb, waitFor } from "../helpers/emulators";
import { RecordingPushTransport, befriend, clientFor, socialTestServices } from "../helpers/social";

const fft = functionsTest({ projectId: "demo-movie-night" });

/** What the triggers read of a snapshot (fft's own helpers need the namespaced admin API, gone in v14). */
const snapshot = (path: string, data?: Record<string, unknown>) => ({ exists: data !== undefined, data: () => data, ref: { path } });

describe("friends, people and notifications (emulators)", function () {
  this.timeout(120_000);
  let app: Express;
  const db = () => verifierDb();
  const as = (user: RegisteredUser) => clientFor(app, user);
  const count = async (collection: string) => (await db().collection(collection).count().get()).data().count;
  const exists = async (path: string) => (await db().doc(path).get()).exists;
  const notificationsOf = async (uid: string) =>
    (await db().collection(`users/${uid}/notifications`).get()).docs.map((d): Record<string, unknown> => ({ ...d.data(), id: d.id }));
  const waitForNotification = (uid: string, kind: string) =>
    waitFor(async () => (await notificationsOf(uid)).find((n) => n.kind === kind), { what: `${kind} notification for ${uid}` });

  before(async () => {
    await resetFirestore();
    app = makeTestApp(appDb());
  });

  after(() => fft.cleanup());

  describe("friend requests", () => {
    it("sends, lists, notifies and accepts a request; both friend lists follow and the sender is told", async () => {
      const [ada, bob] = await Promise.all([registerUser(app), registerUser(app)]);
      const sent = await as(ada).post("/friends/requests", { uid: bob.uid }).expect(201);
      assert.equal(sent.body.status, "pending");
      assert.equal(sent.body.request.id, `${ada.uid}_${bob.uid}`);
      assert.deepEqual([sent.body.request.from.handle, sent.body.request.to.handle], [ada.handle, bob.handle]);
      assert.equal((await db().doc(`friendRequests/${ada.uid}_${bob.uid}`).get()).get("suppressed"), false);

      const incoming = await as(bob).get("/friends/requests?direction=incoming").expect(200);
      assert.deepEqual(
        incoming.body.items.map((r: { id: string }) => r.id),
        [`${ada.uid}_${bob.uid}`],
      );
      const outgoing = await as(ada).get("/friends/requests?direction=outgoing").expect(200);
      assert.deepEqual(
        outgoing.body.items.map((r: { id: string }) => r.id),
        [`${ada.uid}_${bob.uid}`],
      );
      assert.deepEqual((await as(ada).get("/friends/requests").expect(200)).body.items, []);

      const received = await waitForNotification(bob.uid, "friend.request");
      assert.equal(received.body, `@${ada.handle} wants to be your friend`);
      assert.deepEqual(received.data, { requestId: `${ada.uid}_${bob.uid}` });

      const accepted = await as(bob).post(`/friends/requests/${ada.uid}_${bob.uid}/accept`).expect(200);
      assert.equal(accepted.body.friend.uid, ada.uid);
      assert.equal(await exists(`friendRequests/${ada.uid}_${bob.uid}`), false);
      const [x, y] = ada.uid < bob.uid ? [ada.uid, bob.uid] : [bob.uid, ada.uid];
      assert.equal((await db().doc(`friendships/${x}_${y}`).get()).get("requestedBy"), ada.uid);

      await waitFor(
        async () =>
          (await exists(`users/${ada.uid}/friends/${bob.uid}`)) && (await exists(`users/${bob.uid}/friends/${ada.uid}`)) ? true : undefined,
        {
          what: "mirrors",
        },
      );
      const adaFriends = await as(ada).get("/friends").expect(200);
      assert.deepEqual(
        adaFriends.body.items.map((f: { uid: string; handle: string }) => [f.uid, f.handle]),
        [[bob.uid, bob.handle]],
      );
      assert.deepEqual(
        (await as(bob).get("/friends").expect(200)).body.items.map((f: { uid: string }) => f.uid),
        [ada.uid],
      );
      assert.deepEqual((await db().doc(`users/${ada.uid}/social/friendIds`).get()).get("uids"), [bob.uid]);

      const told = await waitForNotification(ada.uid, "friend.accepted");
      assert.equal(told.actorUid, bob.uid);
      // The answered request's notification is taken back.
      await waitFor(async () => ((await notificationsOf(bob.uid)).some((n) => n.kind === "friend.request") ? undefined : true), {
        what: "retraction",
      });
    });

    it("refuses bad requests with the right 4xx and changes nothing", async () => {
      const [ada, bob, cal] = await Promise.all([registerUser(app), registerUser(app), registerUser(app)]);
      await befriend(app, db(), ada, cal);
      await as(ada).post("/friends/requests", { uid: bob.uid }).expect(201);
      const before = [await count("friendRequests"), await count("friendships")];
      const cases: Array<[string, object | undefined, number, string]> = [
        ["yourself", { uid: ada.uid }, 400, "invalid-argument"],
        ["no body", undefined, 400, "invalid-argument"],
        ["no uid", {}, 400, "invalid-argument"],
        ["uid of the wrong type", { uid: 42 }, 400, "invalid-argument"],
        ["malformed uid", { uid: "a_b" }, 400, "invalid-argument"],
        ["unknown field", { uid: bob.uid, note: "hi" }, 400, "invalid-argument"],
        ["unknown user", { uid: "NoSuchUser000000000" }, 404, "not-found"],
        ["duplicate", { uid: bob.uid }, 409, "already-exists"],
        ["already friends", { uid: cal.uid }, 409, "already-exists"],
      ];
      for (const [name, body, status, code] of cases) {
        const res = await as(ada).post("/friends/requests", body).expect(status);
        assert.equal(res.body.error.code, code, name);
      }
      await as(cal).post("/friends/requests", { uid: ada.uid }).expect(409);
      assert.deepEqual([await count("friendRequests"), await count("friendships")], before);
      await as(ada).get("/friends/requests?direction=sideways").expect(400);
      await as(ada).get("/friends/requests?limit=0").expect(400);
      await as(ada).get("/friends?cursor=forged").expect(400);
      await clientFor(app, { ...ada, accessToken: "not-a-token" })
        .post("/friends/requests", { uid: bob.uid })
        .expect(401);
    });

    it("lets only the recipient accept or decline and only the sender cancel", async () => {
      const [ada, bob, eve] = await Promise.all([registerUser(app), registerUser(app), registerUser(app)]);
      await as(ada).post("/friends/requests", { uid: bob.uid }).expect(201);
      const id = `${ada.uid}_${bob.uid}`;
      const friendshipsBefore = await count("friendships");
      const denied = [
        [as(eve).post(`/friends/requests/${id}/accept`), 404],
        [as(eve).post(`/friends/requests/${id}/decline`), 404],
        [as(eve).delete(`/friends/requests/${id}`), 404],
        [as(ada).post(`/friends/requests/${id}/accept`), 403],
        [as(ada).post(`/friends/requests/${id}/decline`), 403],
        [as(bob).delete(`/friends/requests/${id}`), 403],
        [as(bob).post(`/friends/requests/${bob.uid}_${ada.uid}/accept`), 404],
        [as(bob).post(`/friends/requests/not-an-id/accept`), 400],
      ] as const;
      for (const [call, status] of denied) {
        const res = await call.expect(status);
        assert.ok(res.body.error.code);
      }
      assert.equal(await exists(`friendRequests/${id}`), true);
      assert.equal(await count("friendships"), friendshipsBefore);

      await as(bob).post(`/friends/requests/${id}/decline`).expect(204);
      assert.equal(await exists(`friendRequests/${id}`), false);
      await as(bob).post(`/friends/requests/${id}/accept`).expect(404);

      // After a decline the sender waits before asking again (the pause; see friend-limits.test.ts).
      await as(ada).post("/friends/requests", { uid: bob.uid }).expect(429);
      await as(ada).post("/friends/requests", { uid: eve.uid }).expect(201);
      await as(ada).delete(`/friends/requests/${ada.uid}_${eve.uid}`).expect(204);
      assert.equal(await exists(`friendRequests/${ada.uid}_${eve.uid}`), false);
      assert.equal((await as(eve).get("/friends/requests").expect(200)).body.items.length, 0);
    });

    it("accepts the other person's request when asked back", async () => {
      const [ada, bob] = await Promise.all([registerUser(app), registerUser(app)]);
      await as(ada).post("/friends/requests", { uid: bob.uid }).expect(201);
      const res = await as(bob).post("/friends/requests", { uid: ada.uid }).expect(200);
      assert.equal(res.body.status, "accepted");
      assert.equal(res.body.friend.uid, ada.uid);
      assert.equal(await exists(`friendRequests/${ada.uid}_${bob.uid}`), false);
      assert.equal(await exists(`friendRequests/${bob.uid}_${ada.uid}`), false);
      const pair = ada.uid < bob.uid ? `${ada.uid}_${bob.uid}` : `${bob.uid}_${ada.uid}`;
      assert.equal((await db().doc(`friendships/${pair}`).get()).get("requestedBy"), ada.uid);
    });

    it("turns two people asking each other at the same moment into exactly one friendship", async () => {
      const pairs = await Promise.all(Array.from({ length: 6 }, async () => [await registerUser(app), await registerUser(app)] as const));
      await Promise.all(
        pairs.map(async ([a, b]) => {
          const [ra, rb] = await Promise.all([
            as(a).post("/friends/requests", { uid: b.uid }),
            as(b).post("/friends/requests", { uid: a.uid }),
          ]);
          assert.deepEqual([ra.status, rb.status].sort(), [200, 201], JSON.stringify([ra.body, rb.body]));
        }),
      );
      for (const [a, b] of pairs) {
        const friendships = await db().collection("friendships").where("uids", "array-contains", a.uid).get();
        assert.equal(friendships.size, 1);
        assert.equal(await exists(`friendRequests/${a.uid}_${b.uid}`), false);
        assert.equal(await exists(`friendRequests/${b.uid}_${a.uid}`), false);
      }
    });
  });

  describe("friendships and blocks", () => {
    it("unfriending removes both sides", async () => {
      const [ada, bob] = await Promise.all([registerUser(app), registerUser(app)]);
      await befriend(app, db(), ada, bob);
      await as(ada).delete(`/friends/${bob.uid}`).expect(204);
      await as(ada).delete(`/friends/${bob.uid}`).expect(204);
      await as(ada).delete("/friends/bad_id").expect(400);
      await as(ada).delete(`/friends/${ada.uid}`).expect(400);
      await waitFor(
        async () =>
          (await exists(`users/${ada.uid}/friends/${bob.uid}`)) || (await exists(`users/${bob.uid}/friends/${ada.uid}`)) ? undefined : true,
        {
          what: "mirrors removed",
        },
      );
      assert.deepEqual((await as(bob).get("/friends").expect(200)).body.items, []);
      assert.deepEqual((await db().doc(`users/${bob.uid}/social/friendIds`).get()).get("uids"), []);
    });

    it("blocking ends the friendship and hides the blocked person's requests, without telling them", async () => {
      const [ada, bob] = await Promise.all([registerUser(app), registerUser(app)]);
      await befriend(app, db(), ada, bob);
      const blocked = await as(bob).put(`/me/blocks/${ada.uid}`).expect(201);
      assert.deepEqual([blocked.body.uid, blocked.body.handle], [ada.uid, ada.handle]);
      await as(bob).put(`/me/blocks/${ada.uid}`).expect(200);
      assert.equal((await db().collection("blocks").where("blocker", "==", bob.uid).get()).size, 1);
      await waitFor(async () => ((await exists(`users/${bob.uid}/friends/${ada.uid}`)) ? undefined : true), { what: "friendship ended" });
      assert.deepEqual(
        (await as(bob).get("/me/blocks").expect(200)).body.items.map((b: { uid: string }) => b.uid),
        [ada.uid],
      );

      // Ada's request looks like any other to her...
      const sent = await as(ada).post("/friends/requests", { uid: bob.uid }).expect(201);
      assert.equal(sent.body.status, "pending");
      assert.equal((await as(ada).get("/friends/requests?direction=outgoing").expect(200)).body.items.length, 1);
      await as(ada).post("/friends/requests", { uid: bob.uid }).expect(409);
      // ...but Bob never sees it, cannot act on it, and is not notified.
      assert.deepEqual((await as(bob).get("/friends/requests").expect(200)).body.items, []);
      await as(bob).post(`/friends/requests/${ada.uid}_${bob.uid}/accept`).expect(404);
      const bobRequest = await as(bob).post("/friends/requests", { uid: ada.uid }).expect(409);
      assert.equal(bobRequest.body.error.code, "failed-precondition");

      await as(bob).put(`/me/blocks/${bob.uid}`).expect(400);
      await as(bob).put("/me/blocks/NoSuchUser000000000").expect(404);
      await as(bob).delete(`/me/blocks/${ada.uid}`).expect(204);
      assert.deepEqual((await as(bob).get("/me/blocks").expect(200)).body.items, []);
      // Unblocked, Bob's own request meets Ada's pending one: friends.
      assert.equal((await as(bob).post("/friends/requests", { uid: ada.uid }).expect(200)).body.status, "accepted");
      await waitForEmulatorIdle(); // the triggers of the request and the acceptance have run
      assert.equal((await notificationsOf(bob.uid)).filter((n) => n.kind === "friend.request").length, 0);
      // The acceptance itself was handled (a positive control for the quiet above): both lists show it.
      assert.ok(await exists(`users/${bob.uid}/friends/${ada.uid}`));
      assert.ok(await exists(`users/${ada.uid}/friends/${bob.uid}`));
    });
  });

  describe("people", () => {
    it("finds people by handle prefix, page by page", async () => {
      const stem = `zq${Date.now().toString(36).slice(-5)}`;
      const people = await Promise.all(["a", "b", "c"].map((s) => registerUser(app, { handle: `${stem}_${s}` })));
      const first = await as(people[0]).get(`/users?handle=${stem.toUpperCase()}&limit=2`).expect(200);
      assert.deepEqual(
        first.body.items.map((p: { handle: string }) => p.handle),
        [`${stem}_a`, `${stem}_b`],
      );
      assert.equal(first.body.items[0].displayName, people[0].displayName);
      const second = await as(people[0])
        .get(`/users?handle=${stem}&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`)
        .expect(200);
      assert.deepEqual(
        second.body.items.map((p: { uid: string }) => p.uid),
        [people[2].uid],
      );
      assert.equal(second.body.nextCursor, undefined);
      assert.deepEqual((await as(people[0]).get(`/users?handle=@${stem}_c`).expect(200)).body.items.length, 1);
      for (const bad of ["", "a b", "x".repeat(31), "%24"]) await as(people[0]).get(`/users?handle=${bad}`).expect(400);
      await as(people[0]).get("/users").expect(400);
    });

    it("shows a public profile and the ratings and diary only as the owner's privacy setting allows", async () => {
      const [owner, friend, stranger] = await Promise.all([registerUser(app), registerUser(app), registerUser(app)]);
      await befriend(app, db(), owner, friend);
      const profile = await as(stranger).get(`/users/${owner.uid}`).expect(200);
      assert.deepEqual(
        { ...profile.body, counts: undefined },
        {
          uid: owner.uid,
          handle: owner.handle,
          displayName: owner.displayName,
          counts: undefined,
          privacy: "friends",
          relationship: "none",
          activityVisible: false,
        },
      );
      assert.deepEqual(profile.body.counts, { ratings: 0, watched: 0, friends: 1 });
      assert.equal((await as(friend).get(`/users/${owner.uid}`).expect(200)).body.relationship, "friend");
      assert.equal((await as(owner).get(`/users/${owner.uid}`).expect(200)).body.relationship, "self");

      // friends only: the friend reads the diary, a stranger gets 403
      await as(friend).get(`/users/${owner.uid}/watched`).expect(200);
      await as(friend).get(`/users/${owner.uid}/ratings`).expect(200);
      const denied = await as(stranger).get(`/users/${owner.uid}/watched`).expect(403);
      assert.equal(denied.body.error.code, "permission-denied");
      await as(stranger).get(`/users/${owner.uid}/ratings`).expect(403);

      // private: even the friend is refused; the owner still reads their own
      await as(owner)
        .patch("/me", { preferences: { privacy: "private" } })
        .expect(200);
      await as(friend).get(`/users/${owner.uid}/watched`).expect(403);
      await as(owner).get(`/users/${owner.uid}/watched`).expect(200);

      // public: anyone
      await as(owner)
        .patch("/me", { preferences: { privacy: "public" } })
        .expect(200);
      await as(stranger).get(`/users/${owner.uid}/watched`).expect(200);

      // friends only again, after unfriending: refused at once
      await as(owner)
        .patch("/me", { preferences: { privacy: "friends" } })
        .expect(200);
      await as(friend).delete(`/friends/${owner.uid}`).expect(204);
      await as(friend).get(`/users/${owner.uid}/watched`).expect(403);
      await as(friend).get(`/users/${owner.uid}/ratings`).expect(403);

      await as(stranger).get("/users/NoSuchUser000000000").expect(404);
      await as(stranger).get("/users/NoSuchUser000000000/watched").expect(404);
      await as(stranger).get("/users/bad_id").expect(400);
      await as(stranger).get(`/users/${owner.uid}/watched?limit=500`).expect(400);
    });
  });

  describe("notifications and devices", () => {
    it("lists notifications with the unread count and marks them read", async () => {
      const [ada, bob, cal] = await Promise.all([registerUser(app), registerUser(app), registerUser(app)]);
      await as(ada).post("/friends/requests", { uid: bob.uid }).expect(201);
      await as(cal).post("/friends/requests", { uid: bob.uid }).expect(201);
      await waitFor(async () => ((await notificationsOf(bob.uid)).length === 2 ? true : undefined), { what: "two notifications" });
      const page = await as(bob).get("/me/notifications?limit=1").expect(200);
      assert.equal(page.body.unreadCount, 2);
      assert.equal(page.body.items.length, 1);
      assert.equal(page.body.items[0].actor.uid, cal.uid);
      const rest = await as(bob)
        .get(`/me/notifications?limit=1&cursor=${encodeURIComponent(page.body.nextCursor)}`)
        .expect(200);
      assert.equal(rest.body.items[0].actor.uid, ada.uid);

      await as(bob).post(`/me/notifications/${page.body.items[0].id}/read`).expect(204);
      assert.equal((await db().doc(`users/${bob.uid}/notifications/${page.body.items[0].id}`).get()).get("read"), true);
      assert.equal((await as(bob).get("/me/notifications").expect(200)).body.unreadCount, 1);
      await as(ada).post(`/me/notifications/${page.body.items[0].id}/read`).expect(404);
      await as(bob).post("/me/notifications/not-an-id!/read").expect(400);
      assert.deepEqual((await as(bob).post("/me/notifications/read-all").expect(200)).body, { updated: 1 });
      assert.equal((await as(bob).get("/me/notifications").expect(200)).body.unreadCount, 0);
    });

    it("registers and unregisters devices, one account per device", async () => {
      const [ada, bob] = await Promise.all([registerUser(app), registerUser(app)]);
      const token = `fcm:${"x".repeat(40)}-ada_1`;
      const created = await as(ada).put(`/me/devices/${token}`, { platform: "ios" }).expect(201);
      assert.equal(created.body.platform, "ios");
      assert.equal((await as(ada).put(`/me/devices/${token}`).expect(200)).body.platform, "ios");
      assert.equal(
        (
          await db()
            .doc(`users/${ada.uid}/devices/${deviceId(token)}`)
            .get()
        ).get("token"),
        token,
      );
      await as(ada).put("/me/devices/short").expect(400);
      await as(ada).put(`/me/devices/${token}`, { platform: "symbian" }).expect(400);
      await as(bob).put(`/me/devices/${token}`, {}).expect(201);
      assert.equal(await exists(`users/${ada.uid}/devices/${deviceId(token)}`), false);
      await as(bob).delete(`/me/devices/${token}`).expect(204);
      assert.equal(await exists(`users/${bob.uid}/devices/${deviceId(token)}`), false);
      await as(bob).delete(`/me/devices/${token}`).expect(204);
    });

    it("pushes a new friend request to the recipient's devices once, pruning tokens FCM reports invalid", async () => {
      const [ada, bob] = await Promise.all([registerUser(app), registerUser(app)]);
      const good = `good-token-${"g".repeat(30)}`;
      const stale = `stale-token-${"s".repeat(30)}`;
      await as(bob).put(`/me/devices/${good}`, { platform: "android" }).expect(201);
      await as(bob).put(`/me/devices/${stale}`, { platform: "ios" }).expect(201);
      // The request only exists in this event (it never reaches Firestore), so the emulator's own
      // trigger does not race the one under test.
      const push = new RecordingPushTransport();
      push.invalid.add(stale);
      const services = socialTestServices(appDb(), push);
      const wrapped = fft.wrap(friendRequestTrigger(() => services.friends));
      const id = `${ada.uid}_${bob.uid}`;
      const data = { from: ada.uid, to: bob.uid, suppressed: false, createdAt: Timestamp.fromMillis(Date.UTC(2026, 1, 1)) };
      const event = {
        id: "push-event-1",
        data: fft.makeChange(snapshot(`friendRequests/${id}`), snapshot(`friendRequests/${id}`, data)),
        params: { requestId: id },
      };
      await wrapped(event as never);
      await wrapped(event as never);
      await wrapped({ ...event, id: "push-event-2" } as never);
      assert.equal(push.sends.length, 1);
      assert.deepEqual(push.sends[0].tokens.sort(), [good, stale].sort());
      assert.equal(push.sends[0].message.body, `@${ada.handle} wants to be your friend`);
      assert.equal(push.sends[0].message.data.kind, "friend.request");
      assert.equal(push.sends[0].message.data.requestId, id);
      assert.equal(await exists(`users/${bob.uid}/devices/${deviceId(stale)}`), false);
      assert.equal(await exists(`users/${bob.uid}/devices/${deviceId(good)}`), true);
      assert.equal((await notificationsOf(bob.uid)).length, 1);

      const suppressed = {
        ...event,
        id: "push-event-3",
        data: fft.makeChange(
          snapshot(`friendRequests/${id}`),
          snapshot(`friendRequests/${id}`, { ...data, suppressed: true, createdAt: Timestamp.now() }),
        ),
      };
      await wrapped(suppressed as never);
      assert.equal(push.sends.length, 1);
    });
  });

  describe("duplicate trigger events", () => {
    it("applies a redelivered friend request or friendship event once", async () => {
      // In the quiet database no emulator trigger runs, so the wrapped triggers' runs are the only ones:
      // each effect below is theirs (a no-op trigger fails the first assertions, a double run the later ones).
      const quiet = quietDb();
      const quietApp = makeTestApp(quiet);
      const services = socialTestServices(quiet, new RecordingPushTransport());
      const inQuiet = (user: RegisteredUser) => clientFor(quietApp, user);
      const quietNotifications = async (uid: string, kind: string) =>
        (await quiet.collection(`users/${uid}/notifications`).where("kind", "==", kind).get()).docs.map((d) => d.data());
      const [ada, bob] = await Promise.all([registerUser(quietApp), registerUser(quietApp)]);
      await inQuiet(ada).post("/friends/requests", { uid: bob.uid }).expect(201);
      await inQuiet(bob).post(`/friends/requests/${ada.uid}_${bob.uid}/accept`).expect(200);
      const pair = ada.uid < bob.uid ? `${ada.uid}_${bob.uid}` : `${bob.uid}_${ada.uid}`;
      const friendship = (await quiet.doc(`friendships/${pair}`).get()).data();
      assert.ok(friendship, "the accept route wrote the canonical friendship");
      const mirrors = async () =>
        JSON.stringify(
          await Promise.all(
            [`users/${ada.uid}/friends/${bob.uid}`, `users/${bob.uid}/friends/${ada.uid}`, `users/${ada.uid}/social/friendIds`].map(
              async (path) => (await quiet.doc(path).get()).data() ?? null,
            ),
          ),
        );
      const untouched = await mirrors();
      assert.deepEqual(await quietNotifications(ada.uid, "friend.accepted"), []);

      const created = {
        id: "dup-friendship-1",
        data: fft.makeChange(snapshot(`friendships/${pair}`), snapshot(`friendships/${pair}`, friendship)),
        params: { pairId: pair },
      };
      const wrapped = fft.wrap(friendshipTrigger(() => services.friends));
      await wrapped(created as never);
      const once = await mirrors();
      assert.notEqual(once, untouched, "the trigger's own run wrote the friend lists");
      assert.deepEqual(
        (await quiet.collection(`users/${ada.uid}/friends`).get()).docs.map((d) => d.id),
        [bob.uid],
      );
      assert.deepEqual((await quiet.doc(`users/${ada.uid}/social/friendIds`).get()).get("uids"), [bob.uid]);
      await wrapped(created as never);
      await wrapped({ ...created, id: "dup-friendship-1-again" } as never);
      assert.equal(await mirrors(), once, "a redelivered event changes nothing");
      assert.equal((await quietNotifications(ada.uid, "friend.accepted")).length, 1);

      // A stale "created" event after the friendship ended brings nothing back.
      await inQuiet(ada).delete(`/friends/${bob.uid}`).expect(204);
      const gone = (await quiet.doc(`friendships/${pair}`).get()).exists;
      assert.equal(gone, false);
      await wrapped({ ...created, id: "dup-friendship-2" } as never);
      assert.equal((await quiet.doc(`users/${ada.uid}/friends/${bob.uid}`).get()).exists, false);
      assert.equal((await quiet.doc(`users/${bob.uid}/friends/${ada.uid}`).get()).exists, false);

      const cal = await registerUser(quietApp);
      const id = `${cal.uid}_${bob.uid}`;
      const request = { from: cal.uid, to: bob.uid, suppressed: false, createdAt: Timestamp.fromMillis(Date.UTC(2026, 2, 1)) };
      const event = {
        id: "dup-request-1",
        data: fft.makeChange(snapshot(`friendRequests/${id}`), snapshot(`friendRequests/${id}`, request)),
        params: { requestId: id },
      };
      const wrappedRequest = fft.wrap(friendRequestTrigger(() => services.friends));
      assert.deepEqual(await quietNotifications(bob.uid, "friend.request"), []);
      await wrappedRequest(event as never);
      assert.equal((await quietNotifications(bob.uid, "friend.request")).length, 1, "the trigger's own run notified");
      await wrappedRequest(event as never);
      await wrappedRequest({ ...event, id: "dup-request-1-again" } as never);
      // Counted by kind, not by the expected id: a second notification under any id would show.
      assert.equal((await quietNotifications(bob.uid, "friend.request")).length, 1);
    });
  });
});
