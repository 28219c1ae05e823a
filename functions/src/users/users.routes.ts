import type { RequestHandler, Router } from "express";
import { callerOf } from "../http/auth.middleware";
import { parseInput } from "../shared/validation";
import { deleteMeSchema, updateMeSchema } from "./users.schema";
import type { UsersService } from "./users.service";

/** The signed-in user's own account: GET/PATCH/DELETE /me and GET /me/export. All need an access token. */
export function registerUserRoutes(router: Router, users: UsersService, auth: RequestHandler): void {
  router.get("/me", auth, async (_req, res) => {
    res.set("Cache-Control", "private, no-store").json(await users.getMe(callerOf(res).uid));
  });

  router.patch("/me", auth, async (req, res) => {
    const { uid } = callerOf(res);
    const change = parseInput(updateMeSchema, req.body, "profile change");
    res.json(await users.updateMe(uid, change));
  });

  router.get("/me/export", auth, async (_req, res) => {
    const { uid } = callerOf(res);
    res
      .set("Cache-Control", "private, no-store")
      .set("Content-Disposition", 'attachment; filename="movie-night-export.json"')
      .json(await users.exportMe(uid));
  });

  router.delete("/me", auth, async (req, res) => {
    const { uid } = callerOf(res);
    const proof = parseInput(deleteMeSchema, req.body, "account deletion");
    await users.deleteMe(uid, proof);
    res.status(204).end();
  });
}
