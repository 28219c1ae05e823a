import { FieldValue, type Firestore } from "firebase-admin/firestore";
import { readDoc, readPage } from "../shared/firestore";
import { COLLECTIONS, SUBCOLLECTIONS } from "../shared/collections";
import type { CursorPosition } from "../shared/pagination";
import {
  type StoredBlock,
  type StoredFriendMirror,
  type StoredFriendship,
  type StoredRequest,
  pairId,
  requestDocId,
  storedBlockSchema,
  storedFriendIdsSchema,
  storedFriendMirrorSchema,
  storedFriendshipSchema,
  storedRequestPairSchema,
  storedRequestSchema,
} from "./friends.schema";

/** Everything a friend request decision depends on, read in one transaction. */
export interface PairState {
  targetExists: boolean;
  /** The caller's own pending request to the target. */
  forward?: StoredRequest;
  /** The target's pending request to the caller. */
  reverse?: StoredRequest;
  friendship?: StoredFriendship;
  blockedByMe: boolean;
  blockedByThem: boolean;
  /** Canonical friendships of each side, counted in the transaction. */
  friendCounts: { mine: number; theirs: number };
  /** The caller's pending outgoing requests (suppressed ones included), counted in the transaction. */
  pendingOutgoing: number;
  /** No new request to the target before this (the target declined, or the caller cancelled, recently). */
  pausedUntil?: Date;
}

export type SendDecision = { action: "request"; suppressed: boolean } | { action: "accept-reverse" };

/** What answering a request does: accept it (a friendship), or just remove it (decline, cancel). */
export type AnswerDecision = "accept" | "remove";

export interface RequestRecord {
  id: string;
  request: StoredRequest;
}

/** The composite indexes the queries below need (checked against firestore.indexes.json by a unit test). */
export const FRIENDS_COMPOSITE_INDEXES = [
  { collectionGroup: COLLECTIONS.friendRequests, fields: ["to:ASCENDING", "suppressed:ASCENDING", "createdAt:DESCENDING"] },
  { collectionGroup: COLLECTIONS.friendRequests, fields: ["from:ASCENDING", "createdAt:DESCENDING"] },
  { collectionGroup: COLLECTIONS.blocks, fields: ["blocker:ASCENDING", "createdAt:DESCENDING"] },
] as const;

/** Friend requests, friendships (canonical and mirrored), and blocks. */
export interface FriendsRepository {
  /**
   * Runs a friend request from `from` to `to` as one transaction: reads the pair's state, asks `decide`
   * (which throws to refuse), then creates the request or accepts the reverse one into a friendship.
   */
  send(
    from: string,
    to: string,
    now: Date,
    decide: (state: PairState) => SendDecision,
  ): Promise<{ request?: StoredRequest; friendship?: StoredFriendship }>;
  /**
   * Answers the pending request `from` -> `to` in one transaction: `decide` sees the request (or
   * undefined) and the friend counts, and throws to refuse; "accept" turns it into a friendship.
   */
  answer(
    from: string,
    to: string,
    now: Date,
    decide: (request: StoredRequest | undefined, counts: { from: number; to: number }, senderExists: boolean) => AnswerDecision,
    pauseUntil: Date,
  ): Promise<StoredFriendship | undefined>;
  /**
   * Whether the request `from` -> `to` created at `createdAt` may notify its recipient: yes when the pair's
   * last notification is at least `windowMs` older than the request, and again for that same request
   * (a redelivered event); recorded in a transaction, so one notification per pair per window.
   */
  claimRequestNotice(from: string, to: string, createdAt: Date, windowMs: number): Promise<boolean>;
  friendship(a: string, b: string): Promise<StoredFriendship | undefined>;
  /** Which of `others` are friends of `uid` now (the canonical documents). */
  friendsAmong(uid: string, others: readonly string[]): Promise<Set<string>>;
  /** Ends a friendship; false when there was none. */
  unfriend(a: string, b: string): Promise<boolean>;
  /** Blocks and, in the same transaction, ends the friendship and removes requests both ways. */
  block(blocker: string, blocked: string, now: Date): Promise<{ created: boolean; block: StoredBlock }>;
  unblock(blocker: string, blocked: string): Promise<void>;
  listFriends(
    uid: string,
    after: CursorPosition | undefined,
    limit: number,
  ): Promise<{ items: StoredFriendMirror[]; next?: CursorPosition }>;
  listRequests(
    uid: string,
    direction: "incoming" | "outgoing",
    after: CursorPosition | undefined,
    limit: number,
  ): Promise<{ items: RequestRecord[]; next?: CursorPosition }>;
  listBlocks(uid: string, after: CursorPosition | undefined, limit: number): Promise<{ items: StoredBlock[]; next?: CursorPosition }>;
  /** Every friend's uid (one document read). */
  friendIds(uid: string): Promise<string[]>;
  /**
   * Makes both mirrors and both friend id lists match the canonical friendship of a and b (present or
   * not), in one transaction. Any number of runs, in any order, leave the same state. Returns it.
   */
  reconcile(a: string, b: string): Promise<StoredFriendship | undefined>;
  /** Removes the user from every friendship, request and block (account deletion). */
  eraseUser(uid: string): Promise<void>;
  exportUser(uid: string): Promise<{ friends: StoredFriendMirror[]; requests: RequestRecord[]; blocks: StoredBlock[] }>;
}

