import type { DocumentData, DocumentSnapshot, Firestore } from "firebase-admin/firestore";
import { z } from "zod";
import type { Visibility } from "../shared/authorization";
import { COLLECTIONS } from "../shared/collections";
import { AppError } from "../shared/errors";
import type { FieldCipher } from "../shared/crypto";
import { storedUserSchema } from "../users/users.schema";

/** What other people may know of a user without decrypting anything. */
export interface UserSummary {
  uid: string;
  handle: string;
  privacy: Visibility;
  counters: { ratings: number; watched: number };
}

/** A summary with the display name (decrypted). */
export interface UserProfileRecord extends UserSummary {
  displayName: string;
}

/**
 * Read-only view of the `users` collection for the social features: handles, display names, privacy
 * settings and counters of other people. Accounts own those documents; this only reads them, through
 * the accounts' own schema.
 */
export interface UserDirectory {
  summaries(uids: readonly string[]): Promise<Map<string, UserSummary>>;
  profiles(uids: readonly string[]): Promise<Map<string, UserProfileRecord>>;
  /** Users whose handle starts with `prefix`, in handle order, after `afterHandle`. */
  searchByHandlePrefix(prefix: string, afterHandle: string | undefined, limit: number): Promise<UserProfileRecord[]>;
  handleOf(uid: string): Promise<string | undefined>;
}

/** The fields of `users/{uid}` read here (never the password hash or email). */
const FIELDS = ["handle", "displayName", "preferences", "counters"];
const publicPartSchema = storedUserSchema.pick({ handle: true, displayName: true, preferences: true });
const countersSchema = z
  .object({ ratings: z.number().default(0), watched: z.number().default(0) })
  .partial()
  .default({});
const READ_CHUNK = 100;

/** Reads other users' public parts from Firestore; display names are opened with the accounts' cipher. */
export class FirestoreUserDirectory implements UserDirectory {
  /** Without a cipher (triggers, which never show names) `profiles` and `searchByHandlePrefix` throw. */
  constructor(
    private readonly db: Firestore,
    private readonly cipher?: FieldCipher,
  ) {}

  private users = () => this.db.collection(COLLECTIONS.users);

  private async read(uids: readonly string[]): Promise<DocumentSnapshot[]> {
    const unique = [...new Set(uids)];
    const snaps: DocumentSnapshot[] = [];
    for (let i = 0; i < unique.length; i += READ_CHUNK) {
      const refs = unique.slice(i, i + READ_CHUNK).map((uid) => this.users().doc(uid));
      snaps.push(...(await this.db.getAll(...refs, { fieldMask: FIELDS })));
    }
    return snaps.filter((s) => s.exists);
  }

  private summaryOf(uid: string, data: DocumentData | undefined) {
    const converted = data ?? {};
    const user = publicPartSchema.parse(converted);
    const counters = countersSchema.parse(converted.counters);
    const summary: UserSummary = {
      uid,
      handle: user.handle,
      privacy: user.preferences.privacy,
      counters: { ratings: Math.max(0, counters.ratings ?? 0), watched: Math.max(0, counters.watched ?? 0) },
    };
    return { summary, sealedName: user.displayName };
  }

  private withName(uid: string, data: DocumentData | undefined): UserProfileRecord {
    if (!this.cipher) throw new AppError("internal", "The user directory was built without the cipher");
    const { summary, sealedName } = this.summaryOf(uid, data);
    return { ...summary, displayName: this.cipher.decrypt(sealedName, { uid, field: "displayName" }) };
  }

  async summaries(uids: readonly string[]): Promise<Map<string, UserSummary>> {
    const snaps = await this.read(uids);
    return new Map(snaps.map((s) => [s.id, this.summaryOf(s.id, s.data()).summary]));
  }

  async profiles(uids: readonly string[]): Promise<Map<string, UserProfileRecord>> {
    const snaps = await this.read(uids);
    return new Map(snaps.map((s) => [s.id, this.withName(s.id, s.data())]));
  }

  async searchByHandlePrefix(prefix: string, afterHandle: string | undefined, limit: number): Promise<UserProfileRecord[]> {
    // Handles are [a-z0-9_]: every handle with the prefix sorts between the prefix and prefix + "~".
    let query = this.users()
      .where("handle", ">=", prefix)
      .where("handle", "<", `${prefix}~`)
      .orderBy("handle")
      .select(...FIELDS);
    if (afterHandle !== undefined) query = query.startAfter(afterHandle);
    const snap = await query.limit(limit).get();
    return snap.docs.map((d) => this.withName(d.id, d.data()));
  }

  async handleOf(uid: string): Promise<string | undefined> {
    return (await this.summaries([uid])).get(uid)?.handle;
  }
}
