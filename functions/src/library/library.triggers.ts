import { COLLECTIONS, SUBCOLLECTIONS } from "../shared/collections";
import { documentTrigger } from "../shared/triggers";
import { triggerDeps } from "../trigger-deps";
import { storedWatchedSchema } from "./library.schema";

/** Keeps each user's watched counter; retried on transient errors, applied once per event. */
export const onWatchedWritten = documentTrigger(
  {
    name: "onWatchedWritten",
    document: `${COLLECTIONS.users}/{uid}/${SUBCOLLECTIONS.watched}/{movieId}`,
    schema: storedWatchedSchema,
  },
  ({ before, after }, event) =>
    triggerDeps().library.applyWatchedWrite(event.id, event.params.uid, before !== undefined, after !== undefined),
);
