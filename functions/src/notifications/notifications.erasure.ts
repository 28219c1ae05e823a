import type { UserDataEraser, UserDataExporter } from "../users/user-data-erasers";
import type { NotificationRepository } from "./notifications.repository";
import { toNotificationView } from "./notifications.service";

/**
 * Account deletion: removes notifications about the user from everyone's list (their own list and
 * devices go with their tree).
 */
export class NotificationsEraser implements UserDataEraser {
  readonly name = "notifications";
  constructor(private readonly notifications: NotificationRepository) {}

  async erase(uid: string): Promise<void> {
    await this.notifications.deleteByActor(uid);
  }
}

/** GET /v1/me/export: the user's notifications (device tokens are not exported). */
export class NotificationsExporter implements UserDataExporter {
  readonly name = "notifications";
  constructor(private readonly notifications: NotificationRepository) {}

  async export(uid: string): Promise<unknown> {
    return (await this.notifications.listAll(uid)).map(toNotificationView);
  }
}
