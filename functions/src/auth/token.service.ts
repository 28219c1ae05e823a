import { randomUUID } from "node:crypto";
import { randomToken, sha256Hex } from "../shared/crypto";
import { AppError } from "../shared/errors";
import { log } from "../shared/logger";
import type { AccessTokenService, SessionStateSource } from "./access-tokens";
import type { TokenPair } from "./auth.schema";

/** One refresh token, stored under the SHA-256 of its value (the value itself is never stored). */
export interface RefreshTokenRecord {
  hash: string;
  uid: string;
  familyId: string;
  createdAt: Date;
  /** The family's absolute expiry: rotation never extends it. */
  expiresAt: Date;
  usedAt: Date | null;
}

/** A sign-in session: the chain of refresh tokens rotated from one sign-in. */
export interface RefreshFamilyRecord {
  id: string;
  uid: string;
  /** The user's token version when the session began; a bump (logout-all, password change) ends it. */
  tokenVersion: number;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  /** When a refresh last rotated a token of this family (the sign-in itself at first). */
  lastUsedAt: Date;
  /** What the app called the device at sign-in ("Pixel 8"); display only, kept across refreshes. */
  deviceLabel: string | null;
}

/** A session as its owner sees it (GET /v1/me/sessions). */
export interface SessionInfo {
  id: string;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  deviceLabel: string | null;
  current: boolean;
}

/** Storage of refresh tokens and their families (Firestore in auth.repository.ts). */
export interface RefreshTokenRepository {
  createFamily(family: RefreshFamilyRecord, first: RefreshTokenRecord): Promise<void>;
  /** The token and an opaque version of its stored state, for rotate's compare-and-set. */
  findToken(hash: string): Promise<{ token: RefreshTokenRecord; version: string } | undefined>;
  findFamily(id: string): Promise<RefreshFamilyRecord | undefined>;
  /** Every family of the user, revoked and expired ones included (few: TTL deletes expired ones). */
  listFamilies(uid: string): Promise<RefreshFamilyRecord[]>;
  /**
   * Atomically marks the token used, stores its successor and sets the family's `lastUsedAt`, only if
   * the token is still in the state `version` names; false when another request rotated it first.
   */
  rotate(hash: string, version: string, usedAt: Date, next: RefreshTokenRecord): Promise<boolean>;
  revokeFamily(id: string, at: Date, reason: string): Promise<void>;
  /** Deletes every token and family of the user (account deletion). Idempotent. */
  deleteAllForUser(uid: string): Promise<void>;
}

export interface TokenServiceOptions {
  refreshTtlSeconds: number;
  now?: () => Date;
}

const invalidRefresh = () => new AppError("unauthenticated", "Invalid or expired refresh token");

/**
 * Issues token pairs and rotates refresh tokens. A refresh token is 256 random bits, stored only
 * hashed, valid 30 days from the sign-in that began its family. Every refresh uses up the token and
 * issues its successor; presenting a used token again means it was stolen or replayed, so the whole
 * family (the session) is revoked. Concurrent uses of one token: exactly one wins the compare-and-set,
 * the others count as reuse.
 */
export class TokenService {
  private readonly now: () => Date;

  constructor(
    private readonly access: AccessTokenService,
    private readonly repo: RefreshTokenRepository,
    private readonly sessions: SessionStateSource,
    private readonly options: TokenServiceOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Begins a new session (family) for the user at their current token version, labelled for display. */
  async issuePair(uid: string, tokenVersion: number, deviceLabel: string | null = null): Promise<TokenPair> {
    const now = this.now();
    const family: RefreshFamilyRecord = {
      id: randomUUID(),
      uid,
      tokenVersion,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.options.refreshTtlSeconds * 1000),
      revokedAt: null,
      lastUsedAt: now,
      deviceLabel,
    };
    const refreshToken = randomToken();
    await this.repo.createFamily(family, this.tokenRecord(refreshToken, family, now));
    return this.pair(uid, tokenVersion, family.id, refreshToken);
  }

