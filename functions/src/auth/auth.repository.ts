import { Timestamp, type DocumentData, type Firestore, type Query } from "firebase-admin/firestore";
import { z } from "zod";
import { COLLECTIONS, SUBCOLLECTIONS } from "../shared/collections";
import { encryptedValueSchema, type FieldCipher } from "../shared/crypto";
import { AppError } from "../shared/errors";
import { isEmulatorTransactionContention } from "../shared/triggers";
import { storedDateSchema } from "../shared/validation";
import type { UserDataEraser, UserDataExporter } from "../users/user-data-erasers";
import type { KnownDeviceRecord, KnownDeviceRepository } from "./known-devices";
import type { ThrottleRepository, ThrottleState } from "./login-throttle";
import type { RefreshFamilyRecord, RefreshTokenRecord, RefreshTokenRepository } from "./token.service";

const tokenSchema = z.object({
  uid: z.string(),
  familyId: z.string(),
  createdAt: storedDateSchema,
  expiresAt: storedDateSchema,
  usedAt: storedDateSchema.nullable(),
});

const familySchema = z.object({
  uid: z.string(),
  tokenVersion: z.number().int(),
  createdAt: storedDateSchema,
  expiresAt: storedDateSchema,
  revokedAt: storedDateSchema.nullable(),
  // Families created before sessions were listed have neither: last used is then their creation.
  lastUsedAt: storedDateSchema.optional(),
  deviceLabel: encryptedValueSchema.nullable().optional(),
});

/** The most families one listing reads; each sign-in makes one, and TTL deletes them 30 days on. */
const MAX_FAMILIES_READ = 500;

const throttleSchema = z.object({
  count: z.number().int(),
  windowStart: storedDateSchema,
  lockedUntil: storedDateSchema.nullable(),
  expiresAt: storedDateSchema,
});

/** gRPC FAILED_PRECONDITION: the document changed since it was read. */
const FAILED_PRECONDITION = 9;
/** gRPC ABORTED: a transaction lost to contention after the client library's own retries. */
const ABORTED = 10;
const hasCode = (e: unknown, code: number) => typeof e === "object" && e !== null && (e as { code?: unknown }).code === code;

const MAX_BATCH = 450;

/** Deletes every document a query matches, in batches under Firestore's 500-write limit. */
export async function deleteMatching(db: Firestore, query: Query): Promise<number> {
  let deleted = 0;
  for (;;) {
    const page = await query.limit(MAX_BATCH).get();
    if (page.empty) return deleted;
    const batch = db.batch();
    for (const doc of page.docs) batch.delete(doc.ref);
    await batch.commit();
    deleted += page.size;
  }
}

/**
 * Refresh tokens in Firestore: `refreshTokens/{sha256(token)}` and `refreshFamilies/{familyId}`.
 * Both carry `expiresAt`, which a TTL policy (firestore.indexes.json) uses to delete expired ones.
 * A family's device label is personal data ("Anna's iPhone"): stored encrypted with the cipher,
 * which only the API's wiring has (account deletion deletes families without reading labels).
 */
export class FirestoreRefreshTokenRepository implements RefreshTokenRepository {
  constructor(
    private readonly db: Firestore,
    private readonly cipher?: FieldCipher,
  ) {}

  private tokens = () => this.db.collection(COLLECTIONS.refreshTokens);
  private families = () => this.db.collection(COLLECTIONS.refreshFamilies);

  async createFamily(family: RefreshFamilyRecord, first: RefreshTokenRecord): Promise<void> {
    const batch = this.db.batch();
    const { id, deviceLabel, ...familyData } = family;
    const label = deviceLabel === null ? null : this.requireCipher().encrypt(deviceLabel, { uid: family.uid, field: "deviceLabel" });
    batch.create(this.families().doc(id), { ...familyData, deviceLabel: label });
    batch.create(this.tokens().doc(first.hash), tokenData(first));
    await batch.commit();
  }

