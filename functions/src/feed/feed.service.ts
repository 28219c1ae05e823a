import { createHash } from "node:crypto";
import { log } from "../shared/logger";
import { ONE_TIME, type CursorPosition, type Page, decodeCursor, encodeCursor } from "../shared/pagination";
import type { UserDirectory } from "../friends/people.repository";
import type { FeedRepository } from "./feed.repository";
import { type ActivityState, type FeedItemView, type FeedKind, feedItemId } from "./feed.schema";

/** Items kept per feed; older ones are trimmed (and expire after FEED_TTL_DAYS anyway). */
export const FEED_CAP = 500;
export const FEED_TTL_DAYS = 90;
/** Each fan-out checks a recipient's feed size with probability 1/TRIM_EVERY (amortised cost, see DECISIONS). */
export const TRIM_EVERY = 16;
/** A page is filled from at most this many batches when items are hidden (privacy, ended friendships). */
const MAX_PAGE_ROUNDS = 4;

/** The current state of the activity a feed item is about (the ratings and library repositories back it). */
export interface ActivitySources {
  current(kind: FeedKind, actorUid: string, movieId: number): Promise<ActivityState | undefined>;
}

/** Friend lists and current friendships (the friends repository implements it). */
export interface FriendGraph {
  friendIds(uid: string): Promise<string[]>;
  friendsAmong(uid: string, others: readonly string[]): Promise<Set<string>>;
}

/** A movie's title and year (the movie repository implements it). */
export interface MovieLookup {
  get(movieId: number): Promise<{ title: string; year: number | null } | undefined>;
}

const sameState = (a: ActivityState | undefined, b: ActivityState | undefined): boolean =>
  a === undefined || b === undefined ? a === b : a.at.getTime() === b.at.getTime() && a.rating === b.rating;

/**
 * The activity feed, fanned out on write: a trigger copies each rating, watched entry and watchlist
 * addition into every friend's feed (`users/{uid}/feed`), so reading a feed is one query. Reads also
 * check each actor's current privacy setting and friendship, so a change to either shows at once.
 */
export class FeedService {
  constructor(
    private readonly feed: FeedRepository,
    private readonly graph: FriendGraph,
    private readonly people: UserDirectory,
    private readonly movies: MovieLookup,
    private readonly sources: ActivitySources,
    private readonly options: { cap: number; trimEvery: number } = { cap: FEED_CAP, trimEvery: TRIM_EVERY },
  ) {}

  /**
   * The fan-out triggers' work for one write of a rating, watched entry or watchlist entry. Only the event
   * whose new state is still the current one acts (a stale or reordered event does nothing), and every
   * write is a set of a deterministic document, so redelivered events are harmless.
   */
  async applyActivityWrite(
    eventId: string,
    kind: FeedKind,
    actorUid: string,
    movieId: number,
    after: ActivityState | undefined,
  ): Promise<void> {
    const itemId = feedItemId(kind, actorUid, movieId);
    const current = await this.sources.current(kind, actorUid, movieId);
    if (!sameState(current, after)) {
      log.info("feed event superseded", { eventId, kind, movieId });
      return;
    }
    if (!after) {
      const removed = await this.feed.deleteEverywhere(itemId);
      log.info("feed item withdrawn", { eventId, kind, movieId, removed });
      return;
    }
    const actor = (await this.people.summaries([actorUid])).get(actorUid);
    // Private activity is never fanned out; a deleted account has nobody to tell.
    if (!actor || actor.privacy === "private") return;
    const [recipients, movie] = await Promise.all([this.graph.friendIds(actorUid), this.movies.get(movieId)]);
    if (!movie || recipients.length === 0) return;
    const written = await this.feed.fanOut(recipients, itemId, {
      actorUid,
      kind,
      movieId,
      title: movie.title,
      year: movie.year,
      rating: after.rating,
      watchedAt: after.watchedAt,
      at: after.at,
      expireAt: new Date(after.at.getTime() + FEED_TTL_DAYS * 86_400_000),
    });
    let trimmed = 0;
    for (const uid of recipients.filter((r) => sampled(eventId, r, this.options.trimEvery))) {
      trimmed += await this.feed.trim(uid, this.options.cap);
    }
    log.info("feed fan-out", { eventId, kind, movieId, recipients: written, trimmed });
  }

  /**
   * The caller's feed, newest first: friends' items, hiding those of people who are no longer friends
   * or whose privacy setting is now private (pages may then be filled from a few batches).
   */
  async getFeed(uid: string, limit: number, cursor?: string): Promise<Page<FeedItemView>> {
    let after = decodeCursor("feed", cursor, ONE_TIME);
    const items: FeedItemView[] = [];
    let next: CursorPosition | undefined;
    for (let round = 0; round < MAX_PAGE_ROUNDS && items.length < limit; round++) {
      const batch = await this.feed.page(uid, after, limit);
      const actors = [...new Set(batch.items.map((r) => r.item.actorUid))];
      const [people, friends] =
        actors.length === 0
          ? [new Map(), new Set<string>()]
          : await Promise.all([this.people.profiles(actors), this.graph.friendsAmong(uid, actors)]);
      next = batch.next;
      for (const [i, { id, item }] of batch.items.entries()) {
        const actor = people.get(item.actorUid);
        if (!actor || !friends.has(item.actorUid) || actor.privacy === "private") continue;
        items.push({
          id,
          kind: item.kind,
          actor: { uid: actor.uid, handle: actor.handle, displayName: actor.displayName },
          movie: { movieId: item.movieId, title: item.title, year: item.year },
          rating: item.rating,
          watchedAt: item.watchedAt ? item.watchedAt.toISOString() : null,
          at: item.at.toISOString(),
        });
        if (items.length === limit) {
          // Filled before the batch ended: the next page starts after this item.
          if (i < batch.items.length - 1) next = { values: [item.at.getTime()], id };
          break;
        }
      }
      if (!next) break;
      after = next;
    }
    return { items, nextCursor: next ? encodeCursor("feed", next) : undefined };
  }

  /** Two people stopped being friends: each one's activity leaves the other's feed. */
  async removeBetween(a: string, b: string): Promise<void> {
    const removed = (await this.feed.removeActor(a, b)) + (await this.feed.removeActor(b, a));
    log.info("feed items removed after a friendship ended", { uid: a, other: b, removed });
  }
}

/** Deterministic sampling (a retried event samples the same recipients). */
function sampled(eventId: string, uid: string, every: number): boolean {
  return createHash("sha256").update(`${eventId}\n${uid}`).digest().readUInt32BE(0) % every === 0;
}
