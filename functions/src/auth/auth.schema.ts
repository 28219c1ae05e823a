import { z } from "zod";
import { displayNameSchema, handleSchema } from "../users/users.schema";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password";

/** Normalises an email for comparison and lookup: Unicode NFC, trimmed, lower case (gmail dots are kept). */
export function normaliseEmail(email: string): string {
  return email.normalize("NFC").trim().toLowerCase();
}

/** An email as accepted at sign-up and sign-in: normalised, then checked for shape and length. */
export const emailSchema = z
  .string()
  .max(320, "Must be at most 254 characters")
  .transform(normaliseEmail)
  .pipe(z.email("Must be a valid email address").max(254, "Must be at most 254 characters"));

const codePoints = (s: string) => [...s].length;

/** A new password: 12 to 128 characters; the common-password check happens in the service. */
export const newPasswordSchema = z
  .string()
  .refine((p) => codePoints(p) >= PASSWORD_MIN_LENGTH, `Must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .refine((p) => codePoints(p) <= PASSWORD_MAX_LENGTH, `Must be at most ${PASSWORD_MAX_LENGTH} characters`);

/** A password being checked: any non-empty string within the maximum (old accounts never fail on shape). */
const givenPasswordSchema = z
  .string()
  .min(1, "Required")
  .refine((p) => codePoints(p) <= PASSWORD_MAX_LENGTH, `Must be at most ${PASSWORD_MAX_LENGTH} characters`);

export const registerSchema = z.strictObject({
  email: emailSchema,
  password: newPasswordSchema,
  displayName: displayNameSchema,
  handle: handleSchema,
});
export type RegisterInput = z.infer<typeof registerSchema>;

export const loginSchema = z.strictObject({ email: emailSchema, password: givenPasswordSchema });
export type LoginInput = z.infer<typeof loginSchema>;

/** A refresh token as issued: 32 random bytes, base64url (43 characters). */
export const refreshTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "Malformed refresh token");

export const refreshSchema = z.strictObject({ refreshToken: refreshTokenSchema });

export const firebaseSignInSchema = z.strictObject({ idToken: z.string().min(1).max(8192) });

export const changePasswordSchema = z.strictObject({
  currentPassword: givenPasswordSchema,
  newPassword: newPasswordSchema,
});
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
