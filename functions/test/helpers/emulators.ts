/**
 * Helpers for tests that run under `firebase emulators:exec` (which sets FIRESTORE_EMULATOR_HOST and
 * friends). Ports and the project id match firebase.json and .firebaserc.
 */
import { getApp, getApps, initializeApp, type App } from "firebase-admin/app";
import { getFirestore, type Firestore } from "firebase-admin/firestore";
import { waitForEmulatorIdle } from "./emulator-log";

export const PROJECT_ID = "demo-movie-night";
export const FIRESTORE_ORIGIN = `http://${process.env.FIRESTORE_EMULATOR_HOST ?? "127.0.0.1:8080"}`;
export const AUTH_ORIGIN = `http://${process.env.FIREBASE_AUTH_EMULATOR_HOST ?? "127.0.0.1:9099"}`;
/** The API as the phone app reaches it locally: the Hosting emulator rewriting /v1/** to `api`. */
export const HOSTING_ORIGIN = "http://127.0.0.1:5002";

export function requireEmulators(): void {
  if (!process.env.FIRESTORE_EMULATOR_HOST) {
    throw new Error("Integration tests run under `firebase emulators:exec` (use `npm test` at the root).");
  }
}

/** The Firestore the code under test uses (the default admin app). */
export function appDb(): Firestore {
  requireEmulators();
  if (!getApps().some((a) => a.name === "[DEFAULT]")) initializeApp({ projectId: PROJECT_ID });
  return getFirestore();
}

let verifierApp: App | undefined;

/**
 * A second, independent admin client: tests read back through it, so a passing test shows the data
 * really reached the emulator rather than some in-process cache.
 */
export function verifierDb(): Firestore {
  requireEmulators();
  verifierApp ??= initializeApp({ projectId: PROJECT_ID }, "verifier");
  return getFirestore(verifierApp);
}

/** The database of the Firestore emulator no trigger listens to (triggers watch `(default)` only). */
export const QUIET_DATABASE = "quiet";

/**
 * The same emulator's `quiet` database, where writes wake no trigger: a test that must be the only one
 * running a trigger (to show its own run has the effect, duplicates included) builds its world here and
 * calls the wrapped trigger itself, instead of switching the emulator's triggers off for everyone.
 */
export function quietDb(): Firestore {
  appDb();
  return getFirestore(getApp(), QUIET_DATABASE);
}

/**
 * Deletes every document in the Firestore emulator (its REST reset endpoint), once the Functions emulator
 * is idle: trigger work of an earlier test file must not land in this file's database. The emulator
 * refuses a reset with 409 while it is still busy (a transaction or trigger write in flight); such a
 * refusal is retried, waiting for idle again, until `timeoutMs`.
 */
export async function resetFirestore({ timeoutMs = 120_000 } = {}): Promise<void> {
  const url = `${FIRESTORE_ORIGIN}/emulator/v1/projects/${PROJECT_ID}/databases/(default)/documents`;
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    await waitForEmulatorIdle();
    const res = await fetch(url, { method: "DELETE" });
    if (res.ok) return;
    if (res.status !== 409 || Date.now() > deadline) {
      throw new Error(`Firestore reset failed: ${res.status} (attempt ${attempt}) ${await res.text()}`);
    }
    await new Promise((r) => setTimeout(r, Math.min(100 * attempt, 1000))); // back off before asking again
  }
}

/** Deletes every account in the Auth emulator. */
export async function resetAuth(): Promise<void> {
  const res = await fetch(`${AUTH_ORIGIN}/emulator/v1/projects/${PROJECT_ID}/accounts`, { method: "DELETE" });
  if (!res.ok) throw new Error(`Auth reset failed: ${res.status}`);
}

/**
 * Polls `probe` until it returns a value other than undefined (trigger effects arrive asynchronously),
 * failing after `timeoutMs` with the last value seen.
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  { timeoutMs = 20_000, intervalMs = 100, what = "condition" } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Signs a person in with Google or Apple in the Auth emulator and returns a real emulator ID token. */
export async function providerIdToken(provider: "google.com" | "apple.com", claims: Record<string, unknown>): Promise<string> {
  const url = `${AUTH_ORIGIN}/identitytoolkit.googleapis.com/v1/accounts:signInWithIdp?key=fake-api-key`;
  const res = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      postBody: `id_token=${encodeURIComponent(JSON.stringify(claims))}&providerId=${provider}`,
      requestUri: "http://localhost",
      returnIdpCredential: true,
      returnSecureToken: true,
    }),
  });
  const body = (await res.json()) as { idToken?: string };
  if (!res.ok || !body.idToken) throw new Error(`signInWithIdp failed: ${res.status} ${JSON.stringify(body)}`);
  return body.idToken;
}
