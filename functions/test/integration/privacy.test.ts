import assert from "node:assert/strict";
import type { Express } from "express";
import { getAuth } from "firebase-admin/auth";
import request from "supertest";
import { makeAccountDeletionCascade } from "../../src/deps";
import { encodeCursor } from "../../src/shared/pagination";
import { bearer, makeTestApp, registerUser, type RegisteredUser } from "../helpers/accounts";
import { AUTH_ORIGIN, appDb, quietDb, resetAuth, resetFirestore, verifierDb } from "../helpers/emulators";
import { capturedLogs, resetCapturedLogs } from "../helpers/logs";
import { befriend, clientFor } from "../helpers/social";

/** Signs a person in with Google in the Auth emulator; returns the emulator's ID token and its Firebase uid. */
async function googleSignIn(claims: Record<string, unknown>): Promise<{ idToken: string; localId: string }> {
  const res = await fetch(`${AUTH_ORIGIN}/identitytoolkit.googleapis.com/v1/accounts:signInWithIdp?key=fake-api-key`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      postBody: `id_token=${encodeURIComponent(JSON.stringify(claims))}&providerId=google.com`,
      requestUri: "http://localhost",
      returnIdpCredential: true,
      returnSecureToken: true,
    }),
  });
  const body = (await res.json()) as { idToken?: string; localId?: string };
  if (!res.ok || !body.idToken || !body.localId) throw new Error(`signInWithIdp failed: ${res.status} ${JSON.stringify(body)}`);
  return { idToken: body.idToken, localId: body.localId };
}