  async findToken(hash: string): Promise<{ token: RefreshTokenRecord; version: string } | undefined> {
    const snap = await this.tokens().doc(hash).get();
    if (!snap.exists || !snap.updateTime) return undefined;
    const token = { hash, ...tokenSchema.parse(snap.data() ?? {}) };
    return { token, version: `${snap.updateTime.seconds}.${snap.updateTime.nanoseconds}` };
  }

  async findFamily(id: string): Promise<RefreshFamilyRecord | undefined> {
    const snap = await this.families().doc(id).get();
    return snap.exists ? this.toFamily(id, snap.data()) : undefined;
  }

  async listFamilies(uid: string): Promise<RefreshFamilyRecord[]> {
    const page = await this.families().where("uid", "==", uid).limit(MAX_FAMILIES_READ).get();
    return page.docs.map((doc) => this.toFamily(doc.id, doc.data()));
  }

  private toFamily(id: string, data: DocumentData | undefined): RefreshFamilyRecord {
    const { deviceLabel, lastUsedAt, ...rest } = familySchema.parse(data ?? {});
    return {
      id,
      ...rest,
      lastUsedAt: lastUsedAt ?? rest.createdAt,
      deviceLabel: deviceLabel ? this.requireCipher().decrypt(deviceLabel, { uid: rest.uid, field: "deviceLabel" }) : null,
    };
  }

  private requireCipher(): FieldCipher {
    if (!this.cipher) throw new Error("device labels need the PII cipher: build this repository with one");
    return this.cipher;
  }

  async rotate(hash: string, version: string, usedAt: Date, next: RefreshTokenRecord): Promise<boolean> {
    const [seconds, nanos] = version.split(".").map(Number);
    const batch = this.db.batch();
    // Compare-and-set on the token's update time: of concurrent rotations exactly one commits.
    batch.update(this.tokens().doc(hash), { usedAt }, { lastUpdateTime: new Timestamp(seconds, nanos) });
    batch.create(this.tokens().doc(next.hash), tokenData(next));
    batch.update(this.families().doc(next.familyId), { lastUsedAt: usedAt });
    try {
      await batch.commit();
      return true;
    } catch (e: unknown) {
      if (hasCode(e, FAILED_PRECONDITION)) return false;
      throw e;
    }
  }

  async revokeFamily(id: string, at: Date, reason: string): Promise<void> {
    const ref = this.families().doc(id);
    await this.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      if (snap.exists && snap.get("revokedAt") === null) tx.update(ref, { revokedAt: at, revokedReason: reason });
    });
  }

  async deleteAllForUser(uid: string): Promise<void> {
    await deleteMatching(this.db, this.tokens().where("uid", "==", uid));
    await deleteMatching(this.db, this.families().where("uid", "==", uid));
  }
}

function tokenData(t: RefreshTokenRecord): DocumentData {
  return { uid: t.uid, familyId: t.familyId, createdAt: t.createdAt, expiresAt: t.expiresAt, usedAt: t.usedAt };
}

/** Sign-in throttle counters in `loginThrottle/{key}` (keys are hashes, never emails or addresses). */
export class FirestoreThrottleRepository implements ThrottleRepository {
  constructor(private readonly db: Firestore) {}

  async get(key: string): Promise<ThrottleState | undefined> {
    const snap = await this.db.collection(COLLECTIONS.loginThrottle).doc(key).get();
    return snap.exists ? throttleSchema.parse(snap.data() ?? {}) : undefined;
  }

