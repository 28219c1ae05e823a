/**
 * Seeds the local emulators with the project's embedded demo data. Run by `npm start` once the stack
 * answers; safe to run again (every seeder writes deterministic ids). Needs FIRESTORE_EMULATOR_HOST.
 */
import { firestore } from "../src/deps";
import { DEMO_SEEDERS } from "../src/demo/demo-seeders";

async function main(): Promise<void> {
  if (!process.env.FIRESTORE_EMULATOR_HOST) {
    throw new Error("Refusing to seed: FIRESTORE_EMULATOR_HOST is not set (demo data is for the emulators only).");
  }
  const db = firestore();
  for (const seeder of DEMO_SEEDERS) {
    const summary = await seeder.seed(db);
    console.log(`Demo data: ${seeder.name}: ${summary}`);
  }
  if (process.env.DEMO_API_BASE_URL) await registerDemoAccount(process.env.DEMO_API_BASE_URL);
}

/** The account a developer signs in with locally; registered through the API like any other. */
export const DEMO_ACCOUNT = {
  email: "demo@movie-night.example",
  password: "popcorn and friends",
  displayName: "Demo Viewer",
  handle: "demo",
};

async function registerDemoAccount(apiBaseUrl: string): Promise<void> {
  const res = await fetch(`${apiBaseUrl}/auth/register`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(DEMO_ACCOUNT),
  });
  if (res.status !== 201 && res.status !== 409) throw new Error(`Registering the demo account failed: ${res.status} ${await res.text()}`);
  console.log(`Demo data: sign in with ${DEMO_ACCOUNT.email} / "${DEMO_ACCOUNT.password}" (POST /v1/auth/login)`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
