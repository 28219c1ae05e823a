import { AppError } from "../shared/errors";
import { randomId, sha256Hex } from "../shared/crypto";
import { describeError, log } from "../shared/logger";
import { ONE_TIME, decodeCursor, encodeCursor } from "../shared/pagination";
import { parseInput } from "../shared/validation";
import type { DeviceRepository, NewNotification, NotificationRecord, NotificationRepository } from "./notifications.repository";
import {
  type DeviceView,
  type NotificationInput,
  type NotificationPage,
  type NotificationView,
  type StoredDevice,
  notificationInputSchema,
} from "./notifications.schema";
import type { PushTransport } from "./push";

/** Looks up a user's public handle (the people directory implements it). */
export interface HandleLookup {
  handleOf(uid: string): Promise<string | undefined>;
}

/** What notify did. */
export interface NotifyResult {
  /** The notification's id in the recipient's list (also sent in the push data as `notificationId`). */
  id: string;
  /** False when it was already there (same dedupeKey), or the recipient or actor no longer exists. */
  created: boolean;
  /** Devices the push reached, and devices pruned because FCM reported their token invalid. */
  pushed: number;
  pruned: number;
}

const CURSOR_KIND = "notifications";

export function toNotificationView({ id, notification: n }: NotificationRecord): NotificationView {
  return {
    id,
    kind: n.kind,
    actor: n.actorUid ? { uid: n.actorUid, handle: n.actorHandle } : null,
    data: n.data,
    title: n.title,
    body: n.body,
    read: n.read,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt ? n.readAt.toISOString() : null,
  };
}

const toDeviceView = (d: StoredDevice): DeviceView => ({
  platform: d.platform,
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
});

/** The id of a deduplicated notification: the same recipient and key always give the same id. */
export const notificationIdFor = (uid: string, dedupeKey: string): string => sha256Hex(`${uid}\n${dedupeKey}`).slice(0, 40);

/**
 * Notifications, the one service every feature uses to tell a person something: `notify` stores the
 * in-app notification and pushes it to the person's registered devices through FCM. The in-app list,
 * read state and device registration are served from here too.
 */
export class NotificationService {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly devices: DeviceRepository,
    private readonly push: PushTransport,
    private readonly handles: HandleLookup,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Tells `uid` something: stores the notification in their in-app list and pushes it to their devices,
   * pruning devices whose token FCM reports unregistered or invalid. With `dedupeKey` it is idempotent
   * (safe in at-least-once triggers): a repeated call stores nothing and pushes nothing. A recipient or
   * actor whose account is gone gets nothing. Push is best effort: a failed send is logged, not thrown,
   * because the in-app notification is already stored and a retry would not push again.
   */
  async notify(uid: string, input: NotificationInput): Promise<NotifyResult> {
    const n = parseInput(notificationInputSchema, input, "notification");
    const id = n.dedupeKey ? notificationIdFor(uid, n.dedupeKey) : randomId();
    const skipped = { id, created: false, pushed: 0, pruned: 0 };
    if (!(await this.notifications.userExists(uid))) return skipped;
    const actorHandle = n.actorUid ? await this.handles.handleOf(n.actorUid) : undefined;
    if (n.actorUid && actorHandle === undefined) return skipped;
    const render = (text: string) => (actorHandle === undefined ? text : text.replaceAll("{actor}", `@${actorHandle}`));
    const stored: NewNotification = {
      kind: n.kind,
      actorUid: n.actorUid ?? null,
      actorHandle: actorHandle ?? null,
      data: n.data,
      title: render(n.title),
      body: render(n.body),
      createdAt: this.now(),
    };
    if (!(await this.notifications.createIfAbsent(uid, id, stored))) return skipped;
    const { pushed, pruned } = await this.pushTo(uid, id, stored);
    log.info("notification sent", { uid, kind: n.kind, notificationId: id, pushed, pruned });
    return { id, created: true, pushed, pruned };
  }

  /** Removes a notification that no longer applies (a friend request cancelled before it was seen). */
  async retract(uid: string, dedupeKey: string): Promise<void> {
    await this.notifications.delete(uid, notificationIdFor(uid, dedupeKey));
  }

  private async pushTo(uid: string, id: string, n: NewNotification): Promise<{ pushed: number; pruned: number }> {
    const tokens = await this.devices.tokens(uid);
    if (tokens.length === 0) return { pushed: 0, pruned: 0 };
    try {
      const result = await this.push.send(tokens, { title: n.title, body: n.body, data: { ...n.data, kind: n.kind, notificationId: id } });
      if (result.invalidTokens.length > 0) await this.devices.deleteTokens(uid, result.invalidTokens);
      return { pushed: result.sent, pruned: result.invalidTokens.length };
    } catch (e: unknown) {
      log.warn("push failed", { uid, notificationId: id, devices: tokens.length, ...describeError(e) });
      return { pushed: 0, pruned: 0 };
    }
  }

  /** The caller's notifications, newest first, with the number unread. */
  async list(uid: string, limit: number, cursor?: string): Promise<NotificationPage> {
    const after = decodeCursor(CURSOR_KIND, cursor, ONE_TIME);
    const [{ items, next }, unreadCount] = await Promise.all([
      this.notifications.list(uid, after, limit),
      this.notifications.unreadCount(uid),
    ]);
    return { items: items.map(toNotificationView), nextCursor: next ? encodeCursor(CURSOR_KIND, next) : undefined, unreadCount };
  }

  async markRead(uid: string, id: string): Promise<void> {
    if (!(await this.notifications.markRead(uid, id, this.now()))) throw new AppError("not-found", "No such notification");
  }

  async markAllRead(uid: string): Promise<{ updated: number }> {
    return { updated: await this.notifications.markAllRead(uid, this.now()) };
  }

  /** Registers (or refreshes) a device for push; the token leaves any other account it was registered to. */
  async registerDevice(
    uid: string,
    token: string,
    platform: StoredDevice["platform"] | undefined,
  ): Promise<{ created: boolean; device: DeviceView }> {
    const released = await this.devices.releaseFromOthers(uid, token);
    const { created, stored } = await this.devices.put(uid, token, platform ?? null, this.now());
    log.info("device registered", { uid, created, releasedFromOthers: released });
    return { created, device: toDeviceView(stored) };
  }

  /** Unregisters a device (sign-out on the phone); unregistering an unknown token is not an error. */
  async unregisterDevice(uid: string, token: string): Promise<void> {
    await this.devices.delete(uid, token);
  }
}
