import { z } from "zod";
import { emailSchema, newPasswordSchema } from "../auth/auth.schema";
import { storedDateSchema } from "../shared/validation";

/** What a single-use account token (in a mail link) is for. */
export const TOKEN_PURPOSES = ["password-reset", "email-verification", "email-change", "email-change-undo"] as const;
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
  /**
   * The blind index of the address the link is about: the one it verifies (verification, email change: it
   * verifies no other), or the one it gives back (email change undo).
   */
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

/**
 * PUT /v1/me/email: the new address and proof of a recent sign-in, the password or (an account without one) a
 * Firebase ID token from a Google/Apple sign-in of the last few minutes.
 */
export const changeEmailSchema = z.union([
  z.strictObject({ newEmail: emailSchema, password: z.string().min(1).max(1024) }),
  z.strictObject({ newEmail: emailSchema, idToken: z.string().min(1).max(8192) }),
]);
export type ChangeEmailInput = z.infer<typeof changeEmailSchema>;

/** The answer to an email change request. */
export const emailChangeRequestedSchema = z
  .object({
    message: z.string().describe("What happens next, in words"),
    pendingEmail: z.string().describe("The address the link went to; the account switches to it when the link is opened"),
  })
  .meta({ id: "EmailChangeRequested" });
export type EmailChangeRequested = z.infer<typeof emailChangeRequestedSchema>;

export const undoEmailChangeSchema = z.strictObject({ token: accountTokenSchema });
