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
  /** rateLimits/{hmac}: one request counter per route group, subject and window (TTL on expiresAt). */
  rateLimits: "rateLimits",
  accountDeletions: "accountDeletions",
  /** friendRequests/{from}_{to}: a pending friend request (deleted once answered or cancelled). */
  friendRequests: "friendRequests",
  /** friendships/{a}_{b} (a < b): the canonical friendship; the per-user mirrors follow it by trigger. */
  friendships: "friendships",
  /** blocks/{blocker}_{blocked}. */
  blocks: "blocks",
  /**
   * friendRequestPairs/{from}_{to}: what the abuse caps remember of one direction of one pair (the pause
   * after a decline or cancel, the last notification); expires by TTL.
   */
  friendRequestPairs: "friendRequestPairs",
  /** friendGates/{uid}: written by every transaction that adds to a person's friends or pending requests, so they run one at a time. */
  friendGates: "friendGates",
  /** nights/{nightId}: a movie night room (swipes underneath). */
  nights: "nights",
  /** nightCodes/{code}: the open room holding a join code (unique among open rooms). */
  nightCodes: "nightCodes",
  /** nightMembers/{uid}: the one open room a person is in. */
  nightMembers: "nightMembers",
  /** liveNights/{nightId}: a room's live view, the only document clients may read (its members). */
  liveNights: "liveNights",

  /** crews/{crewId}: a lasting group of friends (vetoes and history underneath). */
  crews: "crews",

  /** mail/{id}: the outbox, in the Trigger Email extension's format (delivered by onMailQueued). */
  mail: "mail",
  /** accountTokens/{sha256(token)}: single-use tokens of mail links (reset, verification, undo). */
  accountTokens: "accountTokens",

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
  /** users/{uid}/signInDevices/{hmac(deviceId)}: devices the user signed in from (new-device notices). */
  signInDevices: "signInDevices",
  /** nights/{nightId}/swipes/{uid}_{movieId}: one member's swipe on one film. */
  swipes: "swipes",
  /** crews/{crewId}/vetoes/{movieId}: a film the whole crew swiped away, out of its decks until a date. */
  crewVetoes: "vetoes",
  /** crews/{crewId}/history/{kind}_{nightId}_{movieId}: the crew's matches and films watched together. */
  crewHistory: "history",
} as const;
