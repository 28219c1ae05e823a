import { created, noContent, ok, routeFor } from "../http/route";
import { pageQuerySchema } from "../shared/pagination";
import {
  createCrewBodySchema,
  crewHistoryPageSchema,
  crewIdParamSchema,
  crewInviteBodySchema,
  crewPageSchema,
  crewSchema,
} from "./crews.schema";
import type { CrewsService } from "./crews.service";

const crewRoute = routeFor<{ crews: CrewsService }>();

const noStore = { "Cache-Control": "private, no-store" };

/**
 * Crews: lasting groups of friends who hold movie nights together. A crew is visible to its members and the
 * people invited to it (404 to anyone else); its history to its members only.
 */
export const crewRoutes = [
  crewRoute({
    method: "post",
    path: "/crews",
    operationId: "createCrew",
    tag: "crews",
    summary: "Create a crew with the caller as owner and only member",
    access: "user",
    body: createCrewBodySchema,
    responses: { 201: { description: "The crew", schema: crewSchema } },
    idempotent: true,
    handler: async ({ body, caller }, { crews }) => created(await crews.create(caller().uid, body)),
  }),
  crewRoute({
    method: "get",
    path: "/crews",
    operationId: "listCrews",
    tag: "crews",
    summary: "The caller's crews, newest first",
    access: "user",
    query: pageQuerySchema,
    responses: { 200: { description: "A page of crews", schema: crewPageSchema } },
    headers: noStore,
    handler: async ({ query, caller }, { crews }) => ok(await crews.list(caller().uid, query.limit, query.cursor)),
  }),
  crewRoute({
    method: "get",
    path: "/crews/{id}",
    operationId: "getCrew",
    tag: "crews",
    summary: "A crew (its members and the people invited to it)",
    access: "user",
    params: crewIdParamSchema,
    responses: { 200: { description: "The crew", schema: crewSchema } },
    errors: [404],
    headers: noStore,
    handler: async ({ params, caller }, { crews }) => ok(await crews.get(caller().uid, params.id)),
  }),
  crewRoute({
    method: "post",
    path: "/crews/{id}/invites",
    operationId: "inviteToCrew",
    tag: "crews",
    summary: "Invite a friend to the crew (an in-app and push notification)",
    description: "Any member may invite their own friends; 409 when the crew is full or the person is in it already.",
    access: "user",
    params: crewIdParamSchema,
    body: crewInviteBodySchema,
    responses: { 204: { description: "Invited", schema: undefined } },
    errors: [403, 404, 409],
    handler: async ({ params, body, caller }, { crews }) => {
      await crews.invite(caller().uid, params.id, body.uid);
      return noContent();
    },
  }),
  crewRoute({
    method: "post",
    path: "/crews/{id}/join",
    operationId: "joinCrew",
    tag: "crews",
    summary: "Join a crew the caller was invited to",
    description: "Joining again answers the crew; 404 without an invitation; 409 when the crew is full.",
    access: "user",
    params: crewIdParamSchema,
    responses: { 200: { description: "The crew", schema: crewSchema } },
    errors: [404, 409],
    handler: async ({ params, caller }, { crews }) => ok(await crews.join(caller().uid, params.id)),
  }),
  crewRoute({
    method: "post",
    path: "/crews/{id}/leave",
    operationId: "leaveCrew",
    tag: "crews",
    summary: "Leave a crew (or decline its invitation); the last one out deletes it with its memory",
    access: "user",
    params: crewIdParamSchema,
    responses: { 204: { description: "Left", schema: undefined } },
    errors: [404],
    handler: async ({ params, caller }, { crews }) => {
      await crews.leave(caller().uid, params.id);
      return noContent();
    },
  }),
  crewRoute({
    method: "get",
    path: "/crews/{id}/history",
    operationId: "getCrewHistory",
    tag: "crews",
    summary: "The crew's matches and the films it watched together, newest first (members only)",
    access: "user",
    params: crewIdParamSchema,
    query: pageQuerySchema,
    responses: { 200: { description: "A page of history", schema: crewHistoryPageSchema } },
    errors: [404],
    headers: noStore,
    handler: async ({ params, query, caller }, { crews }) => ok(await crews.history(caller().uid, params.id, query.limit, query.cursor)),
  }),
];
