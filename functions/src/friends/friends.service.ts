import { AppError } from "../shared/errors";
import { log } from "../shared/logger";
import { ONE_TIME, type Page, decodeCursor, encodeCursor } from "../shared/pagination";
import type { NotificationInput } from "../notifications/notifications.schema";
import { NOTIFICATION_KINDS } from "../notifications/notifications.schema";
import type { AnswerDecision, FriendsRepository, PairState, SendDecision } from "./friends.repository";
import {
  type BlockView,
  type FriendRequestView,
  type FriendView,
  type PersonView,
  type StoredFriendship,
  type StoredRequest,
  pairId,
  requestDocId,
} from "./friends.schema";
import type { UserDirectory } from "./people.repository";

/** Friends per person at most: bounds the feed fan-out of one action (see docs/DECISIONS.md). */
export const MAX_FRIENDS = 1000;

/** At most one friend request notification per pair (one direction) in this window. */
export const REQUEST_NOTICE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The abuse caps on friend requests (params FRIEND_REQUESTS_MAX_PENDING and FRIEND_REQUEST_PAUSE_HOURS). */
export interface FriendRequestLimits {
  /** Pending outgoing requests a person may have at once. */
  maxPending: number;
  /** After a decline or a cancel, how long before the sender may ask the same person again. */
  pauseMs: number;
}

/** The params' defaults. */
export const DEFAULT_FRIEND_REQUEST_LIMITS: FriendRequestLimits = { maxPending: 100, pauseMs: 24 * 60 * 60 * 1000 };

/** Sends and withdraws notifications (NotificationService implements it). */
export interface Notifier {
  notify(uid: string, input: NotificationInput): Promise<unknown>;
  retract(uid: string, dedupeKey: string): Promise<void>;
}

/** Removes two people's activity from each other's feeds when their friendship ends (the feed implements it). */
export interface FeedCleaner {
  removeBetween(a: string, b: string): Promise<void>;
}

export type SendOutcome = { status: "pending"; request: FriendRequestView } | { status: "accepted"; friend: FriendView };

const notFoundRequest = () => new AppError("not-found", "No such friend request");
const requestKey = (id: string, r: StoredRequest) => `friend.request:${id}:${r.createdAt.getTime()}`;

/**
 * Friend requests, friendships and blocks. The rules live here as decisions over the state a
 * repository transaction read, so concurrent requests (two people asking each other at once) resolve
 * inside Firestore's transactions into exactly one friendship. The per-user friend lists follow the
 * canonical friendship through a trigger (applyFriendshipWrite).
 */
export class FriendsService {
  constructor(
    private readonly friends: FriendsRepository,
    private readonly people: UserDirectory,
    private readonly notifier: Notifier,
    private readonly feed: FeedCleaner,
    private readonly now: () => Date = () => new Date(),
    private readonly limits: FriendRequestLimits = DEFAULT_FRIEND_REQUEST_LIMITS,
  ) {}

  /**
   * Asks `target` to be friends. A request to someone who already asked the caller accepts theirs.
   * A request to someone who blocked the caller is stored as usual but never shown to them (no leak).
   */
  async sendRequest(caller: string, target: string): Promise<SendOutcome> {
    if (caller === target) {
      throw new AppError("invalid-argument", "You cannot befriend yourself", {
        details: [{ path: "uid", message: "Must not be your own id" }],
      });
    }
    const now = this.now();
    const result = await this.friends.send(caller, target, now, (state) => decideSend(state, this.limits, now));
    if (result.friendship) {
      log.info("friend request accepted by a mutual request", { uid: caller, other: target });
      return { status: "accepted", friend: await this.friendView(target, result.friendship) };
    }
    const request = result.request as StoredRequest;
    log.info("friend request sent", { uid: caller, other: target });
    return { status: "pending", request: await this.requestView(requestDocId(caller, target), request) };
  }

  async listRequests(caller: string, direction: "incoming" | "outgoing", limit: number, cursor?: string): Promise<Page<FriendRequestView>> {
    const kind = `friendRequests.${direction}`;
    const { items, next } = await this.friends.listRequests(caller, direction, decodeCursor(kind, cursor, ONE_TIME), limit);
    const people = await this.people.profiles(items.flatMap((i) => [i.request.from, i.request.to]));
    const views = items.flatMap((i) => {
      const from = people.get(i.request.from);
      const to = people.get(i.request.to);
      return from && to ? [{ id: i.id, from: personOf(from), to: personOf(to), createdAt: i.request.createdAt.toISOString() }] : [];
    });
    return { items: views, nextCursor: next ? encodeCursor(kind, next) : undefined };
  }

