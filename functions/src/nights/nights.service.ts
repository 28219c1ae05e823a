import { randomInt } from "node:crypto";
import type { StoredMovie } from "../movies/movies.schema";
import type { NotificationInput } from "../notifications/notifications.schema";
import { randomId } from "../shared/crypto";
import { AppError } from "../shared/errors";
import { describeError, log } from "../shared/logger";
import { ONE_OFFSET, type Page, decodeCursor, encodeCursor } from "../shared/pagination";
import type { DeckBuilder, DeckMemory } from "./nights.deck";
import type { NightChange, NightsRepository } from "./nights.repository";
import {
  type Answer,
  CODE_ALPHABET,
  CODE_LENGTH,
  type CreateNightInput,
  type DeckCard,
  MAX_MEMBERS,
  MAX_SCHEDULE_AHEAD_MS,
  type MatchRule,
  NIGHT_TTL_MS,
  type NightView,
  type StoredNight,
  type StoredSwipe,
  type SwipeView,
} from "./nights.schema";

/** Sends notifications (NotificationService). */
export interface NightNotifier {
  notify(uid: string, input: NotificationInput): Promise<unknown>;
}

/** Which of `others` are friends of `uid` (the friends repository). */
export interface FriendsLookup {
  friendsAmong(uid: string, others: readonly string[]): Promise<Set<string>>;
}

/** Handles for the room view (the people directory). */
export interface HandleDirectory {
  summaries(uids: readonly string[]): Promise<Map<string, { handle: string }>>;
}

/** Titles for the deck and matches (the catalogue). */
export interface MovieLookup {
  getMany(movieIds: readonly number[]): Promise<Map<number, StoredMovie>>;
}

/** Marks a movie watched in a person's library (LibraryService). */
export interface LibraryWriter {
  markWatched(uid: string, movieId: number, input: { watchedAt?: string }): Promise<unknown>;
}

/** A crew's side of its nights (CrewsService): who is in it, what it remembers, and recording what happened. */
export interface CrewLink {
  /** The crew's members; not-found unless `caller` is one of them. */
  membersOf(caller: string, crewId: string): Promise<string[]>;
  memory(crewId: string, now: Date): Promise<DeckMemory>;
  recordVeto(crewId: string, movieId: number, nightId: string, at: Date): Promise<void>;
  recordHistory(crewId: string, entry: { kind: "match" | "watched"; movieId: number; nightId: string; at: Date }): Promise<void>;
}

/** Scheduled nights' settings. */
export interface ScheduleConfig {
  /** How long before a scheduled night everyone is reminded. */
  reminderLeadMs: number;
}

const NO_CREWS: CrewLink = {
  membersOf: () => Promise.reject(new AppError("not-found", "No such crew")),
  memory: () => Promise.resolve({ vetoed: [], liked: [] }),
  recordVeto: () => Promise.resolve(),
  recordHistory: () => Promise.resolve(),
};

export const NIGHT_KINDS = {
  invite: "night.invite",
  match: "night.match",
  rate: "night.rate",
  scheduled: "night.scheduled",
  reminder: "night.reminder",
  rescheduled: "night.rescheduled",
  cancelled: "night.cancelled",
  started: "night.started",
} as const;

const SCHEDULE_BATCH = 100;

const CODE_ATTEMPTS = 8;
const START_ATTEMPTS = 3;
const EXPIRY_BATCH = 100;
const DECK_CURSOR = "nightDeck";

const notFound = () => new AppError("not-found", "No such movie night");

/** How many likes a film needs under a rule with `members` people in the room. */
export function likesNeeded(rule: MatchRule, members: number): number {
  if (rule.kind === "unanimous") return members;
  if (rule.kind === "majority") return Math.floor(members / 2) + 1;
  return rule.k;
}

/** What GET /v1/me/export holds of movie nights. */
export interface NightsExport {
  rooms: Array<{
    id: string;
    name: string;
    host: boolean;
    role: "host" | "member" | "invited";
    state: string;
    crewId: string | null;
    startsAt: string | null;
    answer: string | null;
    members: string[];
    matches: number[];
    watched: number[];
    createdAt: string;
    closedAt: string | null;
  }>;
  swipes: Array<{ nightId: string; movieId: number; liked: boolean; swipedAt: string }>;
  invitedTo: string[];
}

/**
 * Whether the swipes on `movieId` make it a match now: the room is started, the film is in its deck
 * and not matched yet, and enough current members liked it. Returns the likes, or undefined.
 */
export function matchFor(night: StoredNight, movieId: number, swipes: readonly StoredSwipe[]): number | undefined {
  if (night.state !== "started" || !night.deck.includes(movieId) || night.matches.some((m) => m.movieId === movieId)) return undefined;
  const likers = new Set(swipes.filter((s) => s.movieId === movieId && s.liked && night.memberUids.includes(s.uid)).map((s) => s.uid));
  return likers.size >= likesNeeded(night.rule, night.memberUids.length) ? likers.size : undefined;
}

/** A join code: CODE_LENGTH characters of CODE_ALPHABET, from the crypto random source. */
export function newJoinCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
}

