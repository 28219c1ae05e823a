import type { RequestHandler } from "express";
import { AppError } from "../shared/errors";

/**
 * Enforces the body size limit also where the platform parsed the body before the app saw it (the
 * Functions runtime reads JSON bodies up to 32 MB, and express.json then skips them): the declared
 * Content-Length and the raw body the runtime kept are both checked.
 */
export function bodyLimit(maxBytes: number): RequestHandler {
  return (req, _res, next) => {
    const declared = Number(req.get("Content-Length") ?? 0);
    const raw = (req as { rawBody?: Buffer }).rawBody;
    if (declared > maxBytes || (raw !== undefined && raw.length > maxBytes)) {
      next(new AppError("payload-too-large", `Request body is larger than ${maxBytes} bytes`));
      return;
    }
    next();
  };
}
