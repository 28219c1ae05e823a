import type { OpenApiPaths } from "../http/openapi";
import { GENRES } from "../shared/genres";

const err = { $ref: "#/components/responses/Error" };
const json = (schema: unknown) => ({ "application/json": { schema } });
const visibility = { enum: ["public", "friends", "private"], description: "Who sees the user's ratings and diary" };
const genres = { type: "array", uniqueItems: true, items: { enum: [...GENRES] } };

/** The user as shown to its owner (also embedded in the auth responses). */
export const userViewSchema = {
  type: "object",
  required: ["uid", "handle", "displayName", "email", "preferences", "providers", "createdAt"],
  properties: {
    uid: { type: "string" },
    handle: { type: "string" },
    displayName: { type: "string" },
    email: { type: ["string", "null"] },
    preferences: {
      type: "object",
      required: ["favouriteGenres", "privacy"],
      properties: { favouriteGenres: genres, privacy: visibility },
    },
    providers: { type: "array", items: { enum: ["password", "google.com", "apple.com"] } },
    createdAt: { type: "string", format: "date-time" },
  },
};

export const usersPaths: OpenApiPaths = {
  "/me": {
    get: {
      operationId: "getMe",
      tags: ["me"],
      summary: "The caller's account",
      responses: { "200": { description: "The account", content: json(userViewSchema) }, "401": err },
    },
    patch: {
      operationId: "updateMe",
      tags: ["me"],
      summary: "Change the display name, handle or preferences",
      requestBody: {
        required: true,
        content: json({
          type: "object",
          minProperties: 1,
          additionalProperties: false,
          properties: {
            displayName: { type: "string", minLength: 1, maxLength: 50 },
            handle: { type: "string", pattern: "^[a-z0-9_]{3,30}$" },
            preferences: {
              type: "object",
              minProperties: 1,
              additionalProperties: false,
              properties: { favouriteGenres: genres, privacy: visibility },
            },
          },
        }),
      },
      responses: { "200": { description: "The updated account", content: json(userViewSchema) }, "400": err, "401": err, "409": err },
    },
    delete: {
      operationId: "deleteMe",
      tags: ["me"],
      summary: "Delete the account and everything it owns (needs the password or a Google/Apple sign-in of the last 5 minutes)",
      requestBody: {
        required: true,
        content: json({
          oneOf: [
            { type: "object", required: ["password"], additionalProperties: false, properties: { password: { type: "string" } } },
            { type: "object", required: ["idToken"], additionalProperties: false, properties: { idToken: { type: "string" } } },
          ],
        }),
      },
      responses: {
        "204": { description: "Deleted; the rest of the user's data is erased shortly after" },
        "400": err,
        "401": err,
        "403": err,
      },
    },
  },
  "/me/export": {
    get: {
      operationId: "exportMe",
      tags: ["me"],
      summary: "Everything the user gave us, as JSON",
      responses: {
        "200": {
          description: "The export",
          content: json({
            type: "object",
            required: ["exportedAt", "account", "data"],
            properties: { exportedAt: { type: "string", format: "date-time" }, account: userViewSchema, data: { type: "object" } },
          }),
        },
        "401": err,
      },
    },
  },
};
