import { z } from "zod";

/** Bounds of what the app may send about its device at sign-in. */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;
export const DEVICE_LABEL_MAX_LENGTH = 64;

// Control, format (bidi overrides, zero-width), line and paragraph separators: a label is shown to the
// person in a list and in mail, so nothing that reorders or hides text.
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/**
 * A random id the app keeps per installation (a UUID or 16+ random bytes in base64url). It only tells
 * a device seen before from a new one; it is stored as a keyed hash, never as sent.
 */
export const deviceIdSchema = z
  .string()
  .regex(DEVICE_ID_PATTERN, "Must be 16 to 128 of A-Z, a-z, 0-9, _ and -")
  .describe("A random id the app generates once per installation and keeps (e.g. a UUID); tells a new device from a known one");

/** What the app calls the device ("Pixel 8"), for display only: 1 to 64 printable characters. */
export const deviceLabelSchema = z
  .string()
  .max(DEVICE_LABEL_MAX_LENGTH * 4, `Must be at most ${DEVICE_LABEL_MAX_LENGTH} characters`)
  .transform((s) => s.normalize("NFC").trim())
  .pipe(
    z
      .string()
      .min(1, "Must not be blank")
      .refine((s) => [...s].length <= DEVICE_LABEL_MAX_LENGTH, `Must be at most ${DEVICE_LABEL_MAX_LENGTH} characters`)
      .refine((s) => !UNPRINTABLE.test(s), "Must not contain control or invisible formatting characters"),
  )
  .meta({ maxLength: DEVICE_LABEL_MAX_LENGTH, description: 'What the app calls this device (display only), e.g. "Pixel 8"' });

/** The optional device fields of every sign-in body (register, login, Google/Apple sign-in). */
export const signInDeviceFields = {
  deviceId: deviceIdSchema.optional(),
  deviceLabel: deviceLabelSchema.optional(),
};

/** What a sign-in says about the device it came from. */
export interface SignInDevice {
  deviceId?: string;
  deviceLabel?: string;
}

/** DELETE /v1/me/sessions/{id}: a session id as issued (a UUID). */
export const sessionIdParamSchema = z.strictObject({ id: z.uuid("Must be a session id as listed") });

/** One session (refresh-token family) as its owner sees it. */
export const sessionInfoSchema = z
  .object({
    id: z.string().describe("The session's id (DELETE /v1/me/sessions/{id} ends it)"),
    createdAt: z.iso.datetime().describe("The sign-in that began it"),
    lastUsedAt: z.iso.datetime().describe("The last token refresh (the sign-in itself at first)"),
    expiresAt: z.iso.datetime().describe("When its refresh token stops working at the latest"),
    deviceLabel: z.string().nullable().describe("What the app called the device at sign-in; null when it sent none"),
    current: z.boolean().describe("True for the session of the access token making this request"),
  })
  .meta({ id: "SignInSession" });
export type SessionInfoView = z.infer<typeof sessionInfoSchema>;

/** GET /v1/me/sessions. */
export const sessionListSchema = z
  .object({ sessions: z.array(sessionInfoSchema).describe("Live sessions, most recently used first") })
  .meta({ id: "SignInSessionList" });
