// `npm test`: every check, in the order CI runs them. Stops at the first failure.
//   lint -> type check and build (tsc) -> unit tests (mocha, no emulator)
//   -> integration, rules and end-to-end tests under `firebase emulators:exec`
//      (real Firestore, Auth, Functions and Hosting emulators).
import path from "node:path";
import { EMULATORS, FIREBASE_BIN, FUNCTIONS_DIR, PROJECT_ID, ROOT, run } from "./lib/stack.mjs";

const npmFunctions = (script) => ["--prefix", FUNCTIONS_DIR, "run", script];

run("npm", npmFunctions("lint"));
run("npm", npmFunctions("build"));
run("npm", npmFunctions("test:unit"));
run(FIREBASE_BIN, [
  "emulators:exec",
  "--project", PROJECT_ID,
  "--only", EMULATORS,
  `npm --prefix ${JSON.stringify(path.relative(ROOT, FUNCTIONS_DIR))} run test:integration`,
], { cwd: ROOT });
console.log("\nAll checks passed.");
