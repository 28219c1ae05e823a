import { z } from "zod";
import {
  FieldPath,
  FieldValue,
  type DocumentData,
  type DocumentReference,
  type Firestore,
  type Transaction,
} from "firebase-admin/firestore";
import type { SessionState, SessionStateSource } from "../auth/access-tokens";
import { COLLECTIONS } from "../shared/collections";
import { type FieldCipher, encryptedValueSchema } from "../shared/crypto";
import { AppError } from "../shared/errors";
import { readDoc } from "../shared/firestore";
import { storedDateSchema } from "../shared/validation";
import type { EncryptedValueStore, RotationCheckpoint, RotationCheckpointStore, SealedUser } from "./key-rotation.service";
import type { UserDataExporter } from "./user-data-erasers";
import {
  DEFAULT_PREFERENCES,
  storedUserSchema,
  type Preferences,
  type SignInMethod,
  type StoredUser,
  type UserRecord,
} from "./users.schema";

/** A user about to be created; email and display name in plaintext (the repository encrypts them). */
export interface NewUser {
  uid: string;
  handle: string;
  email: string | null;
  /** Blind index of the normalised email; null when the email is not verified or absent. */
  emailIndex: string | null;
  /** Whether the address is known to reach the owner (a Google/Apple verified email). */
  emailVerified: boolean;
  displayName: string;
  passwordHash: string | null;
  providers: SignInMethod[];
  /**
   * Take the address from an account still unverified since sign-up (registered before `registeredBefore`,
   * when given): the holder loses its email and index in the same transaction. Absent: a held address is taken.
   */
  takeUnverifiedEmail?: { registeredBefore?: Date };
  /** The Google/Apple account the user signed up with, if any. */
  identity?: { provider: SignInMethod; subject: string; firebaseUid?: string };
  now: Date;
}

export interface ProfileChange {
  displayName?: string;
  handle?: string;
  preferences?: Partial<Preferences>;
}

/** Storage of accounts: users, unique handles and email indexes, linked Google/Apple identities. */
export interface UserRepository extends SessionStateSource {
  /** Creates the user; `already-exists` (details naming `handle` or `email`) when either is taken. */
  create(user: NewUser): Promise<UserRecord>;
  findById(uid: string): Promise<UserRecord | undefined>;
  findByEmailIndex(emailIndex: string): Promise<UserRecord | undefined>;
  /**
   * Could a new account (or an email change) take this address now? Not while another account holds it (as its
   * address, or reserved after an email change), unless that account is still unverified since a sign-up made
   * before `claimableBefore`. The check before costly work; the transaction that takes the address checks again.
   */
  isEmailFree(emailIndex: string, claimableBefore: Date, now: Date): Promise<boolean>;
  findByIdentity(provider: SignInMethod, subject: string): Promise<UserRecord | undefined>;
  /** Links a Google/Apple account to an existing user; `already-exists` if it is linked to someone. */
  linkIdentity(uid: string, provider: SignInMethod, subject: string, now: Date, firebaseUid?: string): Promise<void>;
  /** Applies a profile change; a new handle is claimed atomically (`already-exists` when taken). */
  updateProfile(uid: string, change: ProfileChange, now: Date): Promise<UserRecord>;
  /**
   * Marks the email verified if the user still holds the address of this blind index (one transaction).
   * False when the user is gone or their address changed since the link was sent.
   */
  markEmailVerified(uid: string, emailIndex: string, now: Date): Promise<boolean>;
  /** Stores a new password hash; with `revokeSessions` also bumps the token version. Returns the version. */
  setPasswordHash(uid: string, hash: string, now: Date, revokeSessions: boolean): Promise<number>;
  /** Bumps the token version, ending every session and access token of the user. Returns the version. */
  bumpTokenVersion(uid: string, now: Date): Promise<number>;
  /** Re-encrypts personal data sealed with an old key (key rotation); a no-op when nothing is old. */
  reencryptIfNeeded(uid: string): Promise<void>;
  /**
   * Removes the account (user document, handle, email index, identities) and files the deletion request
   * the cascade trigger acts on, in one transaction. False when the user no longer exists.
   */
  deleteAccount(uid: string, now: Date): Promise<boolean>;
}