/** The room after it closes: nobody can join or swipe; its code and everyone's membership are released. */
function closed(night: StoredNight, reason: NonNullable<StoredNight["closedReason"]>, at: Date): StoredNight {
  return { ...night, state: "closed", code: null, closedAt: at, closedReason: reason, lastActivityAt: at };
}

function closing<T>(night: StoredNight, reason: NonNullable<StoredNight["closedReason"]>, at: Date, result: T): NightChange<T> {
  return { result, night: closed(night, reason, at), release: [...night.memberUids], freeCode: night.code ?? undefined };
}

/**
 * Movie nights: rooms people join with a code or an invitation, a deck frozen for the group at start,
 * swipes, and matches under the room's rule. Every rule that spans documents is decided inside a
 * repository transaction (the decide callbacks below), so concurrent joins, swipes and the match
 * trigger's runs cannot break "one open room per person", "one match per film" or the member limit.
 */
export class NightsService {
  constructor(
    private readonly nights: NightsRepository,
    private readonly decks: DeckBuilder,
    private readonly friends: FriendsLookup,
    private readonly people: HandleDirectory,
    private readonly movies: MovieLookup,
    private readonly notifier: NightNotifier,
    private readonly library: LibraryWriter,
    private readonly now: () => Date = () => new Date(),
    private readonly crews: CrewLink = NO_CREWS,
    private readonly schedule: ScheduleConfig = { reminderLeadMs: 60 * 60 * 1000 },
  ) {}

