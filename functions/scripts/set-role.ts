/**
 * Makes a user an administrator (or a user again). An operator's tool: no API route can grant a role.
 * The role is read from `users/{uid}` on every request, so it applies at once to existing sessions.
 *
 *   node functions/lib/scripts/set-role.js --uid <uid> --role admin             # local stack (emulator)
 *   node functions/lib/scripts/set-role.js --uid <uid> --role admin --project <id>   # a deployed project
 */
import { parseArgs } from "node:util";
import { firestore } from "../src/deps";
import { COLLECTIONS } from "../src/shared/collections";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { uid: { type: "string" }, role: { type: "string" }, project: { type: "string" } },
    strict: true,
  });
  if (!values.uid || (values.role !== "admin" && values.role !== "user")) {
    throw new Error("usage: set-role --uid <uid> --role admin|user [--project <id>]");
  }
  if (values.project === undefined) {
    process.env.FIRESTORE_EMULATOR_HOST ??= "127.0.0.1:8080";
    process.env.GCLOUD_PROJECT ??= "demo-movie-night";
  } else {
    process.env.GCLOUD_PROJECT = values.project;
  }
  // update() fails when the user does not exist: a role is never granted to an account yet to be made.
  await firestore().collection(COLLECTIONS.users).doc(values.uid).update({ role: values.role, updatedAt: new Date() });
  process.stdout.write(`${values.uid} is now ${values.role}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
