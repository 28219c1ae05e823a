import { COLLECTIONS } from "../shared/collections";
import { documentTrigger } from "../shared/triggers";
import { triggerDeps } from "../trigger-deps";
import { storedRatingSchema } from "./ratings.schema";

/**
 * Keeps each film's rating aggregates and each user's rating counter. Retried on transient errors;
 * the service applies every event once.
 */
export const onRatingWritten = documentTrigger(
  { name: "onRatingWritten", document: `${COLLECTIONS.ratings}/{ratingId}`, schema: storedRatingSchema },
  ({ before, after }, event) => triggerDeps().ratings.applyRatingWrite(event.id, before, after),
);
