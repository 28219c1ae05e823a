import { created, noContent, ok, routeFor } from "../http/route";
import { watchedPageSchema } from "../library/library.schema";
import { ratingPageSchema } from "../ratings/ratings.schema";
import { pageQuerySchema } from "../shared/pagination";
import type { CompatibilityService } from "./compatibility.service";
import {
  blockPageSchema,
  blockSchema,
  compatibilitySchema,
  friendAcceptedSchema,
  friendPageSchema,
  friendRequestMutualSchema,
  friendRequestPageSchema,
  friendRequestSentSchema,
  personPageSchema,
  publicProfileSchema,
  requestIdParamSchema,
  requestListQuerySchema,
  sendRequestBodySchema,
  uidParamSchema,
  userSearchQuerySchema,
} from "./friends.schema";
import type { FriendsService } from "./friends.service";
import type { PeopleService } from "./people.service";

/** Lists of people and relations are personal: never stored by a cache. */
const PRIVATE = { "Cache-Control": "private, no-store" };

const friendRoute = routeFor<{ friends: FriendsService; compatibility: CompatibilityService }>();

/** Friend requests, friends, blocks and taste compatibility. */
export const friendRoutes = [
  friendRoute({
    method: "post",
    path: "/friends/requests",
    operationId: "sendFriendRequest",
    tag: "friends",
    summary: "Ask someone to be friends (accepts their request if they already asked you)",
    description:
      "A request to someone who blocked the caller is answered like any other but never shown to them. " +
      "409 when already friends, already asked, or the caller blocked them; also 409 when the caller has as many pending " +
      "requests as allowed (`details.reason` `pending-limit`, with `limit`) or either person would pass the 1,000-friend " +
      "cap (`friend-limit`). 429 with `Retry-After` when the caller's last request to this person was declined or " +
      "cancelled within the pause (`details.reason` `request-pause`, with `retryAfterSeconds`). The recipient is " +
      "notified of at most one request from the same person a day.",
    access: "user",
    body: sendRequestBodySchema,
    responses: {
      200: { description: "They had asked you: now friends", schema: friendRequestMutualSchema },
      201: { description: "Request sent", schema: friendRequestSentSchema },
    },
    errors: [404, 409, 429],
    idempotent: true,
    handler: async ({ body, caller }, { friends }) => {
      const outcome = await friends.sendRequest(caller().uid, body.uid);
      return outcome.status === "pending" ? created(outcome) : ok(outcome);
    },
  }),
  friendRoute({
    method: "get",
    path: "/friends/requests",
    operationId: "listFriendRequests",
    tag: "friends",
    summary: "Pending friend requests to or from the caller, newest first",
    access: "user",
    query: requestListQuerySchema,
    responses: { 200: { description: "A page of requests", schema: friendRequestPageSchema } },
    headers: PRIVATE,
    handler: async ({ query, caller }, { friends }) =>
      ok(await friends.listRequests(caller().uid, query.direction, query.limit, query.cursor)),
  }),
  friendRoute({
    method: "post",
    path: "/friends/requests/{id}/accept",
    operationId: "acceptFriendRequest",
    tag: "friends",
    summary: "Accept a friend request (its recipient only)",
    description:
      "404 for a request the caller is not party to; 403 for its sender; 409 when either person would pass the " +
      "1,000-friend cap (`details.reason` `friend-limit`), counted in the transaction that creates the friendship.",
    access: "user",
    params: requestIdParamSchema,
    responses: { 200: { description: "Now friends", schema: friendAcceptedSchema } },
    errors: [403, 404, 409],
    handler: async ({ params, caller }, { friends }) => ok({ friend: await friends.accept(caller().uid, params.id.from, params.id.to) }),
  }),
  friendRoute({
    method: "post",
    path: "/friends/requests/{id}/decline",
    operationId: "declineFriendRequest",
    tag: "friends",
    summary: "Decline a friend request (its recipient only)",
    description: "The sender may not ask the caller again until the pause (a day by default) is over.",
    access: "user",
    params: requestIdParamSchema,
    responses: { 204: { description: "Declined", schema: undefined } },
    errors: [403, 404],
    handler: async ({ params, caller }, { friends }) => {
      await friends.decline(caller().uid, params.id.from, params.id.to);
      return noContent();
    },
  }),
  friendRoute({
    method: "delete",
    path: "/friends/requests/{id}",
    operationId: "cancelFriendRequest",
    tag: "friends",
    summary: "Cancel a friend request (its sender only)",
    description: "The caller may not ask the same person again until the pause (a day by default) is over.",
    access: "user",
    params: requestIdParamSchema,
    responses: { 204: { description: "Cancelled", schema: undefined } },
    errors: [403, 404],
    handler: async ({ params, caller }, { friends }) => {
      await friends.cancel(caller().uid, params.id.from, params.id.to);
      return noContent();
    },
  }),
  friendRoute({
    method: "get",
    path: "/friends",
    operationId: "listFriends",
    tag: "friends",
    summary: "The caller's friends, newest friendship first",
    access: "user",
    query: pageQuerySchema,
    responses: { 200: { description: "A page of friends", schema: friendPageSchema } },
    headers: PRIVATE,
    handler: async ({ query, caller }, { friends }) => ok(await friends.listFriends(caller().uid, query.limit, query.cursor)),
  }),
  friendRoute({
    method: "delete",
    path: "/friends/{uid}",
    operationId: "unfriend",
    tag: "friends",
    summary: "End a friendship (both sides); no error if there was none",
    access: "user",
    params: uidParamSchema,
    responses: { 204: { description: "No longer friends", schema: undefined } },
    handler: async ({ params, caller }, { friends }) => {
      await friends.unfriend(caller().uid, params.uid);
      return noContent();
    },
  }),
  friendRoute({
    method: "get",
    path: "/friends/{uid}/compatibility",
    operationId: "getCompatibility",
    tag: "friends",
    summary: "Taste compatibility with a friend (0 to 100) and the films you both loved",
    description: "Only between friends (403 otherwise), and only when the friend does not keep their ratings private (403).",
    access: "user",
    params: uidParamSchema,
    responses: { 200: { description: "The comparison", schema: compatibilitySchema } },
    errors: [403, 404],
    headers: PRIVATE,
    handler: async ({ params, caller }, { compatibility }) => ok(await compatibility.compatibility(caller().uid, params.uid)),
  }),
  friendRoute({
    method: "get",
    path: "/me/blocks",
    operationId: "listBlocks",
    tag: "friends",
    summary: "People the caller blocked, most recent first",
    access: "user",
    query: pageQuerySchema,
    responses: { 200: { description: "A page of blocks", schema: blockPageSchema } },
    headers: PRIVATE,
    handler: async ({ query, caller }, { friends }) => ok(await friends.listBlocks(caller().uid, query.limit, query.cursor)),
  }),
  friendRoute({
    method: "put",
    path: "/me/blocks/{uid}",
    operationId: "blockUser",
    tag: "friends",
    summary: "Block someone: ends the friendship and any requests, and hides their future requests",
    access: "user",
    params: uidParamSchema,
    responses: {
      200: { description: "Already blocked", schema: blockSchema },
      201: { description: "Blocked", schema: blockSchema },
    },
    errors: [404],
    handler: async ({ params, caller }, { friends }) => {
      const result = await friends.block(caller().uid, params.uid);
      return result.created ? created(result.block) : ok(result.block);
    },
  }),
  friendRoute({
    method: "delete",
    path: "/me/blocks/{uid}",
    operationId: "unblockUser",
    tag: "friends",
    summary: "Unblock someone (no error if they were not blocked)",
    access: "user",
    params: uidParamSchema,
    responses: { 204: { description: "Unblocked", schema: undefined } },
    handler: async ({ params, caller }, { friends }) => {
      await friends.unblock(caller().uid, params.uid);
      return noContent();
    },
  }),
];

