/**
 * Accounts for tests. Integration tests: `registerUser` signs a user up through the real HTTP route,
 * and `makeTestApp(db)` builds the app over a Firestore (the emulator) with test secrets and a low
 * bcrypt cost. Unit tests: `unitAccountDeps()` gives the accounts part of AppDeps over in-memory
 * repositories, with the real services, tokens and middleware.
 */
import { randomBytes } from "node:crypto";
import type { Express } from "express";
import type { Firestore } from "firebase-admin/firestore";
import request from "supertest";
import { AccessTokenService, type SessionState } from "../../src/auth/access-tokens";
import { TOKEN_SETTINGS, type AuthConfig } from "../../src/auth/auth.config";
import { AuthService } from "../../src/auth/auth.service";
import { BcryptPool } from "../../src/auth/bcrypt-pool";
import type { ExternalIdentity, IdentityTokenVerifier } from "../../src/auth/firebase-identity";
import type { FirebaseSessions, FirebaseUserSummary } from "../../src/auth/firebase-sessions";
import type { KnownDeviceRecord, KnownDeviceRepository, NewDeviceSignIn, NewDeviceSignInListener } from "../../src/auth/known-devices";
import {
  DEFAULT_THROTTLE_POLICY,
  LoginThrottle,
  type ThrottlePolicy,
  type ThrottleRepository,
  type ThrottleState,
} from "../../src/auth/login-throttle";
import { PepperedBcryptHasher, type BcryptRunner } from "../../src/auth/password";
import { TokenService, type RefreshFamilyRecord, type RefreshTokenRecord, type RefreshTokenRepository } from "../../src/auth/token.service";
import { makeDeps, type AccountDepsOverrides, type EdgeOverrides, type SocialDepsOptions } from "../../src/deps";
import type { HttpConfig } from "../../src/config/runtime";
import { createApp, type AppDeps } from "../../src/api/app";
import { requireAuth } from "../../src/http/auth.middleware";
import { AppError } from "../../src/shared/errors";
import { parseKeyRing } from "../../src/shared/crypto";
import type { NewUser, ProfileChange, UserRepository } from "../../src/users/users.repository";
import { DEFAULT_PREFERENCES, holdsEmailAgainstNewcomer, type SignInMethod, type UserRecord } from "../../src/users/users.schema";
import { UsersService } from "../../src/users/users.service";
import type { RecoveryConfig } from "../../src/recovery/recovery.config";
import { DEFAULT_EMAIL_VERIFICATION_POLICY } from "../../src/recovery/email-verification.service";
import { DEFAULT_PASSWORD_RESET_POLICY } from "../../src/recovery/recovery.service";

/** bcrypt cost for tests: fast. Production refuses anything below 11 (auth.config.ts). */
export const TEST_BCRYPT_COST = 4;

/** The HTTP settings of the local demo project (functions/.env.demo-movie-night). */
// Every response in tests is checked against the API contract.
// The deadline is generous: the suite shares a small, busy machine; the fault-injection test sets its own.
export const TEST_HTTP_CONFIG: HttpConfig = {
  maxBodyBytes: 65536,
  version: "0.0.0-test",
  validateResponses: true,
  rateLimits: generousBudgets(),
  requestDeadlineMs: 30_000,
};

/** Rate limit budgets no test reaches, as in functions/.env.demo-movie-night; limit tests set tight ones. */
export function generousBudgets(): Record<string, string> {
  const wide = "user=100000/60,ip=100000/60,email=100000/60";
  return { signup: wide, signin: wide, "public-write": wide, write: wide, costly: wide };
}

/** Fresh random secrets, as `npm run setup` would generate, with the low test bcrypt cost. */
export function testAuthConfig(overrides: Partial<AuthConfig> = {}): AuthConfig {
  return {
    jwtSigningKey: randomBytes(32),
    passwordPepper: randomBytes(32),
    piiKeys: parseKeyRing("PII_ENCRYPTION_KEYS", `k1:${randomBytes(32).toString("hex")}`),
    emailIndexKey: randomBytes(32),
    bcryptCost: TEST_BCRYPT_COST,
    bcryptWorkers: 2,
    bcryptQueue: { maxQueued: 64, signInShare: 16 },
    ...TOKEN_SETTINGS,
    ...overrides,
  };
}

