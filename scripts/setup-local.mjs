// Second half of `npm run setup` (after the npm installs): prepares what the local stack needs
// and what must never be committed.
//  1. A wrapper jar for Google's Firestore emulator when the Debian package is installed
//     (its jar has no Main-Class; the wrapper names it and puts the package's jar on the class path).
//  2. functions/.secret.local: random values for every secret the functions declare, used only by
//     the emulators. Existing values are kept so local sessions survive a re-run.
//  3. A first build of the typed API client (the end-to-end tests import it), then of the functions.
//  4. The API reference page Hosting serves at /docs.
//  5. Chromium from Debian's packages for the reference page's browser test, when running as root on a
//     machine with apt-get and no browser yet (elsewhere the test finds an installed Chrome or Chromium).
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { BROWSER_CANDIDATES, CLIENT_DIR, FIRESTORE_WRAPPER_JAR, FUNCTIONS_DIR, ROOT, run } from "./lib/stack.mjs";
import { LOCAL_SECRETS } from "./lib/local-secrets.mjs";

const FIRESTORE_MAIN_CLASS = "com.google.cloud.datastore.emulator.firestore.CloudFirestore";

function debianFirestoreJar() {
  try {
    const files = execFileSync("dpkg", ["-L", "google-cloud-cli-firestore-emulator"], { encoding: "utf8" });
    return files.split("\n").find((f) => f.endsWith("/cloud-firestore-emulator.jar") && existsSync(f));
  } catch {
    return undefined; // dpkg missing or package not installed: the CLI downloads its own jar
  }
}

function prepareFirestoreWrapper() {
  const jar = debianFirestoreJar();
  if (!jar) {
    console.log("Firestore emulator package not installed: the Firebase CLI will download its emulator.");
    return;
  }
  const work = mkdtempSync(path.join(os.tmpdir(), "firestore-wrapper-"));
  try {
    const manifest = path.join(work, "MANIFEST.MF");
    writeFileSync(manifest, `Manifest-Version: 1.0\nMain-Class: ${FIRESTORE_MAIN_CLASS}\nClass-Path: ${jar}\n`);
    mkdirSync(path.dirname(FIRESTORE_WRAPPER_JAR), { recursive: true });
    execFileSync("jar", ["cfm", FIRESTORE_WRAPPER_JAR, manifest], { stdio: "inherit" });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`Firestore emulator: ${jar} (through ${path.relative(ROOT, FIRESTORE_WRAPPER_JAR)})`);
}

function writeLocalSecrets() {
  const file = path.join(FUNCTIONS_DIR, ".secret.local");
  const existing = new Map();
  if (existsSync(file)) {
    for (const line of readFileSync(file, "utf8").split("\n")) {
      const eq = line.indexOf("=");
      if (eq > 0) existing.set(line.slice(0, eq), line.slice(eq + 1));
    }
  }
  for (const { name, generate } of LOCAL_SECRETS) {
    if (!existing.has(name)) existing.set(name, generate(randomBytes));
  }
  const body = [...existing].map(([k, v]) => `${k}=${v}`).join("\n");
  writeFileSync(file, `${body}\n`, { mode: 0o600 });
  console.log(`Local emulator secrets: ${path.relative(ROOT, file)} (${existing.size} values, not committed)`);
}

function installChromium() {
  const present = [process.env.CHROMIUM_PATH, ...BROWSER_CANDIDATES].find((b) => b && existsSync(b));
  if (present) {
    console.log(`Browser for the reference page test: ${present}`);
    return;
  }
  if (process.getuid?.() !== 0 || !existsSync("/usr/bin/apt-get")) {
    console.log("No Chromium found: install it (Debian: `apt-get install chromium`) or set CHROMIUM_PATH for the page test.");
    return;
  }
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const install = () => spawnSync("apt-get", ["install", "-y", "chromium"], { stdio: "inherit", env });
  // A fresh machine may have no package lists yet: refresh them once and try again.
  if (install().status !== 0) {
    run("apt-get", ["update"], { env });
    run("apt-get", ["install", "-y", "chromium"], { env });
  }
}

prepareFirestoreWrapper();
writeLocalSecrets();
installChromium();
run("npm", ["--prefix", CLIENT_DIR, "run", "build"]);
run("npm", ["--prefix", FUNCTIONS_DIR, "run", "build"]);
run(process.execPath, [path.join(ROOT, "scripts", "build-docs.mjs")]);
console.log("\nSetup complete. Run the tests with `npm test`, or the local stack with `npm start`.");