  /** Opens a room with the caller as host and a fresh join code; refused while the caller is in another open room. */
  async create(caller: string, input: CreateNightInput): Promise<NightView> {
    const at = this.now();
    const invited = input.crewId ? (await this.crews.membersOf(caller, input.crewId)).filter((u) => u !== caller) : [];
    if (input.startsAt !== undefined) return this.scheduleNight(caller, input, invited, at);
    for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
      const nightId = randomId();
      const night = newNight(caller, input, invited, at, { ...NOT_SCHEDULED, state: "open", code: newJoinCode() });
      const outcome = await this.nights.create(nightId, night, (current) => {
        if (current) throw inAnotherRoom(current);
      });
      if (outcome === "created") {
        log.info("movie night created", { uid: caller, nightId, rule: input.matchRule.kind, crewId: input.crewId });
        await this.tellInvited(caller, nightId, night, invited);
        return this.view(nightId, night);
      }
    }
    throw new AppError("unavailable", "Could not draw a free join code; try again");
  }

  /**
   * Schedules a night: no join code and nobody's open room until it starts, so a person may have several
   * scheduled and still one open room. The host's answer is "yes"; the crew's other members are invited.
   */
  private async scheduleNight(caller: string, input: CreateNightInput, invited: string[], at: Date): Promise<NightView> {
    const startsAt = this.checkStartsAt(input.startsAt!, at);
    const nightId = randomId();
    const night = newNight(caller, input, invited, at, {
      state: "scheduled",
      code: null,
      startsAt,
      answers: { [caller]: "yes" },
      remindedAt: null,
    });
    await this.nights.createScheduled(nightId, night);
    log.info("movie night scheduled", { uid: caller, nightId, startsAt: startsAt.toISOString(), crewId: input.crewId });
    await this.tellInvited(caller, nightId, night, invited);
    return this.view(nightId, night);
  }

  /** A start time in the future and at most MAX_SCHEDULE_AHEAD_MS ahead. */
  private checkStartsAt(value: string, at: Date): Date {
    const startsAt = new Date(value);
    if (startsAt.getTime() <= at.getTime() || startsAt.getTime() > at.getTime() + MAX_SCHEDULE_AHEAD_MS) {
      throw new AppError("invalid-argument", "Invalid start time", {
        details: [{ path: "startsAt", message: "Must be in the future and at most 90 days ahead" }],
      });
    }
    return startsAt;
  }

  /** Invitations for people invited as a night is created (a crew's members). */
  private async tellInvited(caller: string, nightId: string, night: StoredNight, invited: readonly string[]): Promise<void> {
    for (const uid of invited) await this.notifier.notify(uid, this.invitation(caller, nightId, night, uid));
  }

  private invitation(caller: string, nightId: string, night: StoredNight, invitee: string): NotificationInput {
    if (night.state === "scheduled") {
      return {
        kind: NIGHT_KINDS.scheduled,
        actorUid: caller,
        data: { nightId, startsAt: night.startsAt!.toISOString() },
        title: "Movie night planned",
        body: `{actor} planned "${night.name}" for ${night.startsAt!.toISOString()}: are you in?`,
        dedupeKey: `night.scheduled:${nightId}:${invitee}`,
      };
    }
    return {
      kind: NIGHT_KINDS.invite,
      actorUid: caller,
      data: { nightId, code: night.code ?? "" },
      title: "Movie night",
      body: `{actor} invited you to "${night.name}": join with code ${night.code ?? ""}`,
      dedupeKey: `night.invite:${nightId}:${invitee}`,
    };
  }

  /** An invited person answers a scheduled night: yes, no or maybe (again to change it). */
  async answer(caller: string, nightId: string, answer: Answer): Promise<NightView> {
    const night = await this.nights.change(nightId, caller, ({ night }) => {
      if (!night || !canSee(night, caller)) throw notFound();
      if (night.state !== "scheduled") throw new AppError("failed-precondition", "Only a scheduled movie night takes answers");
      if (night.hostUid === caller)
        throw new AppError("failed-precondition", "The host always comes; reschedule or cancel the movie night instead");
      if (night.answers[caller] === answer) return { result: night };
      const next: StoredNight = { ...night, answers: { ...night.answers, [caller]: answer } };
      return { result: next, night: next };
    });
    log.info("movie night answered", { uid: caller, nightId, answer });
    return this.view(nightId, night);
  }

  /** The host moves a scheduled night; everyone else is told once per new time. */
  async reschedule(caller: string, nightId: string, startsAtValue: string): Promise<NightView> {
    const startsAt = this.checkStartsAt(startsAtValue, this.now());
    const night = await this.nights.change(nightId, caller, ({ night }) => {
      const current = this.hosted(night, caller);
      if (current.startsAt?.getTime() === startsAt.getTime()) return { result: current };
      const next: StoredNight = { ...current, startsAt, remindedAt: null, lastActivityAt: this.now() };
      return { result: next, night: next };
    });
    for (const uid of everyoneBut(night, caller)) {
      await this.notifier.notify(uid, {
        kind: NIGHT_KINDS.rescheduled,
        actorUid: caller,
        data: { nightId, startsAt: startsAt.toISOString() },
        title: "Movie night moved",
        body: `{actor} moved "${night.name}" to ${startsAt.toISOString()}`,
        dedupeKey: `night.rescheduled:${nightId}:${startsAt.getTime()}`,
      });
    }
    log.info("movie night rescheduled", { uid: caller, nightId, startsAt: startsAt.toISOString() });
    return this.view(nightId, night);
  }

  /** The host cancels a scheduled night; everyone else is told once (cancelling again changes nothing). */
  async cancel(caller: string, nightId: string): Promise<NightView> {
    const night = await this.nights.change(nightId, caller, ({ night }) => {
      if (night?.state === "closed" && night.closedReason === "cancelled" && night.hostUid === caller) return { result: night };
      const current = this.hosted(night, caller);
      const next = closed(current, "cancelled", this.now());
      return { result: next, night: next };
    });
    await this.tellCancelled(nightId, night, caller);
    log.info("movie night cancelled", { uid: caller, nightId });
    return this.view(nightId, night);
  }

  private async tellCancelled(nightId: string, night: StoredNight, actor: string | undefined): Promise<void> {
    for (const uid of everyoneBut(night, actor)) {
      await this.notifier.notify(uid, {
        kind: NIGHT_KINDS.cancelled,
        ...(actor ? { actorUid: actor } : {}),
        data: { nightId },
        title: "Movie night cancelled",
        body: actor ? `{actor} cancelled "${night.name}"` : `"${night.name}" is off: fewer than two people said yes`,
        dedupeKey: `night.cancelled:${nightId}`,
      });
    }
  }

  /** A scheduled night its host may change: 404 to non-members, 403 to other members, 409 once it is not scheduled. */
  private hosted(night: StoredNight | undefined, caller: string): StoredNight {
    if (!night || !canSee(night, caller)) throw notFound();
    if (night.hostUid !== caller) throw new AppError("permission-denied", "Only the host can change the movie night");
    if (night.state !== "scheduled") throw new AppError("failed-precondition", "Only a scheduled movie night can be moved or cancelled");
    return night;
  }

  /**
   * The scheduled job at `now` (the run's scheduled time, so tests drive it with a clock of their own):
   * reminds everyone of nights starting within the lead time, then starts the nights that are due with the
   * people who said yes (the deck built for them and frozen), or cancels them when fewer than two can come.
   */
  async runSchedule(now: Date): Promise<{ reminded: number; started: number; cancelled: number }> {
    const counts = { reminded: 0, started: 0, cancelled: 0 };
    // Only nights not reminded yet: a batch of already reminded ones must not hold back the rest.
    for (const nightId of await this.nights.remindersDue(now, new Date(now.getTime() + this.schedule.reminderLeadMs), SCHEDULE_BATCH)) {
      if (await this.remind(nightId, now)) counts.reminded++;
    }
    for (const nightId of await this.nights.scheduledBefore(now, SCHEDULE_BATCH)) {
      const outcome = await this.startScheduled(nightId, now);
      if (outcome) counts[outcome]++;
    }
    log.info("scheduled movie nights run", { ...counts, at: now.toISOString() });
    return counts;
  }

  /** Reminds everyone who has not said no, once per start time (the key), then marks the night reminded. */
  private async remind(nightId: string, now: Date): Promise<boolean> {
    const night = await this.nights.get(nightId);
    if (!night || night.state !== "scheduled" || night.remindedAt || !night.startsAt || night.startsAt.getTime() <= now.getTime())
      return false;
    const startsAt = night.startsAt;
    for (const uid of everyoneBut(night, undefined).filter((u) => night.answers[u] !== "no")) {
      await this.notifier.notify(uid, {
        kind: NIGHT_KINDS.reminder,
        data: { nightId, startsAt: startsAt.toISOString() },
        title: "Movie night soon",
        body: `"${night.name}" starts at ${startsAt.toISOString()}`,
        dedupeKey: `night.reminder:${nightId}:${startsAt.getTime()}`,
      });
    }
    return this.nights.change(nightId, undefined, ({ night: latest }) => {
      if (latest?.state !== "scheduled" || latest.startsAt?.getTime() !== startsAt.getTime()) return { result: false };
      const next: StoredNight = { ...latest, remindedAt: now };
      return { result: true, night: next };
    });
  }

  /**
   * Starts a due scheduled night with the people who said yes and are not in another open room (one open
   * room per person), or cancels it when fewer than two remain. The deck is built for everyone who said yes
   * and frozen in the transaction that re-reads the answers (rebuilt if they changed meanwhile).
   */
  private async startScheduled(nightId: string, now: Date): Promise<"started" | "cancelled" | undefined> {
    for (let attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      const night = await this.nights.get(nightId);
      if (!night || night.state !== "scheduled" || !night.startsAt || night.startsAt.getTime() > now.getTime()) return undefined;
      const yes = saidYes(night);
      const memory = night.crewId ? await this.crews.memory(night.crewId, now) : undefined;
      const deck = yes.length >= 2 ? await this.decks.build(yes, night.filters, night.deckSize, memory) : [];
      const outcome = await this.nights.change(
        nightId,
        undefined,
        ({ night: latest, rooms }) => {
          if (latest?.state !== "scheduled" || latest.startsAt?.getTime() !== night.startsAt!.getTime()) return { result: "gone" as const };
          const latestYes = saidYes(latest);
          if (latestYes.join() !== yes.join()) return { result: "changed" as const };
          const free = yes.filter((u) => !rooms.has(u));
          const ruleFits = latest.rule.kind !== "atLeast" || latest.rule.k <= free.length;
          if (free.length < 2 || deck.length === 0 || !ruleFits)
            return { result: "cancelled" as const, night: closed(latest, "cancelled", now) };
          const next: StoredNight = {
            ...latest,
            state: "started",
            hostUid: free.includes(latest.hostUid) ? latest.hostUid : free[0]!,
            memberUids: free,
            invitedUids: latest.invitedUids.filter((u) => !free.includes(u)),
            progress: Object.fromEntries(free.map((u) => [u, 0])),
            deck,
            startedAt: now,
            lastActivityAt: now,
          };
          return { result: "started" as const, night: next, enter: free };
        },
        undefined,
        yes,
      );
      if (outcome === "changed") continue;
      if (outcome === "gone") return undefined;
      const latest = (await this.nights.get(nightId))!;
      if (outcome === "cancelled") {
        await this.tellCancelled(nightId, latest, undefined);
        log.info("scheduled movie night cancelled", { nightId, yes: yes.length });
        return outcome;
      }
      for (const uid of latest.memberUids) {
        await this.notifier.notify(uid, {
          kind: NIGHT_KINDS.started,
          data: { nightId },
          title: "Movie night is on",
          body: `"${latest.name}" has started: start swiping`,
          dedupeKey: `night.started:${nightId}`,
        });
      }
      // Who said yes but was in another open room is not silently dropped: they hear it went on without them.
      for (const uid of yes.filter((u) => !latest.memberUids.includes(u))) {
        await this.notifier.notify(uid, {
          kind: NIGHT_KINDS.started,
          data: { nightId, joined: "false", reason: "in-another-room" },
          title: "Movie night started without you",
          body: `"${latest.name}" started while you were in another movie night`,
          dedupeKey: `night.started:${nightId}`,
        });
      }
      log.info("scheduled movie night started", { nightId, members: latest.memberUids.length, deck: deck.length });
      return outcome;
    }
    log.warn("scheduled movie night kept changing; the next run tries again", { nightId });
    return undefined;
  }

  /**
   * Joins the open room holding `code`. The code alone is not enough: the caller must be the host's
   * friend or invited by a member (see docs/DECISIONS.md).
   */
  async join(caller: string, code: string): Promise<NightView> {
    const nightId = await this.nights.nightIdForCode(code);
    const before = nightId ? await this.nights.get(nightId) : undefined;
    if (!nightId || !before) throw new AppError("not-found", "No open movie night has this code");
    const friendOfHost = before.hostUid === caller || (await this.friends.friendsAmong(caller, [before.hostUid])).has(before.hostUid);
    const night = await this.nights.change(nightId, caller, ({ night, actorRoom }) => {
      if (!night || night.state !== "open" || night.code !== code) throw new AppError("not-found", "No open movie night has this code");
      if (night.memberUids.includes(caller)) return { result: night };
      if (actorRoom && actorRoom !== nightId) throw inAnotherRoom(actorRoom);
      // The friendship was checked against this host; a host hand-over since then needs a fresh look.
      const allowed = night.invitedUids.includes(caller) || (friendOfHost && night.hostUid === before.hostUid);
      if (!allowed) throw new AppError("permission-denied", "Only the host's friends and invited people can join this movie night");
      if (night.memberUids.length >= MAX_MEMBERS)
        throw new AppError("failed-precondition", `A movie night has at most ${MAX_MEMBERS} people`);
      const at = this.now();
      const next = {
        ...night,
        memberUids: [...night.memberUids, caller],
        progress: { ...night.progress, [caller]: 0 },
        lastActivityAt: at,
      };
      return { result: next, night: next, enter: [caller] };
    });
    log.info("movie night joined", { uid: caller, nightId });
    return this.view(nightId, night);
  }

  /** A member invites one of their friends (an in-app and push notification carrying the code). */
  async invite(caller: string, nightId: string, invitee: string): Promise<void> {
    if (invitee === caller)
      throw new AppError("invalid-argument", "Invalid invitation", { details: [{ path: "uid", message: "Must not be your own id" }] });
    if (!(await this.friends.friendsAmong(caller, [invitee])).has(invitee)) {
      throw new AppError("permission-denied", "You can invite only your friends", {
        details: [{ path: "uid", message: "Not your friend" }],
      });
    }
    const night = await this.nights.change(nightId, undefined, ({ night }) => {
      if (!night || !night.memberUids.includes(caller)) throw notFound();
      if (night.state !== "open" && night.state !== "scheduled")
        throw new AppError("failed-precondition", "This movie night has started or ended; nobody can join it now");
      if (night.memberUids.includes(invitee)) throw new AppError("already-exists", "Already in this movie night");
      if (night.invitedUids.includes(invitee)) return { result: night };
      const next = { ...night, invitedUids: [...night.invitedUids, invitee], lastActivityAt: this.now() };
      return { result: next, night: next };
    });
    await this.notifier.notify(invitee, this.invitation(caller, nightId, night, invitee));
    log.info("movie night invitation sent", { uid: caller, nightId, other: invitee });
  }

  /** Leaves a room; a leaving host hands it to the earliest remaining member; the last one out closes it. */
  async leave(caller: string, nightId: string): Promise<void> {
    const current = await this.nights.get(nightId);
    if (current?.state === "scheduled" && current.hostUid === caller) {
      await this.cancel(caller, nightId);
      return;
    }
    await this.nights.change(nightId, undefined, ({ night }) => this.leaving(night, caller));
    log.info("movie night left", { uid: caller, nightId });
    await this.recheckMatches(nightId);
  }

  /**
   * After someone leaves a started room the rule needs fewer likes, so films the remaining members all
   * liked may match now; each candidate goes through the same transactional decision as a swipe.
   */
  private async recheckMatches(nightId: string): Promise<void> {
    const night = await this.nights.get(nightId);
    if (night?.state !== "started") return;
    const likes = await this.nights.likesIn(nightId);
    const candidates = [...new Set(likes.map((s) => s.movieId))].filter((movieId) => matchFor(night, movieId, likes) !== undefined);
    // In deck order, so with endOnFirstMatch the earliest card wins.
    candidates.sort((a, b) => night.deck.indexOf(a) - night.deck.indexOf(b));
    for (const movieId of candidates) await this.applySwipe(nightId, movieId);
  }

  private leaving(night: StoredNight | undefined, uid: string): NightChange<void> {
    if (!night || !night.memberUids.includes(uid)) throw notFound();
    const at = this.now();
    const remaining = night.memberUids.filter((u) => u !== uid);
    const progress = Object.fromEntries(Object.entries(night.progress).filter(([u]) => u !== uid));
    if (remaining.length === 0) return { ...closing({ ...night, memberUids: [], progress }, "empty", at, undefined), release: [uid] };
    const next: StoredNight = {
      ...night,
      memberUids: remaining,
      progress,
      hostUid: night.hostUid === uid ? remaining[0]! : night.hostUid,
      lastActivityAt: night.state === "closed" ? night.lastActivityAt : at,
    };
    return { result: undefined, night: next, release: [uid] };
  }

  /**
   * The host starts the room: the deck is built for the members present and frozen in the same
   * transaction that checks nobody joined or left meanwhile (else it is built again).
   */
  async start(caller: string, nightId: string): Promise<NightView> {
    for (let attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      const current = await this.nights.get(nightId);
      this.checkStart(current, caller);
      const night = current as StoredNight;
      const started = Date.now();
      const memory = night.crewId ? await this.crews.memory(night.crewId, this.now()) : undefined;
      const deck = await this.decks.build(night.memberUids, night.filters, night.deckSize, memory);
      const buildMs = Date.now() - started;
      if (deck.length === 0) throw new AppError("failed-precondition", "No film fits the filters that nobody in the room has seen");
      const outcome = await this.nights.change(nightId, undefined, ({ night: latest }) => {
        this.checkStart(latest, caller);
        const same = latest!.memberUids.length === night.memberUids.length && latest!.memberUids.every((u) => night.memberUids.includes(u));
        if (!same) return { result: undefined };
        const at = this.now();
        const next: StoredNight = { ...latest!, state: "started", code: null, deck, startedAt: at, lastActivityAt: at };
        return { result: next, night: next, freeCode: latest!.code ?? undefined };
      });
      if (outcome) {
        log.info("movie night started", { uid: caller, nightId, members: outcome.memberUids.length, deck: deck.length, buildMs });
        return this.view(nightId, outcome);
      }
    }
    throw new AppError("unavailable", "People kept joining or leaving; try starting again");
  }

  private checkStart(night: StoredNight | undefined, caller: string): void {
    if (!night || !night.memberUids.includes(caller)) throw notFound();
    if (night.hostUid !== caller) throw new AppError("permission-denied", "Only the host can start the movie night");
    if (night.state !== "open") throw new AppError("failed-precondition", "This movie night has already started or ended");
    if (night.memberUids.length < 2) throw new AppError("failed-precondition", "A movie night needs at least two people");
    if (night.rule.kind === "atLeast" && night.rule.k > night.memberUids.length) {
      throw new AppError("failed-precondition", `The rule needs ${night.rule.k} likes but only ${night.memberUids.length} people are here`);
    }
  }

  /** The room as its members see it. */
  async get(caller: string, nightId: string): Promise<NightView> {
    const night = await this.nights.get(nightId);
    if (!night || !canSee(night, caller)) throw notFound();
    return this.view(nightId, night);
  }

  /** A page of the frozen deck, the same order for every member, with the caller's own swipes. */
  async deck(caller: string, nightId: string, limit: number, cursor?: string): Promise<Page<DeckCard>> {
    const night = await this.nights.get(nightId);
    if (!night || !night.memberUids.includes(caller)) throw notFound();
    if (night.state === "open") throw new AppError("failed-precondition", "The deck is chosen when the host starts the movie night");
    const after = decodeCursor(DECK_CURSOR, cursor, ONE_OFFSET);
    if (after && after.id !== nightId)
      throw new AppError("invalid-argument", "Invalid cursor", { details: [{ path: "cursor", message: "Not a cursor of this deck" }] });
    const from = after ? Number(after.values[0]) : 0;
    const ids = night.deck.slice(from, from + limit);
    const [movies, mine] = await Promise.all([this.movies.getMany(ids), this.nights.swipesOf(nightId, caller, ids)]);
    const items = ids.map((movieId, i): DeckCard => {
      const m = movies.get(movieId);
      return {
        position: from + i,
        movie: { movieId, title: m?.title ?? "", year: m?.year ?? null, genres: m?.genres ?? [] },
        liked: mine.get(movieId) ?? null,
      };
    });
    const end = from + ids.length;
    return { items, nextCursor: end < night.deck.length ? encodeCursor(DECK_CURSOR, { values: [end], id: nightId }) : undefined };
  }

  /** A member's swipe on a film of the deck; swiping the same film again replaces the first (undo). */
  async swipe(caller: string, nightId: string, movieId: number, liked: boolean): Promise<SwipeView> {
    const swipe: StoredSwipe = { uid: caller, movieId, liked, swipedAt: this.now() };
    const { replaced } = await this.nights.swipe(nightId, swipe, (night) => {
      if (!night || !night.memberUids.includes(caller)) throw notFound();
      if (night.state === "open") throw new AppError("failed-precondition", "The movie night has not started yet");
      if (night.state === "closed") throw new AppError("failed-precondition", "The movie night has ended");
      if (!night.deck.includes(movieId)) {
        throw new AppError("invalid-argument", "This film is not in the deck", {
          details: [{ path: "movieId", message: "Not in this movie night's deck" }],
        });
      }
    });
    return { movieId, liked, replaced };
  }

  /**
   * The swipe trigger's work: decides in one transaction (the room and every swipe on the film) whether
   * the film is a match now and records it by film id, so simultaneous deciding swipes and redelivered
   * events record it once. Then every member is told, with a key per room and film, so whichever run
   * gets here (a retry after a failed notification too) notifies each member once.
   */
  async applySwipe(nightId: string, movieId: number): Promise<void> {
    const night = await this.nights.change(
      nightId,
      undefined,
      ({ night, swipes }) => {
        if (!night) return { result: undefined };
        const likes = matchFor(night, movieId, swipes);
        if (likes === undefined) return { result: night };
        const at = this.now();
        const matched: StoredNight = { ...night, matches: [...night.matches, { movieId, likes, matchedAt: at }], lastActivityAt: at };
        log.info("movie night match", { nightId, movieId, likes, members: night.memberUids.length });
        return night.endOnFirstMatch
          ? closing(matched, "matched", at, closed(matched, "matched", at))
          : { result: matched, night: matched };
      },
      movieId,
    );
    const match = night?.matches.find((m) => m.movieId === movieId);
    if (!night || !match) return;
    if (night.crewId) await this.crews.recordHistory(night.crewId, { kind: "match", movieId, nightId, at: match.matchedAt });
    const title = (await this.movies.getMany([movieId])).get(movieId)?.title ?? "a film";
    await Promise.all(
      night.memberUids.map((uid) =>
        this.notifier.notify(uid, {
          kind: NIGHT_KINDS.match,
          data: { nightId, movieId: String(movieId) },
          title: "It's a match!",
          body: `Your movie night "${night.name}" matched on ${title}`,
          dedupeKey: `night.match:${nightId}:${movieId}`,
        }),
      ),
    );
  }

  /**
   * The swipe trigger's work for a pass in a crew night: when every current member swiped the film away,
   * the crew remembers it (a veto, from the last of those swipes, so a redelivered event writes the same).
   */
  async applyPass(nightId: string, movieId: number): Promise<void> {
    const night = await this.nights.get(nightId);
    if (!night?.crewId || !night.deck.includes(movieId) || night.memberUids.length === 0) return;
    const passes = (await this.nights.swipesOn(nightId, movieId)).filter((s) => !s.liked && night.memberUids.includes(s.uid));
    if (!night.memberUids.every((u) => passes.some((p) => p.uid === u))) return;
    const at = new Date(Math.max(...passes.map((p) => p.swipedAt.getTime())));
    await this.crews.recordVeto(night.crewId, movieId, nightId, at);
  }

  /**
   * After the night: a member marks a matched film watched; it goes into every member's watched list, each is
   * asked to rate it, and the room closes. Repeating it changes nothing more.
   */
  async markWatched(caller: string, nightId: string, movieId: number): Promise<NightView> {
    const night = await this.nights.change(nightId, undefined, ({ night }) => {
      if (!night || !night.memberUids.includes(caller)) throw notFound();
      if (!night.matches.some((m) => m.movieId === movieId)) {
        throw new AppError("failed-precondition", "Only a film the group matched on can be marked watched", {
          details: [{ path: "movieId", message: "Not a match of this movie night" }],
        });
      }
      if (night.watched.includes(movieId)) return { result: night };
      const at = this.now();
      const next = { ...night, watched: [...night.watched, movieId] };
      return night.state === "closed"
        ? { result: next, night: { ...next, lastActivityAt: at } }
        : closing(next, "watched", at, closed(next, "watched", at));
    });
    const title = (await this.movies.getMany([movieId])).get(movieId)?.title ?? "the film";
    for (const uid of night.memberUids) {
      // The watched write first: a failure is retried by repeating the call, which notifies once (the key).
      await this.library.markWatched(uid, movieId, {});
      await this.notifier.notify(uid, {
        kind: NIGHT_KINDS.rate,
        data: { nightId, movieId: String(movieId) },
        title: "How was it?",
        body: `You watched ${title} on movie night: rate it`,
        dedupeKey: `night.rate:${nightId}:${movieId}`,
      });
    }
    if (night.crewId) {
      const at = night.closedAt ?? this.now();
      await this.crews.recordHistory(night.crewId, { kind: "watched", movieId, nightId, at });
    }
    log.info("movie night film watched", { uid: caller, nightId, movieId, members: night.memberUids.length });
    return this.view(nightId, night);
  }

  /** The scheduled cleanup: closes rooms inactive for NIGHT_TTL_MS (re-checked in each closing transaction). */
  async expireInactive(): Promise<number> {
    const now = this.now();
    const cutoff = new Date(now.getTime() - NIGHT_TTL_MS);
    let closedCount = 0;
    for (;;) {
      const ids = await this.nights.inactiveSince(cutoff, EXPIRY_BATCH);
      for (const nightId of ids) {
        const done = await this.nights.change(nightId, undefined, ({ night }) => {
          if (!night || night.state === "closed" || night.lastActivityAt.getTime() >= cutoff.getTime()) return { result: false };
          return closing(night, "expired", now, true);
        });
        if (done) closedCount++;
      }
      if (ids.length < EXPIRY_BATCH) break;
    }
    log.info("inactive movie nights closed", { closed: closedCount });
    return closedCount;
  }

  /**
   * Account deletion: the person leaves every room (host handed over, empty rooms closed) and their swipes
   * go, also in rooms they had left before; they leave every invitation list; a room that still names them
   * as host (closed when they left it last) names nobody. Safe to run again after a partial run.
   */
  async eraseUser(uid: string): Promise<void> {
    for (const nightId of await this.nights.invitedTo(uid)) {
      await this.nights.change(nightId, undefined, ({ night }) => {
        if (!night?.invitedUids.includes(uid)) return { result: undefined };
        const answers = Object.fromEntries(Object.entries(night.answers).filter(([u]) => u !== uid));
        return { result: undefined, night: { ...night, invitedUids: night.invitedUids.filter((u) => u !== uid), answers } };
      });
    }
    for (const nightId of await this.nights.roomsOf(uid)) {
      await this.nights.change(nightId, undefined, ({ night }) =>
        night?.memberUids.includes(uid) ? this.leaving(night, uid) : { result: undefined },
      );
      await this.nights.deleteSwipes(nightId, uid);
      await this.recheckMatches(nightId);
    }
    await this.nights.deleteAllSwipesBy(uid);
    // A room the person left last stays closed with them as its host: nobody else is in it, so the
    // host becomes nobody (the room itself is kept, as for anyone who closes a room by leaving).
    for (const nightId of await this.nights.roomsHostedBy(uid)) {
      await this.nights.change(nightId, undefined, ({ night }) =>
        night?.hostUid === uid && night.memberUids.length === 0
          ? { result: undefined, night: { ...night, hostUid: "" } }
          : { result: undefined },
      );
    }
  }

  /**
   * GET /v1/me/export: the rooms the person is in or invited to (scheduled ones with their answer), their
   * swipes in any room, and the rooms they were invited to.
   */
  async exportUser(uid: string): Promise<NightsExport> {
    const [roomIds, swipes, invitedTo] = await Promise.all([
      this.nights.roomsOf(uid),
      this.nights.swipesBy(uid),
      this.nights.invitedTo(uid),
    ]);
    const ids = [...new Set([...roomIds, ...invitedTo])];
    const rooms = await Promise.all(ids.map(async (id) => ({ id, night: await this.nights.get(id) })));
    return {
      rooms: rooms.flatMap(({ id, night }) =>
        night
          ? [
              {
                id,
                name: night.name,
                host: night.hostUid === uid,
                role: night.hostUid === uid ? "host" : night.memberUids.includes(uid) ? "member" : "invited",
                state: night.state,
                crewId: night.crewId,
                startsAt: night.startsAt?.toISOString() ?? null,
                answer: night.answers[uid] ?? null,
                members: night.memberUids,
                matches: night.matches.map((m) => m.movieId),
                watched: night.watched,
                createdAt: night.createdAt.toISOString(),
                closedAt: night.closedAt?.toISOString() ?? null,
              },
            ]
          : [],
      ),
      swipes: swipes.map(({ nightId, swipe }) => ({
        nightId,
        movieId: swipe.movieId,
        liked: swipe.liked,
        swipedAt: swipe.swipedAt.toISOString(),
      })),
      invitedTo,
    };
  }

  private async view(id: string, night: StoredNight): Promise<NightView> {
    const [people, movies] = await Promise.all([
      this.people.summaries([...new Set([night.hostUid, ...night.memberUids])]).catch((e: unknown) => {
        log.warn("movie night handles unavailable", { nightId: id, ...describeError(e) });
        return new Map<string, { handle: string }>();
      }),
      this.movies.getMany(night.matches.map((m) => m.movieId)),
    ]);
    const handle = (uid: string) => people.get(uid)?.handle ?? null;
    const iso = (t: Date | null) => (t ? t.toISOString() : null);
    return {
      id,
      name: night.name,
      state: night.state,
      code: night.code,
      host: { uid: night.hostUid, handle: handle(night.hostUid) },
      members: night.memberUids.map((uid) => ({ uid, handle: handle(uid), swiped: night.progress[uid] ?? 0 })),
      matchRule: night.rule,
      endOnFirstMatch: night.endOnFirstMatch,
      filters: night.filters,
      deckSize: night.deckSize,
      deckLength: night.deck.length,
      matches: night.matches.map((m) => ({
        movieId: m.movieId,
        title: movies.get(m.movieId)?.title ?? null,
        likes: m.likes,
        matchedAt: m.matchedAt.toISOString(),
      })),
      watched: night.watched,
      createdAt: night.createdAt.toISOString(),
      startedAt: iso(night.startedAt),
      closedAt: iso(night.closedAt),
      closedReason: night.closedReason,
      lastActivityAt: night.lastActivityAt.toISOString(),
      live: { document: this.nights.liveDocumentPath(id) },

      crewId: night.crewId,
      startsAt: iso(night.startsAt),
      invited: night.invitedUids.filter((u) => !night.memberUids.includes(u)),
      answers: Object.entries(night.answers).map(([uid, answer]) => ({ uid, answer })),
    };
  }
}

