import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { MAX_BODY_BYTES, REQUEST_DEADLINE_MS, TRUSTED_PROXY_HOPS, VALIDATE_RESPONSES } from "./params";

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
  /** Milliseconds a request may take before it answers 503 (default: http/deadline.ts). */
  requestDeadlineMs?: number;
}

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
    requestDeadlineMs: REQUEST_DEADLINE_MS.value(),
    version: revision ? `${version}+${revision}` : version,
  };
}