/** What an email switch changed: the new address, and the one it replaced (null when that one held no index). */
export interface EmailSwitch {
  email: string;
  previous: { email: string; emailIndex: string } | null;
}

/**
 * The storage side of an email change. Each step is one transaction over the user, the email index documents and
 * (when an unverified account held the new address) that holder, so the blind index and the encrypted email
 * always move together.
 */
export interface EmailChangeStore {
  /** Records the address the change waits to verify (replacing an earlier one); it reserves nothing. */
  setPendingEmail(uid: string, email: string, emailIndex: string, now: Date): Promise<void>;
  /**
   * Makes the pending address of this index the account's, verified, and keeps the old one reserved for the
   * account until `undoUntil`. Undefined when the account is gone or waits for another address now;
   * `already-exists` when another account holds it (one unverified since before `takeUnverifiedBefore` loses it).
   */
  confirmEmailChange(
    uid: string,
    emailIndex: string,
    now: Date,
    rules: { undoUntil: Date; takeUnverifiedBefore: Date },
  ): Promise<EmailSwitch | undefined>;
  /**
   * Gives the account back the address of this index (the one before its last change) while the undo window is
   * open, drops a pending change, clears the password and ends every session. Says which address came back and
   * whether there was a password; undefined when there is nothing (left) to undo.
   */
  undoEmailChange(uid: string, emailIndex: string, now: Date): Promise<{ email: string; hadPassword: boolean } | undefined>;
}

/** The fields of `users/{uid}` held encrypted. */
const ENCRYPTED_FIELDS = ["email", "displayName", "pendingEmail", "previousEmail"] as const;

/** Who holds an address: the user its index document points to (absent or a released reservation: nobody). */
interface EmailHolder {
  ref: DocumentReference;
  user: StoredUser | undefined;
}

/**
 * May a newcomer take the address from its holder? Only from an account still unverified since sign-up that holds
 * it as its current address (not as a reserved old one), registered before `before` when given.
 */
const claimable = (holder: EmailHolder, emailIndex: string, before?: Date) =>
  holder.user?.emailVerified === false &&
  holder.user.emailIndex === emailIndex &&
  (before === undefined || holder.user.createdAt <= before);

/** 409 while the last email change can still be undone (the same answer as the request's early check). */
export const recentEmailChange = (until: Date) =>
  new AppError("failed-precondition", `The last email change can be undone until ${until.toISOString()}; change it again after that`, {
    details: [{ path: "newEmail", message: "recent-email-change" }],
  });

const taken = (path: "handle" | "email", what: string) =>
  new AppError("already-exists", `That ${what} is already taken`, { details: [{ path, message: "Already taken" }] });

/** The id of an identity document: the provider and its own user id (percent-encoded: ids may hold `/`). */
export const identityId = (provider: string, subject: string) => `${provider}:${encodeURIComponent(subject)}`;

/** `identities/{provider:subject}`: a Google/Apple account linked to a user. */
const storedIdentitySchema = z.object({
  uid: z.string(),
  provider: z.string(),
  subject: z.string(),
  firebaseUid: z.string().nullable().default(null),
  linkedAt: storedDateSchema,
});

/**
 * Users in Firestore. `users/{uid}` holds the handle, the email and display name as AES-256-GCM
 * ciphertexts bound to the uid and field, and the email's blind index; `handles/{handle}`,
 * `emailIndex/{index}` and `identities/{provider:subject}` map to the uid and make each unique.
 */
export class FirestoreUserRepository implements UserRepository, EmailChangeStore, EncryptedValueStore {
  constructor(
    private readonly db: Firestore,
    private readonly cipher: FieldCipher,
  ) {}

