import type { RequestHandler, Router } from "express";
import { callerOf } from "../http/auth.middleware";
import { parseInput } from "../shared/validation";
import {
  createNightBodySchema,
  deckQuerySchema,
  inviteBodySchema,
  joinBodySchema,
  nightIdParamSchema,
  swipeBodySchema,
  watchedBodySchema,
} from "./nights.schema";
import type { NightsService } from "./nights.service";

/** Movie nights: rooms, invitations, the deck, swipes and the film watched afterwards. All need an access token. */
export function registerNightRoutes(router: Router, nights: NightsService, auth: RequestHandler): void {
  router.post("/nights", auth, async (req, res) => {
    const input = parseInput(createNightBodySchema, req.body, "movie night");
    res.status(201).json(await nights.create(callerOf(res).uid, input));
  });

  router.post("/nights/join", auth, async (req, res) => {
    const { code } = parseInput(joinBodySchema, req.body, "join request");
    res.json(await nights.join(callerOf(res).uid, code));
  });

  router.get("/nights/:id", auth, async (req, res) => {
    const { id } = parseInput(nightIdParamSchema, req.params, "night id");
    res.set("Cache-Control", "private, no-store").json(await nights.get(callerOf(res).uid, id));
  });

  router.post("/nights/:id/invites", auth, async (req, res) => {
    const { id } = parseInput(nightIdParamSchema, req.params, "night id");
    const { uid } = parseInput(inviteBodySchema, req.body, "invitation");
    await nights.invite(callerOf(res).uid, id, uid);
    res.status(204).end();
  });

  router.post("/nights/:id/leave", auth, async (req, res) => {
    const { id } = parseInput(nightIdParamSchema, req.params, "night id");
    await nights.leave(callerOf(res).uid, id);
    res.status(204).end();
  });

  router.post("/nights/:id/start", auth, async (req, res) => {
    const { id } = parseInput(nightIdParamSchema, req.params, "night id");
    res.json(await nights.start(callerOf(res).uid, id));
  });

  router.get("/nights/:id/deck", auth, async (req, res) => {
    const { id } = parseInput(nightIdParamSchema, req.params, "night id");
    const { limit, cursor } = parseInput(deckQuerySchema, req.query, "query");
    res.set("Cache-Control", "private, no-store").json(await nights.deck(callerOf(res).uid, id, limit, cursor));
  });

  router.post("/nights/:id/swipes", auth, async (req, res) => {
    const { id } = parseInput(nightIdParamSchema, req.params, "night id");
    const { movieId, liked } = parseInput(swipeBodySchema, req.body, "swipe");
    const outcome = await nights.swipe(callerOf(res).uid, id, movieId, liked);
    res.status(outcome.replaced ? 200 : 201).json(outcome);
  });

  router.post("/nights/:id/watched", auth, async (req, res) => {
    const { id } = parseInput(nightIdParamSchema, req.params, "night id");
    const { movieId } = parseInput(watchedBodySchema, req.body, "watched film");
    res.json(await nights.markWatched(callerOf(res).uid, id, movieId));
  });
}