const RECONCILE_CONCURRENCY = 10;

export class FirestoreFriendsRepository implements FriendsRepository {
  constructor(private readonly db: Firestore) {}

  private requests = () => this.db.collection(COLLECTIONS.friendRequests);
  private friendships = () => this.db.collection(COLLECTIONS.friendships);
  private blocks = () => this.db.collection(COLLECTIONS.blocks);
  private user = (uid: string) => this.db.collection(COLLECTIONS.users).doc(uid);
  private mirror = (uid: string, friend: string) => this.user(uid).collection(SUBCOLLECTIONS.friends).doc(friend);
  private idsDoc = (uid: string) => this.user(uid).collection(SUBCOLLECTIONS.social).doc("friendIds");
  private pairRef = (from: string, to: string) => this.db.collection(COLLECTIONS.friendRequestPairs).doc(requestDocId(from, to));
  private gateRef = (uid: string) => this.db.collection(COLLECTIONS.friendGates).doc(uid);
  private friendshipsOf = (uid: string) => this.friendships().where("uids", "array-contains", uid);

  private friendshipRef(a: string, b: string) {
    return this.friendships().doc(pairId(a, b));
  }

  async send(from: string, to: string, now: Date, decide: (state: PairState) => SendDecision) {
    const forwardRef = this.requests().doc(requestDocId(from, to));
    const reverseRef = this.requests().doc(requestDocId(to, from));
    const friendshipRef = this.friendshipRef(from, to);
    return this.db.runTransaction(async (tx) => {
      // Both people's gates are read and written below: two transactions that could each add a friend or
      // a pending request to the same person conflict there, so the counts read here cannot both pass a cap.
      const [target, forward, reverse, friendship, byMe, byThem, pair] = await tx.getAll(
        this.user(to),
        forwardRef,
        reverseRef,
        friendshipRef,
        this.blocks().doc(requestDocId(from, to)),
        this.blocks().doc(requestDocId(to, from)),
        this.pairRef(from, to),
        this.gateRef(from),
        this.gateRef(to),
      );
      const [mine, theirs, pending] = await Promise.all([
        tx.get(this.friendshipsOf(from).count()),
        tx.get(this.friendshipsOf(to).count()),
        tx.get(this.requests().where("from", "==", from).count()),
      ]);
      const decision = decide({
        targetExists: target.exists,
        forward: readDoc(storedRequestSchema, forward),
        reverse: readDoc(storedRequestSchema, reverse),
        friendship: readDoc(storedFriendshipSchema, friendship),
        blockedByMe: byMe.exists,
        blockedByThem: byThem.exists,
        friendCounts: { mine: mine.data().count, theirs: theirs.data().count },
        pendingOutgoing: pending.data().count,
        pausedUntil: readDoc(storedRequestPairSchema, pair)?.pausedUntil ?? undefined,
      });
      const at = now;
      tx.set(this.gateRef(from), { at });
      if (decision.action === "accept-reverse") {
        const created: StoredFriendship = { uids: sortedPair(from, to), requestedBy: to, since: at };
        tx.set(this.gateRef(to), { at });
        tx.delete(reverseRef);
        tx.create(friendshipRef, created);
        return { friendship: created };
      }
      const request: StoredRequest = { from, to, suppressed: decision.suppressed, createdAt: at };
      // create, not set: two identical requests racing cannot both succeed.
      tx.create(forwardRef, request);
      return { request };
    });
  }

