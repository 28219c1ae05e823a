import { FieldValue, type Firestore, type Query, type Transaction } from "firebase-admin/firestore";
import { requireAccountIn } from "../shared/account-guard";
import { readDoc } from "../shared/firestore";
import { COLLECTIONS, SUBCOLLECTIONS } from "../shared/collections";
import {
  type LiveNightView,
  type LiveViewStore,
  type ProgressPublication,
  liveViewOf,
  sameView,
  storedLiveViewSchema,
} from "./nights.live";
import { type StoredNight, type StoredSwipe, storedNightSchema, storedSwipeSchema, swipeDocId } from "./nights.schema";

/** The composite indexes the queries below need (checked against firestore.indexes.json by a unit test). */
export const NIGHTS_COMPOSITE_INDEXES = [
  { collectionGroup: COLLECTIONS.nights, fields: ["state:ASCENDING", "lastActivityAt:ASCENDING"] },
  { collectionGroup: COLLECTIONS.nights, fields: ["state:ASCENDING", "startsAt:ASCENDING"] },
] as const;

/** Fields queried across every room's subcollection (collection group overrides in firestore.indexes.json). */
export const NIGHTS_COLLECTION_GROUP_FIELDS = [{ collectionGroup: SUBCOLLECTIONS.swipes, fieldPath: "uid" }] as const;

/** A person's swipe, with the room it is in. */
export interface SwipeRecord {
  nightId: string;
  swipe: StoredSwipe;
}

/** What a room change sees, read in its transaction. */
export interface NightState {
  night?: StoredNight;
  /** The room the acting person is in now (`nightMembers/{uid}`), if any. */
  actorRoom?: string;
  /** With `swipesOf`: every swipe on that film in the room. */
  swipes: StoredSwipe[];
  /** With `roomsOf`: the open room each of those people is in now, if any. */
  rooms: Map<string, string>;
}

/** What a room change writes. */
export interface NightChange<T> {
  result: T;
  /** The room's new state; absent: the room is not written. */
  night?: StoredNight;
  /** People now in this room (their `nightMembers` entry is created). */
  enter?: string[];
  /** People no longer in it (their entry is removed if it still names this room). */
  release?: string[];
  /** A join code to give back (the room stopped being joinable). */
  freeCode?: string;
}

/**
 * Rooms, their join codes, who is in which open room, swipes, and each room's live view: every change
 * of the room that shows in the view (joins, leaves, start, matches, close) rewrites the view in the same
 * transaction; swipe progress alone is left to the swipe trigger (`publishProgress`, coalesced).
 */
