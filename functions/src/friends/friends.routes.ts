import type { RequestHandler, Router } from "express";
import { callerOf } from "../http/auth.middleware";
import { pageQuerySchema } from "../shared/pagination";
import { parseInput } from "../shared/validation";
import type { CompatibilityService } from "./compatibility.service";
import {
  requestIdParamSchema,
  requestListQuerySchema,
  sendRequestBodySchema,
  uidParamSchema,
  userSearchQuerySchema,
} from "./friends.schema";
import type { FriendsService } from "./friends.service";
import type { PeopleService } from "./people.service";

/** Friend requests, friends, blocks and taste compatibility. All need an access token. */
export function registerFriendRoutes(
  router: Router,
  friends: FriendsService,
  compatibility: CompatibilityService,
  auth: RequestHandler,
): void {
  router.post("/friends/requests", auth, async (req, res) => {
    const { uid } = parseInput(sendRequestBodySchema, req.body, "friend request");
    const outcome = await friends.sendRequest(callerOf(res).uid, uid);
    res.status(outcome.status === "pending" ? 201 : 200).json(outcome);
  });

  router.get("/friends/requests", auth, async (req, res) => {
    const { direction, limit, cursor } = parseInput(requestListQuerySchema, req.query, "query");
    res.set("Cache-Control", "private, no-store").json(await friends.listRequests(callerOf(res).uid, direction, limit, cursor));
  });

  router.post("/friends/requests/:id/accept", auth, async (req, res) => {
    const { id } = parseInput(requestIdParamSchema, req.params, "friend request id");
    res.json({ friend: await friends.accept(callerOf(res).uid, id.from, id.to) });
  });

  router.post("/friends/requests/:id/decline", auth, async (req, res) => {
    const { id } = parseInput(requestIdParamSchema, req.params, "friend request id");
    await friends.decline(callerOf(res).uid, id.from, id.to);
    res.status(204).end();
  });

  router.delete("/friends/requests/:id", auth, async (req, res) => {
    const { id } = parseInput(requestIdParamSchema, req.params, "friend request id");
    await friends.cancel(callerOf(res).uid, id.from, id.to);
    res.status(204).end();
  });

  router.get("/friends", auth, async (req, res) => {
    const { limit, cursor } = parseInput(pageQuerySchema, req.query, "query");
    res.set("Cache-Control", "private, no-store").json(await friends.listFriends(callerOf(res).uid, limit, cursor));
  });

  router.delete("/friends/:uid", auth, async (req, res) => {
    const { uid } = parseInput(uidParamSchema, req.params, "user id");
    await friends.unfriend(callerOf(res).uid, uid);
    res.status(204).end();
  });

  router.get("/friends/:uid/compatibility", auth, async (req, res) => {
    const { uid } = parseInput(uidParamSchema, req.params, "user id");
    res.set("Cache-Control", "private, no-store").json(await compatibility.compatibility(callerOf(res).uid, uid));
  });

  router.get("/me/blocks", auth, async (req, res) => {
    const { limit, cursor } = parseInput(pageQuerySchema, req.query, "query");
    res.set("Cache-Control", "private, no-store").json(await friends.listBlocks(callerOf(res).uid, limit, cursor));
  });

  router.put("/me/blocks/:uid", auth, async (req, res) => {
    const { uid } = parseInput(uidParamSchema, req.params, "user id");
    const result = await friends.block(callerOf(res).uid, uid);
    res.status(result.created ? 201 : 200).json(result.block);
  });

  router.delete("/me/blocks/:uid", auth, async (req, res) => {
    const { uid } = parseInput(uidParamSchema, req.params, "user id");
    await friends.unblock(callerOf(res).uid, uid);
    res.status(204).end();
  });
}

/** Finding people and their public profiles, ratings and diary (as their privacy setting allows). */
export function registerPeopleRoutes(router: Router, people: PeopleService, auth: RequestHandler): void {
  router.get("/users", auth, async (req, res) => {
    const { handle, limit, cursor } = parseInput(userSearchQuerySchema, req.query, "query");
    res.set("Cache-Control", "private, no-store").json(await people.search(handle, limit, cursor));
  });

  router.get("/users/:uid", auth, async (req, res) => {
    const { uid } = parseInput(uidParamSchema, req.params, "user id");
    res.set("Cache-Control", "private, no-store").json(await people.profile(callerOf(res).uid, uid));
  });

  router.get("/users/:uid/ratings", auth, async (req, res) => {
    const { uid } = parseInput(uidParamSchema, req.params, "user id");
    const { limit, cursor } = parseInput(pageQuerySchema, req.query, "query");
    res.set("Cache-Control", "private, no-store").json(await people.ratingsOf(callerOf(res).uid, uid, limit, cursor));
  });

  router.get("/users/:uid/watched", auth, async (req, res) => {
    const { uid } = parseInput(uidParamSchema, req.params, "user id");
    const { limit, cursor } = parseInput(pageQuerySchema, req.query, "query");
    res.set("Cache-Control", "private, no-store").json(await people.diaryOf(callerOf(res).uid, uid, limit, cursor));
  });
}
