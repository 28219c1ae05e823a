/**
 * Social features for tests. Unit tests: `unitSocialAppDeps()` stands in for the social services in
 * app specs that exercise other routes. Integration tests: `RecordingPushTransport` records what would
 * be pushed, and `socialTestServices(db, push)` wires the real services over the emulator with it.
 */
import type { Express } from "express";
import type { Firestore } from "firebase-admin/firestore";
import request from "supertest";
import { makeSocialTriggerDeps, type SocialServices } from "../../src/deps";
import type { AppDeps } from "../../src/api/app";
import type { PushMessage, PushResult, PushTransport } from "../../src/notifications/push";
import { bearer, type RegisteredUser } from "./accounts";
import { waitFor } from "./emulators";

/** Stands in for a service an app unit test never reaches; any call fails the test loudly. */
function unreachable<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get: (_target, prop) => () => {
      throw new Error(`${name}.${String(prop)} was called in a test that does not wire it`);
    },
  });
}

/** Social services for app unit tests that exercise other routes. */
export function unitSocialAppDeps(): Pick<AppDeps, "friends" | "people" | "compatibility" | "feed" | "notifications"> {
  return {
    friends: unreachable("friends"),
    people: unreachable("people"),
    compatibility: unreachable("compatibility"),
    feed: unreachable("feed"),
    notifications: unreachable("notifications"),
  };
}

/**
 * A push transport that records every send instead of reaching FCM. Integration tests only: FCM has
 * no emulator and cannot be reached from the test machines, so this is the one faked boundary there
 * (production wiring always uses FcmPushTransport). Tokens listed in `invalid` are reported the way
 * FCM reports unregistered tokens, so the pruning path runs against the real Firestore.
 */
export class RecordingPushTransport implements PushTransport {
  readonly sends: Array<{ tokens: string[]; message: PushMessage }> = [];
  readonly invalid = new Set<string>();

  async send(tokens: readonly string[], message: PushMessage): Promise<PushResult> {
    this.sends.push({ tokens: [...tokens], message });
    const invalidTokens = tokens.filter((t) => this.invalid.has(t));
    return { sent: tokens.length - invalidTokens.length, failed: invalidTokens.length, invalidTokens };
  }
}

/** The social services as the triggers wire them, over the given Firestore, pushing through `push`. */
export function socialTestServices(db: Firestore, push: PushTransport): SocialServices {
  return makeSocialTriggerDeps(db, { push });
}

/** A client for one signed-in user over an app (supertest). */
export function clientFor(app: Express, user: RegisteredUser) {
  const auth = (r: request.Test) => r.set("Authorization", bearer(user.accessToken));
  return {
    get: (path: string) => auth(request(app).get(`/v1${path}`)),
    post: (path: string, body?: object) => auth(request(app).post(`/v1${path}`)).send(body),
    put: (path: string, body?: object) => auth(request(app).put(`/v1${path}`)).send(body),
    patch: (path: string, body?: object) => auth(request(app).patch(`/v1${path}`)).send(body),
    delete: (path: string) => auth(request(app).delete(`/v1${path}`)),
  };
}

/** Makes two users friends through the API and waits until both friend lists show it (the trigger). */
export async function befriend(app: Express, db: Firestore, a: RegisteredUser, b: RegisteredUser): Promise<void> {
  await clientFor(app, a).post("/friends/requests", { uid: b.uid }).expect(201);
  await clientFor(app, b).post(`/friends/requests/${a.uid}_${b.uid}/accept`).expect(200);
  await waitFor(
    async () => {
      const [x, y] = await Promise.all([db.doc(`users/${a.uid}/friends/${b.uid}`).get(), db.doc(`users/${b.uid}/friends/${a.uid}`).get()]);
      return x.exists && y.exists ? true : undefined;
    },
    { what: "both friend lists" },
  );
}
