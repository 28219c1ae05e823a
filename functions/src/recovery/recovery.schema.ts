import { z } from "zod";
import { emailSchema, newPasswordSchema } from "../auth/auth.schema";
import { storedDateSchema } from "../shared/validation";

/** What a single-use account token (in a mail link) is for. */
export const TOKEN_PURPOSES = ["password-reset", "email-verification", "email-change-undo"] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

/**
 * `accountTokens/{sha256(token)}`: a single-use token sent by mail. Only the hash is stored, so a reader
 * of the database cannot use a link; `expiresAt` is also the TTL field.
 */
export const storedAccountTokenSchema = z.object({
  purpose: z.enum(TOKEN_PURPOSES),
  uid: z.string(),
  createdAt: storedDateSchema,
  expiresAt: storedDateSchema,
  usedAt: storedDateSchema.nullable(),
  /** Email verification: the blind index of the address the link verifies (it verifies no other). */
  emailIndex: z.string().optional(),
});
export type StoredAccountToken = z.infer<typeof storedAccountTokenSchema>;

/** A token as mailed: 32 random bytes, base64url (43 characters). */
export const accountTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, "Malformed link token")
  .describe("The token from the link in the message (43 characters)");

export const passwordResetRequestSchema = z.strictObject({ email: emailSchema });

export const passwordResetConfirmSchema = z.strictObject({ token: accountTokenSchema, newPassword: newPasswordSchema });
export type PasswordResetConfirmInput = z.infer<typeof passwordResetConfirmSchema>;

/** The one answer to a reset request, whether or not the address has an account. */
export const passwordResetAcceptedSchema = z
  .object({ message: z.string().describe("The same text for every address: no answer says whether an account exists") })
  .meta({ id: "PasswordResetAccepted" });
export type PasswordResetAccepted = z.infer<typeof passwordResetAcceptedSchema>;

export const emailVerificationSchema = z.strictObject({ token: accountTokenSchema });

/** The answer to a resend request. */
export const verificationSentSchema = z
  .object({ message: z.string().describe("Where the new link went, in words") })
  .meta({ id: "VerificationSent" });
export type VerificationSent = z.infer<typeof verificationSentSchema>;