describe("privacy without gaps (emulators)", function () {
  this.timeout(120_000);
  let app: Express;
  const as = (user: RegisteredUser) => clientFor(app, user);
  const db = () => verifierDb();

  before(async () => {
    await Promise.all([resetFirestore(), resetAuth()]);
    app = makeTestApp(appDb());
  });

  describe("forged cursors", () => {
    it("answers 400 in the error format on every list route for a cursor of the right list with a malformed value", async () => {
      const [ada, bob] = await Promise.all([registerUser(app), registerUser(app)]);
      const lists: Array<[string, string]> = [
        ["/feed", "feed"],
        ["/friends", "friends"],
        ["/friends/requests?direction=incoming", "friendRequests.incoming"],
        ["/friends/requests?direction=outgoing", "friendRequests.outgoing"],
        ["/me/blocks", "blocks"],
        ["/me/notifications", "notifications"],
        [`/users/${ada.uid}/ratings`, "userRatings"],
        [`/users/${ada.uid}/watched`, "userWatched"],
        ["/me/ratings", "ratings"],
        ["/me/watched", "watched"],
        ["/me/watchlist", "watchlist"],
        ["/users?handle=a", "users"],
      ];
      const forgedValues: Array<Array<string | number | null>> = [["x"], [1e300], [-1e20], [1.5], [null, 1], []];
      const failures: string[] = [];
      for (const [path, kind] of lists) {
        for (const values of forgedValues) {
          if (kind === "users" && values.length === 1 && typeof values[0] === "string") continue; // a handle is a string
          const cursor = encodeCursor(kind, { values, id: "someDocument" });
          const res = await as(ada).get(`${path}${path.includes("?") ? "&" : "?"}cursor=${cursor}`);
          if (res.status !== 400 || res.body.error?.code !== "invalid-argument") {
            failures.push(`${path} ${JSON.stringify(values)}: ${res.status} ${JSON.stringify(res.body)}`);
          }
        }
      }
      assert.deepEqual(failures, []);
      // A genuine cursor still pages.
      await as(ada).get("/friends?limit=1").expect(200);
      assert.ok(bob.uid);
    });
  });

  describe("handles Firestore reserves", () => {
    it("refuses __abc__ at sign-up and in a profile change, and never derives one from a Google name", async () => {
      const res = await request(app)
        .post("/v1/auth/register")
        .send({ email: "reserved@example.com", password: "correct horse battery", displayName: "R", handle: "__abc__" })
        .expect(400);
      assert.equal(res.body.error.details[0].path, "handle");
      const ada = await registerUser(app);
      await as(ada).patch("/me", { handle: "__abc__" }).expect(400);
      const { idToken } = await googleSignIn({ sub: "google-reserved", name: "__abc__", email: "r@example.com", email_verified: true });
      const session = await request(app).post("/v1/auth/firebase").send({ idToken }).expect(200);
      assert.doesNotMatch(session.body.user.handle, /^__.*__$/);
    });
  });

  describe("device tokens", () => {
    it("never writes a device token into the access log, which names the route with {token} instead", async () => {
      const ada = await registerUser(app);
      const token = `fcm-secret-token:${"Q".repeat(140)}`;
      resetCapturedLogs();
      await as(ada).put(`/me/devices/${token}`, { platform: "android" }).expect(201);
      await as(ada).delete(`/me/devices/${token}`).expect(204);
      await as(ada).get(`/me/devices/${token}/unknown`).expect(404);
      const lines = capturedLogs();
      const paths = lines.filter((l) => l.message === "request").map((l) => l.fields.path);
      assert.ok(paths.includes("/v1/me/devices/{token}"), JSON.stringify(paths));
      assert.ok(!JSON.stringify(lines).includes("Q".repeat(100)), "a log line holds the token");
    });
  });

  describe("group recommendations", () => {
    it("refuses a group with a friend whose privacy setting hides their ratings and watched films from the caller", async () => {
      const [ada, bob, cal] = await Promise.all([registerUser(app), registerUser(app), registerUser(app)]);
      await befriend(app, appDb(), ada, bob);
      await befriend(app, appDb(), ada, cal);
      await as(cal)
        .patch("/me", { preferences: { privacy: "private" } })
        .expect(200);
      const refused = await as(ada)
        .post("/recommendations/group", { uids: [bob.uid, cal.uid] })
        .expect(403);
      assert.equal(refused.body.error.code, "permission-denied");
      assert.deepEqual(refused.body.error.details, [{ path: "uids.1", message: "Does not share ratings with you" }]);
      await as(ada)
        .post("/recommendations/group", { uids: [bob.uid] })
        .expect(200);
      await as(cal)
        .patch("/me", { preferences: { privacy: "friends" } })
        .expect(200);
      await as(ada)
        .post("/recommendations/group", { uids: [bob.uid, cal.uid] })
        .expect(200);
    });
  });

  describe("export", () => {
    it("includes movie nights and swipes, devices, sessions and linked identities", async () => {
      const ada = await registerUser(app);
      await as(ada)
        .put(`/me/devices/ada-device-${"d".repeat(30)}`, { platform: "ios" })
        .expect(201);
      const night = await as(ada)
        .post("/nights", { name: "Friday", matchRule: { kind: "majority" } })
        .expect(201);
      await db()
        .collection(`nights/${night.body.id}/swipes`)
        .doc(`${ada.uid}_1`)
        .set({ uid: ada.uid, movieId: 1, liked: true, swipedAt: new Date() });
      await db()
        .doc("identities/google.com:export-sub")
        .set({ uid: ada.uid, provider: "google.com", subject: "export-sub", linkedAt: new Date() });
      const exported = (await as(ada).get("/me/export").expect(200)).body.data;
      assert.equal(exported.devices.length, 1);
      assert.equal(exported.devices[0].platform, "ios");
      assert.ok(!JSON.stringify(exported).includes("d".repeat(30)), "the device token itself is not exported");
      assert.deepEqual(
        exported.nights.rooms.map((r: { id: string; host: boolean }) => [r.id, r.host]),
        [[night.body.id, true]],
      );
      assert.deepEqual(exported.nights.swipes, [
        { nightId: night.body.id, movieId: 1, liked: true, swipedAt: exported.nights.swipes[0].swipedAt },
      ]);
      assert.equal(exported.sessions.sessions.length, 1);
      assert.equal(exported.sessions.sessions[0].endedAt, null);
      assert.deepEqual(
        exported.identities.map((i: { provider: string; subject: string }) => [i.provider, i.subject]),
        [["google.com", "export-sub"]],
      );
    });
  });

  describe("account deletion", () => {
    it("deletes the Firebase Auth user of a Google account, swipes in rooms left earlier, and invitations", async () => {
      const { idToken, localId } = await googleSignIn({
        sub: "google-gone",
        name: "Gone Person",
        email: "gone@example.com",
        email_verified: true,
      });
      // The quiet database: no trigger runs the cascade there, so the run below is the only one (its effect is its own).
      const quiet = quietDb();
      const quietApp = makeTestApp(quiet);
      const inQuiet = (user: RegisteredUser) => clientFor(quietApp, user);
      const session = await request(quietApp).post("/v1/auth/firebase").send({ idToken }).expect(200);
      const gone = { uid: session.body.user.uid as string, accessToken: session.body.accessToken as string } as RegisteredUser;
      const host = await registerUser(quietApp);
      await inQuiet(host).post("/friends/requests", { uid: gone.uid }).expect(201);
      await inQuiet(gone).post(`/friends/requests/${host.uid}_${gone.uid}/accept`).expect(200);
      // A room the person joined, swiped in and left; another room that invited them.
      const left = (
        await inQuiet(host)
          .post("/nights", { name: "Left", matchRule: { kind: "majority" } })
          .expect(201)
      ).body;
      await inQuiet(gone).post("/nights/join", { code: left.code }).expect(200);
      await quiet.doc(`nights/${left.id}/swipes/${gone.uid}_7`).set({ uid: gone.uid, movieId: 7, liked: true, swipedAt: new Date() });
      await inQuiet(gone).post(`/nights/${left.id}/leave`).expect(204);
      await inQuiet(host).post(`/nights/${left.id}/invites`, { uid: gone.uid }).expect(204);
      assert.ok((await quiet.doc(`nights/${left.id}/swipes/${gone.uid}_7`).get()).exists);
      assert.ok((await getAuth().getUser(localId)).uid);

      const fresh = await googleSignIn({ sub: "google-gone", name: "Gone Person", email: "gone@example.com", email_verified: true });
      await request(quietApp).delete("/v1/me").set("Authorization", bearer(gone.accessToken)).send({ idToken: fresh.idToken }).expect(204);
      await makeAccountDeletionCascade(quiet).run(gone.uid);

      // Each gap is checked on its own, so one run names every piece of data left behind.
      const leftBehind: string[] = [];
      if ((await quiet.doc(`nights/${left.id}/swipes/${gone.uid}_7`).get()).exists) leftBehind.push("the swipe in a room left earlier");
      if (JSON.stringify((await quiet.doc(`nights/${left.id}`).get()).get("invitedUids")) !== "[]") leftBehind.push("the invitation");
      const authUser = await getAuth()
        .getUser(localId)
        .then(
          () => "exists",
          (e: unknown) => (e as { code?: string }).code,
        );
      if (authUser !== "auth/user-not-found") leftBehind.push(`the Firebase Auth user (${authUser})`);
      const requestDoc = await quiet.doc(`accountDeletions/${gone.uid}`).get();
      if (requestDoc.get("authUsers") !== undefined) leftBehind.push("provider ids in the deletion request");
      assert.deepEqual(leftBehind, []);
      assert.equal(requestDoc.get("status"), "done");
    });
  });
});
