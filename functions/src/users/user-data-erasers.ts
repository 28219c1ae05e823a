/**
 * The extension point of account deletion. Every domain that stores data about a user (including
 * entries in other users' data: friendships, feeds, notifications) contributes one eraser, listed in
 * USER_DATA_ERASERS in deps.ts. The deletion cascade runs them all, in list order, after the account
 * itself is gone, and records each one's completion, so a retried cascade skips finished ones.
 *
 * An eraser must be idempotent (running it twice, or after a partial run, is harmless) and must not
 * rely on `users/{uid}` itself (already deleted); the user's subcollections (`users/{uid}/...`) are
 * still there while erasers run and are removed last, so an eraser may read e.g. the friend list to
 * find entries in other users' data.
 */
export interface UserDataEraser {
  /** Stable, unique name: completion is recorded under it. */
  readonly name: string;
  erase(uid: string): Promise<void>;
}

/**
 * The extension point of GET /v1/me/export: every domain that holds data the user gave us
 * contributes one exporter, listed in USER_DATA_EXPORTERS in deps.ts. Its result appears in the
 * export under its name.
 */
export interface UserDataExporter {
  readonly name: string;
  export(uid: string): Promise<unknown>;
}
