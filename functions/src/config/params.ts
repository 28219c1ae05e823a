/**
 * Every deploy-time parameter and secret of the functions. Values come from `.env.<project>` files,
 * the deploy prompt, or Secret Manager (secrets); the emulators read `functions/.secret.local`,
 * which `npm run setup` generates. Nothing else in the code base reads process.env
 * (config/runtime.ts reads the few variables the platform itself sets).
 */
import { defineBoolean, defineInt, defineSecret, defineString } from "firebase-functions/params";

/** Where every function runs; Hosting's rewrite in firebase.json names the same region. */
export const REGION = "us-central1";

export const MAX_INSTANCES = defineInt("MAX_INSTANCES", {
  default: 3,
  description: "Upper bound of instances per function (cost guard).",
});

export const MIN_INSTANCES = defineInt("MIN_INSTANCES", {
  default: 0,
  description: "Instances kept warm per function (0 scales to zero; 1 removes most cold starts).",
});

export const MAX_BODY_BYTES = defineInt("MAX_BODY_BYTES", {
  default: 64 * 1024,
  description: "Largest JSON request body the API accepts, in bytes; larger bodies get 413.",
});

export const TRUSTED_PROXY_HOPS = defineInt("TRUSTED_PROXY_HOPS", {
  default: 2,
  description: "Proxies in front of the API whose X-Forwarded-For entries are trusted (Hosting's CDN and Google's front end).",
});

export const VALIDATE_RESPONSES = defineBoolean("VALIDATE_RESPONSES", {
  default: false,
  description:
    "Check every API response against the OpenAPI contract (a mismatch answers 500 and logs why); for tests and the local stack.",
});

export const REQUEST_DEADLINE_MS = defineInt("REQUEST_DEADLINE_MS", {
  default: 5000,
  description:
    "Milliseconds an API request may take before it answers 503 with Retry-After (a stalled database is not a hang); " +
    "long operations such as export declare their own in the route table.",
});

export const BCRYPT_COST = defineInt("BCRYPT_COST", {
  default: 12,
  description: "bcrypt cost factor for passwords (at least 11); raising it re-hashes each password at its next sign-in.",
});

export const BCRYPT_WORKERS = defineInt("BCRYPT_WORKERS", {
  default: 2,
  description: "Worker threads per instance that run bcrypt, so hashing never blocks the API's event loop.",
});

/** HS256 key of the access tokens: at least 32 random bytes, hex. */
export const JWT_SIGNING_KEY = defineSecret("JWT_SIGNING_KEY");
/** HMAC key that pre-hashes every password before bcrypt: at least 32 random bytes, hex. */
export const PASSWORD_PEPPER = defineSecret("PASSWORD_PEPPER");
/** AES-256-GCM keys for personal data: `keyId:hexKey` entries, comma-separated, the first one active. */
export const PII_ENCRYPTION_KEYS = defineSecret("PII_ENCRYPTION_KEYS");
/** HMAC key of the email blind index (never rotated without re-indexing): at least 32 random bytes, hex. */
export const EMAIL_INDEX_KEY = defineSecret("EMAIL_INDEX_KEY");

/** The Movie Database v3 API key for posters, overviews and runtimes; "disabled" turns film details off. */
export const TMDB_API_KEY = defineSecret("TMDB_API_KEY");

export const TMDB_BASE_URL = defineString("TMDB_BASE_URL", {
  default: "https://api.themoviedb.org/3",
  description: "Base URL of The Movie Database v3 API.",
});

/**
 * How push notifications leave: "fcm" through Firebase Cloud Messaging (production), "log" only logs
 * what would be sent (the local emulators: FCM has no emulator and cannot be reached there).
 */
export const PUSH_DELIVERY = defineString("PUSH_DELIVERY", {
  default: "fcm",
  description: 'Push notifications: "fcm" sends through Firebase Cloud Messaging; "log" only logs (local emulators).',
});

/** When the recommender retrains, in Cloud Scheduler syntax (UTC). Read at deploy time. */
export const RETRAIN_SCHEDULE = defineString("RETRAIN_SCHEDULE", {
  default: "every day 03:00",
  description: "Schedule of retrainRecommender (Cloud Scheduler syntax, UTC).",
});

/**
 * Where recommender model versions live: "gcs" (the project's default Cloud Storage bucket),
 * "local:<dir>" (a folder, relative to the repository root; the local emulators, where the Storage
 * emulator cannot run) or "none" (no model: recommendations fall back to popular films).
 */
export const MODEL_STORE = defineString("MODEL_STORE", {
  default: "gcs",
  description: 'Recommender model store: "gcs", "local:<dir>" (local emulators) or "none".',
});

export const RECOMMENDER_KEEP_VERSIONS = defineInt("RECOMMENDER_KEEP_VERSIONS", {
  default: 3,
  description: "Recommender model versions kept in the store (the live one is never deleted).",
});

/**
 * What POST /v1/admin/recommender/retrain does: "scheduler" asks Cloud Scheduler to run the
 * retrainRecommender job now (it runs with that function's memory and timeout); "inline" retrains in
 * the API instance and answers with the outcome (the local emulators, small data).
 */
export const RETRAIN_ON_DEMAND = defineString("RETRAIN_ON_DEMAND", {
  default: "scheduler",
  description: 'Admin retrain: "scheduler" (run the Cloud Scheduler job now) or "inline" (in the API instance; local only).',
});

/** Every secret the functions declare; setup generates a local value for each (scripts/lib/local-secrets.mjs). */
export const SECRETS = [JWT_SIGNING_KEY, PASSWORD_PEPPER, PII_ENCRYPTION_KEYS, EMAIL_INDEX_KEY, TMDB_API_KEY] as const;