  private users = () => this.db.collection(COLLECTIONS.users);
  private handles = () => this.db.collection(COLLECTIONS.handles);
  private emails = () => this.db.collection(COLLECTIONS.emailIndex);
  private identities = () => this.db.collection(COLLECTIONS.identities);

  async create(user: NewUser): Promise<UserRecord> {
    const stored: StoredUser = {
      handle: user.handle,
      email: user.email === null ? null : this.cipher.encrypt(user.email, { uid: user.uid, field: "email" }),
      emailIndex: user.emailIndex,
      emailVerified: user.emailVerified,
      displayName: this.cipher.encrypt(user.displayName, { uid: user.uid, field: "displayName" }),
      passwordHash: user.passwordHash,
      tokenVersion: 0,
      role: "user",
      preferences: DEFAULT_PREFERENCES,
      providers: user.providers,
      createdAt: user.now,
      updatedAt: user.now,
    };
    await this.db.runTransaction(async (tx) => {
      const handleRef = this.handles().doc(user.handle);
      const emailRef = user.emailIndex ? this.emails().doc(user.emailIndex) : undefined;
      const identityRef = user.identity ? this.identities().doc(identityId(user.identity.provider, user.identity.subject)) : undefined;
      const [handle, holder, identity] = await Promise.all([
        tx.get(handleRef),
        user.emailIndex ? this.emailHolder(tx, user.emailIndex, user.now) : undefined,
        identityRef ? tx.get(identityRef) : undefined,
      ]);
      let holderRef: DocumentReference | undefined;
      if (holder) {
        if (!user.takeUnverifiedEmail || !claimable(holder, user.emailIndex!, user.takeUnverifiedEmail.registeredBefore)) {
          throw taken("email", "email");
        }
        holderRef = holder.ref;
      }
      if (handle.exists) throw taken("handle", "handle");
      if (identity?.exists) throw new AppError("already-exists", "That sign-in account is already linked");
      tx.create(this.users().doc(user.uid), stored);
      tx.create(handleRef, { uid: user.uid });
      // An unverified holder loses the address (its email and index) to the new account, atomically.
      if (holderRef) tx.update(holderRef, { email: null, emailIndex: null, updatedAt: user.now });
      if (emailRef) tx.set(emailRef, { uid: user.uid });
      if (identityRef && user.identity) {
        tx.create(identityRef, {
          uid: user.uid,
          provider: user.identity.provider,
          subject: user.identity.subject,
          firebaseUid: user.identity.firebaseUid ?? null,
          linkedAt: user.now,
        });
      }
    });
    return this.toRecord(user.uid, stored);
  }

  async findById(uid: string): Promise<UserRecord | undefined> {
    const snap = await this.users().doc(uid).get();
    return snap.exists ? this.toRecord(uid, this.parse(snap.data())) : undefined;
  }

  async findByEmailIndex(emailIndex: string): Promise<UserRecord | undefined> {
    const user = await this.findVia(this.emails().doc(emailIndex));
    // An address kept reserved after an email change no longer signs in.
    return user?.emailIndex === emailIndex ? user : undefined;
  }

  async isEmailFree(emailIndex: string, claimableBefore: Date, now: Date): Promise<boolean> {
    const holder = await this.db.runTransaction((tx) => this.emailHolder(tx, emailIndex, now), { readOnly: true });
    return holder === undefined || claimable(holder, emailIndex, claimableBefore);
  }

  async findByIdentity(provider: SignInMethod, subject: string): Promise<UserRecord | undefined> {
    return this.findVia(this.identities().doc(identityId(provider, subject)));
  }

  async sessionState(uid: string): Promise<SessionState | undefined> {
    const snap = await this.users().doc(uid).get();
    if (!snap.exists) return undefined;
    const { tokenVersion, role } = this.parse(snap.data());
    return { tokenVersion, role };
  }