export interface NightsRepository extends LiveViewStore {
  /** The path of the room's live view, which the app listens to (named in the room's API view). */
  liveDocumentPath(nightId: string): string;
  /**
   * Creates a room with its join code and the host's membership in one transaction. "code-taken" when
   * another open room holds the code (the caller draws another); `checkHost` sees the room the host is
   * in already and throws to refuse.
   */
  create(nightId: string, night: StoredNight, checkHost: (currentRoom: string | undefined) => void): Promise<"created" | "code-taken">;
  get(nightId: string): Promise<StoredNight | undefined>;
  /** The open room holding a join code. */
  nightIdForCode(code: string): Promise<string | undefined>;
  /**
   * Changes a room in one transaction: reads it (with `actorUid`, refuses when that account is gone and
   * reads the actor's current room; with `swipesOf`, every swipe on that film), asks `decide` (which
   * throws to refuse), then writes what it returns.
   */
  change<T>(
    nightId: string,
    actorUid: string | undefined,
    decide: (state: NightState) => NightChange<T>,
    swipesOf?: number,
    roomsOf?: readonly string[],
  ): Promise<T>;
  /** Creates a scheduled night: no join code and nobody's open room (refused when the host's account is gone). */
  createScheduled(nightId: string, night: StoredNight): Promise<void>;
  /** Scheduled nights starting at or before `cutoff`, earliest first. */
  scheduledBefore(cutoff: Date, limit: number): Promise<string[]>;
  /** Scheduled nights not yet reminded that start after `now` and by `cutoff`, soonest first. */
  remindersDue(now: Date, cutoff: Date, limit: number): Promise<string[]>;
  /** Every swipe on one film in a room. */
  swipesOn(nightId: string, movieId: number): Promise<StoredSwipe[]>;
  /** Every night (any state) the user is invited to without being a member. */
  invitedTo(uid: string): Promise<string[]>;
  /**
   * Stores a swipe (replacing the member's earlier one on the film) in a transaction that reads the room
   * for `check` (which throws to refuse); a first swipe on a film counts in the member's progress.
   */
  swipe(nightId: string, swipe: StoredSwipe, check: (night: StoredNight | undefined) => void): Promise<{ replaced: boolean }>;
  /** The member's own swipes on some films. */
  swipesOf(nightId: string, uid: string, movieIds: readonly number[]): Promise<Map<number, boolean>>;
  /** Every like in a room (to re-check matches when the room gets smaller). */
  likesIn(nightId: string): Promise<StoredSwipe[]>;
  /** Rooms not closed whose last activity is before `cutoff`, oldest first. */
  inactiveSince(cutoff: Date, limit: number): Promise<string[]>;
  /** Every room (any state) the user is a member of. */
  roomsOf(uid: string): Promise<string[]>;
  /** Deletes the user's swipes in a room (account deletion). */
  deleteSwipes(nightId: string, uid: string): Promise<void>;
  /** Every swipe of the user in any room, including rooms they left (export, account deletion). */
  swipesBy(uid: string): Promise<SwipeRecord[]>;
  /** Deletes every swipe of the user in any room (account deletion). */
  deleteAllSwipesBy(uid: string): Promise<void>;
  /** Rooms that name the user as host (a room they left last keeps them as host, with no members). */
  roomsHostedBy(uid: string): Promise<string[]>;
}

export class FirestoreNightsRepository implements NightsRepository {
  constructor(private readonly db: Firestore) {}

  private nights = () => this.db.collection(COLLECTIONS.nights);
  private codeRef = (code: string) => this.db.collection(COLLECTIONS.nightCodes).doc(code);
  private memberRef = (uid: string) => this.db.collection(COLLECTIONS.nightMembers).doc(uid);
  private swipes = (nightId: string) => this.nights().doc(nightId).collection(SUBCOLLECTIONS.swipes);
  private liveRef = (nightId: string) => this.db.collection(COLLECTIONS.liveNights).doc(nightId);

  liveDocumentPath(nightId: string): string {
    return this.liveRef(nightId).path;
  }

  /** The whole view; a merge of top-level fields that are each replaced whole, so the revision counts on. */
  private writeLive(tx: Transaction, nightId: string, view: LiveNightView, at: Date): void {
    tx.set(this.liveRef(nightId), { ...view, publishedAt: at, revision: FieldValue.increment(1) }, { merge: true });
  }

  async publishProgress(nightId: string, now: Date, minIntervalMs: number): Promise<ProgressPublication> {
    return this.db.runTransaction(async (tx) => {
      const [room, live] = await tx.getAll(this.nights().doc(nightId), this.liveRef(nightId));
      const night = readDoc(storedNightSchema, room);
      if (!night) return { outcome: "no-room" };
      const stored = readDoc(storedLiveViewSchema, live);
      const view = liveViewOf(night);
      if (stored) {
        const { publishedAt, revision: _revision, ...shown } = stored;
        if (sameView(shown, view)) return { outcome: "current" };
        const waitMs = publishedAt.getTime() + minIntervalMs - now.getTime();
        if (waitMs > 0) return { outcome: "wait", waitMs };
      }
      this.writeLive(tx, nightId, view, now);
      return { outcome: "published" };
    });
  }

