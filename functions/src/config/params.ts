/**
 * Every deploy-time parameter and secret of the functions. Values come from `.env.<project>` files,
 * the deploy prompt, or Secret Manager (secrets); the emulators read `functions/.secret.local`,
 * which `npm run setup` generates. Nothing else in the code base reads process.env
 * (config/runtime.ts reads the few variables the platform itself sets).
 */
import { defineInt, defineSecret, defineString } from "firebase-functions/params";

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

/** Every secret the functions declare; setup generates a local value for each (scripts/lib/local-secrets.mjs). */
export const SECRETS = [JWT_SIGNING_KEY, PASSWORD_PEPPER, PII_ENCRYPTION_KEYS, EMAIL_INDEX_KEY, TMDB_API_KEY] as const;
