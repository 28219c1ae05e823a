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
  /** friendRequests/{from}_{to}: a pending friend request (deleted once answered or cancelled). */
  friendRequests: "friendRequests",
  /** friendships/{a}_{b} (a < b): the canonical friendship; the per-user mirrors follow it by trigger. */
  friendships: "friendships",
  /** blocks/{blocker}_{blocked}. */
  blocks: "blocks",
  /** nights/{nightId}: a movie night room (swipes underneath). */
  nights: "nights",
  /** nightCodes/{code}: the open room holding a join code (unique among open rooms). */
  nightCodes: "nightCodes",
  /** nightMembers/{uid}: the one open room a person is in. */
  nightMembers: "nightMembers",
  /** idempotencyKeys/{sha256(caller, operation, key)}: a create's kept outcome (http/idempotency.ts); TTL on expiresAt. */
  idempotencyKeys: "idempotencyKeys",
} as const;

/** Subcollection names (under the parent named in the comment). */
export const SUBCOLLECTIONS = {
  /** movies/{movieId}/ratingShards/{shard}: sharded rating aggregates. */
  ratingShards: "ratingShards",
  /** users/{uid}/watched/{movieId}: the watched list. */
  watched: "watched",
  /** users/{uid}/watchlist/{movieId}. */
  watchlist: "watchlist",
  /** users/{uid}/friends/{friendUid}: mirror of a friendship, kept by onFriendshipWritten. */
  friends: "friends",
  /** users/{uid}/social/friendIds: every friend's uid in one document (cheap feed fan-out). */
  social: "social",
  /** users/{uid}/feed/{itemId}: friends' activity, fanned out on write. */
  feed: "feed",
  /** users/{uid}/notifications/{id}: the in-app notification list. */
  notifications: "notifications",
  /** users/{uid}/devices/{sha256(token)}: FCM registration tokens. */
  devices: "devices",
  /** nights/{nightId}/swipes/{uid}_{movieId}: one member's swipe on one film. */
  swipes: "swipes",
} as const;