  async linkIdentity(uid: string, provider: SignInMethod, subject: string, now: Date, firebaseUid?: string): Promise<void> {
    await this.db.runTransaction(async (tx) => {
      const ref = this.identities().doc(identityId(provider, subject));
      const [identity, user] = await Promise.all([tx.get(ref), tx.get(this.users().doc(uid))]);
      if (!user.exists) throw new AppError("not-found", "User not found");
      if (identity.exists) {
        if (identity.get("uid") === uid) return;
        throw new AppError("already-exists", "That sign-in account is already linked");
      }
      tx.create(ref, { uid, provider, subject, firebaseUid: firebaseUid ?? null, linkedAt: now });
      tx.update(user.ref, { providers: FieldValue.arrayUnion(provider), updatedAt: now });
    });
  }

  async updateProfile(uid: string, change: ProfileChange, now: Date): Promise<UserRecord> {
    const stored = await this.db.runTransaction(async (tx) => {
      const userRef = this.users().doc(uid);
      const snap = await tx.get(userRef);
      if (!snap.exists) throw new AppError("not-found", "User not found");
      const current = this.parse(snap.data());
      const next: StoredUser = { ...current, updatedAt: now };
      if (change.handle !== undefined && change.handle !== current.handle) {
        const newHandle = this.handles().doc(change.handle);
        if ((await tx.get(newHandle)).exists) throw taken("handle", "handle");
        tx.create(newHandle, { uid });
        tx.delete(this.handles().doc(current.handle));
        next.handle = change.handle;
      }
      if (change.displayName !== undefined) next.displayName = this.cipher.encrypt(change.displayName, { uid, field: "displayName" });
      if (change.preferences) next.preferences = { ...current.preferences, ...change.preferences };
      // Only the fields this domain owns: other domains keep their own fields on the user document.
      tx.update(userRef, { handle: next.handle, displayName: next.displayName, preferences: next.preferences, updatedAt: now });
      return next;
    });
    return this.toRecord(uid, stored);
  }

  async setPasswordHash(uid: string, hash: string, now: Date, revokeSessions: boolean): Promise<number> {
    return this.db.runTransaction(async (tx) => {
      const ref = this.users().doc(uid);
      const snap = await tx.get(ref);
      if (!snap.exists) throw new AppError("not-found", "User not found");
      const current = this.parse(snap.data());
      const tokenVersion = current.tokenVersion + (revokeSessions ? 1 : 0);
      const providers = current.providers.includes("password") ? current.providers : [...current.providers, "password" as const];
      tx.update(ref, { passwordHash: hash, tokenVersion, providers, updatedAt: now });
      return tokenVersion;
    });
  }

  async markEmailVerified(uid: string, emailIndex: string, now: Date): Promise<boolean> {
    return this.db.runTransaction(async (tx) => {
      const ref = this.users().doc(uid);
      const snap = await tx.get(ref);
      if (!snap.exists) return false;
      const current = this.parse(snap.data());
      if (current.emailIndex !== emailIndex) return false;
      if (!current.emailVerified) tx.update(ref, { emailVerified: true, updatedAt: now });
      return true;
    });
  }

  async setPendingEmail(uid: string, email: string, emailIndex: string, now: Date): Promise<void> {
    await this.users()
      .doc(uid)
      .update({ pendingEmail: this.cipher.encrypt(email, { uid, field: "pendingEmail" }), pendingEmailIndex: emailIndex, updatedAt: now });
  }

