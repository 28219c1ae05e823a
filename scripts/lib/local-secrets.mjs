// Every secret the functions declare with defineSecret, and how setup makes a local value for the
// emulators. Production values live in Secret Manager (see README). Keep in step with
// functions/src/config/params.ts: a unit test checks that both name the same secrets.
const hex = (bytes) => (randomBytes) => randomBytes(bytes).toString("hex");

export const LOCAL_SECRETS = [
  { name: "JWT_SIGNING_KEY", generate: hex(32) },
  { name: "PASSWORD_PEPPER", generate: hex(32) },
  { name: "PII_ENCRYPTION_KEYS", generate: (randomBytes) => `k1:${randomBytes(32).toString("hex")}` },
  { name: "EMAIL_INDEX_KEY", generate: hex(32) },
  // Film details from TMDB are off locally (no network); set a real key to turn them on.
  { name: "TMDB_API_KEY", generate: () => "disabled" },
  // Mail goes to the development mail catcher that `npm start` and `npm test` run (scripts/lib/mail-catcher.mjs).
  { name: "SMTP_URL", generate: () => "smtp://127.0.0.1:1025" },
];
