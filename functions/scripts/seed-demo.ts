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
  if (DEMO_SEEDERS.length === 0) console.log("Demo data: nothing to seed yet.");
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
