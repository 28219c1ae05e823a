import { hmacSha256, randomId } from "../shared/crypto";
import { AppError, isAppError } from "../shared/errors";
import { log } from "../shared/logger";
import type { UserRepository } from "../users/users.repository";
import { toUserView, type UserRecord } from "../users/users.schema";
import { normaliseEmail, type ChangePasswordInput, type LoginInput, type RegisterInput, type Session, type TokenPair } from "./auth.schema";
import type { ExternalIdentity, IdentityTokenVerifier } from "./firebase-identity";
import type { LoginThrottle } from "./login-throttle";
import { assertAcceptablePassword, type PasswordHasher } from "./password";
import type { TokenService } from "./token.service";

/** Proof of a recent sign-in, required for destructive actions (account deletion). */
export type Reauthentication = { password: string } | { idToken: string };

export interface AuthServiceOptions {
  users: UserRepository;
  tokens: TokenService;
  hasher: PasswordHasher;
  throttle: LoginThrottle;
  identities: IdentityTokenVerifier;
  /** HMAC key of the email blind index. */
  emailIndexKey: Buffer;
  /** Security notices by mail (password changed); absent in specs that do not look at mail. */
  notices?: { passwordChanged(uid: string): Promise<void> };
  /** How recent a Google/Apple sign-in must be to authorise a destructive action. */
  reauthMaxAgeSeconds?: number;
  now?: () => Date;
}

const badCredentials = () => new AppError("unauthenticated", "Invalid email or password");

/**
 * Accounts and sessions: sign-up, sign-in (with throttling and constant-time failures), refresh,
 * sign-out, password change, Google/Apple sign-in through Firebase Auth, and re-authentication.
 */
export class AuthService {
  private readonly now: () => Date;

  constructor(private readonly o: AuthServiceOptions) {
    this.now = o.now ?? (() => new Date());
  }

  /** The blind index of an email: what sign-in looks users up by, and the lockout key. */
  emailIndexOf(email: string): string {
    return hmacSha256(this.o.emailIndexKey, normaliseEmail(email));
  }

  /**
   * The per-address throttle key: an HMAC (a plain hash of an IPv4 address is reversed by trying all
   * 2^32), domain-separated from the email index that shares the key.
   */
  private ipKeyOf(ip: string): string {
    return hmacSha256(this.o.emailIndexKey, `ip:${ip}`);
  }

  async register(input: RegisterInput): Promise<Session> {
    assertAcceptablePassword(input.password);
    const passwordHash = await this.o.hasher.hash(input.password);
    const user = await this.o.users.create({
      uid: randomId(),
      handle: input.handle,
      email: input.email,
      emailIndex: this.emailIndexOf(input.email),
      displayName: input.displayName,
      passwordHash,
      providers: ["password"],
      now: this.now(),
    });
    log.info("user registered", { uid: user.uid, method: "password" });
    return this.session(user);
  }

  /**
   * Signs in with email and password. An unknown email, a wrong password and a password-less
   * (Google/Apple only) account all get the same error after the same bcrypt work.
   */
  async login(input: LoginInput, ip: string): Promise<Session> {
    const now = this.now();
    const key = this.emailIndexOf(input.email);
    await this.o.throttle.beforeAttempt(key, this.ipKeyOf(ip), now);
    const user = await this.o.users.findByEmailIndex(key);
    let ok = false;
    if (user?.passwordHash) ok = await this.o.hasher.verify(input.password, user.passwordHash);
    else await this.o.hasher.verifyDummy(input.password);
    if (!user || !user.passwordHash || !ok) {
      await this.o.throttle.recordFailure(key, now);
      log.info("sign-in failed", { known: Boolean(user) });
      throw badCredentials();
    }
    await this.o.throttle.recordSuccess(key);
    if (this.o.hasher.needsRehash(user.passwordHash)) {
      await this.o.users.setPasswordHash(user.uid, await this.o.hasher.hash(input.password), now, false);
      log.info("password re-hashed at a higher cost", { uid: user.uid });
    }
    await this.o.users.reencryptIfNeeded(user.uid);
    log.info("signed in", { uid: user.uid, method: "password" });
    return this.session(user);
  }

  refresh(refreshToken: string): Promise<TokenPair> {
    return this.o.tokens.refresh(refreshToken);
  }

  /** Ends the session of this refresh token (idempotent: unknown or used tokens are fine). */
  logout(refreshToken: string): Promise<void> {
    return this.o.tokens.revoke(refreshToken);
  }

  /** Ends every session and access token of the user. */
  async logoutAll(uid: string): Promise<void> {
    await this.o.users.bumpTokenVersion(uid, this.now());
    log.info("signed out everywhere", { uid });
  }

  /**
   * Changes the password after checking the current one, revoking every session; the caller gets a
   * fresh token pair so this session is the one that survives.
   */
  async changePassword(uid: string, input: ChangePasswordInput): Promise<TokenPair> {
    const user = await this.requireUser(uid);
    await this.checkPassword(user, input.currentPassword, "currentPassword");
    assertAcceptablePassword(input.newPassword, "newPassword");
    const hash = await this.o.hasher.hash(input.newPassword);
    const tokenVersion = await this.o.users.setPasswordHash(uid, hash, this.now(), true);
    log.info("password changed; other sessions revoked", { uid });
    await this.o.notices?.passwordChanged(uid);
    return this.o.tokens.issuePair(uid, tokenVersion);
  }

