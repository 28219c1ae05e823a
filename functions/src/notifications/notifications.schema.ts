import { z } from "zod";
import { pageSchema } from "../shared/pagination";
import { storedDateSchema } from "../shared/validation";

/**
 * A notification kind: dotted lowercase words, the domain first (`friend.request`, `night.invite`).
 * Kinds are open: a feature adds its own by calling NotificationService.notify with a new kind.
 */
export const notificationKindSchema = z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/, "Must be dotted lowercase words");

/** The kinds this domain and the friends domain send. */
export const NOTIFICATION_KINDS = {
  friendRequest: "friend.request",
  friendAccepted: "friend.accepted",
} as const;

/** Keys the service puts in every push's data payload itself, and keys FCM reserves. */
const RESERVED_DATA_KEYS = new Set(["kind", "notificationId", "from", "notification", "message_type", "collapse_key"]);

/** Kind-specific data: a few short string values (FCM data payloads carry strings only). */
export const notificationDataSchema = z
  .record(z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/, "Keys are camelCase words"), z.string().max(500))
  .refine((d) => Object.keys(d).length <= 10, "At most 10 data fields")
  .refine((d) => Object.keys(d).every((k) => !RESERVED_DATA_KEYS.has(k) && !/^(google|gcm)/.test(k)), "Reserved data key");

/**
 * What a feature asks NotificationService.notify to send. `{actor}` in the title or body is replaced by
 * the actor's `@handle`. With a `dedupeKey`, notifying twice with the same key (a redelivered trigger
 * event) stores one notification and pushes once.
 */
export const notificationInputSchema = z.strictObject({
  kind: notificationKindSchema,
  /** The user the notification is about (who sent the request, who invited you); absent for system ones. */
  actorUid: z.string().min(1).max(128).optional(),
  data: notificationDataSchema.default({}),
  title: z.string().min(1).max(100),
  body: z.string().min(1).max(300),
  dedupeKey: z.string().min(1).max(500).optional(),
});
export type NotificationInput = z.input<typeof notificationInputSchema>;

/** A notification as stored in `users/{uid}/notifications/{id}`. */
export const storedNotificationSchema = z.object({
  kind: z.string(),
  actorUid: z.string().nullable(),
  actorHandle: z.string().nullable(),
  data: z.record(z.string(), z.string()),
  title: z.string(),
  body: z.string(),
  read: z.boolean(),
  createdAt: storedDateSchema,
  readAt: storedDateSchema.nullable(),
});
export type StoredNotification = z.infer<typeof storedNotificationSchema>;

/** A notification as the API returns it. */
export const notificationSchema = z
  .object({
    id: z.string(),
    kind: z.string().describe("Dotted lowercase words, the domain first: `friend.request`, `friend.accepted`, `night.invite`..."),
    actor: z
      .object({ uid: z.string(), handle: z.string().nullable() })
      .nullable()
      .describe("The person the notification is about (who sent the request, who invited you); null for system notifications"),
    data: z.record(z.string(), z.string()).describe("Kind-specific string values, also sent in the push's data payload"),
    title: z.string(),
    body: z.string(),
    read: z.boolean(),
    createdAt: z.iso.datetime(),
    readAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "Notification" });
export type NotificationView = z.infer<typeof notificationSchema>;

/** GET /v1/me/notifications: a page, and how many notifications are unread in all. */
export const notificationPageSchema = pageSchema(notificationSchema, "NotificationPage")
  .extend({ unreadCount: z.number().int().min(0).describe("Unread notifications in all, not only on this page") })
  .meta({ id: "NotificationPage" });
export type NotificationPage = z.infer<typeof notificationPageSchema>;

/** POST /v1/me/notifications/read-all. */
export const markAllReadSchema = z.object({ updated: z.number().int().min(0).describe("How many notifications were unread") });

/** Route parameter of the notification routes. */
export const notificationIdParamSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9]{1,64}$/, "Must be a notification id") });

/**
 * An FCM registration token in the path. FCM tokens are long strings of letters, digits, `:`, `_` and `-`
 * (APNs device tokens, hex, fit too).
 */
export const deviceTokenParamSchema = z.object({
  token: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{16,4096}$/, "Must be a device registration token")
    .describe("The FCM registration token of the device"),
});

export const DEVICE_PLATFORMS = ["ios", "android", "web"] as const;

export const putDeviceBodySchema = z.strictObject({ platform: z.enum(DEVICE_PLATFORMS).optional() });

/** A device as stored in `users/{uid}/devices/{sha256(token)}`. */
export const storedDeviceSchema = z.object({
  token: z.string(),
  tokenHash: z.string(),
  platform: z.enum(DEVICE_PLATFORMS).nullable(),
  createdAt: storedDateSchema,
  updatedAt: storedDateSchema,
});
export type StoredDevice = z.infer<typeof storedDeviceSchema>;

/** A device as the API returns it (never the token itself: the caller has it). */
export const deviceSchema = z
  .object({
    platform: z
      .enum(DEVICE_PLATFORMS)
      .nullable()
      .describe("As last given (a registration without one keeps the earlier value); null when never given"),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime().describe("The last registration (apps re-register on start)"),
  })
  .meta({ id: "Device" });
export type DeviceView = z.infer<typeof deviceSchema>;
