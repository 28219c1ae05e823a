import type { Firestore } from "firebase-admin/firestore";
import type { FriendsRepository } from "../friends/friends.repository";
import type { UserDirectory } from "../friends/people.repository";
import type { Visibility } from "../shared/authorization";
import { COLLECTIONS } from "../shared/collections";
import { AppError } from "../shared/errors";
import { type LivePointer, type StoredLease, type StoredPointer, storedLeaseSchema, storedPointerSchema } from "./recommendations.schema";

/** Document ids under `system/`. */
const POINTER_DOC = "recommender";
const LEASE_DOC = "recommenderRetrain";
/** Force-promotions and rollbacks, under the pointer document. */
const EVENTS = "events";

/** The pointer as the serving side reads it. */
export interface PointerReader {
  /** `system/recommender`, or undefined when no model has been published. */
  getPointer(): Promise<LivePointer | undefined>;
}

/**
 * `system/recommender` (the live version) and the retraining lease. The lease and the promotion are
 * transactions, so overlapping runs (the schedule and an administrator, or a retried job) cannot both
 * promote, and a run that lost its lease cannot move the pointer.
 */
export interface RecommenderStateRepository extends PointerReader {
  /** Takes the lease for `ttlMs` unless another unexpired run holds it; false when busy. */
  acquireLease(runId: string, trigger: string, now: Date, ttlMs: number): Promise<boolean>;
  /** Gives the lease back (only if `runId` still holds it). */
  releaseLease(runId: string): Promise<void>;
  /**
   * Moves the pointer to `next` if `runId` still holds the lease and the pointer still names
   * `expectedVersion` (null: no pointer yet). False, and nothing written, otherwise.
   */
  promote(runId: string, expectedVersion: string | null, next: LivePointer, now: Date): Promise<boolean>;
  /**
   * An administrator's force-promote or rollback: moves the pointer whatever it names, and records the event
   * in the same transaction. Returns the version it replaced.
   */
  setLive(next: LivePointer, event: LiveEvent): Promise<string | null>;
}

/** A recorded force-promote or rollback (`system/recommender/events/{id}`). */
export interface LiveEvent {
  kind: "force-promote" | "rollback";
  version: string;
  previousVersion: string | null;
  /** The administrator's uid, or "cli". */
  by: string;
  reason: string | null;
  at: Date;
}

export class FirestoreRecommenderStateRepository implements RecommenderStateRepository {
  constructor(private readonly db: Firestore) {}

  private pointerRef = () => this.db.collection(COLLECTIONS.system).doc(POINTER_DOC);
  private leaseRef = () => this.db.collection(COLLECTIONS.system).doc(LEASE_DOC);

  async getPointer(): Promise<LivePointer | undefined> {
    const snap = await this.pointerRef().get();
    return snap.exists ? parsePointer(snap.data()) : undefined;
  }

  async acquireLease(runId: string, trigger: string, now: Date, ttlMs: number): Promise<boolean> {
    return this.db.runTransaction(async (tx) => {
      const snap = await tx.get(this.leaseRef());
      if (snap.exists) {
        const lease = storedLeaseSchema.safeParse(snap.data());
        if (lease.success && lease.data.runId !== runId && lease.data.expiresAt.getTime() > now.getTime()) return false;
      }
      const lease: StoredLease = {
        runId,
        trigger,
        acquiredAt: now,
        expiresAt: new Date(now.getTime() + ttlMs),
      };
      tx.set(this.leaseRef(), lease);
      return true;
    });
  }

  async releaseLease(runId: string): Promise<void> {
    await this.db.runTransaction(async (tx) => {
      const snap = await tx.get(this.leaseRef());
      if (snap.exists && snap.get("runId") === runId) tx.delete(this.leaseRef());
    });
  }

  async promote(runId: string, expectedVersion: string | null, next: LivePointer, now: Date): Promise<boolean> {
    return this.db.runTransaction(async (tx) => {
      const [lease, pointer] = await Promise.all([tx.get(this.leaseRef()), tx.get(this.pointerRef())]);
      const parsed = lease.exists ? storedLeaseSchema.safeParse(lease.data()) : undefined;
      const held = parsed?.success === true && parsed.data.runId === runId && parsed.data.expiresAt.getTime() > now.getTime();
      const current = pointer.exists ? String(pointer.get("version")) : null;
      if (!held || current !== expectedVersion) return false;
      const stored: StoredPointer = {
        ...next,
        trainedAt: next.trainedAt,
        promotedAt: next.promotedAt,
      };
      tx.set(this.pointerRef(), stored);
      return true;
    });
  }

  async setLive(next: LivePointer, event: LiveEvent): Promise<string | null> {
    return this.db.runTransaction(async (tx) => {
      const pointer = await tx.get(this.pointerRef());
      const previous = pointer.exists ? String(pointer.get("version")) : null;
      const stored: StoredPointer = { ...next };
      tx.set(this.pointerRef(), stored);
      // Firestore stores a Date as a Timestamp.
      tx.create(this.pointerRef().collection(EVENTS).doc(), { ...event, previousVersion: previous, at: event.at });
      return previous;
    });
  }
}

function parsePointer(data: unknown): LivePointer {
  const parsed = storedPointerSchema.safeParse(data);
  if (!parsed.success) throw new AppError("internal", "system/recommender is unreadable", { cause: parsed.error });
  return parsed.data;
}

/** Whether two people are friends; group recommendations are only for the caller's friends. */
export interface FriendshipChecker {
  areFriends(a: string, b: string): Promise<boolean>;
}

/** Each person's setting of who may see their ratings and watched list (the users' preferences). */
export interface PrivacyLookup {
  privacyOf(uids: readonly string[]): Promise<Map<string, Visibility>>;
}

/** FriendshipChecker over the friends domain's canonical friendships (its repository knows the paths). */
export class FriendsRepositoryChecker implements FriendshipChecker {
  constructor(private readonly friends: Pick<FriendsRepository, "friendsAmong">) {}

  async areFriends(a: string, b: string): Promise<boolean> {
    return (await this.friends.friendsAmong(a, [b])).has(b);
  }
}

/** PrivacyLookup over the people directory (the users' privacy preference, read without decrypting anything). */
export class DirectoryPrivacyLookup implements PrivacyLookup {
  constructor(private readonly directory: Pick<UserDirectory, "summaries">) {}

  async privacyOf(uids: readonly string[]): Promise<Map<string, Visibility>> {
    const found = await this.directory.summaries(uids);
    return new Map([...found].map(([uid, s]) => [uid, s.privacy]));
  }
}
