import { onDocumentCreated } from "firebase-functions/v2/firestore";
import { triggerDeps } from "../trigger-deps";
import { withLogContext } from "../shared/logger";

/**
 * Runs the account deletion cascade when DELETE /v1/me files `accountDeletions/{uid}`. Retried on
 * failure; the cascade records each eraser's completion, so a retry or a duplicate delivery only
 * finishes what is left.
 */
export const onAccountDeletionRequested = onDocumentCreated({ document: "accountDeletions/{uid}", retry: true }, (event) =>
  withLogContext({ eventId: event.id }, () => triggerDeps().accountDeletion.run(event.params.uid)),
);
