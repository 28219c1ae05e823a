import type { OpenApiPaths } from "../http/openapi";
import { cursorParam, errorResponses, jsonBody, jsonResponse, limitParam } from "../http/openapi-common";

const tokenParam = {
  name: "token",
  in: "path",
  required: true,
  description: "The FCM registration token of the device",
  schema: { type: "string", pattern: "^[A-Za-z0-9:_-]{16,4096}$" },
};
const idParam = { name: "id", in: "path", required: true, schema: { type: "string", pattern: "^[A-Za-z0-9]{1,64}$" } };

export const notificationsPaths: OpenApiPaths = {
  "/me/notifications": {
    get: {
      operationId: "listNotifications",
      tags: ["notifications"],
      summary: "The caller's notifications, newest first, with the unread count",
      parameters: [limitParam, cursorParam],
      responses: {
        "200": jsonResponse("A page of notifications", { $ref: "#/components/schemas/NotificationPage" }),
        ...errorResponses(400, 401),
      },
    },
  },
  "/me/notifications/{id}/read": {
    post: {
      operationId: "markNotificationRead",
      tags: ["notifications"],
      summary: "Mark one notification read",
      parameters: [idParam],
      responses: { "204": { description: "Marked read" }, ...errorResponses(400, 401, 404) },
    },
  },
  "/me/notifications/read-all": {
    post: {
      operationId: "markAllNotificationsRead",
      tags: ["notifications"],
      summary: "Mark every notification read",
      responses: {
        "200": jsonResponse("How many changed", { type: "object", required: ["updated"], properties: { updated: { type: "integer" } } }),
        ...errorResponses(401),
      },
    },
  },
  "/me/devices/{token}": {
    put: {
      operationId: "putDevice",
      tags: ["notifications"],
      summary: "Register this device for push notifications (moves it off any other account)",
      parameters: [tokenParam],
      requestBody: jsonBody(
        { type: "object", additionalProperties: false, properties: { platform: { enum: ["ios", "android", "web"] } } },
        false,
      ),
      responses: {
        "200": jsonResponse("Registration refreshed", { $ref: "#/components/schemas/Device" }),
        "201": jsonResponse("Registered", { $ref: "#/components/schemas/Device" }),
        ...errorResponses(400, 401),
      },
    },
    delete: {
      operationId: "deleteDevice",
      tags: ["notifications"],
      summary: "Stop push notifications to this device",
      parameters: [tokenParam],
      responses: { "204": { description: "Unregistered" }, ...errorResponses(400, 401) },
    },
  },
};

export const notificationsSchemas = {
  Notification: {
    type: "object",
    required: ["id", "kind", "actor", "data", "title", "body", "read", "createdAt", "readAt"],
    properties: {
      id: { type: "string" },
      kind: { type: "string", examples: ["friend.request", "friend.accepted"] },
      actor: {
        type: ["object", "null"],
        required: ["uid", "handle"],
        properties: { uid: { type: "string" }, handle: { type: ["string", "null"] } },
      },
      data: { type: "object", additionalProperties: { type: "string" } },
      title: { type: "string" },
      body: { type: "string" },
      read: { type: "boolean" },
      createdAt: { type: "string", format: "date-time" },
      readAt: { type: ["string", "null"], format: "date-time" },
    },
  },
  NotificationPage: {
    type: "object",
    required: ["items", "unreadCount"],
    properties: {
      items: { type: "array", items: { $ref: "#/components/schemas/Notification" } },
      nextCursor: { type: "string" },
      unreadCount: { type: "integer" },
    },
  },
  Device: {
    type: "object",
    required: ["platform", "createdAt", "updatedAt"],
    properties: {
      platform: { enum: ["ios", "android", "web", null] },
      createdAt: { type: "string", format: "date-time" },
      updatedAt: { type: "string", format: "date-time" },
    },
  },
};