  /** The recipient accepts; anyone else gets not-found (not a party) or permission-denied (the sender). */
  async accept(caller: string, from: string, to: string): Promise<FriendView> {
    const now = this.now();
    const friendship = await this.friends.answer(
      from,
      to,
      now,
      (request, counts, senderExists) => {
        this.checkRecipient(caller, from, to, request, "accept");
        if (!senderExists) throw notFoundRequest();
        if (counts.from >= MAX_FRIENDS || counts.to >= MAX_FRIENDS) throw friendLimitReached();
        return "accept" satisfies AnswerDecision;
      },
      this.pauseFrom(now),
    );
    log.info("friend request accepted", { uid: caller, other: from });
    return this.friendView(from, friendship as StoredFriendship);
  }

  /** The recipient says no; the sender then waits (FriendRequestLimits.pauseMs) before asking again. */
  async decline(caller: string, from: string, to: string): Promise<void> {
    const now = this.now();
    await this.friends.answer(
      from,
      to,
      now,
      (request) => {
        this.checkRecipient(caller, from, to, request, "decline");
        return "remove";
      },
      this.pauseFrom(now),
    );
    log.info("friend request declined", { uid: caller, other: from });
  }

  /** The sender withdraws their request, and waits as after a decline before asking this person again. */
  async cancel(caller: string, from: string, to: string): Promise<void> {
    const now = this.now();
    await this.friends.answer(
      from,
      to,
      now,
      (request) => {
        if (caller !== from && caller !== to) throw notFoundRequest();
        if (!request || (request.suppressed && caller === to)) throw notFoundRequest();
        if (caller !== from) throw new AppError("permission-denied", "Only the sender can cancel a friend request");
        return "remove";
      },
      this.pauseFrom(now),
    );
    log.info("friend request cancelled", { uid: caller, other: to });
  }

  private pauseFrom(now: Date): Date {
    return new Date(now.getTime() + this.limits.pauseMs);
  }

  private checkRecipient(caller: string, from: string, to: string, request: StoredRequest | undefined, verb: string): void {
    if (caller !== from && caller !== to) throw notFoundRequest();
    // A request from someone the caller blocked does not exist as far as the caller can tell.
    if (!request || (request.suppressed && caller === to)) throw notFoundRequest();
    if (caller !== to) throw new AppError("permission-denied", `Only the recipient can ${verb} a friend request`);
  }

  async listFriends(caller: string, limit: number, cursor?: string): Promise<Page<FriendView>> {
    const { items, next } = await this.friends.listFriends(caller, decodeCursor("friends", cursor, ONE_TIME), limit);
    const people = await this.people.profiles(items.map((i) => i.uid));
    const views = items.flatMap((i) => {
      const p = people.get(i.uid);
      return p ? [{ ...personOf(p), since: i.since.toISOString() }] : [];
    });
    return { items: views, nextCursor: next ? encodeCursor("friends", next) : undefined };
  }

  /** Ends a friendship (both sides); ending one that does not exist is not an error. */
  async unfriend(caller: string, other: string): Promise<void> {
    if (caller === other)
      throw new AppError("invalid-argument", "You cannot unfriend yourself", {
        details: [{ path: "uid", message: "Must not be your own id" }],
      });
    const existed = await this.friends.unfriend(caller, other);
    log.info("friendship ended", { uid: caller, other, existed });
  }

  /** Blocks a person: ends the friendship, removes requests both ways, and hides their future requests. */
  async block(caller: string, other: string): Promise<{ created: boolean; block: BlockView }> {
    if (caller === other)
      throw new AppError("invalid-argument", "You cannot block yourself", {
        details: [{ path: "uid", message: "Must not be your own id" }],
      });
    const target = (await this.people.summaries([other])).get(other);
    if (!target) throw new AppError("not-found", "No such user");
    const { created, block } = await this.friends.block(caller, other, this.now());
    log.info("user blocked", { uid: caller, other, created });
    return { created, block: { uid: other, handle: target.handle, blockedAt: block.createdAt.toISOString() } };
  }

  async unblock(caller: string, other: string): Promise<void> {
    await this.friends.unblock(caller, other);
    log.info("user unblocked", { uid: caller, other });
  }

  async listBlocks(caller: string, limit: number, cursor?: string): Promise<Page<BlockView>> {
    const { items, next } = await this.friends.listBlocks(caller, decodeCursor("blocks", cursor, ONE_TIME), limit);
    const people = await this.people.summaries(items.map((b) => b.blocked));
    return {
      items: items.map((b) => ({
        uid: b.blocked,
        handle: people.get(b.blocked)?.handle ?? null,
        blockedAt: b.createdAt.toISOString(),
      })),
      nextCursor: next ? encodeCursor("blocks", next) : undefined,
    };
  }