  async answer(
    from: string,
    to: string,
    now: Date,
    decide: (request: StoredRequest | undefined, counts: { from: number; to: number }, senderExists: boolean) => AnswerDecision,
    pauseUntil: Date,
  ) {
    const requestRef = this.requests().doc(requestDocId(from, to));
    const friendshipRef = this.friendshipRef(from, to);
    return this.db.runTransaction(async (tx) => {
      // The friend cap is counted on the canonical friendships inside this transaction, and both gates are
      // written when accepting (see send), so concurrent accepts of one person cannot pass it together.
      const [request, friendship, sender, pair] = await tx.getAll(
        requestRef,
        friendshipRef,
        this.user(from),
        this.pairRef(from, to),
        this.gateRef(from),
        this.gateRef(to),
      );
      const [fromCount, toCount] = await Promise.all([tx.get(this.friendshipsOf(from).count()), tx.get(this.friendshipsOf(to).count())]);
      const stored = readDoc(storedRequestSchema, request);
      const decision = decide(stored, { from: fromCount.data().count, to: toCount.data().count }, sender.exists);
      tx.delete(requestRef);
      if (decision !== "accept") {
        // A decline or a cancel: the sender waits before asking this person again.
        const previous = readDoc(storedRequestPairSchema, pair);
        const kept = laterOf(previous?.expireAt, pauseUntil);
        tx.set(this.pairRef(from, to), {
          ...(previous ?? { noticeAt: null, noticeFor: null }),
          from,
          to,
          pausedUntil: pauseUntil,
          expireAt: kept,
        });
        return undefined;
      }
      tx.set(this.gateRef(from), { at: now });
      tx.set(this.gateRef(to), { at: now });
      if (friendship.exists) return storedFriendshipSchema.parse(friendship.data());
      const created: StoredFriendship = { uids: sortedPair(from, to), requestedBy: from, since: now };
      tx.create(friendshipRef, created);
      return created;
    });
  }

  async claimRequestNotice(from: string, to: string, createdAt: Date, windowMs: number): Promise<boolean> {
    const ref = this.pairRef(from, to);
    return this.db.runTransaction(async (tx) => {
      const previous = readDoc(storedRequestPairSchema, await tx.get(ref));
      if (previous?.noticeFor === createdAt.getTime()) return true;
      if (previous?.noticeAt && createdAt.getTime() - previous.noticeAt.getTime() < windowMs) return false;
      const expireAt = laterOf(previous?.expireAt, new Date(createdAt.getTime() + windowMs));
      tx.set(ref, { pausedUntil: null, ...previous, from, to, noticeAt: createdAt, noticeFor: createdAt.getTime(), expireAt });
      return true;
    });
  }

  async friendship(a: string, b: string) {
    const snap = await this.friendshipRef(a, b).get();
    return readDoc(storedFriendshipSchema, snap);
  }

  async friendsAmong(uid: string, others: readonly string[]): Promise<Set<string>> {
    const unique = [...new Set(others)].filter((o) => o !== uid);
    if (unique.length === 0) return new Set();
    const snaps = await this.db.getAll(...unique.map((o) => this.friendshipRef(uid, o)), { fieldMask: ["since"] });
    return new Set(unique.filter((_, i) => snaps[i].exists));
  }

