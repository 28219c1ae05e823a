import { hmacSha256, randomId } from "../shared/crypto";
import type { Caller } from "../shared/authorization";
import { AppError, isAppError } from "../shared/errors";
import { log } from "../shared/logger";
import type { UserRepository } from "../users/users.repository";
import { toUserView, type SignInMethod, type UserRecord } from "../users/users.schema";
import {
  CUSTOM_TOKEN_TTL_SECONDS,
  normaliseEmail,
  type ChangePasswordInput,
  type FirebaseCustomToken,
  type LoginInput,
  type RegisterInput,
  type Session,
  type TokenPair,
} from "./auth.schema";
import type { ExternalIdentity, IdentityTokenVerifier } from "./firebase-identity";
import type { FirebaseSessions } from "./firebase-sessions";
import { IGNORE_NEW_DEVICES, KNOWN_DEVICE_TTL_DAYS, type KnownDeviceRepository, type NewDeviceSignInListener } from "./known-devices";
import type { LoginThrottle } from "./login-throttle";
import { assertAcceptablePassword, type PasswordHasher } from "./password";
import type { SessionInfoView, SignInDevice } from "./sessions.schema";
import type { SessionInfo, TokenService } from "./token.service";

/** Proof of a recent sign-in, required for destructive actions (account deletion). */
export type Reauthentication = { password: string } | { idToken: string };

export interface AuthServiceOptions {
  users: UserRepository;
  tokens: TokenService;
  hasher: PasswordHasher;
  throttle: LoginThrottle;
  identities: IdentityTokenVerifier;
  /** Firebase Auth sessions (custom tokens for the live room), ended with the app's own. */
  firebase: FirebaseSessions;
  /** HMAC key of the email blind index (also keys the hashes of device ids, domain-separated). */
  emailIndexKey: Buffer;
  /** The devices each user signed in from (new-device detection). */
  knownDevices: KnownDeviceRepository;
  /** Told of every sign-in from a device the user had not used (default: nothing happens). */
  newDevices?: NewDeviceSignInListener;
  /** Security notices by mail (password changed); absent in specs that do not look at mail. */
  notices?: { passwordChanged(uid: string): Promise<void> };
  /** Mails the verification link of a new password account (absent in specs that do not look at mail). */
  emailVerification?: { sendLink(user: UserRecord): Promise<void> };
  /** How long an unverified sign-up holds its address against a new sign-up (the verification link's lifetime). */
  unverifiedEmailHoldMs?: number;
  /** How recent a Google/Apple sign-in must be to authorise a destructive action. */
  reauthMaxAgeSeconds?: number;
  now?: () => Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

const badCredentials = () => new AppError("unauthenticated", "Invalid email or password");

/** The answer to a sign-up with an address another account holds (as the repository's, before any hashing). */
const emailTaken = () =>
  new AppError("already-exists", "That email is already taken", { details: [{ path: "email", message: "Already taken" }] });

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

  /** The stored key of a device id: keyed and bound to the user, so ids cannot be linked across users. */
  private deviceKeyOf(uid: string, deviceId: string): string {
    return hmacSha256(this.o.emailIndexKey, `device:${uid}:${deviceId}`);
  }

  async register(input: RegisterInput): Promise<Session> {
    assertAcceptablePassword(input.password, "password", { email: input.email, handle: input.handle });
    const emailIndex = this.emailIndexOf(input.email);
    // An address held by an account that did not verify it within its link's lifetime is free again.
    const claimableBefore = new Date(this.now().getTime() - (this.o.unverifiedEmailHoldMs ?? DAY_MS));
    // A taken address is refused before the hash, so repeated sign-ups with it cost no bcrypt work (the 409 says
    // it is taken either way); the transaction in create checks again.
    if (!(await this.o.users.isEmailFree(emailIndex, claimableBefore, this.now()))) throw emailTaken();
    const passwordHash = await this.o.hasher.hash(input.password);
    const user = await this.o.users.create({
      uid: randomId(),
      handle: input.handle,
      email: input.email,
      emailIndex,
      emailVerified: false,
      displayName: input.displayName,
      passwordHash,
      providers: ["password"],
      takeUnverifiedEmail: { registeredBefore: claimableBefore },
      now: this.now(),
    });
    log.info("user registered", { uid: user.uid, method: "password" });
    // The account exists now: a failed queue write must not turn the sign-up into an error (the person can
    // ask for a new link), but it is logged as one.
    try {
      await this.o.emailVerification?.sendLink(user);
    } catch (e: unknown) {
      log.error("verification link not queued", { uid: user.uid, error: e instanceof Error ? e.message : String(e) });
    }
    // The account's first device: remembered, but no notice (the person is signing up on it).
    await this.noteDevice(user.uid, input, "password", false);
    return this.session(user, input);
  }

