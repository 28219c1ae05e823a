import type { RequestHandler } from "express";
import { AppError } from "../shared/errors";

/** Checks a Firebase App Check token (firebase-admin's getAppCheck().verifyToken in deps.ts; a stand-in in tests). */
export interface AppCheckVerifier {
  /** Resolves when the token is valid for this project; rejects otherwise. */
  verify(token: string): Promise<void>;
}

export const APP_CHECK_HEADER = "X-Firebase-AppCheck";

/**
 * Requires a valid App Check token in `X-Firebase-AppCheck` (when the APP_CHECK param is on): a request
 * from something other than the genuine app, or without a token, gets 401 `unauthenticated`.
 */
export function requireAppCheck(verifier: AppCheckVerifier): RequestHandler {
  return (req, _res, next) => {
    const token = req.get(APP_CHECK_HEADER);
    if (!token) {
      next(new AppError("unauthenticated", `An App Check token (${APP_CHECK_HEADER}) is required`));
      return;
    }
    verifier.verify(token).then(
      () => next(),
      (e: unknown) => next(new AppError("unauthenticated", "The App Check token is invalid", { cause: e })),
    );
  };
}
