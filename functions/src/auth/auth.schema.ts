import { z } from "zod";
import { displayNameSchema, handleSchema, userSchema } from "../users/users.schema";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password";
import { signInDeviceFields } from "./sessions.schema";

/** Normalises an email for comparison and lookup: Unicode NFC, trimmed, lower case (gmail dots are kept). */
export function normaliseEmail(email: string): string {
  return email.normalize("NFC").trim().toLowerCase();
}

/** An email as accepted at sign-up and sign-in: normalised, then checked for shape and length. */
export const emailSchema = z
  .string()
  .max(320, "Must be at most 254 characters")
  .transform(normaliseEmail)
  .pipe(z.email("Must be a valid email address").max(254, "Must be at most 254 characters"))
  .describe("An email address of at most 254 characters; case and surrounding spaces are ignored");

const codePoints = (s: string) => [...s].length;

/** A new password: 12 to 128 characters; the strength checks happen in the service (password.ts). */
export const newPasswordSchema = z
  .string()
  .refine((p) => codePoints(p) >= PASSWORD_MIN_LENGTH, `Must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .refine((p) => codePoints(p) <= PASSWORD_MAX_LENGTH, `Must be at most ${PASSWORD_MAX_LENGTH} characters`)
  // The refinements are invisible to the contract; JSON Schema counts lengths in code points too.
  .meta({
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    description:
      `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters; not a common password, not easy to guess ` +
      "(zxcvbn score 3 or more over its first 32 characters), not containing the email's local part or the handle",
  });

/** A password being checked: any non-empty string within the maximum (old accounts never fail on shape). */
const givenPasswordSchema = z
  .string()
  .min(1, "Required")
  .refine((p) => codePoints(p) <= PASSWORD_MAX_LENGTH, `Must be at most ${PASSWORD_MAX_LENGTH} characters`)
  .meta({ maxLength: PASSWORD_MAX_LENGTH });

export const registerSchema = z.strictObject({
  email: emailSchema,
  password: newPasswordSchema,
  displayName: displayNameSchema,
  handle: handleSchema,
  ...signInDeviceFields,
});
export type RegisterInput = z.infer<typeof registerSchema>;

export const loginSchema = z.strictObject({ email: emailSchema, password: givenPasswordSchema, ...signInDeviceFields });
export type LoginInput = z.infer<typeof loginSchema>;

/** A refresh token as issued: 32 random bytes, base64url (43 characters). */
export const refreshTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "Malformed refresh token");

export const refreshSchema = z.strictObject({ refreshToken: refreshTokenSchema });

export const firebaseSignInSchema = z.strictObject({ idToken: z.string().min(1).max(8192), ...signInDeviceFields });

export const changePasswordSchema = z.strictObject({
  currentPassword: givenPasswordSchema,
  newPassword: newPasswordSchema,
});
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

/** What every token answer carries: a short-lived access token and the refresh token that renews it. */
export const tokenPairSchema = z
  .object({
    accessToken: z.string().describe("JWT (HS256), 15 minutes; send it as `Authorization: Bearer <accessToken>`"),
    refreshToken: z.string().describe("Opaque, single use, rotated on every refresh; 30 days from sign-in"),
    expiresIn: z.number().int().positive().describe("Seconds until the access token expires"),
    tokenType: z.literal("Bearer"),
  })
  .meta({ id: "TokenPair" });
export type TokenPair = z.infer<typeof tokenPairSchema>;

/** How long a Firebase custom token can be exchanged for a Firebase sign-in (fixed by Firebase Auth). */
export const CUSTOM_TOKEN_TTL_SECONDS = 3600;

/** POST /v1/auth/firebase-token: what the app passes to Firebase Auth's `signInWithCustomToken`. */
export const firebaseCustomTokenSchema = z
  .object({
    customToken: z.string().describe("A Firebase custom token for the caller (uid = the caller's id)"),
    expiresIn: z.number().int().positive().describe("Seconds during which it can be used to sign in"),
  })
  .meta({ id: "FirebaseCustomToken" });
export type FirebaseCustomToken = z.infer<typeof firebaseCustomTokenSchema>;

/** A signed-in user and their new token pair, as sign-up and sign-in answer. */
export const sessionSchema = tokenPairSchema.extend({ user: userSchema }).meta({ id: "Session" });
export type Session = z.infer<typeof sessionSchema>;

/** POST /v1/auth/firebase: a Session that also says whether this sign-in created the account. */
export const providerSessionSchema = sessionSchema
  .extend({ created: z.boolean().describe("True when this sign-in created the account") })
  .meta({ id: "ProviderSession" });
