import { COLLECTIONS } from "../shared/collections";
import { documentTrigger } from "../shared/triggers";
import { triggerDeps } from "../trigger-deps";
import { storedAccountDeletionSchema } from "./users.schema";

/**
 * Runs the account deletion cascade when DELETE /v1/me files `accountDeletions/{uid}`. Unlike the
 * other triggers it retries every failure ("retry-all"), permanent ones included: dropping the event
 * would leave personal data behind, and the cascade records each eraser's completion, so a retry or a
 * duplicate delivery only finishes what is left.
 */
export const onAccountDeletionRequested = documentTrigger(
  {
    name: "onAccountDeletionRequested",
    document: `${COLLECTIONS.accountDeletions}/{uid}`,
    schema: storedAccountDeletionSchema,
    on: "created",
    errors: "retry-all",
  },
  (_change, event) => triggerDeps().accountDeletion.run(event.params.uid),
);
