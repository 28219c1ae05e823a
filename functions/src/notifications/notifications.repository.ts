import type { Firestore } from "firebase-admin/firestore";
import { readDoc, readPage } from "../shared/firestore";
import type { UserDataExporter } from "../users/user-data-erasers";
import { COLLECTIONS, SUBCOLLECTIONS } from "../shared/collections";
import { sha256Hex } from "../shared/crypto";
import type { CursorPosition } from "../shared/pagination";
import { type StoredDevice, type StoredNotification, storedDeviceSchema, storedNotificationSchema } from "./notifications.schema";

/** Firestore's ALREADY_EXISTS status: `create` of a document that is there. */
const ALREADY_EXISTS = 6;
const WRITE_CHUNK = 400;

/** A user's devices beyond this many are dropped, least recently registered first. */
export const MAX_DEVICES_PER_USER = 10;

/** A notification about to be stored (unread). */
export type NewNotification = Omit<StoredNotification, "createdAt" | "readAt" | "read"> & { createdAt: Date };

/** Fields queried across every user's subcollection (collection group overrides in firestore.indexes.json). */
export const NOTIFICATIONS_COLLECTION_GROUP_FIELDS = [
  { collectionGroup: SUBCOLLECTIONS.notifications, fieldPath: "actorUid" },
  { collectionGroup: SUBCOLLECTIONS.devices, fieldPath: "tokenHash" },
] as const;

export interface NotificationRecord {
  id: string;
  notification: StoredNotification;
}

/** The in-app notification lists, `users/{uid}/notifications/{id}`. */
export interface NotificationRepository {
  userExists(uid: string): Promise<boolean>;
  /** Stores the notification unless one with this id exists; true when it was stored now. */
  createIfAbsent(uid: string, id: string, notification: NewNotification): Promise<boolean>;
  delete(uid: string, id: string): Promise<void>;
  /** Newest first. */
  list(uid: string, after: CursorPosition | undefined, limit: number): Promise<{ items: NotificationRecord[]; next?: CursorPosition }>;
  listAll(uid: string): Promise<NotificationRecord[]>;
  unreadCount(uid: string): Promise<number>;
  /** False when there is no such notification. */
  markRead(uid: string, id: string, at: Date): Promise<boolean>;
  markAllRead(uid: string, at: Date): Promise<number>;
  /** Deletes every notification, in anyone's list, about the actor (account deletion). */
  deleteByActor(actorUid: string): Promise<number>;
}

/** The devices a user registered for push, `users/{uid}/devices/{sha256(token)}`. */
export interface DeviceRepository {
  /** Registers the token (or refreshes it), keeping at most MAX_DEVICES_PER_USER devices. */
  put(uid: string, token: string, platform: StoredDevice["platform"], now: Date): Promise<{ created: boolean; stored: StoredDevice }>;
  delete(uid: string, token: string): Promise<void>;
  tokens(uid: string): Promise<string[]>;
  deleteTokens(uid: string, tokens: readonly string[]): Promise<void>;
  /** Unregisters the token from every other user: a phone belongs to one account at a time. */
  releaseFromOthers(uid: string, token: string): Promise<number>;
}

export class FirestoreNotificationRepository implements NotificationRepository {
  constructor(private readonly db: Firestore) {}

  private list$(uid: string) {
    return this.db.collection(COLLECTIONS.users).doc(uid).collection(SUBCOLLECTIONS.notifications);
  }

  async userExists(uid: string): Promise<boolean> {
    return (await this.db.collection(COLLECTIONS.users).doc(uid).get()).exists;
  }

  async createIfAbsent(uid: string, id: string, notification: NewNotification): Promise<boolean> {
    const stored: StoredNotification = {
      ...notification,
      read: false,
      createdAt: notification.createdAt,
      readAt: null,
    };
    try {
      await this.list$(uid).doc(id).create(stored);
      return true;
    } catch (e: unknown) {
      if (typeof e === "object" && e !== null && (e as { code?: unknown }).code === ALREADY_EXISTS) return false;
      throw e;
    }
  }

  async delete(uid: string, id: string): Promise<void> {
    await this.list$(uid).doc(id).delete();
  }

  async list(uid: string, after: CursorPosition | undefined, limit: number) {
    const page = await readPage(storedNotificationSchema, { query: this.list$(uid), orderBy: "createdAt", dates: true, after, limit });
    return { items: page.items.map(({ id, data }) => ({ id, notification: data })), next: page.next };
  }

  async listAll(uid: string): Promise<NotificationRecord[]> {
    const snap = await this.list$(uid).orderBy("createdAt", "desc").get();
    return snap.docs.map((d) => ({ id: d.id, notification: readDoc(storedNotificationSchema, d) }));
  }

