/**
 * The development mail catcher that `npm test` runs beside the emulators (scripts/lib/mail-catcher.mjs):
 * what the functions delivered over SMTP, read back through its REST API.
 */
import { waitFor } from "./emulators";

export const MAIL_INBOX_URL = "http://127.0.0.1:1080";

/** A message as the mail catcher received it. */
export interface CaughtMail {
  id: string;
  subject: string;
  text: string;
  html: string;
  to: Array<{ address: string }>;
  from: Array<{ address: string; name: string }>;
  time: string;
}

/** Every message the catcher holds, in arrival order. */
export async function inbox(): Promise<CaughtMail[]> {
  const res = await fetch(`${MAIL_INBOX_URL}/api/email`);
  if (!res.ok) throw new Error(`Mail inbox: ${res.status} (is the mail catcher running? npm test starts it)`);
  return (await res.json()) as CaughtMail[];
}

/** The messages to one address. */
export async function mailTo(address: string): Promise<CaughtMail[]> {
  return (await inbox()).filter((m) => m.to.some((t) => t.address.toLowerCase() === address.toLowerCase()));
}

/**
 * Waits until `count` messages to the address (with a subject matching `subject`, when given) have arrived,
 * and returns them. Every sign-up mails a verification link, so tests about other mail filter by subject.
 */
export function waitForMailTo(
  address: string,
  { count = 1, timeoutMs = 30_000, subject }: { count?: number; timeoutMs?: number; subject?: RegExp } = {},
): Promise<CaughtMail[]> {
  return waitFor(
    async () => {
      const found = (await mailTo(address)).filter((m) => !subject || subject.test(m.subject));
      return found.length >= count ? found : undefined;
    },
    { timeoutMs, what: `${count} message(s) to ${address}` },
  );
}

/** A unique address for one test, so tests never read each other's mail. */
export function uniqueAddress(prefix = "person"): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@movie-night.example`;
}

/** The first link in a text body that starts with `prefix`. */
export function linkIn(text: string, prefix: string): string {
  const found = text.split(/\s+/).find((w) => w.startsWith(prefix));
  if (!found) throw new Error(`No link starting with ${prefix} in the message`);
  return found;
}
