import assert from "node:assert/strict";
import { isAppError } from "../shared/errors";
import type { CursorPosition } from "../shared/pagination";
import type { DeviceRepository, NewNotification, NotificationRecord, NotificationRepository } from "./notifications.repository";
import type { StoredDevice } from "./notifications.schema";
import { NotificationService, notificationIdFor } from "./notifications.service";
import type { PushMessage, PushTransport } from "./push";

class MemoryNotifications implements NotificationRepository {
  readonly users = new Set<string>();
  readonly lists = new Map<string, Map<string, NotificationRecord["notification"]>>();

  async userExists(uid: string) {
    return this.users.has(uid);
  }
  async createIfAbsent(uid: string, id: string, n: NewNotification) {
    const list = this.lists.get(uid) ?? new Map();
    this.lists.set(uid, list);
    if (list.has(id)) return false;
    list.set(id, { ...n, read: false, createdAt: n.createdAt, readAt: null });
    return true;
  }
  async delete(uid: string, id: string) {
    this.lists.get(uid)?.delete(id);
  }
  async list(uid: string, _after: CursorPosition | undefined, limit: number) {
    return { items: (await this.listAll(uid)).slice(0, limit) };
  }
  async listAll(uid: string) {
    return [...(this.lists.get(uid) ?? new Map()).entries()].map(([id, notification]) => ({ id, notification }));
  }
  async unreadCount(uid: string) {
    return (await this.listAll(uid)).filter((r) => !r.notification.read).length;
  }
  async markRead(uid: string, id: string, at: Date) {
    const n = this.lists.get(uid)?.get(id);
    if (!n) return false;
    n.read = true;
    n.readAt = at;
    return true;
  }
  async markAllRead() {
    return 0;
  }
  async deleteByActor() {
    return 0;
  }
}

class MemoryDevices implements DeviceRepository {
  readonly tokensByUser = new Map<string, Set<string>>();
  async put(uid: string, token: string, platform: StoredDevice["platform"], now: Date) {
    const set = this.tokensByUser.get(uid) ?? new Set();
    this.tokensByUser.set(uid, set);
    const created = !set.has(token);
    set.add(token);
    const at = now;
    return { created, stored: { token, tokenHash: "h", platform, createdAt: at, updatedAt: at } };
  }
  async delete(uid: string, token: string) {
    this.tokensByUser.get(uid)?.delete(token);
  }
  async tokens(uid: string) {
    return [...(this.tokensByUser.get(uid) ?? [])];
  }
  async deleteTokens(uid: string, tokens: readonly string[]) {
    for (const t of tokens) this.tokensByUser.get(uid)?.delete(t);
  }
  async releaseFromOthers(uid: string, token: string) {
    let n = 0;
    for (const [owner, set] of this.tokensByUser) if (owner !== uid && set.delete(token)) n++;
    return n;
  }
}

class Recorder implements PushTransport {
  readonly sends: Array<{ tokens: string[]; message: PushMessage }> = [];
  constructor(
    private readonly invalid: string[] = [],
    private readonly fail = false,
  ) {}
  async send(tokens: readonly string[], message: PushMessage) {
    if (this.fail) throw new Error("FCM unavailable");
    this.sends.push({ tokens: [...tokens], message });
    const invalidTokens = tokens.filter((t) => this.invalid.includes(t));
    return { sent: tokens.length - invalidTokens.length, failed: invalidTokens.length, invalidTokens };
  }
}

function setup(push = new Recorder()) {
  const notifications = new MemoryNotifications();
  const devices = new MemoryDevices();
  notifications.users.add("bob");
  notifications.users.add("ada");
  const handles = { handleOf: async (uid: string) => (notifications.users.has(uid) ? uid : undefined) };
  const service = new NotificationService(notifications, devices, push, handles, () => new Date(Date.UTC(2026, 0, 1)));
  return { notifications, devices, push, service };
}

const request = {
  kind: "friend.request",
  actorUid: "ada",
  data: { requestId: "ada_bob" },
  title: "New friend request",
  body: "{actor} wants to be your friend",
  dedupeKey: "friend.request:ada_bob:1",
};