  async confirmEmailChange(
    uid: string,
    emailIndex: string,
    now: Date,
    rules: { undoUntil: Date; takeUnverifiedBefore: Date },
  ): Promise<EmailSwitch | undefined> {
    return this.db.runTransaction(async (tx) => {
      const ref = this.users().doc(uid);
      const snap = await tx.get(ref);
      if (!snap.exists) return undefined;
      const current = this.parse(snap.data());
      if (current.pendingEmailIndex !== emailIndex || !current.pendingEmail) return undefined;
      // Checked here too, not only when the change was asked for: a request racing the previous switch must not
      // start a second change that would take the first one's undo away.
      if (current.previousEmailUntil && current.previousEmailUntil > now) throw recentEmailChange(current.previousEmailUntil);
      const holder = await this.emailHolder(tx, emailIndex, now);
      const takesFromHolder = holder !== undefined && holder.ref.id !== uid;
      if (takesFromHolder && !claimable(holder, emailIndex, rules.takeUnverifiedBefore)) throw taken("email", "email");
      // A reservation left from an earlier change (its window closed) is dropped if it is still this account's.
      const stale =
        current.previousEmailIndex && ![emailIndex, current.emailIndex].includes(current.previousEmailIndex)
          ? current.previousEmailIndex
          : undefined;
      const staleRef = stale ? this.emails().doc(stale) : undefined;
      const staleIsOurs = staleRef ? (await tx.get(staleRef)).get("uid") === uid : false;
      const email = this.cipher.decrypt(current.pendingEmail, { uid, field: "pendingEmail" });
      // The old address is kept (reserved, for the undo link) only when it was the account's by index and not
      // left unverified: an address the person never proved theirs (a typo) must not get a link that undoes.
      const keepsOld =
        current.email !== null && current.emailIndex !== null && current.emailIndex !== emailIndex && current.emailVerified !== false;
      const oldEmail = keepsOld ? this.cipher.decrypt(current.email!, { uid, field: "email" }) : null;
      tx.update(ref, {
        ...this.verifiedAddress(uid, email, emailIndex),
        previousEmail: oldEmail === null ? null : this.cipher.encrypt(oldEmail, { uid, field: "previousEmail" }),
        previousEmailIndex: keepsOld ? current.emailIndex : null,
        previousEmailUntil: keepsOld ? rules.undoUntil : null,
        updatedAt: now,
      });
      if (takesFromHolder) tx.update(holder.ref, { email: null, emailIndex: null, updatedAt: now });
      if (staleRef && staleIsOurs) tx.delete(staleRef);
      tx.set(this.emails().doc(emailIndex), { uid });
      if (keepsOld) tx.set(this.emails().doc(current.emailIndex!), { uid, releasesAt: rules.undoUntil });
      else if (current.emailIndex && current.emailIndex !== emailIndex) tx.delete(this.emails().doc(current.emailIndex));
      return { email, previous: oldEmail === null ? null : { email: oldEmail, emailIndex: current.emailIndex! } };
    });
  }

  async undoEmailChange(uid: string, emailIndex: string, now: Date): Promise<{ email: string; hadPassword: boolean } | undefined> {
    return this.db.runTransaction(async (tx) => {
      const ref = this.users().doc(uid);
      const snap = await tx.get(ref);
      if (!snap.exists) return undefined;
      const current = this.parse(snap.data());
      const open =
        current.previousEmailIndex === emailIndex &&
        current.previousEmail &&
        current.previousEmailUntil &&
        current.previousEmailUntil > now;
      if (!open) return undefined;
      const oldRef = this.emails().doc(emailIndex);
      const reservation = await tx.get(oldRef);
      // The reservation is the account's until the window closes; anything else means the address moved on.
      if (reservation.get("uid") !== uid) return undefined;
      const email = this.cipher.decrypt(current.previousEmail!, { uid, field: "previousEmail" });
      tx.update(ref, {
        ...this.verifiedAddress(uid, email, emailIndex),
        previousEmail: null,
        previousEmailIndex: null,
        previousEmailUntil: null,
        // Whoever made the change knew the password: it stops working, and a reset link goes to the old address.
        passwordHash: null,
        tokenVersion: current.tokenVersion + 1,
        updatedAt: now,
      });
      tx.set(oldRef, { uid });
      if (current.emailIndex && current.emailIndex !== emailIndex) tx.delete(this.emails().doc(current.emailIndex));
      return { email, hadPassword: current.passwordHash !== null };
    });
  }

