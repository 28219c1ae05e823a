import { z } from "zod";
import { storedDateSchema } from "../shared/validation";

/**
 * Delivery states of the Firebase "Trigger Email from Firestore" extension: PENDING (queued), PROCESSING
 * (claimed by a sender, until `leaseExpireTime`), SUCCESS, ERROR, and RETRY (set by hand or by the stalled
 * mail sweep: deliver again).
 */
export const DELIVERY_STATES = ["PENDING", "PROCESSING", "SUCCESS", "ERROR", "RETRY"] as const;

/** What the SMTP server said when it accepted a message (the extension's `delivery.info`). */
export const deliveryInfoSchema = z.object({
  messageId: z.string().nullable(),
  accepted: z.array(z.string()),
  rejected: z.array(z.string()),
  pending: z.array(z.string()),
  response: z.string().nullable(),
});
export type DeliveryInfo = z.infer<typeof deliveryInfoSchema>;

/** One failed attempt, as recorded (no address, no body: the error text is redacted). */
export const attemptFailureSchema = z.object({ at: storedDateSchema, error: z.string(), transient: z.boolean() });
export type AttemptFailure = z.infer<typeof attemptFailureSchema>;

/** The extension's `delivery` record, plus `failures` (each failed attempt; the extension ignores it). */
export const deliverySchema = z.object({
  state: z.enum(DELIVERY_STATES),
  attempts: z.number().int().nonnegative(),
  startTime: storedDateSchema.nullable().optional(),
  endTime: storedDateSchema.nullable().optional(),
  leaseExpireTime: storedDateSchema.nullable().optional(),
  error: z.string().nullable().optional(),
  info: deliveryInfoSchema.nullable().optional(),
  failures: z.array(attemptFailureSchema).optional(),
});

/** A rendered message: a subject, a plain-text body and an HTML body (the extension's `message`). */
export const mailContentSchema = z.object({ subject: z.string(), text: z.string(), html: z.string() });
export type MailContent = z.infer<typeof mailContentSchema>;

/** Which template a message came from (for export, erasure and metrics; never its content). */
export const MAIL_KINDS = ["password-reset", "password-changed", "email-verification", "email-changed", "new-device"] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/**
 * `mail/{id}`: one outgoing message in the extension's document format (`to`, `message`, `delivery`), so
 * an operator may hand delivery to the extension instead of `onMailQueued`. `uid` (the account it is
 * about, when there is one) lets export and account deletion find it; `expireAt` is the TTL field.
 */
export const mailDocumentSchema = z.object({
  to: z.string(),
  message: mailContentSchema,
  kind: z.enum(MAIL_KINDS),
  uid: z.string().nullable(),
  createdAt: storedDateSchema,
  expireAt: storedDateSchema,
  delivery: deliverySchema.optional(),
});
export type MailDocument = z.infer<typeof mailDocumentSchema>;
