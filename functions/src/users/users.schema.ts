import { z } from "zod";
import { encryptedValueSchema } from "../shared/crypto";
import { GENRES } from "../shared/genres";
import { isReservedDocumentId, storedDateSchema } from "../shared/validation";

/** Public handle: 3 to 30 of a-z, 0-9 and _, unique across users. */
export const handleSchema = z
  .string()
  .regex(/^[a-z0-9_]{3,30}$/, "Must be 3 to 30 of a-z, 0-9 and _")
  // A handle is the id of its `handles/{handle}` document.
  .refine((h) => !isReservedDocumentId(h), "Must not both start and end with __ (reserved)");

// Control characters and Unicode line/paragraph separators have no place in a name shown to others.
const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

/** Display name: 1 to 50 characters after trimming, no control characters. */
export const displayNameSchema = z
  .string()
  .trim()
  .min(1, "Must not be empty")
  .max(50, "Must be at most 50 characters")
  .refine((s) => !CONTROL.test(s), "Must not contain control characters");

/** Who may see a user's ratings and watched list. */
export const visibilitySchema = z.enum(["public", "friends", "private"]);

export const favouriteGenresSchema = z
  .array(z.enum(GENRES))
  .max(GENRES.length)
  .refine((g) => new Set(g).size === g.length, "Must not repeat a genre")
  .meta({ uniqueItems: true });

export const preferencesSchema = z.object({
  favouriteGenres: favouriteGenresSchema,
  privacy: visibilitySchema,
});
export type Preferences = z.infer<typeof preferencesSchema>;

export const DEFAULT_PREFERENCES: Preferences = { favouriteGenres: [], privacy: "friends" };

/** PATCH /v1/me: any of displayName, handle and preferences; at least one. */
export const updateMeSchema = z
  .strictObject({
    displayName: displayNameSchema.optional(),
    handle: handleSchema.optional(),
    preferences: z
      .strictObject({ favouriteGenres: favouriteGenresSchema.optional(), privacy: visibilitySchema.optional() })
      .refine((p) => Object.keys(p).length > 0, "Give at least one preference")
      .meta({ minProperties: 1 })
      .optional(),
  })
  .refine((b) => Object.keys(b).length > 0, "Give at least one of displayName, handle, preferences")
  .meta({ minProperties: 1 });
export type UpdateMeInput = z.infer<typeof updateMeSchema>;

/** DELETE /v1/me: proof of a recent sign-in, either the password or a fresh Firebase ID token (Google/Apple). */
export const deleteMeSchema = z.union([
  z.strictObject({ password: z.string().min(1).max(1024) }),
  z.strictObject({ idToken: z.string().min(1).max(8192) }),
]);

export const SIGN_IN_METHODS = ["password", "google.com", "apple.com"] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

/** A user document as stored in Firestore: personal data only as ciphertext, the email as a blind index. */
export const storedUserSchema = z.object({
  handle: z.string(),
  email: encryptedValueSchema.nullable(),
  emailIndex: z.string().nullable(),
  /**
   * The owner proved they receive mail at `email` (a link, or a provider that verified it). Absent on accounts
   * made before verification existed: shown as unverified, but their address is never taken from them.
   */
  emailVerified: z.boolean().optional(),
  /** An email change waiting for its link: the new address (encrypted) and its blind index. It holds nothing. */
  pendingEmail: encryptedValueSchema.nullable().optional(),
  pendingEmailIndex: z.string().nullable().optional(),
  /**
   * The address before the last email change, until the undo link mailed to it expires; its index document
   * stays reserved for the account until then (`releasesAt`), so the change can be undone.
   */
  previousEmail: encryptedValueSchema.nullable().optional(),
  previousEmailIndex: z.string().nullable().optional(),
  previousEmailUntil: storedDateSchema.nullable().optional(),
  displayName: encryptedValueSchema,
  passwordHash: z.string().nullable(),
  tokenVersion: z.number().int().nonnegative(),
  role: z.enum(["user", "admin"]),
  preferences: preferencesSchema,
  providers: z.array(z.enum(SIGN_IN_METHODS)),
  createdAt: storedDateSchema,
  updatedAt: storedDateSchema,
});
export type StoredUser = z.infer<typeof storedUserSchema>;