  async create(
    nightId: string,
    night: StoredNight,
    checkHost: (currentRoom: string | undefined) => void,
  ): Promise<"created" | "code-taken"> {
    const code = night.code as string;
    return this.db.runTransaction(async (tx) => {
      await requireAccountIn(tx, this.db, night.hostUid);
      const [codeSnap, member] = await tx.getAll(this.codeRef(code), this.memberRef(night.hostUid));
      checkHost(member.exists ? String(member.get("nightId")) : undefined);
      if (codeSnap.exists) return "code-taken";
      tx.create(this.nights().doc(nightId), night);
      tx.create(this.codeRef(code), { nightId });
      tx.create(this.memberRef(night.hostUid), { nightId });
      this.writeLive(tx, nightId, liveViewOf(night), new Date());
      return "created";
    });
  }

  async get(nightId: string): Promise<StoredNight | undefined> {
    const snap = await this.nights().doc(nightId).get();
    return readDoc(storedNightSchema, snap);
  }

  async nightIdForCode(code: string): Promise<string | undefined> {
    const snap = await this.codeRef(code).get();
    return snap.exists ? String(snap.get("nightId")) : undefined;
  }

  async change<T>(
    nightId: string,
    actorUid: string | undefined,
    decide: (state: NightState) => NightChange<T>,
    swipesOf?: number,
    roomsOf: readonly string[] = [],
  ): Promise<T> {
    const ref = this.nights().doc(nightId);
    return this.db.runTransaction(async (tx) => {
      if (actorUid) await requireAccountIn(tx, this.db, actorUid);
      const [room, member] = await tx.getAll(ref, ...(actorUid ? [this.memberRef(actorUid)] : []));
      const rooms = new Map<string, string>();
      const others = roomsOf.length > 0 ? await tx.getAll(...roomsOf.map((u) => this.memberRef(u))) : [];
      others.forEach((snap, i) => {
        if (snap.exists) rooms.set(roomsOf[i]!, String(snap.get("nightId")));
      });
      // A transactional query: a swipe committed meanwhile on this film makes the transaction retry,
      // so two members' simultaneous deciding swipes cannot both miss (or both record) the match.
      const swipes =
        swipesOf === undefined
          ? []
          : (await tx.get(this.swipes(nightId).where("movieId", "==", swipesOf))).docs.map((d) => readDoc(storedSwipeSchema, d));
      const before = readDoc(storedNightSchema, room);
      const change = decide({
        night: before,
        actorRoom: member?.exists ? String(member.get("nightId")) : undefined,
        swipes,
        rooms,
      });
      const released = change.release?.length ? await tx.getAll(...change.release.map((u) => this.memberRef(u))) : [];
      if (change.night) tx.set(ref, change.night);
      // Joins, leaves, the start, matches and the close show at once (with whatever progress is pending).
      if (change.night && !sameView(before && liveViewOf(before), liveViewOf(change.night))) {
        this.writeLive(tx, nightId, liveViewOf(change.night), new Date());
      }
      for (const uid of change.enter ?? []) tx.set(this.memberRef(uid), { nightId });
      for (const snap of released) if (snap.exists && snap.get("nightId") === nightId) tx.delete(snap.ref);
      if (change.freeCode) tx.delete(this.codeRef(change.freeCode));
      return change.result;
    });
  }

  async createScheduled(nightId: string, night: StoredNight): Promise<void> {
    await this.db.runTransaction(async (tx) => {
      await requireAccountIn(tx, this.db, night.hostUid);
      tx.create(this.nights().doc(nightId), night);
    });
  }

  async scheduledBefore(cutoff: Date, limit: number): Promise<string[]> {
    return this.soonestScheduled(this.scheduled().where("startsAt", "<=", cutoff), limit);
  }

  async remindersDue(now: Date, cutoff: Date, limit: number): Promise<string[]> {
    const due = this.scheduled().where("remindedAt", "==", null).where("startsAt", ">", now).where("startsAt", "<=", cutoff);
    return this.soonestScheduled(due, limit);
  }

  private scheduled = () => this.nights().where("state", "==", "scheduled");

