import assert from "node:assert/strict";
import type { Express } from "express";
import { deleteApp, initializeApp, type FirebaseApp } from "firebase/app";
import { connectAuthEmulator, getAuth, signInWithCustomToken } from "firebase/auth";
import {
  connectFirestoreEmulator,
  doc,
  getDoc,
  getDocFromServer,
  getFirestore,
  onSnapshot,
  setLogLevel,
  terminate,
  type DocumentData,
  type Firestore as ClientFirestore,
} from "firebase/firestore";
import { getAuth as adminAuth } from "firebase-admin/auth";
import request from "supertest";
import { makeTestApp, registerUser, type RegisteredUser } from "../helpers/accounts";
import { seedTestCatalogue } from "../helpers/catalogue-fixtures";
import { AUTH_ORIGIN, FIRESTORE_ORIGIN, PROJECT_ID, appDb, resetFirestore, verifierDb, waitFor } from "../helpers/emulators";
import { befriend, clientFor } from "../helpers/social";

/** What a live view may hold: nothing more (no swipes, no deck, no codes, no invitations). */
const VIEW_FIELDS = [
  "closedAt",
  "closedReason",
  "deckLength",
  "hostUid",
  "matches",
  "memberUids",
  "members",
  "name",
  "publishedAt",
  "revision",
  "startedAt",
  "state",
  "watched",
];

/** A phone app: the Firebase JS SDK signed in to the Auth emulator with a custom token the API minted. */
interface PhoneClient {
  app: FirebaseApp;
  db: ClientFirestore;
  uid: string;
  idToken: string;
}

let clientCount = 0;
/** Every listener a test opened, stopped in `after` even when the test failed half-way. */
const openListeners: Array<() => void> = [];

async function phoneClient(api: Express, user: RegisteredUser): Promise<PhoneClient> {
  const minted = await clientFor(api, user).post("/auth/firebase-token").expect(200);
  assert.equal(minted.headers["cache-control"], "no-store");
  const app = initializeApp({ projectId: PROJECT_ID, apiKey: "demo-api-key" }, `phone-${++clientCount}`);
  const auth = getAuth(app);
  connectAuthEmulator(auth, AUTH_ORIGIN, { disableWarnings: true });
  const credential = await signInWithCustomToken(auth, minted.body.customToken);
  const db = getFirestore(app);
  const { hostname, port } = new URL(FIRESTORE_ORIGIN);
  connectFirestoreEmulator(db, hostname, Number(port));
  return { app, db, uid: credential.user.uid, idToken: await credential.user.getIdToken() };
}

/**
 * Listens to a document and hands out the snapshots as they arrive: `next(matches)` resolves on the first
 * snapshot (seen or still to come) that matches, and fails at a deadline. Nothing polls.
 */
