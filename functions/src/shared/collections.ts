/** Every top-level Firestore collection name, in one place. Repositories build their paths from these. */
export const COLLECTIONS = {
  system: "system",
  processedEvents: "processedEvents",
} as const;