  /**
   * Signs in with email and password. An unknown email, a wrong password and a password-less
   * (Google/Apple only) account all get the same error after the same bcrypt work.
   */
  async login(input: LoginInput): Promise<Session> {
    const now = this.now();
    const key = this.emailIndexOf(input.email);
    // The attempt counts as a failure before any hashing, so concurrent guesses stop at the limit.
    await this.o.throttle.reserveAttempt(key, now);
    const user = await this.o.users.findByEmailIndex(key);
    let ok = false;
    try {
      if (user?.passwordHash) ok = await this.o.hasher.verify(input.password, user.passwordHash, "signin");
      else await this.o.hasher.verifyDummy(input.password, "signin");
    } catch (e: unknown) {
      // Shed by a saturated instance: the password was never checked, so the attempt is given back.
      if (isAppError(e) && e.code === "unavailable") await this.o.throttle.cancelAttempt(key);
      throw e;
    }
    if (!user || !user.passwordHash || !ok) {
      log.info("sign-in failed", { known: Boolean(user) });
      throw badCredentials();
    }
    await this.o.throttle.recordSuccess(key);
    if (this.o.hasher.needsRehash(user.passwordHash)) {
      await this.o.users.setPasswordHash(user.uid, await this.o.hasher.hash(input.password, "signin"), now, false);
      log.info("password re-hashed at a higher cost", { uid: user.uid });
    }
    await this.o.users.reencryptIfNeeded(user.uid);
    log.info("signed in", { uid: user.uid, method: "password" });
    await this.noteDevice(user.uid, input, "password", true);
    return this.session(user, input);
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
    await this.revokeFirebaseSessions(uid);
    log.info("signed out everywhere", { uid });
  }

  /**
   * A Firebase custom token for the caller (uid = their id), with which the app signs in to Firebase Auth
   * and listens to its movie night room's live view (the security rules check the uid).
   */
  async firebaseToken(uid: string): Promise<FirebaseCustomToken> {
    const user = await this.requireUser(uid);
    const customToken = await this.o.firebase.mint(uid, user.tokenVersion);
    log.info("firebase custom token issued", { uid });
    return { customToken, expiresIn: CUSTOM_TOKEN_TTL_SECONDS };
  }

  /**
   * Ends every Firebase Auth session of `uid` (the refresh tokens of the user its custom tokens created).
   * Called wherever the app's own sessions all end: signing out everywhere, a password change, and the
   * password reset. ID tokens already issued are refused by the security rules from then on: their token
   * version claim is older than the user's (docs/DECISIONS.md, "A live room").
   */
  async revokeFirebaseSessions(uid: string): Promise<void> {
    await this.o.firebase.revoke(uid);
  }

  /**
   * Changes the password after checking the current one, revoking every session; the caller gets a
   * fresh token pair (with the device label of the session it came from) so this session survives.
   */
  async changePassword(uid: string, input: ChangePasswordInput, currentSessionId?: string): Promise<TokenPair> {
    const user = await this.requireUser(uid);
    await this.checkPassword(user, input.currentPassword, "currentPassword");
    assertAcceptablePassword(input.newPassword, "newPassword", { email: user.email, handle: user.handle });
    const hash = await this.o.hasher.hash(input.newPassword);
    const tokenVersion = await this.o.users.setPasswordHash(uid, hash, this.now(), true);
    await this.revokeFirebaseSessions(uid);
    log.info("password changed; other sessions revoked", { uid });
    await this.o.notices?.passwordChanged(uid);
    const label = currentSessionId ? await this.o.tokens.deviceLabelOf(uid, currentSessionId) : null;
    return this.o.tokens.issuePair(uid, tokenVersion, label);
  }

  /** The caller's live sessions, the one of their access token marked current. */
  async listSessions(caller: Caller): Promise<SessionInfoView[]> {
    return (await this.o.tokens.listSessions(caller.uid, caller.sessionId)).map(toSessionView);
  }

  /** Ends one of the caller's sessions (their current one too); another user's is `not-found`. */
  endSession(uid: string, sessionId: string): Promise<void> {
    return this.o.tokens.endSession(uid, sessionId);
  }