const peopleRoute = routeFor<{ people: PeopleService }>();

/** Finding people and their public profiles, ratings and diary (as their privacy setting allows). */
export const peopleRoutes = [
  peopleRoute({
    method: "get",
    path: "/users",
    operationId: "searchUsers",
    tag: "people",
    summary: "Find people by the start of their handle",
    description: "Case does not matter and a leading `@` is ignored.",
    access: "user",
    query: userSearchQuerySchema,
    responses: { 200: { description: "A page of people, in handle order", schema: personPageSchema } },
    headers: PRIVATE,
    handler: async ({ query }, { people }) => ok(await people.search(query.handle, query.limit, query.cursor)),
  }),
  peopleRoute({
    method: "get",
    path: "/users/{uid}",
    operationId: "getPublicProfile",
    tag: "people",
    summary: "A person's public profile: handle, display name, counts, and whether their activity is visible to the caller",
    access: "user",
    params: uidParamSchema,
    responses: { 200: { description: "The profile", schema: publicProfileSchema } },
    errors: [404],
    headers: PRIVATE,
    handler: async ({ params, caller }, { people }) => ok(await people.profile(caller().uid, params.uid)),
  }),
  peopleRoute({
    method: "get",
    path: "/users/{uid}/ratings",
    operationId: "listUserRatings",
    tag: "people",
    summary: "A person's ratings, newest first, if their privacy setting shows them to the caller",
    access: "user",
    params: uidParamSchema,
    query: pageQuerySchema,
    responses: { 200: { description: "A page of ratings", schema: ratingPageSchema } },
    errors: [403, 404],
    headers: PRIVATE,
    handler: async ({ params, query, caller }, { people }) =>
      ok(await people.ratingsOf(caller().uid, params.uid, query.limit, query.cursor)),
  }),
  peopleRoute({
    method: "get",
    path: "/users/{uid}/watched",
    operationId: "listUserWatched",
    tag: "people",
    summary: "A person's diary, if their privacy setting shows it to the caller",
    access: "user",
    params: uidParamSchema,
    query: pageQuerySchema,
    responses: { 200: { description: "A page of diary entries", schema: watchedPageSchema } },
    errors: [403, 404],
    headers: PRIVATE,
    handler: async ({ params, query, caller }, { people }) => ok(await people.diaryOf(caller().uid, params.uid, query.limit, query.cursor)),
  }),
];
