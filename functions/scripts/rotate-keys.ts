/**
 * Re-encrypts every stored personal value (email, display name) with the active key of
 * PII_ENCRYPTION_KEYS, so that old keys can be removed from the ring. An operator's tool, run after
 * prepending a new key (see README). Resumable (a checkpoint in `system/piiKeyRotation`), idempotent
 * (values already under the active key are left alone), prints progress; `--dry-run` only counts.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { firestore, makeKeyRotation } from "../src/deps";
import { parseKeyRing } from "../src/shared/crypto";

const USAGE = `usage: rotate-keys [--dry-run] [--batch-size N] [--max-batches N] [--restart] [--project <id>]

Re-encrypts every user's email and display name with the active (first) key of PII_ENCRYPTION_KEYS,
so that older keys can be removed from the secret afterwards.

  --dry-run         count the values sealed with an old key, per key id; change nothing
  --batch-size N    users per page (1 to 500, default 200)
  --max-batches N   stop after N pages; the next run resumes where this one stopped
  --restart         ignore the checkpoint and start from the first user
  --project <id>    a deployed project (default: the local emulators, project demo-movie-night)
  --help            this text

The key ring comes from the environment variable PII_ENCRYPTION_KEYS (for a deployed project:
PII_ENCRYPTION_KEYS="$(gcloud secrets versions access latest --secret PII_ENCRYPTION_KEYS --project <id>)");
locally, when it is unset, from functions/.secret.local. The run prints one line per page and a JSON
report; an old key may be removed once a run reports "complete": true and a dry run finds no value under it.`;

function keyRingText(local: boolean): string {
  const fromEnv = process.env.PII_ENCRYPTION_KEYS;
  if (fromEnv) return fromEnv;
  if (!local) throw new Error("set PII_ENCRYPTION_KEYS to the project's key ring (see --help)");
  // lib/scripts/rotate-keys.js -> functions/.secret.local, written by `npm run setup`.
  const file = readFileSync(path.resolve(__dirname, "../../.secret.local"), "utf8");
  const line = file.split("\n").find((l) => l.startsWith("PII_ENCRYPTION_KEYS="));
  if (!line) throw new Error("no PII_ENCRYPTION_KEYS in functions/.secret.local");
  return line.slice("PII_ENCRYPTION_KEYS=".length).trim();
}

const positiveInt = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of at least 1`);
  return n;
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      "dry-run": { type: "boolean", default: false },
      "batch-size": { type: "string" },
      "max-batches": { type: "string" },
      restart: { type: "boolean", default: false },
      project: { type: "string" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const local = values.project === undefined;
  if (local) {
    process.env.FIRESTORE_EMULATOR_HOST ??= "127.0.0.1:8080";
    process.env.GCLOUD_PROJECT ??= "demo-movie-night";
  } else {
    process.env.GCLOUD_PROJECT = values.project;
  }
  const ring = parseKeyRing("PII_ENCRYPTION_KEYS", keyRingText(local));
  const db = firestore();
  const rotation = makeKeyRotation(db, ring);
  const dryRun = values["dry-run"];
  process.stdout.write(`${dryRun ? "dry run: counting" : "re-encrypting"} values not sealed with key ${ring.activeKeyId}\n`);
  const report = await rotation.run({
    dryRun,
    batchSize: positiveInt("--batch-size", values["batch-size"], 200),
    maxBatches: values["max-batches"] === undefined ? undefined : positiveInt("--max-batches", values["max-batches"], 1),
    restart: values.restart,
    onProgress: (p) =>
      process.stdout.write(`  ${p.scannedUsers} users scanned, ${p.values} values ${dryRun ? "to re-encrypt" : "re-encrypted"}\n`),
  });
  process.stdout.write(`${JSON.stringify(report)}\n`);
  // The client's open channels would keep the process alive after the work is done.
  await db.terminate();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
