import type { OpenApiPaths } from "../http/openapi";
import { userViewSchema } from "../users/users.openapi";

const err = { $ref: "#/components/responses/Error" };
const json = (schema: unknown) => ({ "application/json": { schema } });
const body = (schema: unknown) => ({ required: true, content: json(schema) });

const tokenPair = {
  type: "object",
  required: ["accessToken", "refreshToken", "expiresIn", "tokenType"],
  properties: {
    accessToken: { type: "string", description: "JWT (HS256), 15 minutes" },
    refreshToken: { type: "string", description: "Opaque, single use, rotated on every refresh; 30 days from sign-in" },
    expiresIn: { type: "integer", description: "Seconds until the access token expires" },
    tokenType: { const: "Bearer" },
  },
};
const session = { allOf: [tokenPair, { type: "object", required: ["user"], properties: { user: userViewSchema } }] };
const password = { type: "string", minLength: 12, maxLength: 128, description: "12 to 128 characters; not a common password" };
const refreshBody = body({
  type: "object",
  required: ["refreshToken"],
  additionalProperties: false,
  properties: { refreshToken: { type: "string" } },
});

export const authPaths: OpenApiPaths = {
  "/auth/register": {
    post: {
      operationId: "register",
      tags: ["auth"],
      summary: "Create an account with email and password",
      security: [],
      requestBody: body({
        type: "object",
        required: ["email", "password", "displayName", "handle"],
        additionalProperties: false,
        properties: {
          email: { type: "string", format: "email", maxLength: 254 },
          password,
          displayName: { type: "string", minLength: 1, maxLength: 50 },
          handle: { type: "string", pattern: "^[a-z0-9_]{3,30}$" },
        },
      }),
      responses: { "201": { description: "Signed up and signed in", content: json(session) }, "400": err, "409": err },
    },
  },
  "/auth/login": {
    post: {
      operationId: "login",
      tags: ["auth"],
      summary: "Sign in with email and password",
      description:
        "Ten consecutive failures lock the account for a growing delay; a per-address limit also applies (429 with Retry-After).",
      security: [],
      requestBody: body({
        type: "object",
        required: ["email", "password"],
        additionalProperties: false,
        properties: { email: { type: "string", format: "email" }, password: { type: "string", maxLength: 128 } },
      }),
      responses: { "200": { description: "Signed in", content: json(session) }, "400": err, "401": err, "429": err },
    },
  },
  "/auth/refresh": {
    post: {
      operationId: "refreshTokens",
      tags: ["auth"],
      summary: "Exchange a refresh token for a new token pair (rotation; reuse revokes the session)",
      security: [],
      requestBody: refreshBody,
      responses: { "200": { description: "New token pair", content: json(tokenPair) }, "400": err, "401": err },
    },
  },
  "/auth/logout": {
    post: {
      operationId: "logout",
      tags: ["auth"],
      summary: "End the session the refresh token belongs to",
      security: [],
      requestBody: refreshBody,
      responses: { "204": { description: "Signed out" }, "400": err },
    },
  },
  "/auth/logout-all": {
    post: {
      operationId: "logoutAll",
      tags: ["auth"],
      summary: "End every session and access token of the caller",
      responses: { "204": { description: "Signed out everywhere" }, "401": err },
    },
  },
  "/auth/firebase": {
    post: {
      operationId: "signInWithFirebase",
      tags: ["auth"],
      summary: "Exchange a Firebase Auth ID token (Google or Apple sign-in) for the app's tokens",
      security: [],
      requestBody: body({
        type: "object",
        required: ["idToken"],
        additionalProperties: false,
        properties: { idToken: { type: "string" } },
      }),
      responses: {
        "200": {
          description: "Signed in (created says whether the account is new)",
          content: json({ allOf: [session, { type: "object", properties: { created: { type: "boolean" } } }] }),
        },
        "400": err,
        "401": err,
      },
    },
  },
  "/me/password": {
    put: {
      operationId: "changePassword",
      tags: ["auth"],
      summary: "Change the password; every other session is revoked and this one gets a new token pair",
      requestBody: body({
        type: "object",
        required: ["currentPassword", "newPassword"],
        additionalProperties: false,
        properties: { currentPassword: { type: "string" }, newPassword: password },
      }),
      responses: { "200": { description: "Password changed", content: json(tokenPair) }, "400": err, "401": err, "403": err, "409": err },
    },
  },
};