function listen(db: ClientFirestore, path: string) {
  const seen: DocumentData[] = [];
  const waiters: Array<{ match: (d: DocumentData) => boolean; resolve: (d: DocumentData) => void; reject: (e: Error) => void }> = [];
  let failure: Error | undefined;
  const stop = onSnapshot(
    doc(db, path),
    (snap) => {
      const data = snap.data();
      if (!data) return;
      seen.push(data);
      for (const w of [...waiters]) {
        if (w.match(data)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(data);
        }
      }
    },
    (e) => {
      failure = e;
      for (const w of waiters.splice(0)) w.reject(e);
    },
  );
  openListeners.push(stop);
  return {
    seen,
    stop,
    failed: () => failure,
    next(what: string, match: (d: DocumentData) => boolean, timeoutMs = 60_000): Promise<DocumentData> {
      const already = seen.find(match);
      if (already) return Promise.resolve(already);
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no snapshot with ${what} within ${timeoutMs} ms; last: ${JSON.stringify(seen.at(-1))}`)),
          timeoutMs,
        );
        waiters.push({
          match,
          resolve: (d) => {
            clearTimeout(timer);
            resolve(d);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
      });
    },
    /** Resolves with the listener's error (e.g. permission-denied once the reader is no longer a member). */
    error(timeoutMs = 60_000): Promise<Error> {
      if (failure) return Promise.resolve(failure);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the listener of ${path} did not fail within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          match: () => false,
          resolve: () => undefined,
          reject: (e) => {
            clearTimeout(timer);
            resolve(e);
          },
        });
      });
    },
  };
}

const swipedBy = (view: DocumentData, uid: string) =>
  (view.members as Array<{ uid: string; swiped: number }>).find((m) => m.uid === uid)?.swiped;

describe("a live movie night room (Firebase JS SDK through the emulators)", function () {
  this.timeout(180_000);
  let api: Express;
  const phones: PhoneClient[] = [];
  const as = (user: RegisteredUser) => clientFor(api, user);

  before(async () => {
    setLogLevel("silent"); // the refusals below would print PERMISSION_DENIED stacks
    await resetFirestore();
    await seedTestCatalogue(appDb());
    api = makeTestApp(appDb());
  });

  after(async () => {
    for (const stop of openListeners.splice(0)) stop();
    for (const p of phones) {
      await terminate(p.db);
      await deleteApp(p.app);
    }
  });

  const phone = async (user: RegisteredUser) => {
    const p = await phoneClient(api, user);
    phones.push(p);
    return p;
  };

  it("mints a custom token whose Firebase user is the caller, and refuses without a session", async () => {
    const ada = await registerUser(api);
    const p = await phone(ada);
    assert.equal(p.uid, ada.uid);
    const decoded = await adminAuth().verifyIdToken(p.idToken);
    assert.equal(decoded.uid, ada.uid);
    assert.equal(decoded.firebase.sign_in_provider, "custom");
    const refused = await request(api).post("/v1/auth/firebase-token").expect(401);
    assert.equal(refused.body.error.code, "unauthenticated");
  });

  it("shows a listening member the join, everyone's progress, a match and the close as they happen", async () => {
    const [host, guest, leaver, stranger] = await Promise.all([registerUser(api), registerUser(api), registerUser(api), registerUser(api)]);
    await befriend(api, verifierDb(), host, guest);
    await befriend(api, verifierDb(), host, leaver);
    const created = await as(host)
      .post("/nights", { name: "Live", matchRule: { kind: "majority" }, deckSize: 5 })
      .expect(201);
    const path = created.body.live.document as string;
    assert.equal((await as(host).get(`/nights/${created.body.id}`).expect(200)).body.live.document, path);

    const hostPhone = await phone(host);
    const live = listen(hostPhone.db, path);
    const first = await live.next("the host alone", (d) => d.state === "open");
    assert.deepEqual(first.memberUids, [host.uid]);
    assert.deepEqual(Object.keys(first).sort(), VIEW_FIELDS);

    // Join: arrives without the host asking for it.
    await as(guest).post("/nights/join", { code: created.body.code }).expect(200);
    await live.next("the guest joined", (d) => d.memberUids.includes(guest.uid));
    await as(leaver).post("/nights/join", { code: created.body.code }).expect(200);
    await live.next("the third member joined", (d) => d.memberUids.length === 3);

    // A member's listener works while they are in the room and fails once they leave.
    const leaverPhone = await phone(leaver);
    const leaverLive = listen(leaverPhone.db, path);
    await leaverLive.next("the leaver's own first snapshot", (d) => d.memberUids.includes(leaver.uid));
    await as(leaver).post(`/nights/${created.body.id}/leave`).expect(204);
    const lost = await leaverLive.error();
    assert.match(String((lost as { code?: string }).code), /permission-denied/);
    await live.next("the leaver gone", (d) => d.memberUids.length === 2 && !d.memberUids.includes(leaver.uid));
    await assert.rejects(getDoc(doc(leaverPhone.db, path)), /permission|PERMISSION/i);

    // Nobody outside the room can read it, even signed in.
    const strangerPhone = await phone(stranger);
    await assert.rejects(getDoc(doc(strangerPhone.db, path)), /permission|PERMISSION/i);

    const started = await as(host).post(`/nights/${created.body.id}/start`).expect(200);
    const deck = (await verifierDb().doc(`nights/${created.body.id}`).get()).get("deck") as number[];
    const view = await live.next("the start", (d) => d.state === "started");
    assert.equal(view.deckLength, started.body.deckLength);

    // Progress (a pass decides nothing, so only the progress publication can show it).
    await as(guest).post(`/nights/${created.body.id}/swipes`, { movieId: deck[1], liked: false }).expect(201);
    await live.next("the guest's progress", (d) => swipedBy(d, guest.uid) === 1);

    // The match: both like the first card (majority of two is two).
    await as(host).post(`/nights/${created.body.id}/swipes`, { movieId: deck[0], liked: true }).expect(201);
    await as(guest).post(`/nights/${created.body.id}/swipes`, { movieId: deck[0], liked: true }).expect(201);
    const matched = await live.next("the match", (d) => d.matches.length === 1);
    assert.equal(matched.matches[0].movieId, deck[0]);
    assert.equal(matched.matches[0].likes, 2);
    await live.next("both members' progress", (d) => swipedBy(d, host.uid) === 1 && swipedBy(d, guest.uid) === 2);

    // The close: the group watched the match.
    await as(guest).post(`/nights/${created.body.id}/watched`, { movieId: deck[0] }).expect(200);
    const closed = await live.next("the close", (d) => d.state === "closed");
    assert.equal(closed.closedReason, "watched");
    assert.deepEqual(closed.watched, [deck[0]]);
    for (const snapshot of live.seen) assert.deepEqual(Object.keys(snapshot).sort(), VIEW_FIELDS);
    assert.equal(live.failed(), undefined);
    live.stop();

    // Signing out everywhere ends the Firebase session too, and the ID token the phone holds reads nothing more
    // (the rules compare its token version with the user's), though it has not expired.
    assert.equal((await getDocFromServer(doc(hostPhone.db, path))).get("state"), "closed");
    await as(host).post("/auth/logout-all").expect(204);
    await assert.rejects(adminAuth().verifyIdToken(hostPhone.idToken, true), /revoked/);
    await assert.rejects(getDocFromServer(doc(hostPhone.db, path)), (e: { code?: string }) => e.code === "permission-denied");
  });

  it("deletes the Firebase Auth user with the account, and exports what it holds", async () => {
    const gone = await registerUser(api);
    const p = await phone(gone);
    const exported = await as(gone).get("/me/export").expect(200);
    assert.equal(typeof exported.body.data.firebaseAuthUser.createdAt, "string");
    assert.equal((await adminAuth().getUser(p.uid)).uid, gone.uid);
    await as(gone).delete("/me").send({ password: gone.password }).expect(204);
    await waitFor(
      async () => {
        try {
          await adminAuth().getUser(gone.uid);
          return undefined;
        } catch (e: unknown) {
          return (e as { code?: string }).code === "auth/user-not-found" ? true : undefined;
        }
      },
      { what: "the Firebase Auth user deleted by the cascade", timeoutMs: 60_000 },
    );
  });
});
