import { noContent, ok, routeFor } from "../http/route";
import { sessionIdParamSchema, sessionListSchema } from "./sessions.schema";
import type { AuthService } from "./auth.service";

const sessionRoute = routeFor<{ accounts: AuthService }>();

/**
 * The caller's sign-in sessions (refresh-token families): list them, end one. A session is what one
 * sign-in began; refreshes keep it, sign-out, logout-all and a password change end it.
 */
export const sessionRoutes = [
  sessionRoute({
    method: "get",
    path: "/me/sessions",
    operationId: "listSessions",
    tag: "auth",
    summary: "The caller's live sign-in sessions, most recently used first",
    description: "`current` marks the session of the access token making the request.",
    access: "user",
    headers: { "Cache-Control": "private, no-store" },
    responses: { 200: { description: "The sessions", schema: sessionListSchema } },
    errors: [404],
    handler: async ({ caller }, { accounts }) => ok({ sessions: await accounts.listSessions(caller()) }),
  }),
  sessionRoute({
    method: "delete",
    path: "/me/sessions/{id}",
    operationId: "endSession",
    tag: "auth",
    summary: "End one of the caller's sessions: its refresh token stops working",
    description:
      "The caller may end their current session too. Access tokens already issued for it stay valid until they expire " +
      "(at most 15 minutes). 404 when the caller has no session with this id; ending an ended session is a no-op.",
    access: "user",
    params: sessionIdParamSchema,
    responses: { 204: { description: "Ended", schema: undefined } },
    errors: [404],
    handler: async ({ params, caller }, { accounts }) => {
      await accounts.endSession(caller().uid, params.id);
      return noContent();
    },
  }),
];
