import {
  BCRYPT_COST,
  BCRYPT_QUEUE,
  BCRYPT_SIGNIN_SHARE,
  BCRYPT_WORKERS,
  EMAIL_INDEX_KEY,
  JWT_SIGNING_KEY,
  PASSWORD_PEPPER,
  PII_ENCRYPTION_KEYS,
} from "../config/params";
import { decodeHexKey, parseKeyRing, type KeyRing } from "../shared/crypto";
import { MIN_PRODUCTION_BCRYPT_COST } from "./password";

/** Everything the accounts domain needs from configuration, decoded and checked. */
export interface AuthConfig {
  jwtSigningKey: Buffer;
  passwordPepper: Buffer;
  piiKeys: KeyRing;
  emailIndexKey: Buffer;
  bcryptCost: number;
  bcryptWorkers: number;
  /** Load shedding: bcrypt jobs queued at most per instance, and the places only sign-in may take. */
  bcryptQueue: { maxQueued: number; signInShare: number };
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
}

/** Token claims and lifetimes; fixed, not configuration (clients and tests rely on them). */
export const TOKEN_SETTINGS = {
  issuer: "movie-night-api",
  audience: "movie-night-app",
  accessTokenTtlSeconds: 15 * 60,
  refreshTokenTtlSeconds: 30 * 24 * 3600,
} as const;

/**
 * Reads and checks the secrets and params; call at run time only. Throws on a missing, short or
 * malformed secret, or a bcrypt cost below 11, so a misconfigured instance fails loudly, not weakly.
 */
export function loadAuthConfig(): AuthConfig {
  const bcryptCost = BCRYPT_COST.value();
  if (bcryptCost < MIN_PRODUCTION_BCRYPT_COST) throw new Error(`BCRYPT_COST must be at least ${MIN_PRODUCTION_BCRYPT_COST}`);
  return {
    jwtSigningKey: decodeHexKey("JWT_SIGNING_KEY", JWT_SIGNING_KEY.value()),
    passwordPepper: decodeHexKey("PASSWORD_PEPPER", PASSWORD_PEPPER.value()),
    piiKeys: parseKeyRing("PII_ENCRYPTION_KEYS", PII_ENCRYPTION_KEYS.value()),
    emailIndexKey: decodeHexKey("EMAIL_INDEX_KEY", EMAIL_INDEX_KEY.value()),
    bcryptCost,
    bcryptWorkers: Math.max(1, BCRYPT_WORKERS.value()),
    bcryptQueue: { maxQueued: BCRYPT_QUEUE.value(), signInShare: BCRYPT_SIGNIN_SHARE.value() },
    ...TOKEN_SETTINGS,
  };
}