  async bumpTokenVersion(uid: string, now: Date): Promise<number> {
    return this.db.runTransaction(async (tx) => {
      const ref = this.users().doc(uid);
      const snap = await tx.get(ref);
      if (!snap.exists) throw new AppError("not-found", "User not found");
      const tokenVersion = this.parse(snap.data()).tokenVersion + 1;
      tx.update(ref, { tokenVersion, updatedAt: now });
      return tokenVersion;
    });
  }

  async reencryptIfNeeded(uid: string): Promise<void> {
    await this.reencrypt(uid);
  }

  /** Re-seals the user's values sealed with an old key, in a transaction; how many it re-sealed (key rotation). */
  async reencrypt(uid: string): Promise<number> {
    return this.db.runTransaction(async (tx) => {
      const ref = this.users().doc(uid);
      const snap = await tx.get(ref);
      if (!snap.exists) return 0;
      const stored = this.parse(snap.data());
      const update: DocumentData = {};
      for (const field of ENCRYPTED_FIELDS) {
        const value = stored[field];
        if (value && this.cipher.needsRotation(value)) {
          update[field] = this.cipher.encrypt(this.cipher.decrypt(value, { uid, field }), { uid, field });
        }
      }
      if (Object.keys(update).length > 0) tx.update(ref, update);
      return Object.keys(update).length;
    });
  }

  /** Users after `afterUid` in id order with the key ids of their encrypted values (reads only those fields). */
  async sealedPage(afterUid: string | undefined, limit: number): Promise<SealedUser[]> {
    let query = this.users()
      .orderBy(FieldPath.documentId())
      .select(...ENCRYPTED_FIELDS)
      .limit(limit);
    if (afterUid !== undefined) query = query.startAfter(afterUid);
    const snap = await query.get();
    return snap.docs.map((d) => {
      const keyIds: string[] = [];
      for (const field of ENCRYPTED_FIELDS) {
        const value = encryptedValueSchema.nullable().optional().parse(d.get(field));
        if (value) keyIds.push(value.kid);
      }
      return { uid: d.id, keyIds };
    });
  }

  async deleteAccount(uid: string, now: Date): Promise<boolean> {
    return this.db.runTransaction(async (tx) => {
      const userRef = this.users().doc(uid);
      const [snap, identities] = await Promise.all([tx.get(userRef), tx.get(this.identities().where("uid", "==", uid))]);
      if (!snap.exists) return false;
      const user = this.parse(snap.data());
      // The old address an email change keeps reserved for the undo link goes with the account, unless it was
      // released and someone else holds it now.
      const reservedRef =
        user.previousEmailIndex && user.previousEmailIndex !== user.emailIndex ? this.emails().doc(user.previousEmailIndex) : undefined;
      const reservedIsOurs = reservedRef ? (await tx.get(reservedRef)).get("uid") === uid : false;
      tx.delete(userRef);
      tx.delete(this.handles().doc(user.handle));
      if (user.emailIndex) tx.delete(this.emails().doc(user.emailIndex));
      if (reservedRef && reservedIsOurs) tx.delete(reservedRef);
      for (const doc of identities.docs) tx.delete(doc.ref);
      // The identities go now (a new sign-in must not find them); the Firebase Auth users they name are
      // deleted by the cascade, which reads them from the request and then removes them from it.
      const authUsers = identities.docs.map((d) => {
        const identity = readDoc(storedIdentitySchema, d);
        return { provider: identity.provider, subject: identity.subject, firebaseUid: identity.firebaseUid };
      });
      tx.set(this.db.collection(COLLECTIONS.accountDeletions).doc(uid), { requestedAt: now, status: "pending", erased: {}, authUsers });
      return true;
    });
  }