  async update(
    key: string,
    change: (current: ThrottleState | undefined) => ThrottleState | null | "keep",
  ): Promise<ThrottleState | null | undefined> {
    const ref = this.db.collection(COLLECTIONS.loginThrottle).doc(key);
    try {
      return await this.db.runTransaction(async (tx) => {
        const snap = await tx.get(ref);
        const current = snap.exists ? throttleSchema.parse(snap.data() ?? {}) : undefined;
        const next = change(current);
        if (next === "keep") return current;
        if (next) tx.set(ref, next);
        else if (snap.exists) tx.delete(ref);
        return next;
      });
    } catch (e: unknown) {
      // Many attempts at one account at once: the ones that could not be counted are refused (nothing
      // was hashed), never let through.
      if (hasCode(e, ABORTED) || isEmulatorTransactionContention(e)) {
        throw new AppError("resource-exhausted", "Too many attempts at once for this account; retry shortly", {
          retryAfterSeconds: 1,
          cause: e,
        });
      }
      throw e;
    }
  }
}

const knownDeviceSchema = z.object({
  firstSeenAt: storedDateSchema,
  lastSeenAt: storedDateSchema,
  expiresAt: storedDateSchema,
});

/**
 * Devices each user signed in from, in `users/{uid}/signInDevices/{hmac(deviceId)}`: dates only.
 * `expiresAt` moves forward at every sign-in; a TTL policy deletes devices unseen for a year.
 */
export class FirestoreKnownDeviceRepository implements KnownDeviceRepository {
  constructor(private readonly db: Firestore) {}

  private devices = (uid: string) => this.db.collection(COLLECTIONS.users).doc(uid).collection(SUBCOLLECTIONS.signInDevices);

  recordSignIn(uid: string, hash: string, now: Date, expiresAt: Date): Promise<boolean> {
    const ref = this.devices(uid).doc(hash);
    // A transaction, so two first sign-ins from one device at once yield exactly one "new".
    return this.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      const known = snap.exists ? knownDeviceSchema.parse(snap.data() ?? {}) : undefined;
      // Expired but not yet removed by TTL (which lags): new again, as if deleted.
      if (known && known.expiresAt > now) {
        tx.update(ref, { lastSeenAt: now, expiresAt });
        return false;
      }
      tx.set(ref, { firstSeenAt: now, lastSeenAt: now, expiresAt });
      return true;
    });
  }

  async listForUser(uid: string): Promise<KnownDeviceRecord[]> {
    const page = await this.devices(uid).get();
    return page.docs.map((doc) => ({ hash: doc.id, ...knownDeviceSchema.parse(doc.data()) }));
  }

  async deleteAllForUser(uid: string): Promise<void> {
    await deleteMatching(this.db, this.devices(uid));
  }
}

/** Account deletion: removes every refresh token and session of the user, and the devices they used. */
export class RefreshTokensEraser implements UserDataEraser {
  readonly name = "auth-sessions";

  constructor(
    private readonly repo: RefreshTokenRepository,
    private readonly devices: KnownDeviceRepository,
  ) {}

  async erase(uid: string): Promise<void> {
    await this.repo.deleteAllForUser(uid);
    await this.devices.deleteAllForUser(uid);
  }
}

/**
 * GET /v1/me/export, section "sessions": every session record of the user (ended ones too, until TTL
 * deletes them) and the devices they signed in from (dates only: the stored hash says nothing).
 */
export class SessionsExporter implements UserDataExporter {
  readonly name = "sessions";

  constructor(
    private readonly repo: RefreshTokenRepository,
    private readonly devices: KnownDeviceRepository,
  ) {}

  async export(uid: string): Promise<unknown> {
    const families = await this.repo.listFamilies(uid);
    const devices = await this.devices.listForUser(uid);
    return {
      sessions: families
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
        .map((f) => ({
          id: f.id,
          createdAt: f.createdAt.toISOString(),
          lastUsedAt: f.lastUsedAt.toISOString(),
          expiresAt: f.expiresAt.toISOString(),
          endedAt: f.revokedAt?.toISOString() ?? null,
          deviceLabel: f.deviceLabel,
        })),
      signInDevices: devices
        .sort((a, b) => a.firstSeenAt.getTime() - b.firstSeenAt.getTime())
        .map((d) => ({ firstSeenAt: d.firstSeenAt.toISOString(), lastSeenAt: d.lastSeenAt.toISOString() })),
    };
  }
}
