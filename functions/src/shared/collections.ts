/** Every top-level Firestore collection name, in one place. Repositories build their paths from these. */
export const COLLECTIONS = {
  system: "system",
  processedEvents: "processedEvents",
  movies: "movies",
  movieDetails: "movieDetails",
  ratings: "ratings",
  users: "users",
  handles: "handles",
  emailIndex: "emailIndex",
  identities: "identities",
  refreshTokens: "refreshTokens",
  refreshFamilies: "refreshFamilies",
  loginThrottle: "loginThrottle",
  accountDeletions: "accountDeletions",
} as const;

/** Subcollection names (under the parent named in the comment). */
export const SUBCOLLECTIONS = {
  /** movies/{movieId}/ratingShards/{shard}: sharded rating aggregates. */
  ratingShards: "ratingShards",
  /** users/{uid}/watched/{movieId}: the watched diary. */
  watched: "watched",
  /** users/{uid}/watchlist/{movieId}. */
  watchlist: "watchlist",
} as const;
