import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from "@firebase/rules-unit-testing";
import { collection, deleteDoc, doc, getDoc, getDocs, onSnapshot, query, setDoc, setLogLevel, updateDoc, where } from "firebase/firestore";
import { requireEmulators } from "../helpers/emulators";

// Paths the data model uses; the rules must refuse every client on each of them.
const PATHS = [
  "users/alice",
  "users/alice/watchlist/1",
  "users/alice/feed/e1",
  "handles/alice",
  "refreshTokens/abc",
  "movies/1",
  "ratings/alice_1",
  "friendRequests/alice_bob",
  "nights/n1",
  "nights/n1/swipes/alice_1",
  "system/recommender",
  "processedEvents/e1",
  "liveNights/unlisted",
  "liveNights/n1/anything/below",
  "some/unknown/doc/path",
];

/** Live views as the API keeps them: n1 is alice's and bob's room (dave left it), n2 someone else's. */
const LIVE_VIEWS = {
  "liveNights/n1": { memberUids: ["alice", "bob"], members: [{ uid: "alice", swiped: 1 }], state: "started" },
  "liveNights/n2": { memberUids: ["carol"], members: [{ uid: "carol", swiped: 0 }], state: "open" },
};

/** Each user's token version (users/{uid}.tokenVersion); the custom tokens of the tests carry these. */
const TOKEN_VERSIONS: Record<string, number> = { alice: 3, bob: 0, carol: 0, dave: 1 };

describe("firestore.rules", () => {
  let env: RulesTestEnvironment;

  before(async () => {
    requireEmulators();
    setLogLevel("silent"); // every refusal would otherwise print a PERMISSION_DENIED stack
    const [host, port] = (process.env.FIRESTORE_EMULATOR_HOST ?? "127.0.0.1:8080").split(":");
    env = await initializeTestEnvironment({
      projectId: "demo-rules",
      firestore: {
        host,
        port: Number(port),
        rules: readFileSync(path.resolve(__dirname, "../../../../firestore.rules"), "utf8"),
      },
    });
    // Documents exist, so a refusal is the rules' doing and not a missing document.
    await env.withSecurityRulesDisabled(async (ctx) => {
      for (const p of PATHS) await setDoc(doc(ctx.firestore(), p), { seeded: true });
      for (const [p, data] of Object.entries(LIVE_VIEWS)) await setDoc(doc(ctx.firestore(), p), data);
      for (const [uid, tokenVersion] of Object.entries(TOKEN_VERSIONS))
        await setDoc(doc(ctx.firestore(), `users/${uid}`), { tokenVersion });
    });
  });

  after(async () => {
    await env.cleanup();
  });

  const clients = {
    anonymous: () => env.unauthenticatedContext().firestore(),
    "signed-in owner": () => env.authenticatedContext("alice").firestore(),
    "signed-in other user": () => env.authenticatedContext("bob").firestore(),
  };

  for (const [who, db] of Object.entries(clients)) {
    describe(`a ${who} client`, () => {
      for (const p of PATHS) {
        it(`cannot read, write or delete ${p}`, async () => {
          await assertFails(getDoc(doc(db(), p)));
          await assertFails(setDoc(doc(db(), p), { hacked: true }));
          await assertFails(deleteDoc(doc(db(), p)));
        });
      }

      it("cannot list a collection", async () => {
        await assertFails(getDocs(collection(db(), "users")));
      });
    });
  }

  describe("a room's live view (liveNights/{nightId})", () => {
    /** The custom token the API mints: sign-in provider "custom" (the rules-unit-testing default) and the user's token version. */
    const signedIn = (uid: string, tv = TOKEN_VERSIONS[uid]) => env.authenticatedContext(uid, { tv }).firestore();
    const member = () => signedIn("alice");

    it("lets a member signed in with the API's custom token read and listen to their room's view", async () => {
      const view = await assertSucceeds(getDoc(doc(member(), "liveNights/n1")));
      assert.deepEqual(view.get("memberUids"), ["alice", "bob"]);
      await assertSucceeds(getDoc(doc(signedIn("bob"), "liveNights/n1")));
      const first = await new Promise((resolve, reject) => {
        const stop = onSnapshot(doc(member(), "liveNights/n1"), (s) => (stop(), resolve(s.get("state"))), reject);
      });
      assert.equal(first, "started");
    });

    it("lets nobody write it, members included", async () => {
      for (const who of [member(), env.unauthenticatedContext().firestore()]) {
        await assertFails(setDoc(doc(who, "liveNights/n1"), { memberUids: ["alice", "mallory"] }));
        await assertFails(updateDoc(doc(who, "liveNights/n1"), { state: "closed" }));
        await assertFails(deleteDoc(doc(who, "liveNights/n1")));
        await assertFails(setDoc(doc(who, "liveNights/new"), { memberUids: ["alice"] }));
      }
    });

    it("refuses a member another room's view, and any listing or query of views", async () => {
      await assertFails(getDoc(doc(member(), "liveNights/n2")));
      await assertFails(getDocs(collection(member(), "liveNights")));
      await assertFails(getDocs(query(collection(member(), "liveNights"), where("memberUids", "array-contains", "alice"))));
    });

    it("refuses a non-member, a member who left, an anonymous client and a member signed in another way", async () => {
      await assertFails(getDoc(doc(signedIn("carol"), "liveNights/n1")));
      await assertFails(getDoc(doc(signedIn("dave"), "liveNights/n1")));
      await assertFails(getDoc(doc(env.unauthenticatedContext().firestore(), "liveNights/n1")));
      const google = env.authenticatedContext("alice", { tv: 3, firebase: { sign_in_provider: "google.com" } }).firestore();
      await assertFails(getDoc(doc(google, "liveNights/n1")));
    });

    it("refuses a member's token minted before their sessions all ended (an older token version), or without one", async () => {
      await assertSucceeds(getDoc(doc(signedIn("alice", 3), "liveNights/n1")));
      await assertFails(getDoc(doc(signedIn("alice", 2), "liveNights/n1")));
      await assertFails(getDoc(doc(env.authenticatedContext("alice").firestore(), "liveNights/n1")));
    });

    it("refuses a member every other path (the room itself, its swipes)", async () => {
      await assertFails(getDoc(doc(member(), "nights/n1")));
      await assertFails(getDoc(doc(member(), "nights/n1/swipes/alice_1")));
    });
  });
});
