import { onDocumentWritten } from "firebase-functions/v2/firestore";
import { firestore, makeCatalogueDeps } from "../deps";
import { COLLECTIONS, SUBCOLLECTIONS } from "../shared/collections";
import { withLogContext } from "../shared/logger";
import { runTrigger } from "../shared/triggers";
import type { LibraryService } from "./library.service";

let service: LibraryService | undefined;

/** Keeps each user's watched counter; retried on failure, applied once per event. */
export const onWatchedWritten = onDocumentWritten(
  { document: `${COLLECTIONS.users}/{uid}/${SUBCOLLECTIONS.watched}/{movieId}`, retry: true },
  (event) =>
    withLogContext({ eventId: event.id }, () =>
      runTrigger(event.id, "onWatchedWritten", async () => {
        service ??= makeCatalogueDeps(firestore(), {}).library;
        await service.applyWatchedWrite(event.id, event.params.uid, event.data?.before.exists ?? false, event.data?.after.exists ?? false);
      }),
    ),
);
