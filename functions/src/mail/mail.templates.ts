import type { MailContent } from "./mail.schema";

/** The product's name as mail shows it. */
const PRODUCT = "Movie Night";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

interface Layout {
  subject: string;
  /** Paragraphs of plain text (escaped for HTML). */
  paragraphs: string[];
  /** A call to action: the button's label and its link. */
  action?: { label: string; url: string };
  /** Paragraphs after the action. */
  after?: string[];
}

/** Renders one message in both bodies: plain text for every client, a small HTML version for the rest. */
function render({ subject, paragraphs, action, after = [] }: Layout): MailContent {
  const text = [...paragraphs, ...(action ? [`${action.label}: ${action.url}`] : []), ...after, `— ${PRODUCT}`].join("\n\n");
  const p = (t: string) => `<p style="margin:0 0 16px">${escapeHtml(t)}</p>`;
  const button = action
    ? `<p style="margin:0 0 16px"><a href="${escapeHtml(action.url)}" style="display:inline-block;padding:10px 18px;background:#b3261e;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(action.label)}</a></p>` +
      p(`If the button does not work, open this link: ${action.url}`)
    : "";
  const html =
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="font-family:system-ui,sans-serif;color:#1d1b20;max-width:560px;margin:24px auto;padding:0 16px">` +
    paragraphs.map(p).join("") +
    button +
    after.map(p).join("") +
    `<p style="margin:24px 0 0;color:#666">— ${PRODUCT}</p></body></html>`;
  return { subject, text, html };
}

/** A password reset link (the person asked for it; a stranger may have). */
export function passwordResetMail(link: string, validMinutes: number): MailContent {
  return render({
    subject: `Reset your ${PRODUCT} password`,
    paragraphs: [`Someone asked to reset the password of your ${PRODUCT} account. If it was you, choose a new password:`],
    action: { label: "Choose a new password", url: link },
    after: [`The link works once, for ${validMinutes} minutes. If you did not ask, ignore this message: your password stays as it is.`],
  });
}

/** The link that proves the person receives mail at the address they signed up with. */
export function emailVerificationMail(link: string, validHours: number): MailContent {
  return render({
    subject: `Confirm your ${PRODUCT} email address`,
    paragraphs: [`Welcome to ${PRODUCT}. Confirm that this address is yours:`],
    action: { label: "Confirm my address", url: link },
    after: [`The link works once, for ${validHours} hours. If you did not sign up, ignore this message.`],
  });
}

/** The link that switches an account to a new address (sent to that address). */
export function emailChangeVerificationMail(link: string, validHours: number): MailContent {
  return render({
    subject: `Confirm your new ${PRODUCT} email address`,
    paragraphs: [`Someone asked to use this address for their ${PRODUCT} account. If it was you, confirm it:`],
    action: { label: "Use this address", url: link },
    after: [
      `The link works once, for ${validHours} hours. Until then the account keeps its old address. If you did not ask, ignore this message.`,
    ],
  });
}

/** Security notice to the old address: the account now uses another one; a link undoes it. */
export function emailChangedMail(newAddressMasked: string, undoLink: string, validDays: number): MailContent {
  return render({
    subject: `The email address of your ${PRODUCT} account was changed`,
    paragraphs: [
      `Your ${PRODUCT} account now uses the address ${newAddressMasked} instead of this one.`,
      "If this was you, there is nothing to do. If it was not, undo the change: this address comes back and every device is signed out.",
    ],
    action: { label: "Undo the change", url: undoLink },
    after: [
      `The link works once, for ${validDays} days. Undoing also ends your password: a link to choose a new one comes to this address.`,
    ],
  });
}

/** Security notice: the password changed (by the person, or by a reset). */
export function passwordChangedMail(): MailContent {
  return render({
    subject: `Your ${PRODUCT} password was changed`,
    paragraphs: [
      `The password of your ${PRODUCT} account was just changed, and every device was signed out.`,
      "If this was not you, reset your password at once from the app's sign-in screen, and tell us.",
    ],
  });
}

/** Security notice: a sign-in from a device this account had not used before. */
export function newDeviceMail(deviceLabel: string, at: Date): MailContent {
  return render({
    subject: `New sign-in to your ${PRODUCT} account`,
    paragraphs: [
      `Your ${PRODUCT} account was signed in on a new device: ${deviceLabel.slice(0, 80) || "an unnamed device"}, at ${at.toISOString().replace("T", " ").slice(0, 16)} UTC.`,
      "If this was you, there is nothing to do. If not, change your password at once; every other device is then signed out.",
    ],
  });
}
