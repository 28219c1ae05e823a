import type { OpenApiPaths } from "../http/openapi";
import { cursorParam, errorResponses, jsonBody, jsonResponse, limitParam } from "../http/openapi-common";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const idParam = { name: "id", in: "path", required: true, schema: { type: "string", pattern: "^[A-Za-z0-9]{1,64}$" } };
const noContent = { description: "Done" };
const tags = ["nights"];

const matchRule = {
  oneOf: [
    { type: "object", required: ["kind"], additionalProperties: false, properties: { kind: { const: "unanimous" } } },
    { type: "object", required: ["kind"], additionalProperties: false, properties: { kind: { const: "majority" } } },
    {
      type: "object",
      required: ["kind", "k"],
      additionalProperties: false,
      properties: { kind: { const: "atLeast" }, k: { type: "integer", minimum: 1, maximum: 12 } },
    },
  ],
};

const filters = {
  type: "object",
  additionalProperties: false,
  properties: {
    genres: { type: "array", maxItems: 10, items: { type: "string" }, description: "Any of these genres" },
    yearFrom: { type: ["integer", "null"] },
    yearTo: { type: ["integer", "null"] },
  },
};

export const nightsPaths: OpenApiPaths = {
  "/nights": {
    post: {
      operationId: "createNight",
      tags,
      summary: "Open a movie night with the caller as host and a 6-character join code",
      requestBody: jsonBody({
        type: "object",
        required: ["name", "matchRule"],
        additionalProperties: false,
        properties: {
          name: { type: "string", minLength: 1, maxLength: 80 },
          matchRule,
          deckSize: { type: "integer", minimum: 5, maximum: 100, default: 30 },
          endOnFirstMatch: { type: "boolean", default: false },
          filters,
        },
      }),
      responses: { "201": jsonResponse("The room", ref("Night")), ...errorResponses(400, 401, 409) },
    },
  },
  "/nights/join": {
    post: {
      operationId: "joinNight",
      tags,
      summary: "Join an open movie night by its code (the host's friends and invited people only)",
      requestBody: jsonBody({ type: "object", required: ["code"], additionalProperties: false, properties: { code: { type: "string" } } }),
      responses: { "200": jsonResponse("The room", ref("Night")), ...errorResponses(400, 401, 403, 404, 409) },
    },
  },
  "/nights/{id}": {
    get: {
      operationId: "getNight",
      tags,
      summary: "The room (members only): members, state, matches in the order they happened, everyone's progress",
      parameters: [idParam],
      responses: { "200": jsonResponse("The room", ref("Night")), ...errorResponses(400, 401, 404) },
    },
  },
  "/nights/{id}/invites": {
    post: {
      operationId: "inviteToNight",
      tags,
      summary: "Invite a friend to an open room (an in-app and push notification with the code)",
      parameters: [idParam],
      requestBody: jsonBody({ type: "object", required: ["uid"], additionalProperties: false, properties: { uid: { type: "string" } } }),
      responses: { "204": noContent, ...errorResponses(400, 401, 403, 404, 409) },
    },
  },
  "/nights/{id}/leave": {
    post: {
      operationId: "leaveNight",
      tags,
      summary: "Leave a room; a leaving host hands it over, the last one out closes it",
      parameters: [idParam],
      responses: { "204": noContent, ...errorResponses(400, 401, 404) },
    },
  },
  "/nights/{id}/start": {
    post: {
      operationId: "startNight",
      tags,
      summary: "Start the room (host, at least two people): the deck is chosen for the group and frozen",
      parameters: [idParam],
      responses: { "200": jsonResponse("The started room", ref("Night")), ...errorResponses(400, 401, 403, 404, 409) },
    },
  },
  "/nights/{id}/deck": {
    get: {
      operationId: "getNightDeck",
      tags,
      summary: "A page of the frozen deck, in the same order for every member, with the caller's own swipes",
      parameters: [idParam, limitParam, cursorParam],
      responses: { "200": jsonResponse("A page of cards", ref("DeckPage")), ...errorResponses(400, 401, 404, 409) },
    },
  },
  "/nights/{id}/swipes": {
    post: {
      operationId: "swipeInNight",
      tags,
      summary: "Like or pass a film of the deck; a second swipe on the same film replaces the first",
      parameters: [idParam],
      requestBody: jsonBody({
        type: "object",
        required: ["movieId", "liked"],
        additionalProperties: false,
        properties: { movieId: { type: "integer", minimum: 1 }, liked: { type: "boolean" } },
      }),
      responses: {
        "201": jsonResponse("Swipe stored", ref("Swipe")),
        "200": jsonResponse("Earlier swipe replaced", ref("Swipe")),
        ...errorResponses(400, 401, 404, 409),
      },
    },
  },
  "/nights/{id}/watched": {
    post: {
      operationId: "markNightWatched",
      tags,
      summary: "Mark a matched film watched in every member's diary, ask each to rate it, and close the room",
      parameters: [idParam],
      requestBody: jsonBody({
        type: "object",
        required: ["movieId"],
        additionalProperties: false,
        properties: { movieId: { type: "integer", minimum: 1 } },
      }),
      responses: { "200": jsonResponse("The room", ref("Night")), ...errorResponses(400, 401, 404, 409) },
    },
  },
};

