import { noContent, ok, routeFor } from "../http/route";
import { deleteMeSchema, updateMeSchema, userExportSchema, userSchema } from "./users.schema";
import type { UsersService } from "./users.service";

const userRoute = routeFor<{ users: UsersService }>();

/** What a shared cache or the client's HTTP cache must not keep: the caller's own personal data. */
const PRIVATE = { "Cache-Control": "private, no-store" };

/**
 * The signed-in user's own account: GET/PATCH/DELETE /me and GET /me/export. All need an access token;
 * 404 means the account was deleted while the request was under way.
 */
export const userRoutes = [
  userRoute({
    method: "get",
    path: "/me",
    operationId: "getMe",
    tag: "account",
    summary: "The caller's account",
    access: "user",
    headers: PRIVATE,
    responses: { 200: { description: "The account", schema: userSchema } },
    errors: [404],
    handler: async ({ caller }, { users }) => ok(await users.getMe(caller().uid)),
  }),
  userRoute({
    method: "patch",
    path: "/me",
    operationId: "updateMe",
    tag: "account",
    summary: "Change the display name, handle or preferences",
    description:
      "Give at least one of `displayName`, `handle` and `preferences` (and at least one preference). 409 when the handle is taken.",
    access: "user",
    body: updateMeSchema,
    responses: { 200: { description: "The updated account", schema: userSchema } },
    errors: [404, 409],
    handler: async ({ body, caller }, { users }) => ok(await users.updateMe(caller().uid, body)),
  }),
  userRoute({
    method: "get",
    path: "/me/export",
    operationId: "exportMe",
    limit: "costly",
    tag: "account",
    summary: "Everything the user gave us, as JSON",
    description: "Sent as an attachment (`movie-night-export.json`).",
    access: "user",
    headers: { ...PRIVATE, "Content-Disposition": 'attachment; filename="movie-night-export.json"' },
    responses: { 200: { description: "The export", schema: userExportSchema } },
    errors: [404],
    // Reads every collection of the person's data: far longer than an ordinary request.
    deadlineMs: 50_000,
    handler: async ({ caller }, { users }) => ok(await users.exportMe(caller().uid)),
  }),
  userRoute({
    method: "delete",
    path: "/me",
    operationId: "deleteMe",
    tag: "account",
    summary: "Delete the account and everything it owns (needs the password or a Google/Apple sign-in of the last 5 minutes)",
    description:
      "Send either `password` or a fresh Firebase `idToken`. 403 when the proof is wrong or the Google/Apple sign-in is too old; " +
      "409 when a password is given for an account without one; 429 after too many wrong passwords.",
    access: "user",
    body: deleteMeSchema,
    responses: { 204: { description: "Deleted; the rest of the user's data is erased shortly after", schema: undefined } },
    errors: [403, 404, 409, 429, 503],
    handler: async ({ body, caller }, { users }) => {
      await users.deleteMe(caller().uid, body);
      return noContent();
    },
  }),
];