/** The fields of a night opened on the spot. */
const NOT_SCHEDULED = { startsAt: null, answers: {}, remindedAt: null } as const;

/** A new night with the caller as host and only member; `how` says whether it is open now or scheduled. */
function newNight(
  caller: string,
  input: CreateNightInput,
  invited: string[],
  at: Date,
  how: Pick<StoredNight, "state" | "code" | "startsAt" | "answers" | "remindedAt">,
): StoredNight {
  return {
    name: input.name,
    hostUid: caller,
    memberUids: [caller],
    invitedUids: invited,
    rule: input.matchRule,
    deckSize: input.deckSize,
    endOnFirstMatch: input.endOnFirstMatch,
    filters: input.filters ?? { genres: [], yearFrom: null, yearTo: null },
    deck: [],
    matches: [],
    watched: [],
    progress: { [caller]: 0 },
    createdAt: at,
    startedAt: null,
    closedAt: null,
    closedReason: null,
    lastActivityAt: at,
    crewId: input.crewId ?? null,
    ...how,
  };
}

/** Members see a night; the people invited to a scheduled one see it too (to answer), and its cancellation. */
function canSee(night: StoredNight, uid: string): boolean {
  const planned = night.state === "scheduled" || night.closedReason === "cancelled";
  return night.memberUids.includes(uid) || (planned && night.invitedUids.includes(uid));
}

/** The host and every invited person who said yes, in that order. */
function saidYes(night: StoredNight): string[] {
  return [night.hostUid, ...night.invitedUids.filter((u) => u !== night.hostUid && night.answers[u] === "yes")];
}

/** Everyone a night concerns (members and invited people) but `uid`. */
function everyoneBut(night: StoredNight, uid: string | undefined): string[] {
  return [...new Set([...night.memberUids, ...night.invitedUids])].filter((u) => u !== uid);
}

const inAnotherRoom = (nightId: string) =>
  new AppError("failed-precondition", "You are already in an open movie night; leave it first", {
    details: [{ path: "nightId", message: nightId }],
  });
