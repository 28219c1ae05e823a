import { SMTP_URL } from "../config/params";
import { documentTrigger } from "../shared/triggers";
import { triggerDeps } from "../trigger-deps";
import { mailDocumentSchema } from "./mail.schema";

/**
 * Delivers each message written to the outbox (`mail/{mailId}`) over SMTP: a new message, or one an
 * operator (or the extension's convention) set back to RETRY. The service claims it in a transaction, so a
 * redelivered event, or the event of its own delivery record, sends nothing.
 */
export const onMailQueued = documentTrigger(
  { name: "onMailQueued", document: "mail/{mailId}", schema: mailDocumentSchema, secrets: [SMTP_URL], timeoutSeconds: 300 },
  async ({ after }, { params }) => {
    const state = after ? (after.delivery?.state ?? "PENDING") : undefined;
    if (state !== "PENDING" && state !== "RETRY") return;
    await triggerDeps().mailDelivery().deliver(params.mailId);
  },
);
