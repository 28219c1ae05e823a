import { randomUUID } from "node:crypto";
import jwt from "jsonwebtoken";
import { z } from "zod";
import type { AccessTokenVerifier, Caller } from "../shared/authorization";
import { AppError } from "../shared/errors";

export type Role = Caller["role"];

/** What a token's subject currently is: revocation bumps tokenVersion; a deleted user has no state. */
export interface SessionState {
  tokenVersion: number;
  role: Role;
}

/** Reads a user's current session state (the users repository implements it). */
export interface SessionStateSource {
  sessionState(uid: string): Promise<SessionState | undefined>;
}

export interface AccessTokenSettings {
  /** HS256 key: at least 256 bits. */
  signingKey: Buffer;
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

const ALGORITHM = "HS256";
/** RFC 9068's media type for access tokens, set as the header's `typ`. */
const HEADER_TYPE = "at+jwt";
const TOKEN_USE = "access";

const claimsSchema = z.object({
  sub: z.string().min(1).max(128),
  jti: z.string().min(1),
  iat: z.number(),
  exp: z.number(),
  use: z.literal(TOKEN_USE),
  ver: z.number().int().nonnegative(),
  /** The session (refresh-token family) the token was issued for; absent in tokens issued before sessions were listed. */
  sid: z.string().min(1).max(64).optional(),
});

const unauthenticated = (reason: string) => new AppError("unauthenticated", "Invalid or expired access token", { details: { reason } });

/**
 * Issues and verifies the API's access tokens: HS256 JWTs living 15 minutes, with iss, aud, sub, iat,
 * exp, jti, the user's token version and the session (refresh family) id. Verification pins the algorithm, issuer and audience (so
 * `alg: none` and algorithm swaps fail), checks the token type, and compares the version with the
 * user's current one, so bumping it revokes every outstanding token at once.
 */
export class AccessTokenService implements AccessTokenVerifier {
  constructor(
    private readonly settings: AccessTokenSettings,
    private readonly sessions: SessionStateSource,
  ) {
    if (settings.signingKey.length < 32) throw new Error("access token signing key must be at least 256 bits");
  }

  /** Signs a token for the user at their current token version, naming its session when there is one. */
  issue(uid: string, tokenVersion: number, sessionId?: string): { accessToken: string; expiresIn: number } {
    const payload = sessionId ? { use: TOKEN_USE, ver: tokenVersion, sid: sessionId } : { use: TOKEN_USE, ver: tokenVersion };
    const accessToken = jwt.sign(payload, this.settings.signingKey, {
      algorithm: ALGORITHM,
      header: { alg: ALGORITHM, typ: HEADER_TYPE },
      issuer: this.settings.issuer,
      audience: this.settings.audience,
      subject: uid,
      jwtid: randomUUID(),
      expiresIn: this.settings.ttlSeconds,
    });
    return { accessToken, expiresIn: this.settings.ttlSeconds };
  }

  async verify(token: string): Promise<Caller> {
    let decoded: jwt.Jwt;
    try {
      decoded = jwt.verify(token, this.settings.signingKey, {
        algorithms: [ALGORITHM],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        complete: true,
      });
    } catch (e: unknown) {
      throw unauthenticated(e instanceof jwt.TokenExpiredError ? "expired" : "invalid");
    }
    if (decoded.header.typ !== HEADER_TYPE) throw unauthenticated("wrong-type");
    const claims = claimsSchema.safeParse(decoded.payload);
    if (!claims.success) throw unauthenticated("wrong-type");
    const state = await this.sessions.sessionState(claims.data.sub);
    if (!state || state.tokenVersion !== claims.data.ver) throw unauthenticated("revoked");
    const caller: Caller = { uid: claims.data.sub, role: state.role };
    if (claims.data.sid) caller.sessionId = claims.data.sid;
    return caller;
  }
}