const person = {
  type: "object",
  required: ["uid", "handle"],
  properties: { uid: { type: "string" }, handle: { type: ["string", "null"] } },
};
const dateTime = { type: "string", format: "date-time" };

export const nightsSchemas = {
  Night: {
    type: "object",
    required: [
      "id",
      "name",
      "state",
      "code",
      "host",
      "members",
      "matchRule",
      "endOnFirstMatch",
      "filters",
      "deckSize",
      "deckLength",
      "matches",
      "watched",
      "createdAt",
      "lastActivityAt",
    ],
    properties: {
      id: { type: "string" },
      name: { type: "string" },
      state: { enum: ["open", "started", "closed"] },
      code: { type: ["string", "null"], description: "While the room is open" },
      host: person,
      members: {
        type: "array",
        items: { type: "object", required: ["uid", "handle", "swiped"], properties: { ...person.properties, swiped: { type: "integer" } } },
      },
      matchRule,
      endOnFirstMatch: { type: "boolean" },
      filters,
      deckSize: { type: "integer" },
      deckLength: { type: "integer" },
      matches: {
        type: "array",
        items: {
          type: "object",
          required: ["movieId", "title", "likes", "matchedAt"],
          properties: {
            movieId: { type: "integer" },
            title: { type: ["string", "null"] },
            likes: { type: "integer" },
            matchedAt: dateTime,
          },
        },
      },
      watched: { type: "array", items: { type: "integer" } },
      createdAt: dateTime,
      startedAt: { type: ["string", "null"], format: "date-time" },
      closedAt: { type: ["string", "null"], format: "date-time" },
      closedReason: { enum: ["matched", "watched", "empty", "expired", null] },
      lastActivityAt: dateTime,
    },
  },
  DeckPage: {
    type: "object",
    required: ["items"],
    properties: {
      items: {
        type: "array",
        items: {
          type: "object",
          required: ["position", "movie", "liked"],
          properties: {
            position: { type: "integer" },
            movie: {
              type: "object",
              properties: {
                movieId: { type: "integer" },
                title: { type: "string" },
                year: { type: ["integer", "null"] },
                genres: { type: "array", items: { type: "string" } },
              },
            },
            liked: { type: ["boolean", "null"] },
          },
        },
      },
      nextCursor: { type: "string" },
    },
  },
  Swipe: {
    type: "object",
    required: ["movieId", "liked", "replaced"],
    properties: { movieId: { type: "integer" }, liked: { type: "boolean" }, replaced: { type: "boolean" } },
  },
};