/** Mail links and limits of the local demo project (functions/.env.demo-movie-night). */
export const TEST_RECOVERY_CONFIG: RecoveryConfig = {
  linkOrigin: "http://127.0.0.1:5002",
  passwordReset: DEFAULT_PASSWORD_RESET_POLICY,
  emailVerification: DEFAULT_EMAIL_VERIFICATION_POLICY,
};

export interface TestAppOptions extends AccountDepsOverrides {
  config?: AuthConfig;
  /** HTTP settings beyond TEST_HTTP_CONFIG (tight rate limits, App Check, address rules). */
  http?: Partial<HttpConfig>;
  edge?: EdgeOverrides;
  /** Push transport, clock and crews/scheduled nights settings of the social wiring. */
  social?: SocialDepsOptions;
}

/**
 * The API over the given Firestore (the emulator), wired like production (makeDeps) except for the
 * accounts' secrets and bcrypt cost, which come from testAuthConfig.
 */
export function makeTestApp(db: Firestore, options: TestAppOptions = {}): Express {
  return createApp(makeTestDeps(db, options));
}

/** makeTestApp's deps, for tests that need to replace more of them. */
export function makeTestDeps(db: Firestore, options: TestAppOptions = {}): AppDeps {
  const { config = testAuthConfig(), http, edge, social, ...overrides } = options;
  // Catalogue without TMDB: tests that need it wire their own stand-in.
  // Mail links point to the local Hosting emulator, as in functions/.env.demo-movie-night (the test process has no params).
  const accountOverrides = { ...overrides, recovery: overrides.recovery ?? TEST_RECOVERY_CONFIG };
  return makeDeps(db, { http: { ...TEST_HTTP_CONFIG, ...http }, auth: config, accountOverrides, catalogue: {}, edge, social });
}

export interface RegisteredUser {
  uid: string;
  accessToken: string;
  refreshToken: string;
  email: string;
  password: string;
  handle: string;
  displayName: string;
}

let counter = 0;

/** A unique handle (3 to 30 of [a-z0-9_]). */
export function uniqueHandle(prefix = "user"): string {
  counter += 1;
  return `${prefix}_${counter}_${randomBytes(3).toString("hex")}`.slice(0, 30);
}

/**
 * Registers a user through POST /v1/auth/register on an app (supertest) or an origin such as
 * HOSTING_ORIGIN, and returns the account and its tokens. Fails the test on any status but 201.
 */
export async function registerUser(
  app: Express | string,
  overrides: Partial<{ email: string; password: string; displayName: string; handle: string }> = {},
): Promise<RegisteredUser> {
  const handle = overrides.handle ?? uniqueHandle();
  const body = {
    email: overrides.email ?? `${handle}@example.com`,
    password: overrides.password ?? `correct horse ${randomBytes(6).toString("hex")}`,
    displayName: overrides.displayName ?? `Test ${handle}`,
    handle,
  };
  const res = await request(app).post("/v1/auth/register").send(body);
  if (res.status !== 201) throw new Error(`registerUser: expected 201, got ${res.status} ${JSON.stringify(res.body)}`);
  return {
    uid: res.body.user.uid,
    accessToken: res.body.accessToken,
    refreshToken: res.body.refreshToken,
    email: body.email.trim().toLowerCase(),
    password: body.password,
    handle,
    displayName: body.displayName,
  };
}

/** `Authorization` header value for an access token. */
export const bearer = (token: string) => `Bearer ${token}`;

// ---------------------------------------------------------------------------------------------
// In-memory repositories (unit tests).

/** Users in memory, with the same uniqueness rules as the Firestore repository (no encryption). */
export class InMemoryUserRepository implements UserRepository {
  readonly users = new Map<string, UserRecord>();
  readonly handles = new Map<string, string>();
  readonly emails = new Map<string, string>();
  readonly identities = new Map<string, string>();
  readonly deletions: string[] = [];

