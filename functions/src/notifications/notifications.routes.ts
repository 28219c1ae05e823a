import { created, noContent, ok, routeFor } from "../http/route";
import { pageQuerySchema } from "../shared/pagination";
import {
  deviceSchema,
  deviceTokenParamSchema,
  markAllReadSchema,
  notificationIdParamSchema,
  notificationPageSchema,
  putDeviceBodySchema,
} from "./notifications.schema";
import type { NotificationService } from "./notifications.service";

const notificationRoute = routeFor<{ notifications: NotificationService }>();

/**
 * The caller's in-app notifications (list, mark read) and push devices (register, unregister). The
 * device routes take the FCM registration token in the path.
 */
export const notificationRoutes = [
  notificationRoute({
    method: "get",
    path: "/me/notifications",
    operationId: "listNotifications",
    tag: "notifications",
    summary: "The caller's notifications, newest first, with the unread count",
    access: "user",
    query: pageQuerySchema,
    responses: { 200: { description: "A page of notifications", schema: notificationPageSchema } },
    headers: { "Cache-Control": "private, no-store" },
    handler: async ({ query, caller }, { notifications }) => ok(await notifications.list(caller().uid, query.limit, query.cursor)),
  }),
  notificationRoute({
    method: "post",
    path: "/me/notifications/read-all",
    operationId: "markAllNotificationsRead",
    tag: "notifications",
    summary: "Mark every notification read",
    access: "user",
    responses: { 200: { description: "How many changed", schema: markAllReadSchema } },
    handler: async ({ caller }, { notifications }) => ok(await notifications.markAllRead(caller().uid)),
  }),
  notificationRoute({
    method: "post",
    path: "/me/notifications/{id}/read",
    operationId: "markNotificationRead",
    tag: "notifications",
    summary: "Mark one notification read",
    access: "user",
    params: notificationIdParamSchema,
    responses: { 204: { description: "Marked read", schema: undefined } },
    errors: [404],
    handler: async ({ params, caller }, { notifications }) => {
      await notifications.markRead(caller().uid, params.id);
      return noContent();
    },
  }),
  notificationRoute({
    method: "put",
    path: "/me/devices/{token}",
    operationId: "putDevice",
    tag: "notifications",
    summary: "Register this device for push notifications (moves it off any other account)",
    description:
      "Registering a token already registered refreshes it (200). The token leaves any other account it was " +
      "registered to, so a shared phone pushes only to whoever signed in last.",
    access: "user",
    params: deviceTokenParamSchema,
    secretParams: ["token"],
    body: putDeviceBodySchema,
    bodyOptional: true,
    responses: {
      200: { description: "Registration refreshed", schema: deviceSchema },
      201: { description: "Registered", schema: deviceSchema },
    },
    handler: async ({ params, body, caller }, { notifications }) => {
      const result = await notifications.registerDevice(caller().uid, params.token, body.platform);
      return result.created ? created(result.device) : ok(result.device);
    },
  }),
  notificationRoute({
    method: "delete",
    path: "/me/devices/{token}",
    operationId: "deleteDevice",
    tag: "notifications",
    summary: "Stop push notifications to this device",
    description: "Unregistering a token that is not registered is not an error.",
    access: "user",
    params: deviceTokenParamSchema,
    secretParams: ["token"],
    responses: { 204: { description: "Unregistered", schema: undefined } },
    handler: async ({ params, caller }, { notifications }) => {
      await notifications.unregisterDevice(caller().uid, params.token);
      return noContent();
    },
  }),
];