  /**
   * Exchanges a Firebase Auth ID token (Google or Apple sign-in) for the app's tokens. The account is
   * found by the provider's own user id; failing that, a verified email matching an account links to
   * it; otherwise a new account is created.
   */
  async signInWithFirebase(idToken: string, device: SignInDevice = {}): Promise<Session & { created: boolean }> {
    const identity = await this.o.identities.verify(idToken);
    let user = await this.o.users.findByIdentity(identity.provider, identity.subject);
    let created = false;
    if (!user && identity.email && identity.emailVerified) {
      const existing = await this.o.users.findByEmailIndex(this.emailIndexOf(identity.email));
      // An account with a password may have been registered by someone else with this address: linking it
      // would hand the provider's user an account whose password a stranger knows (pre-hijacking). Only
      // password-less accounts link automatically. One still unverified since sign-up loses the address to
      // the provider's verified owner instead (a new account below); a verified (or older) one refuses.
      if (existing?.passwordHash && !existing.emailClaimable) {
        throw new AppError("failed-precondition", "An account with this email exists: sign in with its password first", {
          details: [{ path: "idToken", message: "email already registered with a password" }],
        });
      }
      if (existing && !existing.passwordHash) {
        await this.o.users.linkIdentity(existing.uid, identity.provider, identity.subject, this.now(), identity.firebaseUid);
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
    await this.noteDevice(user.uid, device, identity.provider, !created);
    return { ...(await this.session(user, device)), created };
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
    await this.o.throttle.reserveAttempt(key, this.now());
    let ok: boolean;
    try {
      ok = await this.o.hasher.verify(password, user.passwordHash);
    } catch (e: unknown) {
      if (isAppError(e) && e.code === "unavailable") await this.o.throttle.cancelAttempt(key);
      throw e;
    }
    if (!ok) {
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
          emailVerified: Boolean(email && identity.emailVerified),
          // The provider vouches for the address: an account that never verified it does not keep it.
          takeUnverifiedEmail: email && identity.emailVerified ? {} : undefined,
          displayName: (identity.name ?? "").trim().slice(0, 50) || handle,
          passwordHash: null,
          providers: [identity.provider],
          identity: { provider: identity.provider, subject: identity.subject, firebaseUid: identity.firebaseUid },
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

  private async session(user: UserRecord, device: SignInDevice = {}): Promise<Session> {
    const tokens = await this.o.tokens.issuePair(user.uid, user.tokenVersion, device.deviceLabel ?? null);
    return { user: toUserView(user), ...tokens };
  }

  /**
   * Remembers the device a sign-in came from and, when it is new to the user and `notify` is set,
   * tells the listener once. A sign-in without a device id (older apps) is neither remembered nor
   * reported: without an id every sign-in would look new. A failing listener is logged, not fatal.
   */
  private async noteDevice(uid: string, device: SignInDevice, method: SignInMethod, notify: boolean): Promise<void> {
    if (!device.deviceId) return;
    const now = this.now();
    const expiresAt = new Date(now.getTime() + KNOWN_DEVICE_TTL_DAYS * 86_400_000);
    const isNew = await this.o.knownDevices.recordSignIn(uid, this.deviceKeyOf(uid, device.deviceId), now, expiresAt);
    if (!isNew || !notify) return;
    log.info("sign-in from a new device", { uid, method });
    try {
      await (this.o.newDevices ?? IGNORE_NEW_DEVICES).onNewDeviceSignIn({ uid, deviceLabel: device.deviceLabel ?? null, method, at: now });
    } catch (e: unknown) {
      log.error("new-device notice failed", { uid, error: e instanceof Error ? e.message : String(e) });
    }
  }
}

const toSessionView = (s: SessionInfo): SessionInfoView => ({
  id: s.id,
  createdAt: s.createdAt.toISOString(),
  lastUsedAt: s.lastUsedAt.toISOString(),
  expiresAt: s.expiresAt.toISOString(),
  deviceLabel: s.deviceLabel,
  current: s.current,
});

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
    // No leading or trailing underscores: "__name__" would be an id Firestore reserves.
    .replace(/^_+|_+$/g, "")
    .slice(0, 20);
  return stem.length >= 3 ? stem : "user";
}

/** The stem itself, then the stem with random suffixes, then a random handle. */
function* handleCandidates(base: string): Generator<string> {
  yield base;
  for (let i = 0; i < 4; i++) yield `${base}_${randomId(6).toLowerCase()}`;
  yield `user_${randomId(12).toLowerCase()}`;
}
