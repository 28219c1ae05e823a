import type { Auth } from "firebase-admin/auth";
import type { UserDataEraser, UserDataExporter } from "../users/user-data-erasers";

/**
 * The Firebase Auth side of a person's sessions. The live movie night room is read straight from
 * Firestore by the app, signed in to Firebase Auth with a custom token the API mints (uid = the person's
 * id). Signing in with that token creates a Firebase Auth user of the same uid, so whatever ends the
 * app's own sessions (signing out everywhere, a password change or reset, account deletion) ends that
 * user's sessions too. firebase-admin in production; a recording fake in unit tests.
 */
export interface FirebaseSessions {
  /**
   * A custom token for `uid` (valid one hour for signing in; the ID tokens it gives last an hour each), carrying
   * the user's token version as the claim `tv`: the security rules compare it with `users/{uid}.tokenVersion`,
   * so whatever ends every session (signing out everywhere, a password change or reset) also ends the ID tokens
   * already issued, at once.
   */
  mint(uid: string, tokenVersion: number): Promise<string>;
  /** Ends every Firebase session of `uid` (its refresh tokens); nothing to do for a uid that never signed in. */
  revoke(uid: string): Promise<void>;
  /** Deletes the Firebase Auth user `uid` (account deletion); nothing to do when there is none. */
  remove(uid: string): Promise<void>;
  /** What Firebase Auth keeps about `uid` (the export): when the user was created and last signed in; null when none. */
  describe(uid: string): Promise<FirebaseUserSummary | null>;
}

/** The Firebase Auth user a custom token created: no email, no name, only these dates. */
export interface FirebaseUserSummary {
  createdAt: string | null;
  lastSignInAt: string | null;
}

const isUserNotFound = (e: unknown) => (e as { code?: unknown } | null)?.code === "auth/user-not-found";

/**
 * FirebaseSessions over firebase-admin. Minting signs with the runtime service account: on Cloud
 * Functions firebase-admin calls the IAM Credentials `signBlob` API, so that account needs
 * `iam.serviceAccounts.signBlob` on itself (Service Account Token Creator; see the README). Under the Auth
 * emulator the tokens are unsigned and the emulator accepts them.
 */
export class AdminFirebaseSessions implements FirebaseSessions {
  constructor(private readonly auth: () => Auth) {}

  mint(uid: string, tokenVersion: number): Promise<string> {
    return this.auth().createCustomToken(uid, { tv: tokenVersion });
  }

  async revoke(uid: string): Promise<void> {
    try {
      await this.auth().revokeRefreshTokens(uid);
    } catch (e: unknown) {
      if (!isUserNotFound(e)) throw e;
    }
  }

  async describe(uid: string): Promise<FirebaseUserSummary | null> {
    try {
      const { metadata } = await this.auth().getUser(uid);
      const iso = (s: string | null | undefined) => (s ? new Date(s).toISOString() : null);
      return { createdAt: iso(metadata.creationTime), lastSignInAt: iso(metadata.lastSignInTime) };
    } catch (e: unknown) {
      if (isUserNotFound(e)) return null;
      throw e;
    }
  }

  async remove(uid: string): Promise<void> {
    try {
      await this.auth().deleteUser(uid);
    } catch (e: unknown) {
      if (!isUserNotFound(e)) throw e;
    }
  }
}

/** Account deletion: the Firebase Auth user the person's custom tokens created goes too. */
export class FirebaseSessionsEraser implements UserDataEraser {
  readonly name = "firebaseAuthUser";
  constructor(private readonly sessions: Pick<FirebaseSessions, "remove">) {}

  erase(uid: string): Promise<void> {
    return this.sessions.remove(uid);
  }
}

/** GET /v1/me/export: the Firebase Auth user of the live room, if the person ever signed in to it. */
export class FirebaseSessionsExporter implements UserDataExporter {
  readonly name = "firebaseAuthUser";
  constructor(private readonly sessions: Pick<FirebaseSessions, "describe">) {}

  export(uid: string): Promise<FirebaseUserSummary | null> {
    return this.sessions.describe(uid);
  }
}
