import { MAIL_FROM, SMTP_URL } from "../config/params";

/** What mail delivery needs from configuration. */
export interface MailConfig {
  smtpUrl: string;
  from: string;
}

/** Reads the SMTP secret and the sender; call at run time only. A URL that is not smtp(s) fails loudly. */
export function loadMailConfig(): MailConfig {
  const smtpUrl = SMTP_URL.value();
  if (!/^smtps?:\/\//.test(smtpUrl)) throw new Error("SMTP_URL must be an smtp:// or smtps:// URL");
  return { smtpUrl, from: MAIL_FROM.value() };
}
