import { HealthService } from "../../src/health/health.service";
import type { IdempotencyRecord, IdempotencyStore, StoredResponse } from "../../src/http/idempotency";
import type { Express } from "express";
import { createApp, type AppDeps } from "../../src/api/app";
import { unitAccountAppDeps } from "./accounts";
import { unitCatalogueAppDeps, unitRecommendationAppDeps } from "./catalogue";
import { unitNightsAppDeps } from "./nights";
import { unitSocialAppDeps } from "./social";
import type { PasswordResetService } from "../../src/recovery/recovery.service";
import type { EmailVerificationService } from "../../src/recovery/email-verification.service";
import type { EmailChangeService } from "../../src/recovery/email-change.service";

/** A stand-in for a service the spec does not reach: any use fails loudly. */
function unreachable<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get: (_target, property) => {
      throw new Error(`${name}.${String(property)} is not wired in this unit app`);
    },
  });
}

/**
 * Every AppDeps field for app-level unit specs: the real accounts services over in-memory repositories,
 * stand-ins elsewhere (they fail loudly if reached); `overrides` replaces any of them.
 */
export function unitAppDeps(overrides: Partial<AppDeps> = {}): AppDeps {
  return {
    config: { maxBodyBytes: 65536, version: "0.0.0-test", validateResponses: true },
    health: new HealthService({ ping: async () => undefined }, { version: "0.0.0-test" }),
    ...unitAccountAppDeps(),
    ...unitCatalogueAppDeps(),
    ...unitSocialAppDeps(),
    ...unitRecommendationAppDeps(),
    ...unitNightsAppDeps(),
    passwordReset: unreachable<PasswordResetService>("passwordReset"),
    emailVerification: unreachable<EmailVerificationService>("emailVerification"),
    emailChange: unreachable<EmailChangeService>("emailChange"),
    idempotency: new InMemoryIdempotencyStore(),
    ...overrides,
  };
}

/** The whole app over the given in-memory accounts wiring (auth and /me route specs). */
export function unitAccountsApp(accounts: Pick<AppDeps, "auth" | "accounts" | "users">): Express {
  return createApp(unitAppDeps({ auth: accounts.auth, accounts: accounts.accounts, users: accounts.users }));
}

/** IdempotencyStore in memory, with the Firestore store's rules (a live record wins; otherwise claimed). */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  readonly records = new Map<string, { record: IdempotencyRecord; expiresAt: Date }>();

  async claim(id: string, fingerprint: string, now: Date, leaseUntil: Date, expiresAt: Date): Promise<IdempotencyRecord | undefined> {
    const found = this.records.get(id);
    const live = found !== undefined && found.expiresAt > now && (found.record.state === "done" || found.record.leaseUntil > now);
    if (live) return found.record;
    this.records.set(id, { record: { state: "pending", fingerprint, leaseUntil }, expiresAt });
    return undefined;
  }

  async complete(id: string, fingerprint: string, response: StoredResponse, expiresAt: Date): Promise<void> {
    this.records.set(id, { record: { state: "done", fingerprint, response: structuredClone(response) }, expiresAt });
  }

  async release(id: string): Promise<void> {
    this.records.delete(id);
  }
}
