import { createTransport, type Transporter } from "nodemailer";
import type { DeliveryInfo, MailContent } from "./mail.schema";
import { MailSendError, type MailTransport } from "./mail.service";

/** nodemailer's error codes for a connection that failed or broke: worth another attempt. */
const TRANSIENT_CODES = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ECONNREFUSED", "ECONNRESET", "EPIPE"]);

/**
 * True when trying again later may succeed: an SMTP 4xx reply (greylisting, a full queue, "try again"),
 * or a connection that failed without a reply. A 5xx reply or a bad configuration (EAUTH) is permanent.
 */
export function isTransientSmtpError(e: unknown): boolean {
  const { code, responseCode } = (typeof e === "object" && e !== null ? e : {}) as { code?: unknown; responseCode?: unknown };
  if (typeof responseCode === "number") return responseCode >= 400 && responseCode < 500;
  return typeof code === "string" && TRANSIENT_CODES.has(code);
}

/**
 * Delivery over SMTP with nodemailer. The connection comes from the SMTP_URL secret
 * (`smtp://user:pass@host:587`, `smtps://...:465`); locally it points at the development mail catcher.
 */
export class SmtpMailTransport implements MailTransport {
  private readonly transporter: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    // Short timeouts: a hung server must fail an attempt (and be retried), not the whole trigger.
    this.transporter = createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  }

  async send(to: string, content: MailContent): Promise<DeliveryInfo> {
    try {
      const info = await this.transporter.sendMail({
        from: this.from,
        to,
        subject: content.subject,
        text: content.text,
        html: content.html,
      });
      return {
        messageId: typeof info.messageId === "string" ? info.messageId : null,
        accepted: (info.accepted ?? []).map(String),
        rejected: (info.rejected ?? []).map(String),
        pending: ((info as { pending?: unknown[] }).pending ?? []).map(String),
        response: typeof info.response === "string" ? info.response : null,
      };
    } catch (e: unknown) {
      throw new MailSendError(e instanceof Error ? e.message : String(e), isTransientSmtpError(e));
    }
  }
}
