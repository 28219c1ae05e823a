import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { log } from "../shared/logger";
import { storedDateSchema } from "../shared/validation";
import { NIGHT_STATES, type StoredNight } from "./nights.schema";

/**
 * The live view of a room: the one document a member's app listens to with the Firestore SDK (the
 * security rules let members read it and nobody write it). It holds what every member may see of the
 * room (who is in it, each member's progress count, the matches, the state) and never anyone's swipes.
 */
export interface LiveNightView {
  name: string;
  state: StoredNight["state"];
  hostUid: string;
  /** The security rules read this list: a member may read the view, a former member no longer. */
  memberUids: string[];
  /** In join order, with the films each member has swiped. */
  members: Array<{ uid: string; swiped: number }>;
  /** Cards in the frozen deck (0 until the room starts). */
  deckLength: number;
  /** In the order they happened. */
  matches: Array<{ movieId: number; likes: number; matchedAt: Date }>;
  watched: number[];
  startedAt: Date | null;
  closedAt: Date | null;
  closedReason: StoredNight["closedReason"];
}

/**
 * Progress alone is published at most once per this interval per room; joins, leaves, starts, matches
 * and closes are published at once, in the transaction that makes them (see docs/DECISIONS.md).
 */
export const LIVE_PROGRESS_INTERVAL_MS = 1000;

/** The room as its live view shows it. Every field is a scalar or an array, so a merge replaces each whole. */
export function liveViewOf(night: StoredNight): LiveNightView {
  return {
    name: night.name,
    state: night.state,
    hostUid: night.hostUid,
    memberUids: [...night.memberUids],
    members: night.memberUids.map((uid) => ({ uid, swiped: night.progress[uid] ?? 0 })),
    deckLength: night.deck.length,
    matches: night.matches.map((m) => ({ movieId: m.movieId, likes: m.likes, matchedAt: m.matchedAt })),
    watched: [...night.watched],
    startedAt: night.startedAt,
    closedAt: night.closedAt,
    closedReason: night.closedReason,
  };
}

/** Whether two views show the same thing (their publication times aside). */
export function sameView(a: LiveNightView | undefined, b: LiveNightView | undefined): boolean {
  return isDeepStrictEqual(a, b);
}

/**
 * `liveNights/{nightId}` as stored: the view, when it was last written and how many times (the
 * benchmark counts writes by it).
 */
export const storedLiveViewSchema = z.object({
  name: z.string(),
  state: z.enum(NIGHT_STATES),
  hostUid: z.string(),
  memberUids: z.array(z.string()),
  members: z.array(z.object({ uid: z.string(), swiped: z.number().int() })),
  deckLength: z.number().int(),
  matches: z.array(z.object({ movieId: z.number().int(), likes: z.number().int(), matchedAt: storedDateSchema })),
  watched: z.array(z.number().int()),
  startedAt: storedDateSchema.nullable(),
  closedAt: storedDateSchema.nullable(),
  closedReason: z.enum(["matched", "watched", "empty", "expired"]).nullable(),
  publishedAt: storedDateSchema,
  revision: z.number().int(),
});

/** What one publication attempt found. */
export type ProgressPublication =
  | { outcome: "current" | "published" | "no-room" }
  /** The view was written less than the interval ago: try again after `waitMs`. */
  | { outcome: "wait"; waitMs: number };

/** Where live views are kept (the nights repository). */
export interface LiveViewStore {
  /**
   * In one transaction: reads the room and its view; when the view lags the room, writes it if the
   * last publication is at least `minIntervalMs` before `now`, else says how long to wait.
   */
  publishProgress(nightId: string, now: Date, minIntervalMs: number): Promise<ProgressPublication>;
}

const MAX_ROUNDS = 5;

/**
 * Publishes swipe progress to a room's live view, coalesced: the swipe trigger calls it after every first
 * swipe. The first swipe after a quiet second is published at once; later ones wait for the interval to
 * pass and are published together by whichever trigger run wakes first (the others then find the view
 * current). Each round reads the room afresh, so redelivered, late or reordered events publish nothing
 * stale and nothing twice.
 */
export class LiveRoomPublisher {
  constructor(
    private readonly store: LiveViewStore,
    private readonly now: () => Date = () => new Date(),
    private readonly wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    private readonly intervalMs = LIVE_PROGRESS_INTERVAL_MS,
  ) {}

  /** Makes the view show the room's progress as of a moment after this call began. */
  async publishProgress(nightId: string): Promise<ProgressPublication["outcome"]> {
    for (let round = 1; ; round++) {
      const result = await this.store.publishProgress(nightId, this.now(), this.intervalMs);
      if (result.outcome !== "wait") return result.outcome;
      // Bounded: rounds end as soon as the view is current; a steady stream of swipes keeps publishing
      // once per interval through the other runs, so giving up here loses nothing.
      if (round >= MAX_ROUNDS) {
        log.warn("movie night live view still busy; leaving the publication to later swipes", { nightId });
        return "wait";
      }
      await this.wait(result.waitMs);
    }
  }
}
