import { isVisibleTo } from "../shared/authorization";
import type { StoredWatched, WatchedView } from "../library/library.schema";
import { toWatchedView } from "../library/library.service";
import type { RatingView, StoredRating } from "../ratings/ratings.schema";
import { toRatingView } from "../ratings/ratings.service";
import { AppError } from "../shared/errors";
import { ONE_TEXT, ONE_TIME, type CursorPosition, type Page, decodeCursor, encodeCursor } from "../shared/pagination";
import type { PersonView, PublicProfileView, StoredFriendship } from "./friends.schema";
import type { UserDirectory, UserSummary } from "./people.repository";

/** Reads another person's ratings (the ratings repository implements it). */
export interface RatingsReader {
  listByUser(uid: string, after: CursorPosition | undefined, limit: number): Promise<{ ratings: StoredRating[]; next?: CursorPosition }>;
}

/** Reads another person's watched list (the library repository implements it). */
export interface WatchedReader {
  listWatched(uid: string, after: CursorPosition | undefined, limit: number): Promise<{ items: StoredWatched[]; next?: CursorPosition }>;
}

/** Friendship lookups (the friends repository implements it). */
export interface FriendshipLookup {
  friendship(a: string, b: string): Promise<StoredFriendship | undefined>;
  friendIds(uid: string): Promise<string[]>;
}

/**
 * Finding people and looking at them: handle search, public profiles, and a person's ratings and
 * watched list as far as their privacy setting (public, friends, private) lets the caller see.
 */
export class PeopleService {
  constructor(
    private readonly directory: UserDirectory,
    private readonly friends: FriendshipLookup,
    private readonly ratings: RatingsReader,
    private readonly watched: WatchedReader,
  ) {}

  /** People whose handle starts with the prefix, in handle order. */
  async search(handlePrefix: string, limit: number, cursor?: string): Promise<Page<PersonView>> {
    const after = decodeCursor("users", cursor, ONE_TEXT);
    const found = await this.directory.searchByHandlePrefix(handlePrefix, after ? String(after.values[0]) : undefined, limit);
    const last = found.at(-1);
    return {
      items: found.map((p) => ({ uid: p.uid, handle: p.handle, displayName: p.displayName })),
      nextCursor: found.length === limit && last ? encodeCursor("users", { values: [last.handle], id: last.uid }) : undefined,
    };
  }

  async profile(caller: string, uid: string): Promise<PublicProfileView> {
    const person = (await this.directory.profiles([uid])).get(uid);
    if (!person) throw new AppError("not-found", "No such user");
    const [relationship, friendIds] = await Promise.all([this.relationship(caller, uid), this.friends.friendIds(uid)]);
    return {
      uid,
      handle: person.handle,
      displayName: person.displayName,
      counts: { ratings: person.counters.ratings, watched: person.counters.watched, friends: friendIds.length },
      privacy: person.privacy,
      relationship,
      activityVisible: visible(person, relationship),
    };
  }

  /** The person's ratings, newest first; permission-denied unless their privacy setting shows them to the caller. */
  async ratingsOf(caller: string, uid: string, limit: number, cursor?: string): Promise<Page<RatingView>> {
    await this.requireVisible(caller, uid);
    const { ratings, next } = await this.ratings.listByUser(uid, decodeCursor("userRatings", cursor, ONE_TIME), limit);
    return { items: ratings.map(toRatingView), nextCursor: next ? encodeCursor("userRatings", next) : undefined };
  }

  /** The person's watched list, most recently watched first; permission-denied as for ratings. */
  async diaryOf(caller: string, uid: string, limit: number, cursor?: string): Promise<Page<WatchedView>> {
    await this.requireVisible(caller, uid);
    const { items, next } = await this.watched.listWatched(uid, decodeCursor("userWatched", cursor, ONE_TIME), limit);
    return { items: items.map(toWatchedView), nextCursor: next ? encodeCursor("userWatched", next) : undefined };
  }

  private async requireVisible(caller: string, uid: string): Promise<void> {
    const person = (await this.directory.summaries([uid])).get(uid);
    if (!person) throw new AppError("not-found", "No such user");
    if (!visible(person, await this.relationship(caller, uid))) {
      throw new AppError("permission-denied", "This user's ratings and diary are not shared with you");
    }
  }

  private async relationship(caller: string, uid: string): Promise<PublicProfileView["relationship"]> {
    if (caller === uid) return "self";
    return (await this.friends.friendship(caller, uid)) ? "friend" : "none";
  }
}

function visible(person: UserSummary, relationship: PublicProfileView["relationship"]): boolean {
  return isVisibleTo(person.privacy, { isSelf: relationship === "self", isFriend: relationship === "friend" });
}