  /**
   * The friend request trigger's work: a new visible request notifies its recipient, at most once per
   * pair in REQUEST_NOTICE_WINDOW_MS (send, cancel, send again does not push again); a request that goes
   * away (accepted, declined, cancelled) takes its notification back. Idempotent: notifications are keyed
   * by the request and its creation time, and a redelivered event of a notified request notifies again
   * (stored once by that key).
   */
  async applyRequestWrite(requestId: string, before: StoredRequest | undefined, after: StoredRequest | undefined): Promise<void> {
    if (!before && after && !after.suppressed) {
      if (!(await this.friends.claimRequestNotice(after.from, after.to, after.createdAt, REQUEST_NOTICE_WINDOW_MS))) {
        log.info("friend request notification skipped: the pair was notified recently", { uid: after.to, other: after.from });
        return;
      }
      await this.notifier.notify(after.to, requestNotification(requestId, after));
    } else if (before && !after && !before.suppressed) {
      await this.notifier.retract(before.to, requestKey(requestId, before));
    }
  }

  /**
   * The friendship trigger's work: both mirrors follow the canonical document; a new friendship tells
   * the person who asked; an ended one removes each person's activity from the other's feed.
   * Reconciling against the current state makes duplicate and out-of-order events harmless.
   */
  async applyFriendshipWrite(before: StoredFriendship | undefined, after: StoredFriendship | undefined): Promise<void> {
    const subject = after ?? before;
    if (!subject) return;
    const [a, b] = subject.uids;
    const current = await this.friends.reconcile(a, b);
    if (!before && after && current && current.since.getTime() === after.since.getTime()) {
      const accepter = after.uids[0] === after.requestedBy ? after.uids[1] : after.uids[0];
      await this.notifier.notify(after.requestedBy, {
        kind: NOTIFICATION_KINDS.friendAccepted,
        actorUid: accepter,
        data: { uid: accepter },
        title: "Friend request accepted",
        body: "{actor} accepted your friend request",
        dedupeKey: `friend.accepted:${pairId(a, b)}:${after.since.getTime()}`,
      });
    }
    if (before && !after && !current) await this.feed.removeBetween(a, b);
  }

  private async requestView(id: string, request: StoredRequest): Promise<FriendRequestView> {
    const people = await this.people.profiles([request.from, request.to]);
    const from = people.get(request.from);
    const to = people.get(request.to);
    if (!from || !to) throw new AppError("not-found", "No such user");
    return { id, from: personOf(from), to: personOf(to), createdAt: request.createdAt.toISOString() };
  }

  private async friendView(uid: string, friendship: StoredFriendship): Promise<FriendView> {
    const p = (await this.people.profiles([uid])).get(uid);
    if (!p) throw new AppError("not-found", "No such user");
    return { ...personOf(p), since: friendship.since.toISOString() };
  }
}

/** The notification of a new friend request (also what its retraction is keyed by). */
function requestNotification(requestId: string, request: StoredRequest): NotificationInput {
  return {
    kind: NOTIFICATION_KINDS.friendRequest,
    actorUid: request.from,
    data: { requestId },
    title: "New friend request",
    body: "{actor} wants to be your friend",
    dedupeKey: requestKey(requestId, request),
  };
}

const friendLimitReached = () =>
  new AppError("failed-precondition", `A person can have at most ${MAX_FRIENDS} friends`, {
    details: { reason: "friend-limit", limit: MAX_FRIENDS },
  });

/**
 * The rules of a friend request, over the state read in its transaction. Answering the other person's
 * pending request (a mutual request) is an acceptance, so neither the pause nor the pending cap applies.
 */
export function decideSend(state: PairState, limits: FriendRequestLimits = DEFAULT_FRIEND_REQUEST_LIMITS, now = new Date()): SendDecision {
  if (!state.targetExists) throw new AppError("not-found", "No such user");
  if (state.blockedByMe) throw new AppError("failed-precondition", "You blocked this user; unblock them first");
  if (state.friendship) throw new AppError("already-exists", "You are already friends");
  if (state.forward) throw new AppError("already-exists", "You already sent this user a friend request");
  if (state.friendCounts.mine >= MAX_FRIENDS) throw friendLimitReached();
  if (state.reverse && !state.blockedByThem) {
    if (state.friendCounts.theirs >= MAX_FRIENDS) throw friendLimitReached();
    return { action: "accept-reverse" };
  }
  if (state.pausedUntil && state.pausedUntil.getTime() > now.getTime()) {
    const retryAfterSeconds = Math.ceil((state.pausedUntil.getTime() - now.getTime()) / 1000);
    throw new AppError("resource-exhausted", "Your last request to this person was declined or cancelled recently; try again later", {
      details: { reason: "request-pause", retryAfterSeconds },
      retryAfterSeconds,
    });
  }
  if (state.pendingOutgoing >= limits.maxPending) {
    throw new AppError("failed-precondition", `You have ${limits.maxPending} pending friend requests: cancel one or wait for answers`, {
      details: { reason: "pending-limit", limit: limits.maxPending },
    });
  }
  return { action: "request", suppressed: state.blockedByThem };
}

const personOf = (p: { uid: string; handle: string; displayName: string }): PersonView => ({
  uid: p.uid,
  handle: p.handle,
  displayName: p.displayName,
});