  /**
   * Exchanges a Firebase Auth ID token (Google or Apple sign-in) for the app's tokens. The account is
   * found by the provider's own user id; failing that, a verified email matching an account links to
   * it; otherwise a new account is created.
   */
  async signInWithFirebase(idToken: string): Promise<Session & { created: boolean }> {
    const identity = await this.o.identities.verify(idToken);
    let user = await this.o.users.findByIdentity(identity.provider, identity.subject);
    let created = false;
    if (!user && identity.email && identity.emailVerified) {
      const existing = await this.o.users.findByEmailIndex(this.emailIndexOf(identity.email));
      // Sign-up does not verify emails, so an account with a password may have been registered by
      // someone else with this address: linking it would hand the provider's user an account whose
      // password a stranger knows (pre-hijacking). Only password-less accounts link automatically.
      if (existing?.passwordHash) {
        throw new AppError("failed-precondition", "An account with this email exists: sign in with its password first", {
          details: [{ path: "idToken", message: "email already registered with a password" }],
        });
      }
      if (existing) {
        await this.o.users.linkIdentity(existing.uid, identity.provider, identity.subject, this.now());
        user = await this.requireUser(existing.uid);
        log.info("sign-in account linked", { uid: user.uid, provider: identity.provider });
      }
    }
    if (!user) {
      user = await this.createFromIdentity(identity);
      created = true;
    }
    await this.o.users.reencryptIfNeeded(user.uid);
    log.info("signed in", { uid: user.uid, method: identity.provider, created });
    return { ...(await this.session(user)), created };
  }

  /** Checks proof of a recent sign-in by this user: the password, or a fresh Google/Apple ID token. */
  async reauthenticate(uid: string, proof: Reauthentication): Promise<void> {
    const user = await this.requireUser(uid);
    if ("password" in proof) {
      await this.checkPassword(user, proof.password, "password");
      return;
    }
    const identity = await this.o.identities.verify(proof.idToken);
    const linked = await this.o.users.findByIdentity(identity.provider, identity.subject);
    if (linked?.uid !== uid) throw new AppError("permission-denied", "That sign-in does not belong to this account");
    const maxAgeMs = (this.o.reauthMaxAgeSeconds ?? 300) * 1000;
    if (this.now().getTime() - identity.authTime.getTime() > maxAgeMs) {
      throw new AppError("permission-denied", "Sign in again with Google or Apple, then retry");
    }
  }

  private async checkPassword(user: UserRecord, password: string, field: string): Promise<void> {
    if (!user.passwordHash) {
      throw new AppError("failed-precondition", "This account has no password; it signs in with Google or Apple");
    }
    const key = user.emailIndex ?? `uid_${user.uid}`;
    await this.o.throttle.beforeAttempt(key, `uid_${user.uid}`, this.now());
    if (!(await this.o.hasher.verify(password, user.passwordHash))) {
      await this.o.throttle.recordFailure(key, this.now());
      throw new AppError("permission-denied", "The password is wrong", { details: [{ path: field, message: "Wrong password" }] });
    }
    await this.o.throttle.recordSuccess(key);
  }

  private async createFromIdentity(identity: ExternalIdentity): Promise<UserRecord> {
    const email = identity.email ? normaliseEmail(identity.email) : null;
    const base = handleBase(identity);
    for (const handle of handleCandidates(base)) {
      try {
        const user = await this.o.users.create({
          uid: randomId(),
          handle,
          email,
          emailIndex: email && identity.emailVerified ? this.emailIndexOf(email) : null,
          displayName: (identity.name ?? "").trim().slice(0, 50) || handle,
          passwordHash: null,
          providers: [identity.provider],
          identity: { provider: identity.provider, subject: identity.subject },
          now: this.now(),
        });
        log.info("user registered", { uid: user.uid, method: identity.provider });
        return user;
      } catch (e: unknown) {
        if (!isAppError(e) || e.code !== "already-exists") throw e;
        // A concurrent first sign-in with the same account won the race: use its user.
        const raced = await this.o.users.findByIdentity(identity.provider, identity.subject);
        if (raced) return raced;
        // An unverified email whose index another account holds: the new account goes without it.
        if (isTaken(e, "email")) return this.createFromIdentity({ ...identity, emailVerified: false });
      }
    }
    throw new AppError("unavailable", "Could not choose a free handle; retry");
  }

  private async requireUser(uid: string): Promise<UserRecord> {
    const user = await this.o.users.findById(uid);
    if (!user) throw new AppError("unauthenticated", "The account no longer exists");
    return user;
  }

  private async session(user: UserRecord): Promise<Session> {
    const tokens = await this.o.tokens.issuePair(user.uid, user.tokenVersion);
    return { user: toUserView(user), ...tokens };
  }
}

const isTaken = (e: AppError, path: string) =>
  Array.isArray(e.details) && e.details.some((d: unknown) => (d as { path?: unknown }).path === path);

/**
 * A handle stem from the sign-in's display name: 3 to 20 of [a-z0-9_]. Never from the email, whose local
 * part would make the address guessable from a public handle; "user" when the name gives nothing.
 */
function handleBase(identity: ExternalIdentity): string {
  const source = identity.name ?? "";
  const stem = source
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, "")
    .slice(0, 20);
  return stem.length >= 3 ? stem : "user";
}

/** The stem itself, then the stem with random suffixes, then a random handle. */
function* handleCandidates(base: string): Generator<string> {
  yield base;
  for (let i = 0; i < 4; i++) yield `${base}_${randomId(6).toLowerCase()}`;
  yield `user_${randomId(12).toLowerCase()}`;
}
