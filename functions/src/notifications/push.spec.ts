import assert from "node:assert/strict";
import { FcmPushTransport, type MulticastClient } from "./push";

type Multicast = Parameters<MulticastClient["sendEachForMulticast"]>[0];

/** A stand-in for firebase-admin's Messaging: answers each token with the error code the test gives it. */
class FakeMessaging implements MulticastClient {
  readonly calls: Multicast[] = [];
  constructor(private readonly errors: Record<string, string> = {}) {}

  async sendEachForMulticast(message: Multicast) {
    this.calls.push(message);
    return {
      responses: message.tokens.map((t) => (this.errors[t] ? { success: false, error: { code: this.errors[t] } } : { success: true })),
    };
  }
}

const message = {
  title: "New friend request",
  body: "@ada wants to be your friend",
  data: { kind: "friend.request", notificationId: "n1" },
};

describe("FcmPushTransport", () => {
  it("sends the title, body and data to every token and counts successes", async () => {
    const fcm = new FakeMessaging();
    const result = await new FcmPushTransport(fcm).send(["t1", "t2"], message);
    assert.deepEqual(result, { sent: 2, failed: 0, invalidTokens: [] });
    assert.equal(fcm.calls.length, 1);
    assert.deepEqual(fcm.calls[0].tokens, ["t1", "t2"]);
    assert.deepEqual(fcm.calls[0].notification, { title: message.title, body: message.body });
    assert.deepEqual(fcm.calls[0].data, message.data);
  });

  it("reports unregistered and invalid tokens for pruning, and keeps tokens that failed for other reasons", async () => {
    const fcm = new FakeMessaging({
      gone: "messaging/registration-token-not-registered",
      junk: "messaging/invalid-registration-token",
      busy: "messaging/internal-error",
      quota: "messaging/message-rate-exceeded",
    });
    const result = await new FcmPushTransport(fcm).send(["ok", "gone", "busy", "junk", "quota"], message);
    assert.deepEqual(result, { sent: 1, failed: 4, invalidTokens: ["gone", "junk"] });
  });

  it("splits more than 500 tokens into multicasts of at most 500, mapping errors to the right tokens", async () => {
    const tokens = Array.from({ length: 1201 }, (_, i) => `t${i}`);
    const fcm = new FakeMessaging({
      t0: "messaging/invalid-registration-token",
      t1200: "messaging/registration-token-not-registered",
      t700: "messaging/registration-token-not-registered",
    });
    const result = await new FcmPushTransport(fcm).send(tokens, message);
    assert.deepEqual(
      fcm.calls.map((c) => c.tokens.length),
      [500, 500, 201],
    );
    assert.deepEqual(result.invalidTokens, ["t0", "t700", "t1200"]);
    assert.equal(result.sent, 1198);
  });

  it("sends nothing for no tokens", async () => {
    const fcm = new FakeMessaging();
    assert.deepEqual(await new FcmPushTransport(fcm).send([], message), { sent: 0, failed: 0, invalidTokens: [] });
    assert.equal(fcm.calls.length, 0);
  });
});