  async create(u: NewUser): Promise<UserRecord> {
    const holder = u.emailIndex ? this.users.get(this.emails.get(u.emailIndex) ?? "") : undefined;
    const before = u.takeUnverifiedEmail?.registeredBefore;
    const claimable = u.takeUnverifiedEmail && holder?.emailClaimable && (!before || holder.createdAt <= before);
    if (u.emailIndex && this.emails.has(u.emailIndex) && !claimable) throw taken("email");
    if (this.handles.has(u.handle)) throw taken("handle");
    if (holder && claimable) {
      holder.email = null;
      holder.emailIndex = null;
    }
    const idKey = u.identity ? `${u.identity.provider}:${u.identity.subject}` : undefined;
    if (idKey && this.identities.has(idKey)) throw new AppError("already-exists", "linked");
    const record: UserRecord = {
      uid: u.uid,
      handle: u.handle,
      email: u.email,
      emailIndex: u.emailIndex,
      emailVerified: u.emailVerified,
      emailClaimable: !u.emailVerified,
      pendingEmail: null,
      emailChangeUndoableUntil: null,
      displayName: u.displayName,
      passwordHash: u.passwordHash,
      tokenVersion: 0,
      role: "user",
      preferences: DEFAULT_PREFERENCES,
      providers: u.providers,
      createdAt: u.now,
      updatedAt: u.now,
    };
    this.users.set(u.uid, record);
    this.handles.set(u.handle, u.uid);
    if (u.emailIndex) this.emails.set(u.emailIndex, u.uid);
    if (idKey) this.identities.set(idKey, u.uid);
    return { ...record };
  }

  async findById(uid: string): Promise<UserRecord | undefined> {
    const u = this.users.get(uid);
    return u && { ...u };
  }

  async findByEmailIndex(i: string): Promise<UserRecord | undefined> {
    const uid = this.emails.get(i);
    return uid ? this.findById(uid) : undefined;
  }

  async isEmailFree(emailIndex: string, claimableBefore: Date): Promise<boolean> {
    const holder = await this.findByEmailIndex(emailIndex);
    return !holder || !holdsEmailAgainstNewcomer(holder, claimableBefore);
  }

  async findByIdentity(provider: SignInMethod, subject: string): Promise<UserRecord | undefined> {
    const uid = this.identities.get(`${provider}:${subject}`);
    return uid ? this.findById(uid) : undefined;
  }

  async sessionState(uid: string): Promise<SessionState | undefined> {
    const u = this.users.get(uid);
    return u && { tokenVersion: u.tokenVersion, role: u.role };
  }

  async linkIdentity(uid: string, provider: SignInMethod, subject: string): Promise<void> {
    const u = this.mustGet(uid);
    this.identities.set(`${provider}:${subject}`, uid);
    if (!u.providers.includes(provider)) u.providers = [...u.providers, provider];
  }

  async updateProfile(uid: string, change: ProfileChange, now: Date): Promise<UserRecord> {
    const u = this.mustGet(uid);
    if (change.handle && change.handle !== u.handle) {
      if (this.handles.has(change.handle)) throw taken("handle");
      this.handles.delete(u.handle);
      this.handles.set(change.handle, uid);
      u.handle = change.handle;
    }
    if (change.displayName !== undefined) u.displayName = change.displayName;
    if (change.preferences) u.preferences = { ...u.preferences, ...change.preferences };
    u.updatedAt = now;
    return { ...u };
  }

  async setPasswordHash(uid: string, hash: string, _now: Date, revokeSessions: boolean): Promise<number> {
    const u = this.mustGet(uid);
    u.passwordHash = hash;
    if (revokeSessions) u.tokenVersion += 1;
    return u.tokenVersion;
  }

  async markEmailVerified(uid: string, emailIndex: string, _now?: Date): Promise<boolean> {
    const u = this.users.get(uid);
    if (!u || u.emailIndex !== emailIndex) return false;
    u.emailVerified = true;
    u.emailClaimable = false;
    return true;
  }

  async bumpTokenVersion(uid: string): Promise<number> {
    const u = this.mustGet(uid);
    u.tokenVersion += 1;
    return u.tokenVersion;
  }

  async reencryptIfNeeded(): Promise<void> {}

  async deleteAccount(uid: string): Promise<boolean> {
    const u = this.users.get(uid);
    if (!u) return false;
    this.users.delete(uid);
    this.handles.delete(u.handle);
    if (u.emailIndex) this.emails.delete(u.emailIndex);
    for (const [k, v] of this.identities) if (v === uid) this.identities.delete(k);
    this.deletions.push(uid);
    return true;
  }

