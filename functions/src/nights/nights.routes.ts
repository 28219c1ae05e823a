import { created, noContent, ok, routeFor } from "../http/route";
import {
  answerBodySchema,
  createNightBodySchema,
  deckPageSchema,
  deckQuerySchema,
  inviteBodySchema,
  joinBodySchema,
  nightIdParamSchema,
  nightSchema,
  rescheduleBodySchema,
  swipeBodySchema,
  swipeSchema,
  watchedBodySchema,
} from "./nights.schema";
import type { NightsService } from "./nights.service";

const nightRoute = routeFor<{ nights: NightsService }>();

const noStore = { "Cache-Control": "private, no-store" };

/**
 * Movie nights: rooms, invitations, the deck, swipes and the film watched afterwards. Every route needs a
 * signed-in caller; a room is visible to its members only (404 to anyone else).
 */
export const nightRoutes = [
  nightRoute({
    method: "post",
    path: "/nights",
    operationId: "createNight",
    tag: "nights",
    summary: "Open a movie night with the caller as host and a 6-character join code, or schedule one (`startsAt`)",
    description:
      "Refused (409) while the caller is in a room that has not closed; leave it first. With `crewId` (a crew the caller " +
      "is in, 404 otherwise) the crew's other members are invited and the deck remembers the crew. With `startsAt` the " +
      "night is scheduled: no code, nobody's open room; invited people answer, and at its time it starts with those who " +
      "said yes (or is cancelled when fewer than two did).",
    access: "user",
    body: createNightBodySchema,
    responses: { 201: { description: "The room", schema: nightSchema } },
    errors: [404, 409, 503],
    idempotent: true,
    handler: async ({ body, caller }, { nights }) => created(await nights.create(caller().uid, body)),
  }),
  nightRoute({
    method: "post",
    path: "/nights/join",
    operationId: "joinNight",
    tag: "nights",
    summary: "Join an open movie night by its code (the host's friends and invited people only)",
    description:
      "The code ignores case and surrounding spaces. Joining a room the caller is already in answers the room. " +
      "403 for someone neither the host's friend nor invited; 409 when the room is full or the caller is in another room.",
    access: "user",
    body: joinBodySchema,
    responses: { 200: { description: "The room", schema: nightSchema } },
    errors: [403, 404, 409],
    handler: async ({ body, caller }, { nights }) => ok(await nights.join(caller().uid, body.code)),
  }),
  nightRoute({
    method: "get",
    path: "/nights/{id}",
    operationId: "getNight",
    tag: "nights",
    summary: "The room (members only): members, state, matches in the order they happened, everyone's progress",
    access: "user",
    params: nightIdParamSchema,
    responses: { 200: { description: "The room", schema: nightSchema } },
    errors: [404],
    headers: noStore,
    handler: async ({ params, caller }, { nights }) => ok(await nights.get(caller().uid, params.id)),
  }),
  nightRoute({
    method: "post",
    path: "/nights/{id}/invites",
    operationId: "inviteToNight",
    tag: "nights",
    summary: "Invite a friend to an open room (an in-app and push notification with the code)",
    description: "Any member may invite their own friends; an invited person may join without being the host's friend.",
    access: "user",
    params: nightIdParamSchema,
    body: inviteBodySchema,
    responses: { 204: { description: "Invited", schema: undefined } },
    errors: [403, 404, 409],
    handler: async ({ params, body, caller }, { nights }) => {
      await nights.invite(caller().uid, params.id, body.uid);
      return noContent();
    },
  }),
  nightRoute({
    method: "put",
    path: "/nights/{id}/answer",
    operationId: "answerNight",
    tag: "nights",
    summary: "Answer a scheduled movie night: yes, no or maybe (again to change it)",
    description: "For the people invited to it; 409 for the host and once the night is no longer scheduled.",
    access: "user",
    params: nightIdParamSchema,
    body: answerBodySchema,
    responses: { 200: { description: "The night", schema: nightSchema } },
    errors: [404, 409],
    handler: async ({ params, body, caller }, { nights }) => ok(await nights.answer(caller().uid, params.id, body.answer)),
  }),
  nightRoute({
    method: "post",
    path: "/nights/{id}/reschedule",
    operationId: "rescheduleNight",
    tag: "nights",
    summary: "Move a scheduled movie night (host); everyone else is told once per new time",
    access: "user",
    params: nightIdParamSchema,
    body: rescheduleBodySchema,
    responses: { 200: { description: "The night", schema: nightSchema } },
    errors: [403, 404, 409],
    handler: async ({ params, body, caller }, { nights }) => ok(await nights.reschedule(caller().uid, params.id, body.startsAt)),
  }),
  nightRoute({
    method: "post",
    path: "/nights/{id}/cancel",
    operationId: "cancelNight",
    tag: "nights",
    summary: "Cancel a scheduled movie night (host); everyone else is told once",
    description: "Cancelling again answers the cancelled night; 409 once it has started.",
    access: "user",
    params: nightIdParamSchema,
    responses: { 200: { description: "The night", schema: nightSchema } },
    errors: [403, 404, 409],
    handler: async ({ params, caller }, { nights }) => ok(await nights.cancel(caller().uid, params.id)),
  }),
  nightRoute({
    method: "post",
    path: "/nights/{id}/leave",
    operationId: "leaveNight",
    tag: "nights",
    summary: "Leave a room; a leaving host hands it over, the last one out closes it",
    access: "user",
    params: nightIdParamSchema,
    responses: { 204: { description: "Left", schema: undefined } },
    errors: [404],
    handler: async ({ params, caller }, { nights }) => {
      await nights.leave(caller().uid, params.id);
      return noContent();
    },
  }),
  nightRoute({
    method: "post",
    path: "/nights/{id}/start",
    operationId: "startNight",
    tag: "nights",
    summary: "Start the room (host, at least two people): the deck is chosen for the group and frozen",
    description:
      "409 when the room is not open, has fewer than two people or fewer than the rule's `k`, or no film fits the " +
      "filters; 503 when people kept joining or leaving during the start (try again).",
    access: "user",
    params: nightIdParamSchema,
    responses: { 200: { description: "The started room", schema: nightSchema } },
    errors: [403, 404, 409, 503],
    handler: async ({ params, caller }, { nights }) => ok(await nights.start(caller().uid, params.id)),
  }),
  nightRoute({
    method: "get",
    path: "/nights/{id}/deck",
    operationId: "getNightDeck",
    tag: "nights",
    summary: "A page of the frozen deck, in the same order for every member, with the caller's own swipes",
    description: "409 until the host starts the room.",
    access: "user",
    params: nightIdParamSchema,
    query: deckQuerySchema,
    responses: { 200: { description: "A page of cards", schema: deckPageSchema } },
    errors: [404, 409],
    headers: noStore,
    handler: async ({ params, query, caller }, { nights }) => ok(await nights.deck(caller().uid, params.id, query.limit, query.cursor)),
  }),
  nightRoute({
    method: "post",
    path: "/nights/{id}/swipes",
    operationId: "swipeInNight",
    tag: "nights",
    summary: "Like or pass a film of the deck; a second swipe on the same film replaces the first",
    description: "409 before the room starts and after it closes; 400 for a film not in the deck.",
    access: "user",
    params: nightIdParamSchema,
    body: swipeBodySchema,
    responses: {
      200: { description: "Earlier swipe replaced", schema: swipeSchema },
      201: { description: "Swipe stored", schema: swipeSchema },
    },
    errors: [404, 409],
    handler: async ({ params, body, caller }, { nights }) => {
      const outcome = await nights.swipe(caller().uid, params.id, body.movieId, body.liked);
      return outcome.replaced ? ok(outcome) : created(outcome);
    },
  }),
  nightRoute({
    method: "post",
    path: "/nights/{id}/watched",
    operationId: "markNightWatched",
    tag: "nights",
    summary: "Mark a matched film watched in every member's diary, ask each to rate it, and close the room",
    description: "Only a film the group matched on (409 otherwise); repeating it changes nothing more.",
    access: "user",
    params: nightIdParamSchema,
    body: watchedBodySchema,
    responses: { 200: { description: "The room", schema: nightSchema } },
    errors: [404, 409],
    handler: async ({ params, body, caller }, { nights }) => ok(await nights.markWatched(caller().uid, params.id, body.movieId)),
  }),
];
