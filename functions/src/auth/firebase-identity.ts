import type { Auth, DecodedIdToken } from "firebase-admin/auth";
import { AppError } from "../shared/errors";

/** The sign-in providers whose Firebase ID tokens the API exchanges for its own tokens. */
export const EXTERNAL_PROVIDERS = ["google.com", "apple.com"] as const;
export type ExternalProvider = (typeof EXTERNAL_PROVIDERS)[number];

/** What a verified Google/Apple sign-in tells us. */
export interface ExternalIdentity {
  provider: ExternalProvider;
  /** The provider's own, stable user id (Google's or Apple's `sub`). */
  subject: string;
  /** The Firebase Auth user the sign-in made (deleted with the account); absent from fakes. */
  firebaseUid?: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  /** When the person last actually signed in with the provider (not when the token was refreshed). */
  authTime: Date;
}

/** Verifies an ID token from Firebase Auth (firebase-admin in production, a fake in unit tests). */
export interface IdentityTokenVerifier {
  verify(idToken: string): Promise<ExternalIdentity>;
}

const isExternalProvider = (p: unknown): p is ExternalProvider => EXTERNAL_PROVIDERS.includes(p as ExternalProvider);

/** Maps a decoded Firebase ID token to an ExternalIdentity, refusing other providers. */
export function identityFromToken(decoded: DecodedIdToken): ExternalIdentity {
  const provider = decoded.firebase.sign_in_provider;
  if (!isExternalProvider(provider)) {
    throw new AppError("invalid-argument", "Only Google and Apple sign-in tokens are accepted", {
      details: [{ path: "idToken", message: "Unsupported sign-in provider" }],
    });
  }
  const ids = decoded.firebase.identities?.[provider];
  const subject = Array.isArray(ids) && typeof ids[0] === "string" ? ids[0] : undefined;
  if (!subject) throw new AppError("unauthenticated", "The ID token names no provider account");
  return {
    provider,
    subject,
    firebaseUid: decoded.uid,
    email: typeof decoded.email === "string" ? decoded.email : null,
    emailVerified: decoded.email_verified === true,
    name: typeof decoded.name === "string" ? decoded.name : null,
    authTime: new Date(decoded.auth_time * 1000),
  };
}

/**
 * Verifies Firebase Auth ID tokens with firebase-admin (signature, expiry, audience = this project;
 * under the Auth emulator, its unsigned tokens), and checks the token was not revoked.
 */
export class FirebaseIdentityVerifier implements IdentityTokenVerifier {
  constructor(private readonly auth: Auth) {}

  async verify(idToken: string): Promise<ExternalIdentity> {
    let decoded: DecodedIdToken;
    try {
      decoded = await this.auth.verifyIdToken(idToken, true);
    } catch (e: unknown) {
      throw new AppError("unauthenticated", "Invalid or expired ID token", { cause: e });
    }
    return identityFromToken(decoded);
  }
}
