import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import {
  APP_CHECK,
  APP_LINKS_ANDROID_CERT_SHA256,
  APP_LINKS_ANDROID_PACKAGE,
  APP_LINKS_IOS_APP_IDS,
  DIRECT_CALLS,
  HOSTING_EDGE_RANGES,
  MAX_BODY_BYTES,
  RATE_LIMIT_COSTLY,
  RATE_LIMIT_PUBLIC_WRITE,
  RATE_LIMIT_SIGNIN,
  RATE_LIMIT_SIGNUP,
  RATE_LIMIT_WRITE,
  REQUEST_DEADLINE_MS,
  TRUSTED_PROXY_HOPS,
  VALIDATE_RESPONSES,
} from "./params";

/** Settings the HTTP layer needs, resolved from params at run time (never at deploy analysis). */
export interface HttpConfig {
  /** Largest accepted JSON body, in bytes. */
  maxBodyBytes: number;
  /** Reported by /v1/health: the package version, plus the Cloud Run revision when deployed. */
  version: string;
  /** How many X-Forwarded-For entries Google's front end appends, the first being its peer (default 2). */
  trustedProxyHops?: number;
  /** CIDR ranges of Hosting's CDN edge (default: none, so every peer is the client). */
  hostingEdgeRanges?: readonly string[];
  /** Calls that did not come through Hosting: counted under the front end's address, or refused (403). */
  directCalls?: "allow" | "refuse";
  /** Require a valid App Check token. */
  appCheck?: boolean;
  /** Budget text per rate limit group (absent: no rate limits). */
  rateLimits?: Record<string, string>;
  /** Check every response against the contract (tests and the local stack; off in production). */
  validateResponses?: boolean;
  /** The phone apps that open mail links (served under /.well-known; absent: those files answer 404). */
  appLinks?: AppLinksConfig;

  /** Milliseconds a request may take before it answers 503 (default: http/deadline.ts). */
  requestDeadlineMs?: number;
}

/** The apps Universal Links (iOS) and App Links (Android) hand `/a/*` links to. */
export interface AppLinksConfig {
  /** `<Team ID>.<bundle id>` of each iOS app. */
  iosAppIds: string[];
  androidPackage: string;
  /** SHA-256 fingerprints of the Android signing certificates (`AB:CD:...`). */
  androidCertSha256: string[];
}

const list = (value: string) =>
  value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

const packageJson = z.object({ version: z.string() });

function packageVersion(): string {
  // lib/src/config/runtime.js -> functions/package.json, which is deployed with the code.
  const file = path.resolve(__dirname, "../../../package.json");
  return packageJson.parse(JSON.parse(readFileSync(file, "utf8"))).version;
}

/** Reads the params; call it inside a request or event handler, never at module load. */
export function loadHttpConfig(): HttpConfig {
  const revision = process.env.K_REVISION; // set by Cloud Run for 2nd-gen functions
  const version = packageVersion();
  return {
    maxBodyBytes: MAX_BODY_BYTES.value(),
    trustedProxyHops: TRUSTED_PROXY_HOPS.value(),
    hostingEdgeRanges: HOSTING_EDGE_RANGES.value().split(","),
    directCalls: directCallsSchema.parse(DIRECT_CALLS.value()),
    appCheck: APP_CHECK.value(),
    rateLimits: loadRateLimitBudgets(),
    validateResponses: VALIDATE_RESPONSES.value(),
    requestDeadlineMs: REQUEST_DEADLINE_MS.value(),
    version: revision ? `${version}+${revision}` : version,
    appLinks: {
      iosAppIds: list(APP_LINKS_IOS_APP_IDS.value()),
      androidPackage: APP_LINKS_ANDROID_PACKAGE.value(),
      androidCertSha256: list(APP_LINKS_ANDROID_CERT_SHA256.value()),
    },
  };
}

const directCallsSchema = z.enum(["allow", "refuse"]);

/** The raw budget text of every rate limit group (parsed by shared/rate-limiter.ts parseBudgets). */
function loadRateLimitBudgets(): Record<string, string> {
  return {
    signup: RATE_LIMIT_SIGNUP.value(),
    signin: RATE_LIMIT_SIGNIN.value(),
    "public-write": RATE_LIMIT_PUBLIC_WRITE.value(),
    write: RATE_LIMIT_WRITE.value(),
    costly: RATE_LIMIT_COSTLY.value(),
  };
}
