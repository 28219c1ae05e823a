import { created, noContent, ok, routeFor } from "../http/route";
import {
  changePasswordSchema,
  firebaseCustomTokenSchema,
  firebaseSignInSchema,
  loginSchema,
  providerSessionSchema,
  refreshSchema,
  registerSchema,
  sessionSchema,
  tokenPairSchema,
} from "./auth.schema";
import type { AuthService } from "./auth.service";

const authRoute = routeFor<{ accounts: AuthService }>();

/** Token responses must never be cached by a proxy or the client's HTTP stack. */
const NO_STORE = { "Cache-Control": "no-store" };

/**
 * Sign-up, sign-in, token refresh, sign-out and password change. Only logout-all and the password
 * change need an access token; the others are how a client gets one.
 */
export const authRoutes = [
  authRoute({
    method: "post",
    path: "/auth/register",
    operationId: "register",
    limit: "signup",
    tag: "auth",
    summary: "Create an account with email and password",
    description:
      "The password is 12 to 128 characters, not a common or easily guessed one, and contains neither the email's local part " +
      "nor the handle (400 says which rule failed in `details[].reason`). 409 when the email or the handle is taken.",
    access: "public",
    body: registerSchema,
    headers: NO_STORE,
    responses: { 201: { description: "Signed up and signed in", schema: sessionSchema } },
    errors: [409, 503],
    handler: async ({ body }, { accounts }) => created(await accounts.register(body)),
  }),
  authRoute({
    method: "post",
    path: "/auth/login",
    operationId: "login",
    limit: "signin",
    tag: "auth",
    summary: "Sign in with email and password",
    description:
      "Ten consecutive failures lock the account for a growing delay; per-address and per-email limits also apply (429 with " +
      "Retry-After). 503 with Retry-After when the instance's password hashing is saturated. " +
      "An unknown email and a wrong password get the same 401.",
    access: "public",
    body: loginSchema,
    headers: NO_STORE,
    responses: { 200: { description: "Signed in", schema: sessionSchema } },
    errors: [401, 404, 429, 503],
    handler: async ({ body }, { accounts }) => ok(await accounts.login(body)),
  }),
  authRoute({
    method: "post",
    path: "/auth/refresh",
    operationId: "refreshTokens",
    tag: "auth",
    summary: "Exchange a refresh token for a new token pair (rotation; reuse revokes the session)",
    access: "public",
    body: refreshSchema,
    headers: NO_STORE,
    responses: { 200: { description: "New token pair", schema: tokenPairSchema } },
    errors: [401],
    handler: async ({ body }, { accounts }) => ok(await accounts.refresh(body.refreshToken)),
  }),
  authRoute({
    method: "post",
    path: "/auth/logout",
    operationId: "logout",
    tag: "auth",
    summary: "End the session the refresh token belongs to",
    description: "Idempotent: an unknown or already used refresh token also answers 204.",
    access: "public",
    body: refreshSchema,
    responses: { 204: { description: "Signed out", schema: undefined } },
    handler: async ({ body }, { accounts }) => {
      await accounts.logout(body.refreshToken);
      return noContent();
    },
  }),
  authRoute({
    method: "post",
    path: "/auth/logout-all",
    operationId: "logoutAll",
    tag: "auth",
    summary: "End every session and access token of the caller",
    access: "user",
    responses: { 204: { description: "Signed out everywhere", schema: undefined } },
    errors: [404],
    handler: async ({ caller }, { accounts }) => {
      await accounts.logoutAll(caller().uid);
      return noContent();
    },
  }),
  authRoute({
    method: "post",
    path: "/auth/firebase",
    operationId: "signInWithFirebase",
    tag: "auth",
    summary: "Exchange a Firebase Auth ID token (Google or Apple sign-in) for the app's tokens",
    description:
      "The account is found by the provider's user id, else linked by a verified email to an account without a password, " +
      "else created. 409 when the email belongs to an account with a password (sign in with it first); 503 when no free " +
      "handle could be chosen (retry).",
    access: "public",
    body: firebaseSignInSchema,
    headers: NO_STORE,
    responses: { 200: { description: "Signed in (created says whether the account is new)", schema: providerSessionSchema } },
    errors: [401, 404, 409, 503],
    handler: async ({ body }, { accounts }) => ok(await accounts.signInWithFirebase(body.idToken, body)),
  }),
  authRoute({
    method: "post",
    path: "/auth/firebase-token",
    operationId: "createFirebaseToken",
    tag: "auth",
    summary: "A Firebase custom token for the caller, to sign in to Firebase Auth and listen to a movie night room live",
    description:
      "Pass it to Firebase Auth's `signInWithCustomToken`; the Firebase user's uid is the caller's id. Signing out " +
      "everywhere, a password change or reset, undoing an email change and account deletion end those Firebase " +
      "sessions too, and the room's view then refuses their ID tokens at once (the token carries the account's " +
      "token version). When a read or a listener of the room fails with `permission-denied` while the person is " +
      "still in the room (after a password change on this device, say), ask for a new custom token and sign in " +
      "to Firebase with it again.",
    access: "user",
    headers: NO_STORE,
    responses: { 200: { description: "The custom token", schema: firebaseCustomTokenSchema } },
    errors: [401],
    handler: async ({ caller }, { accounts }) => ok(await accounts.firebaseToken(caller().uid)),
  }),
  authRoute({
    method: "put",
    path: "/me/password",
    operationId: "changePassword",
    tag: "auth",
    summary: "Change the password; every other session is revoked and this one gets a new token pair",
    description:
      "403 when `currentPassword` is wrong (failures count towards the sign-in lock: 429 with Retry-After); 409 when the " +
      "account has no password (Google/Apple only).",
    access: "user",
    body: changePasswordSchema,
    headers: NO_STORE,
    responses: { 200: { description: "Password changed", schema: tokenPairSchema } },
    errors: [403, 404, 409, 429, 503],
    handler: async ({ body, caller }, { accounts }) => ok(await accounts.changePassword(caller().uid, body, caller().sessionId)),
  }),
];
