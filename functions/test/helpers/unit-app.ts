import { HealthService } from "../../src/health/health.service";
import type { Express } from "express";
import { createApp, type AppDeps } from "../../src/api/app";
import { unitAccountAppDeps } from "./accounts";
import { unitCatalogueAppDeps, unitRecommendationAppDeps } from "./catalogue";
import { unitNightsAppDeps } from "./nights";
import { unitSocialAppDeps } from "./social";
import type { PasswordResetService } from "../../src/recovery/recovery.service";

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
    ...overrides,
  };
}

/** The whole app over the given in-memory accounts wiring (auth and /me route specs). */
export function unitAccountsApp(accounts: Pick<AppDeps, "auth" | "accounts" | "users">): Express {
  return createApp(unitAppDeps({ auth: accounts.auth, accounts: accounts.accounts, users: accounts.users }));
}
