import { log } from "../shared/logger";

/** What a push shows on the device, and the data the app reads when it is opened. */
export interface PushMessage {
  title: string;
  body: string;
  /** FCM data payload: string values only. */
  data: Record<string, string>;
}

/** The outcome of one send: counts, and the tokens the push service says will never work again. */
export interface PushResult {
  sent: number;
  failed: number;
  invalidTokens: string[];
}

/**
 * Sends push notifications to device registration tokens. Production uses FCM (FcmPushTransport); the
 * local emulators log instead (LogPushTransport: FCM has no emulator and cannot be reached there).
 */
export interface PushTransport {
  send(tokens: readonly string[], message: PushMessage): Promise<PushResult>;
}

/** FCM error codes meaning the token is gone for good: the device is pruned. Other errors are transient. */
export const INVALID_TOKEN_CODES: ReadonlySet<string> = new Set([
  "messaging/registration-token-not-registered",
  "messaging/invalid-registration-token",
]);

/** FCM accepts at most 500 tokens per multicast call. */
export const FCM_MULTICAST_LIMIT = 500;

/** The part of firebase-admin's `Messaging` this transport uses (unit tests pass a fake). */
export interface MulticastClient {
  sendEachForMulticast(message: {
    tokens: string[];
    notification: { title: string; body: string };
    data: Record<string, string>;
    android?: { priority: "high" | "normal" };
    apns?: { payload: { aps: { sound?: string } } };
  }): Promise<{ responses: Array<{ success: boolean; error?: { code: string } }> }>;
}

/**
 * Push through Firebase Cloud Messaging (`getMessaging()` in deps.ts). Sends in chunks of 500 and
 * reports which tokens FCM called unregistered or invalid, so the caller can delete those devices.
 */
export class FcmPushTransport implements PushTransport {
  constructor(private readonly messaging: MulticastClient) {}

  async send(tokens: readonly string[], message: PushMessage): Promise<PushResult> {
    const result: PushResult = { sent: 0, failed: 0, invalidTokens: [] };
    for (let i = 0; i < tokens.length; i += FCM_MULTICAST_LIMIT) {
      const chunk = tokens.slice(i, i + FCM_MULTICAST_LIMIT);
      const batch = await this.messaging.sendEachForMulticast({
        tokens: chunk,
        notification: { title: message.title, body: message.body },
        data: message.data,
        android: { priority: "high" },
        apns: { payload: { aps: { sound: "default" } } },
      });
      batch.responses.forEach((response, j) => {
        if (response.success) {
          result.sent += 1;
          return;
        }
        result.failed += 1;
        if (response.error && INVALID_TOKEN_CODES.has(response.error.code)) result.invalidTokens.push(chunk[j]);
      });
    }
    return result;
  }
}

/**
 * Push for the local emulators: logs what would be sent (counts and the kind, never the tokens) and
 * sends nothing. FCM has no emulator, and nothing outside the machine can be reached there.
 */
export class LogPushTransport implements PushTransport {
  async send(tokens: readonly string[], message: PushMessage): Promise<PushResult> {
    log.info("push not sent (local transport)", { devices: tokens.length, kind: message.data.kind });
    return { sent: 0, failed: 0, invalidTokens: [] };
  }
}