  /** The ids of the first `limit` nights of the query, soonest start first (ids only). */
  private async soonestScheduled(query: Query, limit: number): Promise<string[]> {
    const snap = await query.orderBy("startsAt", "asc").select().limit(limit).get();
    return snap.docs.map((d) => d.id);
  }

  async swipesOn(nightId: string, movieId: number): Promise<StoredSwipe[]> {
    return (await this.swipes(nightId).where("movieId", "==", movieId).get()).docs.map((d) => readDoc(storedSwipeSchema, d));
  }

  async invitedTo(uid: string): Promise<string[]> {
    return (await this.nights().where("invitedUids", "array-contains", uid).select().get()).docs.map((d) => d.id);
  }

  async swipe(nightId: string, swipe: StoredSwipe, check: (night: StoredNight | undefined) => void): Promise<{ replaced: boolean }> {
    const ref = this.nights().doc(nightId);
    const swipeRef = this.swipes(nightId).doc(swipeDocId(swipe.uid, swipe.movieId));
    return this.db.runTransaction(async (tx) => {
      await requireAccountIn(tx, this.db, swipe.uid);
      const [room, existing] = await tx.getAll(ref, swipeRef);
      check(readDoc(storedNightSchema, room));
      tx.set(swipeRef, swipe);
      tx.update(ref, {
        ...(existing.exists ? {} : { [`progress.${swipe.uid}`]: FieldValue.increment(1) }),
        lastActivityAt: swipe.swipedAt,
      });
      return { replaced: existing.exists };
    });
  }

  async swipesOf(nightId: string, uid: string, movieIds: readonly number[]): Promise<Map<number, boolean>> {
    if (movieIds.length === 0) return new Map();
    const snaps = await this.db.getAll(...movieIds.map((m) => this.swipes(nightId).doc(swipeDocId(uid, m))));
    const out = new Map<number, boolean>();
    for (const snap of snaps) {
      if (!snap.exists) continue;
      const swipe = storedSwipeSchema.parse(snap.data());
      out.set(swipe.movieId, swipe.liked);
    }
    return out;
  }

  async likesIn(nightId: string): Promise<StoredSwipe[]> {
    return (await this.swipes(nightId).where("liked", "==", true).get()).docs.map((d) => readDoc(storedSwipeSchema, d));
  }

  async inactiveSince(cutoff: Date, limit: number): Promise<string[]> {
    const snap = await this.nights()
      .where("state", "in", ["open", "started"])
      .where("lastActivityAt", "<", cutoff)
      .orderBy("lastActivityAt", "asc")
      .select()
      .limit(limit)
      .get();
    return snap.docs.map((d) => d.id);
  }

  async roomsOf(uid: string): Promise<string[]> {
    return (await this.nights().where("memberUids", "array-contains", uid).select().get()).docs.map((d) => d.id);
  }

  async swipesBy(uid: string): Promise<SwipeRecord[]> {
    // Collection group query: needs the single-field override in firestore.indexes.json.
    const snap = await this.db.collectionGroup(SUBCOLLECTIONS.swipes).where("uid", "==", uid).get();
    return snap.docs.flatMap((d) => {
      const nightId = d.ref.parent.parent?.id;
      return nightId ? [{ nightId, swipe: readDoc(storedSwipeSchema, d) }] : [];
    });
  }

  async deleteAllSwipesBy(uid: string): Promise<void> {
    const writer = this.db.bulkWriter();
    const snap = await this.db.collectionGroup(SUBCOLLECTIONS.swipes).where("uid", "==", uid).select().get();
    for (const doc of snap.docs) void writer.delete(doc.ref);
    await writer.close();
  }

  async roomsHostedBy(uid: string): Promise<string[]> {
    return (await this.nights().where("hostUid", "==", uid).select().get()).docs.map((d) => d.id);
  }

  async deleteSwipes(nightId: string, uid: string): Promise<void> {
    const writer = this.db.bulkWriter();
    for (const doc of (await this.swipes(nightId).where("uid", "==", uid).select().get()).docs) void writer.delete(doc.ref);
    await writer.close();
  }
}
