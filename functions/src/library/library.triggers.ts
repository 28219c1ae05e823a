import { onDocumentWritten } from "firebase-functions/v2/firestore";
import { COLLECTIONS, SUBCOLLECTIONS } from "../shared/collections";
import { withLogContext } from "../shared/logger";
import { runTrigger } from "../shared/triggers";
import { triggerDeps } from "../trigger-deps";

/** Keeps each user's watched counter; retried on failure, applied once per event. */
export const onWatchedWritten = onDocumentWritten(
  { document: `${COLLECTIONS.users}/{uid}/${SUBCOLLECTIONS.watched}/{movieId}`, retry: true },
  (event) =>
    withLogContext({ eventId: event.id }, () =>
      runTrigger(event.id, "onWatchedWritten", async () => {
        await triggerDeps().library.applyWatchedWrite(
          event.id,
          event.params.uid,
          event.data?.before.exists ?? false,
          event.data?.after.exists ?? false,
        );
      }),
    ),
);
