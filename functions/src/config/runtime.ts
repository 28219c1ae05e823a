import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import {
  APP_LINKS_ANDROID_CERT_SHA256,
  APP_LINKS_ANDROID_PACKAGE,
  APP_LINKS_IOS_APP_IDS,
  MAX_BODY_BYTES,
  TRUSTED_PROXY_HOPS,
  VALIDATE_RESPONSES,
} from "./params";

/** Settings the HTTP layer needs, resolved from params at run time (never at deploy analysis). */
export interface HttpConfig {
  /** Largest accepted JSON body, in bytes. */
  maxBodyBytes: number;
  /** Reported by /v1/health: the package version, plus the Cloud Run revision when deployed. */
  version: string;
  /** How many proxies' X-Forwarded-For entries to trust when finding the client's address (default 2). */
  trustedProxyHops?: number;
  /** Check every response against the contract (tests and the local stack; off in production). */
  validateResponses?: boolean;
  /** The phone apps that open mail links (served under /.well-known; absent: those files answer 404). */
  appLinks?: AppLinksConfig;
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
    validateResponses: VALIDATE_RESPONSES.value(),
    version: revision ? `${version}+${revision}` : version,
    appLinks: {
      iosAppIds: list(APP_LINKS_IOS_APP_IDS.value()),
      androidPackage: APP_LINKS_ANDROID_PACKAGE.value(),
      androidCertSha256: list(APP_LINKS_ANDROID_CERT_SHA256.value()),
    },
  };
}
