import { readFileSync } from "node:fs";
import path from "node:path";
import { assertFails, initializeTestEnvironment, type RulesTestEnvironment } from "@firebase/rules-unit-testing";
import { collection, deleteDoc, doc, getDoc, getDocs, setDoc, setLogLevel } from "firebase/firestore";
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
  "some/unknown/doc/path",
];

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
});