  /**
   * The user's live sessions, most recently used first: not revoked, not expired, and begun at the
   * user's current token version (a logout-all or password change ends older ones without touching
   * their records). `currentId` (the caller's access token's session) is marked `current`.
   */
  async listSessions(uid: string, currentId?: string): Promise<SessionInfo[]> {
    const state = await this.sessions.sessionState(uid);
    if (!state) throw new AppError("not-found", "The account no longer exists");
    const now = this.now();
    return (await this.repo.listFamilies(uid))
      .filter((f) => f.uid === uid && isLive(f, state.tokenVersion, now))
      .sort((a, b) => b.lastUsedAt.getTime() - a.lastUsedAt.getTime() || a.id.localeCompare(b.id))
      .map((f) => ({
        id: f.id,
        createdAt: f.createdAt,
        lastUsedAt: f.lastUsedAt,
        expiresAt: f.expiresAt,
        deviceLabel: f.deviceLabel,
        current: f.id === currentId,
      }));
  }

  /**
   * Ends one of the user's sessions: its refresh tokens stop working at once (its access tokens live
   * out their 15 minutes). A session of another user, or none, is `not-found`, exactly like an
   * unknown id, so ids of other people's sessions cannot be probed. Ending an ended session of one's
   * own is a no-op.
   */
  async endSession(uid: string, sessionId: string): Promise<void> {
    const family = await this.repo.findFamily(sessionId);
    if (!family || family.uid !== uid) throw new AppError("not-found", "No such session");
    if (!family.revokedAt) await this.repo.revokeFamily(family.id, this.now(), "ended");
    log.info("session ended", { uid, sessionId });
  }

  /** The device label of one of the user's sessions (carried into the session a password change issues). */
  async deviceLabelOf(uid: string, sessionId: string): Promise<string | null> {
    const family = await this.repo.findFamily(sessionId);
    return family?.uid === uid ? family.deviceLabel : null;
  }

  /** Exchanges a refresh token for a new pair; reuse of a rotated token revokes its family. */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const now = this.now();
    const hash = sha256Hex(refreshToken);
    const found = await this.repo.findToken(hash);
    if (!found) throw invalidRefresh();
    const { token, version } = found;
    if (token.usedAt) {
      await this.revokeForReuse(token);
      throw invalidRefresh();
    }
    const family = await this.repo.findFamily(token.familyId);
    const state = await this.sessions.sessionState(token.uid);
    if (!family || family.revokedAt || family.expiresAt <= now || !state || state.tokenVersion !== family.tokenVersion) {
      throw invalidRefresh();
    }
    const next = randomToken();
    const rotated = await this.repo.rotate(hash, version, now, this.tokenRecord(next, family, now));
    if (!rotated) {
      await this.revokeForReuse(token);
      throw invalidRefresh();
    }
    return this.pair(token.uid, state.tokenVersion, family.id, next);
  }

  /** Ends the session the refresh token belongs to. Unknown tokens are ignored (nothing to end). */
  async revoke(refreshToken: string): Promise<void> {
    const found = await this.repo.findToken(sha256Hex(refreshToken));
    if (found) await this.repo.revokeFamily(found.token.familyId, this.now(), "logout");
  }

  /** The uid a refresh token was issued to, if it is a known token (used or not). */
  async ownerOf(refreshToken: string): Promise<string | undefined> {
    return (await this.repo.findToken(sha256Hex(refreshToken)))?.token.uid;
  }

  private async revokeForReuse(token: RefreshTokenRecord): Promise<void> {
    log.warn("refresh token reuse: session revoked", { uid: token.uid, familyId: token.familyId });
    await this.repo.revokeFamily(token.familyId, this.now(), "reuse");
  }

  private tokenRecord(value: string, family: RefreshFamilyRecord, now: Date): RefreshTokenRecord {
    return { hash: sha256Hex(value), uid: family.uid, familyId: family.id, createdAt: now, expiresAt: family.expiresAt, usedAt: null };
  }

  private pair(uid: string, tokenVersion: number, sessionId: string, refreshToken: string): TokenPair {
    const { accessToken, expiresIn } = this.access.issue(uid, tokenVersion, sessionId);
    return { accessToken, refreshToken, expiresIn, tokenType: "Bearer" };
  }
}

/** A session that can still refresh: not revoked, not expired, and begun at the current token version. */
const isLive = (f: RefreshFamilyRecord, tokenVersion: number, now: Date) =>
  !f.revokedAt && f.expiresAt > now && f.tokenVersion === tokenVersion;