  private async findVia(ref: DocumentReference): Promise<UserRecord | undefined> {
    const pointer = await ref.get();
    const uid: unknown = pointer.get("uid");
    return typeof uid === "string" ? this.findById(uid) : undefined;
  }

  /** The user fields of a switch to a verified address (an email change or its undo): no change is left pending. */
  private verifiedAddress(uid: string, email: string, emailIndex: string) {
    return {
      email: this.cipher.encrypt(email, { uid, field: "email" }),
      emailIndex,
      emailVerified: true,
      pendingEmail: null,
      pendingEmailIndex: null,
    };
  }

  /** Who holds the address of this index, read in the transaction; a reservation past `releasesAt` holds nothing. */
  private async emailHolder(tx: Transaction, emailIndex: string, now: Date): Promise<EmailHolder | undefined> {
    const pointer = await tx.get(this.emails().doc(emailIndex));
    if (!pointer.exists) return undefined;
    const releasesAt = storedDateSchema.optional().parse(pointer.get("releasesAt"));
    if (releasesAt && releasesAt <= now) return undefined;
    const ref = this.users().doc(String(pointer.get("uid")));
    const holder = await tx.get(ref);
    return { ref, user: holder.exists ? this.parse(holder.data()) : undefined };
  }

  private parse(data: DocumentData | undefined): StoredUser {
    return storedUserSchema.parse(data ?? {});
  }

  private toRecord(uid: string, stored: StoredUser): UserRecord {
    return {
      uid,
      handle: stored.handle,
      email: stored.email === null ? null : this.cipher.decrypt(stored.email, { uid, field: "email" }),
      emailIndex: stored.emailIndex,
      emailVerified: stored.emailVerified ?? false,
      emailClaimable: stored.emailVerified === false,
      pendingEmail: stored.pendingEmail ? this.cipher.decrypt(stored.pendingEmail, { uid, field: "pendingEmail" }) : null,
      emailChangeUndoableUntil: stored.previousEmailUntil ?? null,
      displayName: this.cipher.decrypt(stored.displayName, { uid, field: "displayName" }),
      passwordHash: stored.passwordHash,
      tokenVersion: stored.tokenVersion,
      role: stored.role,
      preferences: stored.preferences,
      providers: stored.providers,
      createdAt: stored.createdAt,
      updatedAt: stored.updatedAt,
    };
  }
}

/** GET /v1/me/export: the Google/Apple accounts linked to the user (provider, the provider's id, when). */
export class IdentitiesExporter implements UserDataExporter {
  readonly name = "identities";

  constructor(private readonly db: Firestore) {}

  async export(uid: string): Promise<unknown> {
    const snap = await this.db.collection(COLLECTIONS.identities).where("uid", "==", uid).get();
    return snap.docs.map((d) => {
      const identity = readDoc(storedIdentitySchema, d);
      return { provider: identity.provider, subject: identity.subject, linkedAt: identity.linkedAt.toISOString() };
    });
  }
}

const checkpointSchema = z.object({
  activeKeyId: z.string(),
  afterUid: z.string().nullable(),
  scannedUsers: z.number().int(),
  reencrypted: z.number().int(),
  done: z.boolean(),
  startedAt: storedDateSchema,
  updatedAt: storedDateSchema,
});

/** The key rotation's checkpoint, `system/piiKeyRotation` (uids and counts only). */
export class FirestoreRotationCheckpoints implements RotationCheckpointStore {
  constructor(private readonly db: Firestore) {}

  private ref = () => this.db.collection(COLLECTIONS.system).doc("piiKeyRotation");

  async get(): Promise<RotationCheckpoint | undefined> {
    return readDoc(checkpointSchema, await this.ref().get());
  }

  async save(checkpoint: RotationCheckpoint): Promise<void> {
    await this.ref().set(checkpoint);
  }
}