  private mustGet(uid: string): UserRecord {
    const u = this.users.get(uid);
    if (!u) throw new AppError("not-found", "User not found");
    return u;
  }
}

const taken = (path: string) => new AppError("already-exists", `${path} taken`, { details: [{ path, message: "Already taken" }] });

/** Refresh tokens in memory, with the same compare-and-set rotation as Firestore's. */
export class InMemoryRefreshTokenRepository implements RefreshTokenRepository {
  readonly tokens = new Map<string, { token: RefreshTokenRecord; version: number }>();
  readonly families = new Map<string, RefreshFamilyRecord>();

  async createFamily(family: RefreshFamilyRecord, first: RefreshTokenRecord): Promise<void> {
    this.families.set(family.id, { ...family });
    this.tokens.set(first.hash, { token: { ...first }, version: 1 });
  }

  async findToken(hash: string) {
    const t = this.tokens.get(hash);
    return t && { token: { ...t.token }, version: String(t.version) };
  }

  async findFamily(id: string) {
    const f = this.families.get(id);
    return f && { ...f };
  }

  async listFamilies(uid: string) {
    return [...this.families.values()].filter((f) => f.uid === uid).map((f) => ({ ...f }));
  }

  async rotate(hash: string, version: string, usedAt: Date, next: RefreshTokenRecord): Promise<boolean> {
    const t = this.tokens.get(hash);
    if (!t || String(t.version) !== version) return false;
    t.token.usedAt = usedAt;
    t.version += 1;
    const family = this.families.get(next.familyId);
    if (family) family.lastUsedAt = usedAt;
    this.tokens.set(next.hash, { token: { ...next }, version: 1 });
    return true;
  }

  async revokeFamily(id: string, at: Date): Promise<void> {
    const f = this.families.get(id);
    if (f && !f.revokedAt) f.revokedAt = at;
  }

  async deleteAllForUser(uid: string): Promise<void> {
    for (const [k, v] of this.tokens) if (v.token.uid === uid) this.tokens.delete(k);
    for (const [k, v] of this.families) if (v.uid === uid) this.families.delete(k);
  }
}

/** Known sign-in devices in memory, keyed by uid and hash. */
export class InMemoryKnownDeviceRepository implements KnownDeviceRepository {
  readonly devices = new Map<string, KnownDeviceRecord & { uid: string }>();

  async recordSignIn(uid: string, hash: string, now: Date, expiresAt: Date): Promise<boolean> {
    const key = `${uid}/${hash}`;
    const known = this.devices.get(key);
    if (known && known.expiresAt > now) {
      Object.assign(known, { lastSeenAt: now, expiresAt });
      return false;
    }
    this.devices.set(key, { uid, hash, firstSeenAt: now, lastSeenAt: now, expiresAt });
    return true;
  }

  async listForUser(uid: string): Promise<KnownDeviceRecord[]> {
    return [...this.devices.values()].filter((d) => d.uid === uid).map(({ uid: _uid, ...d }) => d);
  }

  async deleteAllForUser(uid: string): Promise<void> {
    for (const [k, v] of this.devices) if (v.uid === uid) this.devices.delete(k);
  }
}

/** A new-device listener that records what it was told (and can be made to fail). */
export class RecordingNewDeviceListener implements NewDeviceSignInListener {
  readonly events: NewDeviceSignIn[] = [];
  failWith?: Error;

  async onNewDeviceSignIn(event: NewDeviceSignIn): Promise<void> {
    this.events.push(event);
    if (this.failWith) throw this.failWith;
  }
}

/** Throttle counters in memory. */
export class InMemoryThrottleRepository implements ThrottleRepository {
  readonly states = new Map<string, ThrottleState>();

  async get(key: string) {
    return this.states.get(key);
  }

  async update(key: string, change: (c: ThrottleState | undefined) => ThrottleState | null | "keep") {
    const next = change(this.states.get(key));
    if (next === "keep") return this.states.get(key);
    if (next) this.states.set(key, next);
    else this.states.delete(key);
    return next;
  }
}

