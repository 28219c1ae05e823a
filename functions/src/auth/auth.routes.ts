import type { RequestHandler, Response, Router } from "express";
import { callerOf } from "../http/auth.middleware";
import { parseInput } from "../shared/validation";
import { changePasswordSchema, firebaseSignInSchema, loginSchema, refreshSchema, registerSchema } from "./auth.schema";
import type { AuthService } from "./auth.service";

/** Token responses must never be cached by a proxy or the client's HTTP stack. */
const noStore = (res: Response) => res.set("Cache-Control", "no-store");

/**
 * Sign-up, sign-in, token refresh, sign-out and password change. Only logout-all and the password
 * change need an access token; the others are how a client gets one.
 */
export function registerAuthRoutes(router: Router, accounts: AuthService, auth: RequestHandler): void {
  router.post("/auth/register", async (req, res) => {
    const input = parseInput(registerSchema, req.body, "sign-up");
    noStore(res)
      .status(201)
      .json(await accounts.register(input));
  });

  router.post("/auth/login", async (req, res) => {
    const input = parseInput(loginSchema, req.body, "sign-in");
    noStore(res).json(await accounts.login(input, req.ip ?? "unknown"));
  });

  router.post("/auth/refresh", async (req, res) => {
    const { refreshToken } = parseInput(refreshSchema, req.body, "refresh");
    noStore(res).json(await accounts.refresh(refreshToken));
  });

  router.post("/auth/logout", async (req, res) => {
    const { refreshToken } = parseInput(refreshSchema, req.body, "sign-out");
    await accounts.logout(refreshToken);
    res.status(204).end();
  });

  router.post("/auth/logout-all", auth, async (_req, res) => {
    await accounts.logoutAll(callerOf(res).uid);
    res.status(204).end();
  });

  router.post("/auth/firebase", async (req, res) => {
    const { idToken } = parseInput(firebaseSignInSchema, req.body, "sign-in");
    noStore(res).json(await accounts.signInWithFirebase(idToken));
  });

  router.put("/me/password", auth, async (req, res) => {
    const { uid } = callerOf(res);
    const input = parseInput(changePasswordSchema, req.body, "password change");
    noStore(res).json(await accounts.changePassword(uid, input));
  });
}
