import type { RequestHandler, Router } from "express";
import { callerOf } from "../http/auth.middleware";
import { pageQuerySchema } from "../shared/pagination";
import { parseInput } from "../shared/validation";
import { deviceTokenParamSchema, notificationIdParamSchema, putDeviceBodySchema } from "./notifications.schema";
import type { NotificationService } from "./notifications.service";

/** The caller's in-app notifications and push devices. */
export function registerNotificationRoutes(router: Router, notifications: NotificationService, auth: RequestHandler): void {
  router.get("/me/notifications", auth, async (req, res) => {
    const { limit, cursor } = parseInput(pageQuerySchema, req.query, "query");
    res.set("Cache-Control", "private, no-store").json(await notifications.list(callerOf(res).uid, limit, cursor));
  });

  router.post("/me/notifications/read-all", auth, async (_req, res) => {
    res.json(await notifications.markAllRead(callerOf(res).uid));
  });

  router.post("/me/notifications/:id/read", auth, async (req, res) => {
    const { id } = parseInput(notificationIdParamSchema, req.params, "notification id");
    await notifications.markRead(callerOf(res).uid, id);
    res.status(204).end();
  });

  router.put("/me/devices/:token", auth, async (req, res) => {
    const { token } = parseInput(deviceTokenParamSchema, req.params, "device token");
    const { platform } = parseInput(putDeviceBodySchema, req.body ?? {}, "device");
    const result = await notifications.registerDevice(callerOf(res).uid, token, platform);
    res.status(result.created ? 201 : 200).json(result.device);
  });

  router.delete("/me/devices/:token", auth, async (req, res) => {
    const { token } = parseInput(deviceTokenParamSchema, req.params, "device token");
    await notifications.unregisterDevice(callerOf(res).uid, token);
    res.status(204).end();
  });
}
