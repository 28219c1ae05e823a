import {
  APP_LINK_ORIGIN,
  EMAIL_VERIFICATION_MAILS_PER_HOUR,
  PASSWORD_RESET_MAILS_PER_HOUR,
  PASSWORD_RESET_REQUESTS_PER_CLIENT_PER_HOUR,
} from "../config/params";
import { DEFAULT_EMAIL_VERIFICATION_POLICY, type EmailVerificationPolicy } from "./email-verification.service";
import { DEFAULT_PASSWORD_RESET_POLICY, type PasswordResetPolicy } from "./recovery.service";

/** What account recovery needs from configuration. */
export interface RecoveryConfig {
  /** Origin of mail links, without a trailing slash. */
  linkOrigin: string;
  passwordReset: PasswordResetPolicy;
  /** Absent: the defaults (tests that build a config by hand need not name it). */
  emailVerification?: EmailVerificationPolicy;
}

/** Reads the params; call at run time only. A link origin that is not http(s) fails loudly. */
export function loadRecoveryConfig(): RecoveryConfig {
  const linkOrigin = APP_LINK_ORIGIN.value().replace(/\/+$/, "");
  if (!/^https?:\/\/[^/]+$/.test(linkOrigin)) throw new Error("APP_LINK_ORIGIN must be an origin such as https://example.web.app");
  return {
    linkOrigin,
    passwordReset: {
      ...DEFAULT_PASSWORD_RESET_POLICY,
      mailsPerAddressPerHour: PASSWORD_RESET_MAILS_PER_HOUR.value(),
      requestsPerClientPerHour: PASSWORD_RESET_REQUESTS_PER_CLIENT_PER_HOUR.value(),
    },
    emailVerification: { ...DEFAULT_EMAIL_VERIFICATION_POLICY, resendsPerHour: EMAIL_VERIFICATION_MAILS_PER_HOUR.value() },
  };
}