/** An identity verifier that accepts `fake:<json ExternalIdentity fields>` tokens. */
export class FakeIdentityVerifier implements IdentityTokenVerifier {
  async verify(idToken: string): Promise<ExternalIdentity> {
    if (!idToken.startsWith("fake:")) throw new AppError("unauthenticated", "Invalid or expired ID token");
    const fields = JSON.parse(idToken.slice(5)) as Partial<ExternalIdentity> & { authTime?: string };
    return {
      provider: fields.provider ?? "google.com",
      subject: fields.subject ?? "sub-1",
      email: fields.email ?? null,
      emailVerified: fields.emailVerified ?? false,
      name: fields.name ?? null,
      authTime: fields.authTime ? new Date(fields.authTime) : new Date(),
    };
  }
}

/** Firebase Auth sessions in memory for unit tests: mints recognisable tokens and records revocations. */
export class RecordingFirebaseSessions implements FirebaseSessions {
  readonly minted: string[] = [];
  readonly revoked: string[] = [];
  readonly removed: string[] = [];

  async mint(uid: string, _tokenVersion: number): Promise<string> {
    this.minted.push(uid);
    return `custom-token-for-${uid}`;
  }

  async revoke(uid: string): Promise<void> {
    this.revoked.push(uid);
  }

  async remove(uid: string): Promise<void> {
    this.removed.push(uid);
  }

  async describe(uid: string): Promise<FirebaseUserSummary | null> {
    return this.minted.includes(uid) ? { createdAt: null, lastSignInAt: null } : null;
  }
}

let unitPool: BcryptPool | undefined;

export interface UnitAccounts extends Pick<AppDeps, "auth" | "accounts" | "users"> {
  userRepo: InMemoryUserRepository;
  refreshRepo: InMemoryRefreshTokenRepository;
  throttleRepo: InMemoryThrottleRepository;
  deviceRepo: InMemoryKnownDeviceRepository;
  newDevices: RecordingNewDeviceListener;
  access: AccessTokenService;
  tokens: TokenService;
  config: AuthConfig;
  firebase: RecordingFirebaseSessions;
}

/** The accounts part of AppDeps over in-memory repositories (unit tests of any domain's routes). */
export function unitAccountDeps(
  options: { now?: () => Date; throttlePolicy?: ThrottlePolicy; config?: AuthConfig; bcrypt?: BcryptRunner } = {},
): UnitAccounts {
  const config = options.config ?? testAuthConfig();
  unitPool ??= new BcryptPool(2);
  const userRepo = new InMemoryUserRepository();
  const refreshRepo = new InMemoryRefreshTokenRepository();
  const throttleRepo = new InMemoryThrottleRepository();
  const deviceRepo = new InMemoryKnownDeviceRepository();
  const newDevices = new RecordingNewDeviceListener();
  const access = new AccessTokenService(
    { signingKey: config.jwtSigningKey, issuer: config.issuer, audience: config.audience, ttlSeconds: config.accessTokenTtlSeconds },
    userRepo,
  );
  const tokens = new TokenService(access, refreshRepo, userRepo, { refreshTtlSeconds: config.refreshTokenTtlSeconds, now: options.now });
  const firebase = new RecordingFirebaseSessions();
  const accounts = new AuthService({
    firebase,
    users: userRepo,
    tokens,
    hasher: new PepperedBcryptHasher(options.bcrypt ?? unitPool, config.passwordPepper, config.bcryptCost),
    throttle: new LoginThrottle(throttleRepo, options.throttlePolicy ?? DEFAULT_THROTTLE_POLICY),
    identities: new FakeIdentityVerifier(),
    emailIndexKey: config.emailIndexKey,
    knownDevices: deviceRepo,
    newDevices,
    now: options.now,
  });
  return {
    auth: requireAuth(access),
    accounts,
    users: new UsersService(userRepo, accounts, [], options.now),
    userRepo,
    refreshRepo,
    throttleRepo,
    deviceRepo,
    newDevices,
    access,
    tokens,
    config,
    firebase,
  };
}

/** Only the three AppDeps fields, for specs that do not care about accounts. */
export function unitAccountAppDeps(): Pick<AppDeps, "auth" | "accounts" | "users"> {
  const { auth, accounts, users } = unitAccountDeps();
  return { auth, accounts, users };
}