/** A user as the services see it: personal data decrypted. */
export interface UserRecord {
  uid: string;
  handle: string;
  email: string | null;
  emailIndex: string | null;
  emailVerified: boolean;
  /** Unverified since sign-up (not an account older than verification): a verified owner may take the address. */
  emailClaimable: boolean;
  /** A new address waiting for verification (email change); sign-in still uses `email`. */
  pendingEmail: string | null;
  /** Until when the last email change can be undone from the old address (no new change before). */
  emailChangeUndoableUntil: Date | null;
  displayName: string;
  passwordHash: string | null;
  tokenVersion: number;
  role: "user" | "admin";
  preferences: Preferences;
  providers: SignInMethod[];
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Does this account keep its address from a newcomer? Yes, unless it is still unverified since a sign-up made
 * before `claimableBefore` (its verification link expired unopened): docs/DECISIONS.md, address ownership.
 */
export const holdsEmailAgainstNewcomer = (holder: UserRecord, claimableBefore: Date) =>
  !(holder.emailClaimable && holder.createdAt <= claimableBefore);

/** The user as the API shows it to its owner (GET/PATCH /v1/me, and inside every sign-in answer). */
export const userSchema = z
  .object({
    uid: z.string().describe("The user's id; stable for the account's lifetime"),
    handle: z.string().describe("Public handle, unique across users: 3 to 30 of a-z, 0-9 and _"),
    displayName: z.string(),
    email: z.string().nullable().describe("Null for a Google/Apple account whose provider gave none"),
    emailVerified: z
      .boolean()
      .describe("True once the owner opened the verification link mailed to `email` (or Google/Apple vouched for it)"),
    pendingEmail: z
      .string()
      .nullable()
      .describe("A new address asked for with PUT /v1/me/email, waiting for the link mailed to it; sign-in still uses `email`"),
    preferences: z.object({
      favouriteGenres: favouriteGenresSchema,
      privacy: visibilitySchema.describe("Who sees the user's ratings and diary"),
    }),
    providers: z.array(z.enum(SIGN_IN_METHODS)).describe("How the user can sign in"),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "User" });
export type UserView = z.infer<typeof userSchema>;

/** GET /v1/me/export: the account, then every domain's data about the user under the domain's name. */
export const userExportSchema = z
  .object({
    exportedAt: z.iso.datetime(),
    account: userSchema.extend({ updatedAt: z.iso.datetime() }),
    data: z.record(z.string(), z.unknown()).describe("Each domain's data (ratings, library, friends...) under its name"),
  })
  .meta({ id: "UserExport" });
export type UserExport = z.infer<typeof userExportSchema>;

export function toUserView(u: UserRecord): UserView {
  return {
    uid: u.uid,
    handle: u.handle,
    displayName: u.displayName,
    email: u.email,
    emailVerified: u.emailVerified,
    pendingEmail: u.pendingEmail,
    preferences: u.preferences,
    providers: u.providers,
    createdAt: u.createdAt.toISOString(),
  };
}

/** `accountDeletions/{uid}`: a deletion request and the erasers it has completed (no personal data). */
export const storedAccountDeletionSchema = z.object({
  status: z.enum(["pending", "done"]),
  erased: z.record(z.string(), z.unknown()).default({}),
  /** The Firebase Auth users of the account's Google/Apple identities, until the cascade has deleted them. */
  authUsers: z.array(z.object({ provider: z.string(), subject: z.string(), firebaseUid: z.string().nullable().default(null) })).default([]),
});