  async unfriend(a: string, b: string): Promise<boolean> {
    const ref = this.friendshipRef(a, b);
    return this.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      if (snap.exists) tx.delete(ref);
      return snap.exists;
    });
  }

  async block(blocker: string, blocked: string, now: Date) {
    const ref = this.blocks().doc(requestDocId(blocker, blocked));
    return this.db.runTransaction(async (tx) => {
      const existing = await tx.get(ref);
      tx.delete(this.friendshipRef(blocker, blocked));
      tx.delete(this.requests().doc(requestDocId(blocker, blocked)));
      tx.delete(this.requests().doc(requestDocId(blocked, blocker)));
      if (existing.exists) return { created: false, block: storedBlockSchema.parse(existing.data()) };
      const block: StoredBlock = { blocker, blocked, createdAt: now };
      tx.create(ref, block);
      return { created: true, block };
    });
  }

  async unblock(blocker: string, blocked: string): Promise<void> {
    await this.blocks().doc(requestDocId(blocker, blocked)).delete();
  }

  async listFriends(uid: string, after: CursorPosition | undefined, limit: number) {
    const query = this.user(uid).collection(SUBCOLLECTIONS.friends);
    const page = await readPage(storedFriendMirrorSchema, { query, orderBy: "since", dates: true, after, limit });
    return { items: page.items.map((i) => i.data), next: page.next };
  }

  async listRequests(uid: string, direction: "incoming" | "outgoing", after: CursorPosition | undefined, limit: number) {
    // Incoming hides requests from people the caller blocked (suppressed); the sender still sees theirs.
    const query =
      direction === "incoming"
        ? this.requests().where("to", "==", uid).where("suppressed", "==", false)
        : this.requests().where("from", "==", uid);
    const page = await readPage(storedRequestSchema, { query, orderBy: "createdAt", dates: true, after, limit });
    return { items: page.items.map(({ id, data }) => ({ id, request: data })), next: page.next };
  }

  async listBlocks(uid: string, after: CursorPosition | undefined, limit: number) {
    const query = this.blocks().where("blocker", "==", uid);
    const page = await readPage(storedBlockSchema, { query, orderBy: "createdAt", dates: true, after, limit });
    return { items: page.items.map((i) => i.data), next: page.next };
  }

  async friendIds(uid: string): Promise<string[]> {
    const snap = await this.idsDoc(uid).get();
    return readDoc(storedFriendIdsSchema, snap)?.uids ?? [];
  }

  async reconcile(a: string, b: string): Promise<StoredFriendship | undefined> {
    return this.db.runTransaction(async (tx) => {
      const [canonical, idsA, idsB, userA, userB] = await tx.getAll(
        this.friendshipRef(a, b),
        this.idsDoc(a),
        this.idsDoc(b),
        this.user(a),
        this.user(b),
      );
      if (canonical.exists) {
        const friendship = storedFriendshipSchema.parse(canonical.data());
        // Only for accounts that exist: a deleted account's tree must not come back.
        for (const [me, other, userSnap] of [
          [a, b, userA],
          [b, a, userB],
        ] as const) {
          if (!userSnap.exists) continue;
          tx.set(this.mirror(me, other), { uid: other, since: friendship.since });
          tx.set(this.idsDoc(me), { uids: FieldValue.arrayUnion(other) }, { merge: true });
        }
        return friendship;
      }
      for (const [me, other, ids] of [
        [a, b, idsA],
        [b, a, idsB],
      ] as const) {
        tx.delete(this.mirror(me, other));
        if (ids.exists) tx.update(ids.ref, { uids: FieldValue.arrayRemove(other) });
      }
      return undefined;
    });
  }

  async eraseUser(uid: string): Promise<void> {
    const friendships = await this.friendships().where("uids", "array-contains", uid).get();
    const pairs = friendships.docs.map((d) => readDoc(storedFriendshipSchema, d).uids);
    for (let i = 0; i < pairs.length; i += RECONCILE_CONCURRENCY) {
      await Promise.all(
        pairs.slice(i, i + RECONCILE_CONCURRENCY).map(async ([a, b]) => {
          await this.friendshipRef(a, b).delete();
          await this.reconcile(a, b);
        }),
      );
    }
    // Mirrors left behind by an interrupted run (their canonical document already gone).
    const mirrors = await this.user(uid).collection(SUBCOLLECTIONS.friends).select().get();
    for (const doc of mirrors.docs) await this.reconcile(uid, doc.id);
    const writer = this.db.bulkWriter();
    for (const query of [
      this.requests().where("from", "==", uid),
      this.requests().where("to", "==", uid),
      this.blocks().where("blocker", "==", uid),
      this.blocks().where("blocked", "==", uid),
      this.db.collection(COLLECTIONS.friendRequestPairs).where("from", "==", uid),
      this.db.collection(COLLECTIONS.friendRequestPairs).where("to", "==", uid),
    ]) {
      for (const doc of (await query.select().get()).docs) void writer.delete(doc.ref);
    }
    void writer.delete(this.gateRef(uid));
    await writer.close();
  }

  async exportUser(uid: string) {
    const [friends, outgoing, incoming, blocks] = await Promise.all([
      this.user(uid).collection(SUBCOLLECTIONS.friends).get(),
      this.requests().where("from", "==", uid).get(),
      this.requests().where("to", "==", uid).where("suppressed", "==", false).get(),
      this.blocks().where("blocker", "==", uid).get(),
    ]);
    return {
      friends: friends.docs.map((d) => readDoc(storedFriendMirrorSchema, d)),
      requests: [...outgoing.docs, ...incoming.docs].map((d) => ({ id: d.id, request: readDoc(storedRequestSchema, d) })),
      blocks: blocks.docs.map((d) => readDoc(storedBlockSchema, d)),
    };
  }
}

/** The later of two dates (a pair record is kept until its last rule has run out). */
function laterOf(a: Date | undefined, b: Date): Date {
  return a && a.getTime() > b.getTime() ? a : b;
}

function sortedPair(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}
