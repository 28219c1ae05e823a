import type { OpenApiPaths } from "../http/openapi";
import { cursorParam, errorResponses, jsonBody, jsonResponse, limitParam } from "../http/openapi-common";

const uidParam = { name: "uid", in: "path", required: true, schema: { type: "string", pattern: "^[A-Za-z0-9]{1,128}$" } };
const requestIdParam = {
  name: "id",
  in: "path",
  required: true,
  description: "`{fromUid}_{toUid}`",
  schema: { type: "string", pattern: "^[A-Za-z0-9]{1,128}_[A-Za-z0-9]{1,128}$" },
};
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const page = (item: string) => ({
  type: "object",
  required: ["items"],
  properties: { items: { type: "array", items: ref(item) }, nextCursor: { type: "string" } },
});

export const friendsPaths: OpenApiPaths = {
  "/users": {
    get: {
      operationId: "searchUsers",
      tags: ["people"],
      summary: "Find people by the start of their handle",
      parameters: [
        { name: "handle", in: "query", required: true, schema: { type: "string", pattern: "^@?[A-Za-z0-9_]{1,30}$" } },
        limitParam,
        cursorParam,
      ],
      responses: { "200": jsonResponse("A page of people, in handle order", ref("PersonPage")), ...errorResponses(400, 401) },
    },
  },
  "/users/{uid}": {
    get: {
      operationId: "getPublicProfile",
      tags: ["people"],
      summary: "A person's public profile: handle, display name, counts, and whether their activity is visible to the caller",
      parameters: [uidParam],
      responses: { "200": jsonResponse("The profile", ref("PublicProfile")), ...errorResponses(400, 401, 404) },
    },
  },
  "/users/{uid}/ratings": {
    get: {
      operationId: "listUserRatings",
      tags: ["people"],
      summary: "A person's ratings, newest first, if their privacy setting shows them to the caller",
      parameters: [uidParam, limitParam, cursorParam],
      responses: { "200": jsonResponse("A page of ratings", ref("RatingPage")), ...errorResponses(400, 401, 403, 404) },
    },
  },
  "/users/{uid}/watched": {
    get: {
      operationId: "listUserWatched",
      tags: ["people"],
      summary: "A person's diary, if their privacy setting shows it to the caller",
      parameters: [uidParam, limitParam, cursorParam],
      responses: { "200": jsonResponse("A page of diary entries", ref("WatchedPage")), ...errorResponses(400, 401, 403, 404) },
    },
  },
  "/friends/requests": {
    post: {
      operationId: "sendFriendRequest",
      tags: ["friends"],
      summary: "Ask someone to be friends (accepts their request if they already asked you)",
      requestBody: jsonBody({ type: "object", required: ["uid"], additionalProperties: false, properties: { uid: { type: "string" } } }),
      responses: {
        "201": jsonResponse("Request sent", ref("FriendRequestOutcome")),
        "200": jsonResponse("They had asked you: now friends", ref("FriendRequestOutcome")),
        ...errorResponses(400, 401, 404, 409),
      },
    },
    get: {
      operationId: "listFriendRequests",
      tags: ["friends"],
      summary: "Pending friend requests to or from the caller, newest first",
      parameters: [
        { name: "direction", in: "query", schema: { enum: ["incoming", "outgoing"], default: "incoming" } },
        limitParam,
        cursorParam,
      ],
      responses: { "200": jsonResponse("A page of requests", ref("FriendRequestPage")), ...errorResponses(400, 401) },
    },
  },
  "/friends/requests/{id}/accept": {
    post: {
      operationId: "acceptFriendRequest",
      tags: ["friends"],
      summary: "Accept a friend request (its recipient only)",
      parameters: [requestIdParam],
      responses: {
        "200": jsonResponse("Now friends", { type: "object", required: ["friend"], properties: { friend: ref("Friend") } }),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    },
  },
  "/friends/requests/{id}/decline": {
    post: {
      operationId: "declineFriendRequest",
      tags: ["friends"],
      summary: "Decline a friend request (its recipient only)",
      parameters: [requestIdParam],
      responses: { "204": { description: "Declined" }, ...errorResponses(400, 401, 403, 404) },
    },
  },
  "/friends/requests/{id}": {
    delete: {
      operationId: "cancelFriendRequest",
      tags: ["friends"],
      summary: "Cancel a friend request (its sender only)",
      parameters: [requestIdParam],
      responses: { "204": { description: "Cancelled" }, ...errorResponses(400, 401, 403, 404) },
    },
  },
  "/friends": {
    get: {
      operationId: "listFriends",
      tags: ["friends"],
      summary: "The caller's friends, newest friendship first",
      parameters: [limitParam, cursorParam],
      responses: { "200": jsonResponse("A page of friends", ref("FriendPage")), ...errorResponses(400, 401) },
    },
  },
  "/friends/{uid}": {
    delete: {
      operationId: "unfriend",
      tags: ["friends"],
      summary: "End a friendship (both sides)",
      parameters: [uidParam],
      responses: { "204": { description: "No longer friends" }, ...errorResponses(400, 401) },
    },
  },
  "/friends/{uid}/compatibility": {
    get: {
      operationId: "getCompatibility",
      tags: ["friends"],
      summary: "Taste compatibility with a friend (0 to 100) and the films you both loved",
      parameters: [uidParam],
      responses: { "200": jsonResponse("The comparison", ref("Compatibility")), ...errorResponses(400, 401, 403, 404) },
    },
  },
  "/me/blocks": {
    get: {
      operationId: "listBlocks",
      tags: ["friends"],
      summary: "People the caller blocked, most recent first",
      parameters: [limitParam, cursorParam],
      responses: { "200": jsonResponse("A page of blocks", ref("BlockPage")), ...errorResponses(400, 401) },
    },
  },
  "/me/blocks/{uid}": {
    put: {
      operationId: "blockUser",
      tags: ["friends"],
      summary: "Block someone: ends the friendship and any requests, and hides their future requests",
      parameters: [uidParam],
      responses: {
        "201": jsonResponse("Blocked", ref("Block")),
        "200": jsonResponse("Already blocked", ref("Block")),
        ...errorResponses(400, 401, 404),
      },
    },
    delete: {
      operationId: "unblockUser",
      tags: ["friends"],
      summary: "Unblock someone",
      parameters: [uidParam],
      responses: { "204": { description: "Unblocked" }, ...errorResponses(400, 401) },
    },
  },
};

const person = {
  type: "object",
  required: ["uid", "handle", "displayName"],
  properties: { uid: { type: "string" }, handle: { type: "string" }, displayName: { type: "string" } },
};
const time = { type: "string", format: "date-time" };

export const friendsSchemas = {
  Person: person,
  PersonPage: page("Person"),
  PublicProfile: {
    type: "object",
    required: [...person.required, "counts", "privacy", "relationship", "activityVisible"],
    properties: {
      ...person.properties,
      counts: {
        type: "object",
        required: ["ratings", "watched", "friends"],
        properties: { ratings: { type: "integer" }, watched: { type: "integer" }, friends: { type: "integer" } },
      },
      privacy: { enum: ["public", "friends", "private"] },
      relationship: { enum: ["self", "friend", "none"] },
      activityVisible: { type: "boolean" },
    },
  },
  FriendRequest: {
    type: "object",
    required: ["id", "from", "to", "createdAt"],
    properties: { id: { type: "string" }, from: ref("Person"), to: ref("Person"), createdAt: time },
  },
  FriendRequestPage: page("FriendRequest"),
  FriendRequestOutcome: {
    oneOf: [
      { type: "object", required: ["status", "request"], properties: { status: { const: "pending" }, request: ref("FriendRequest") } },
      { type: "object", required: ["status", "friend"], properties: { status: { const: "accepted" }, friend: ref("Friend") } },
    ],
  },
  Friend: { type: "object", required: [...person.required, "since"], properties: { ...person.properties, since: time } },
  FriendPage: page("Friend"),
  Block: {
    type: "object",
    required: ["uid", "handle", "blockedAt"],
    properties: { uid: { type: "string" }, handle: { type: ["string", "null"] }, blockedAt: time },
  },
  BlockPage: page("Block"),
  Compatibility: {
    type: "object",
    required: ["uid", "score", "commonFilms", "confidence", "bothLoved"],
    properties: {
      uid: { type: "string" },
      score: { type: ["integer", "null"], minimum: 0, maximum: 100, description: "50 is neutral; null with no film in common" },
      commonFilms: { type: "integer" },
      confidence: { enum: ["none", "low", "medium", "high"] },
      bothLoved: {
        type: "array",
        items: {
          type: "object",
          required: ["movieId", "title", "year", "yourRating", "theirRating"],
          properties: {
            movieId: { type: "integer" },
            title: { type: "string" },
            year: { type: ["integer", "null"] },
            yourRating: { type: "number" },
            theirRating: { type: "number" },
          },
        },
      },
    },
  },
};
