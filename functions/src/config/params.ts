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
  description:
    "X-Forwarded-For entries Google's front end appends, the first being the peer it saw (http/client-address.ts; measure, see README).",
});

// ---- Edge of the API: rate limits, client addresses, App Check, bcrypt load shedding ----

/** Firebase Hosting's CDN edge (Fastly's published ranges, https://api.fastly.com/public-ip-list); refresh when it changes. */
export const DEFAULT_HOSTING_EDGE_RANGES =
  "23.235.32.0/20,43.249.72.0/22,103.244.50.0/24,103.245.222.0/23,103.245.224.0/24,104.156.80.0/20,140.248.64.0/18," +
  "140.248.128.0/17,146.75.0.0/17,151.101.0.0/16,157.52.64.0/18,167.82.0.0/17,167.82.128.0/20,167.82.160.0/20," +
  "167.82.224.0/20,172.111.64.0/18,185.31.16.0/22,199.27.72.0/21,199.232.0.0/16,2a04:4e40::/32,2a04:4e42::/32";

export const HOSTING_EDGE_RANGES = defineString("HOSTING_EDGE_RANGES", {
  default: DEFAULT_HOSTING_EDGE_RANGES,
  description: "CIDR ranges of Firebase Hosting's CDN edge, comma-separated: a peer in them forwards the client's address.",
});

export const DIRECT_CALLS = defineString("DIRECT_CALLS", {
  default: "allow",
  description:
    'Calls to the function\'s own URL (not through Hosting): "allow" counts them under the address Google\'s front end saw; "refuse" answers 403.',
});

/** Budgets per route group: `user=N/seconds,ip=N/seconds,email=N/seconds` (any of them), or "off". */
export const RATE_LIMIT_SIGNUP = defineString("RATE_LIMIT_SIGNUP", {
  default: "ip=20/3600,email=3/3600",
  description: "Rate limit of sign-up (POST /auth/register): per client address and per email.",
});

export const RATE_LIMIT_SIGNIN = defineString("RATE_LIMIT_SIGNIN", {
  default: "ip=100/900,email=30/900",
  description: "Rate limit of sign-in attempts, successful or not (the per-account lockout is separate).",
});

export const RATE_LIMIT_PUBLIC_WRITE = defineString("RATE_LIMIT_PUBLIC_WRITE", {
  default: "ip=300/60",
  description: "Rate limit of other anonymous writes (refresh, sign-out, Google/Apple sign-in): per client address.",
});

export const RATE_LIMIT_WRITE = defineString("RATE_LIMIT_WRITE", {
  default: "user=120/60,ip=600/60",
  description: "Rate limit of signed-in writes (every non-GET route without a group of its own): per person and per address.",
});

export const RATE_LIMIT_COSTLY = defineString("RATE_LIMIT_COSTLY", {
  default: "user=30/60,ip=300/60",
  description: "Rate limit of costly routes (recommendations, export): per person and per address.",
});

export const APP_CHECK = defineBoolean("APP_CHECK", {
  default: false,
  description: "Require a valid Firebase App Check token (X-Firebase-AppCheck) on every API request but health and the contract.",
});

export const BCRYPT_QUEUE = defineInt("BCRYPT_QUEUE", {
  default: 16,
  description: "bcrypt jobs an instance queues at most; beyond it requests get 503 with Retry-After (load shedding).",
});

export const BCRYPT_SIGNIN_SHARE = defineInt("BCRYPT_SIGNIN_SHARE", {
  default: 8,
  description: "Queue places only sign-in may use, so a flood of sign-ups cannot starve it (at most BCRYPT_QUEUE - 1).",
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

// Friend request abuse caps (see docs/DECISIONS.md, "Abuse caps and privacy without gaps").
export const FRIEND_REQUESTS_MAX_PENDING = defineInt("FRIEND_REQUESTS_MAX_PENDING", {
  default: 100,
  description: "Pending outgoing friend requests a person may have at once; one more answers 409.",
});

export const FRIEND_REQUEST_PAUSE_HOURS = defineInt("FRIEND_REQUEST_PAUSE_HOURS", {
  default: 24,
  description: "Hours (at least 1) before someone may ask the same person again after a decline or a cancel; sooner answers 429.",
});

// Crews and scheduled movie nights.

export const CREW_VETO_DAYS = defineInt("CREW_VETO_DAYS", {
  default: 30,
  description: "Days a film every member of a crew night swiped away stays out of that crew's decks.",
});

export const NIGHT_REMINDER_LEAD_MINUTES = defineInt("NIGHT_REMINDER_LEAD_MINUTES", {
  default: 60,
  description: "Minutes before a scheduled movie night everyone invited is reminded (in-app and push).",
});

// --- Mail and account recovery -------------------------------------------------------------------

/**
 * The SMTP connection mail is delivered through, as a URL (`smtps://user:password@smtp.example.com:465`
 * or `smtp://...:587`). Locally: the development mail catcher that `npm start` and `npm test` run.
 */
export const SMTP_URL = defineSecret("SMTP_URL");

export const MAIL_FROM = defineString("MAIL_FROM", {
  default: "Movie Night <no-reply@movie-night.example>",
  description: "The From header of every message the service sends.",
});

/** The origin links in mail point to (`https://<hosting site>`), whose /a/* pages the app opens. */
export const APP_LINK_ORIGIN = defineString("APP_LINK_ORIGIN", {
  description: "Origin of the links in mail (https://<hosting site>); Universal Links / App Links open /a/* in the app.",
});

export const PASSWORD_RESET_MAILS_PER_HOUR = defineInt("PASSWORD_RESET_MAILS_PER_HOUR", {
  default: 5,
  description: "Password reset mails sent to one address per hour; further requests answer the same but send nothing.",
});

export const PASSWORD_RESET_REQUESTS_PER_CLIENT_PER_HOUR = defineInt("PASSWORD_RESET_REQUESTS_PER_CLIENT_PER_HOUR", {
  default: 30,
  description: "Password reset requests one client address may make per hour (429 beyond).",
});

export const EMAIL_VERIFICATION_MAILS_PER_HOUR = defineInt("EMAIL_VERIFICATION_MAILS_PER_HOUR", {
  default: 3,
  description: "Verification links one account may ask to be re-sent per hour (429 beyond).",
});

/** The phone apps that open mail links: served as /.well-known/apple-app-site-association and assetlinks.json. */
export const APP_LINKS_IOS_APP_IDS = defineString("APP_LINKS_IOS_APP_IDS", {
  description: "iOS apps for Universal Links, comma-separated <Team ID>.<bundle id> (e.g. ABCDE12345.com.example.movienight).",
});

export const APP_LINKS_ANDROID_PACKAGE = defineString("APP_LINKS_ANDROID_PACKAGE", {
  description: "Android application id for App Links (e.g. com.example.movienight).",
});

export const APP_LINKS_ANDROID_CERT_SHA256 = defineString("APP_LINKS_ANDROID_CERT_SHA256", {
  description: "SHA-256 fingerprints of the Android app's signing certificates, comma-separated (AB:CD:...).",
});

/** Every secret the functions declare; setup generates a local value for each (scripts/lib/local-secrets.mjs). */
export const SECRETS = [JWT_SIGNING_KEY, PASSWORD_PEPPER, PII_ENCRYPTION_KEYS, EMAIL_INDEX_KEY, TMDB_API_KEY, SMTP_URL] as const;
