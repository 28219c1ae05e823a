import { log } from "../shared/logger";
import { passwordChangedMail, newDeviceMail } from "./mail.templates";
import type { MailOutbox } from "./mail.service";

/** How a notice finds where to write: the account's current address (null: none, no notice). */
export interface NoticeRecipients {
  emailOf(uid: string): Promise<string | null>;
}

/**
 * Security notices by mail: what the person should hear about even when they did it themselves. Sign-in
 * code calls `newDevice(uid, deviceLabel)` when it sees a device id it has not seen for the account; the
 * password change calls `passwordChanged(uid)`. Each queues one message; delivery never blocks the caller.
 */
export class SecurityNotices {
  constructor(
    private readonly outbox: MailOutbox,
    private readonly recipients: NoticeRecipients,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async passwordChanged(uid: string): Promise<void> {
    const to = await this.recipients.emailOf(uid);
    if (to) await this.outbox.enqueue({ to, kind: "password-changed", uid, content: passwordChangedMail() });
    else log.info("no address for a security notice", { uid, kind: "password-changed" });
  }

  /** A sign-in from a device not seen before; the label is the one the app sent (display only). */
  async newDevice(uid: string, deviceLabel: string): Promise<void> {
    const to = await this.recipients.emailOf(uid);
    if (to) await this.outbox.enqueue({ to, kind: "new-device", uid, content: newDeviceMail(deviceLabel, this.now()) });
    else log.info("no address for a security notice", { uid, kind: "new-device" });
  }
}