  async unreadCount(uid: string): Promise<number> {
    // An aggregation: one read per 1000 unread notifications, whatever the page size.
    const snap = await this.list$(uid).where("read", "==", false).count().get();
    return snap.data().count;
  }

  async markRead(uid: string, id: string, at: Date): Promise<boolean> {
    const ref = this.list$(uid).doc(id);
    return this.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      if (!snap.exists) return false;
      if (snap.get("read") !== true) tx.update(ref, { read: true, readAt: at });
      return true;
    });
  }

  async markAllRead(uid: string, at: Date): Promise<number> {
    let updated = 0;
    for (;;) {
      const snap = await this.list$(uid).where("read", "==", false).select().limit(WRITE_CHUNK).get();
      if (snap.empty) return updated;
      const batch = this.db.batch();
      for (const doc of snap.docs) batch.update(doc.ref, { read: true, readAt: at });
      await batch.commit();
      updated += snap.size;
    }
  }

  async deleteByActor(actorUid: string): Promise<number> {
    // Collection group query: needs the single-field override in firestore.indexes.json.
    const snap = await this.db.collectionGroup(SUBCOLLECTIONS.notifications).where("actorUid", "==", actorUid).select().get();
    const writer = this.db.bulkWriter();
    for (const doc of snap.docs) void writer.delete(doc.ref);
    await writer.close();
    return snap.size;
  }
}

/** The document id of a device: the token's SHA-256 (tokens are long and hold characters ids should not). */
export const deviceId = (token: string): string => sha256Hex(token);

export class FirestoreDeviceRepository implements DeviceRepository {
  constructor(private readonly db: Firestore) {}

  private devices(uid: string) {
    return this.db.collection(COLLECTIONS.users).doc(uid).collection(SUBCOLLECTIONS.devices);
  }

  async put(uid: string, token: string, platform: StoredDevice["platform"], now: Date) {
    const ref = this.devices(uid).doc(deviceId(token));
    const result = await this.db.runTransaction(async (tx) => {
      const existing = await tx.get(ref);
      const at = now;
      const previous = readDoc(storedDeviceSchema, existing);
      const stored: StoredDevice = {
        token,
        tokenHash: deviceId(token),
        platform: platform ?? previous?.platform ?? null,
        createdAt: previous?.createdAt ?? at,
        updatedAt: at,
      };
      tx.set(ref, stored);
      return { created: !existing.exists, stored };
    });
    if (result.created) await this.trim(uid);
    return result;
  }

  private async trim(uid: string): Promise<void> {
    const count = (await this.devices(uid).count().get()).data().count;
    if (count <= MAX_DEVICES_PER_USER) return;
    const oldest = await this.devices(uid)
      .orderBy("updatedAt", "asc")
      .limit(count - MAX_DEVICES_PER_USER)
      .select()
      .get();
    const batch = this.db.batch();
    for (const doc of oldest.docs) batch.delete(doc.ref);
    await batch.commit();
  }

  async delete(uid: string, token: string): Promise<void> {
    await this.devices(uid).doc(deviceId(token)).delete();
  }

  async tokens(uid: string): Promise<string[]> {
    const snap = await this.devices(uid).get();
    return snap.docs.map((d) => readDoc(storedDeviceSchema, d).token);
  }

  async deleteTokens(uid: string, tokens: readonly string[]): Promise<void> {
    for (let i = 0; i < tokens.length; i += WRITE_CHUNK) {
      const batch = this.db.batch();
      for (const token of tokens.slice(i, i + WRITE_CHUNK)) batch.delete(this.devices(uid).doc(deviceId(token)));
      await batch.commit();
    }
  }

  async releaseFromOthers(uid: string, token: string): Promise<number> {
    // Collection group query: needs the single-field override in firestore.indexes.json.
    const snap = await this.db.collectionGroup(SUBCOLLECTIONS.devices).where("tokenHash", "==", deviceId(token)).select().get();
    const others = snap.docs.filter((d) => d.ref.parent.parent?.id !== uid);
    const batch = this.db.batch();
    for (const doc of others) batch.delete(doc.ref);
    if (others.length > 0) await batch.commit();
    return others.length;
  }
}

/**
 * GET /v1/me/export: the devices registered for push, each by its id (the SHA-256 of its token, the
 * document id) with platform and dates. The token itself is left out: it addresses the phone, and an
 * export file travels further than the phone does.
 */
export class DevicesExporter implements UserDataExporter {
  readonly name = "devices";

  constructor(private readonly db: Firestore) {}

  async export(uid: string): Promise<unknown> {
    const snap = await this.db.collection(COLLECTIONS.users).doc(uid).collection(SUBCOLLECTIONS.devices).get();
    return snap.docs.map((d) => {
      const device = readDoc(storedDeviceSchema, d);
      return { id: d.id, platform: device.platform, createdAt: device.createdAt.toISOString(), updatedAt: device.updatedAt.toISOString() };
    });
  }
}