describe("NotificationService", () => {
  describe("notify", () => {
    it("stores the notification with the actor's handle and pushes it to every device", async () => {
      const { service, notifications, devices, push } = setup();
      await devices.put("bob", "phone-token", "ios", new Date());
      await devices.put("bob", "tablet-token", "android", new Date());
      const result = await service.notify("bob", request);
      assert.deepEqual(result, { id: notificationIdFor("bob", request.dedupeKey), created: true, pushed: 2, pruned: 0 });
      const [stored] = await notifications.listAll("bob");
      assert.equal(stored.notification.body, "@ada wants to be your friend");
      assert.equal(stored.notification.actorHandle, "ada");
      assert.deepEqual(push.sends[0].tokens, ["phone-token", "tablet-token"]);
      assert.deepEqual(push.sends[0].message.data, { requestId: "ada_bob", kind: "friend.request", notificationId: result.id });
    });

    it("stores and pushes once for one dedupe key (a redelivered trigger event)", async () => {
      const { service, notifications, devices, push } = setup();
      await devices.put("bob", "phone-token", null, new Date());
      await service.notify("bob", request);
      const again = await service.notify("bob", request);
      assert.equal(again.created, false);
      assert.equal((await notifications.listAll("bob")).length, 1);
      assert.equal(push.sends.length, 1);
    });

    it("prunes the devices whose tokens the push service reports invalid", async () => {
      const { service, devices } = setup(new Recorder(["stale-token"]));
      await devices.put("bob", "stale-token", null, new Date());
      await devices.put("bob", "good-token", null, new Date());
      const result = await service.notify("bob", request);
      assert.equal(result.pruned, 1);
      assert.deepEqual(await devices.tokens("bob"), ["good-token"]);
    });

    it("keeps the in-app notification when the push fails", async () => {
      const { service, notifications, devices } = setup(new Recorder([], true));
      await devices.put("bob", "phone-token", null, new Date());
      const result = await service.notify("bob", request);
      assert.deepEqual([result.created, result.pushed], [true, 0]);
      assert.equal((await notifications.listAll("bob")).length, 1);
      assert.deepEqual(await devices.tokens("bob"), ["phone-token"]);
    });

    it("sends nothing to a deleted recipient, or about a deleted actor", async () => {
      const { service, notifications } = setup();
      assert.equal((await service.notify("gone", request)).created, false);
      assert.equal((await service.notify("bob", { ...request, actorUid: "ghost" })).created, false);
      assert.equal((await notifications.listAll("bob")).length, 0);
    });

    it("accepts a kind of another feature, without an actor", async () => {
      const { service, notifications } = setup();
      const result = await service.notify("bob", {
        kind: "night.match",
        data: { nightId: "n1", movieId: "9001" },
        title: "It's a match",
        body: "Everyone liked Amélie",
      });
      assert.equal(result.created, true);
      assert.equal((await notifications.listAll("bob"))[0].notification.actorUid, null);
    });

    for (const [name, bad] of [
      ["kind without a domain", { ...request, kind: "request" }],
      ["reserved data key", { ...request, data: { kind: "x" } }],
      ["non-string data", { ...request, data: { n: 1 } }],
      ["empty title", { ...request, title: "" }],
    ] as const) {
      it(`refuses a malformed notification: ${name}`, async () => {
        const { service, notifications } = setup();
        await assert.rejects(service.notify("bob", bad as never), (e: unknown) => isAppError(e) && e.code === "invalid-argument");
        assert.equal((await notifications.listAll("bob")).length, 0);
      });
    }
  });

  it("retracts a deduplicated notification by its key", async () => {
    const { service, notifications } = setup();
    await service.notify("bob", request);
    await service.retract("bob", request.dedupeKey);
    assert.equal((await notifications.listAll("bob")).length, 0);
  });

  it("lists with the unread count and marks read; an unknown id is not-found", async () => {
    const { service } = setup();
    const { id } = await service.notify("bob", request);
    assert.equal((await service.list("bob", 20)).unreadCount, 1);
    await service.markRead("bob", id);
    const page = await service.list("bob", 20);
    assert.deepEqual([page.unreadCount, page.items[0].read, page.items[0].readAt], [0, true, "2026-01-01T00:00:00.000Z"]);
    await assert.rejects(service.markRead("bob", "nope"), (e: unknown) => isAppError(e) && e.code === "not-found");
  });

  it("moves a device token from another account when it is registered", async () => {
    const { service, devices } = setup();
    await service.registerDevice("ada", "shared-phone", "ios");
    const result = await service.registerDevice("bob", "shared-phone", undefined);
    assert.equal(result.created, true);
    assert.deepEqual([await devices.tokens("ada"), await devices.tokens("bob")], [[], ["shared-phone"]]);
  });
});
