import type { NotificationInput } from "../notifications/notifications.schema";
import { randomId } from "../shared/crypto";
import { AppError } from "../shared/errors";
import { describeError, log } from "../shared/logger";
import { type Page, decodeCursor, encodeCursor, ONE_NUMBER } from "../shared/pagination";
import type { CrewsRepository, StoredPage } from "./crews.repository";
import {
  type CreateCrewInput,
  type CrewHistoryItem,
  type CrewView,
  MAX_CREW_MEMBERS,
  type StoredCrew,
  type StoredHistoryEntry,
} from "./crews.schema";

/** Sends notifications (NotificationService). */
export interface CrewNotifier {
  notify(uid: string, input: NotificationInput): Promise<unknown>;
}

/** Which of `others` are friends of `uid` (the friends repository). */
export interface CrewFriends {
  friendsAmong(uid: string, others: readonly string[]): Promise<Set<string>>;
}

/** Handles for the crew view (the people directory). */
export interface CrewHandles {
  summaries(uids: readonly string[]): Promise<Map<string, { handle: string }>>;
}

/** Titles for the history (the catalogue). */
export interface CrewTitles {
  getMany(movieIds: readonly number[]): Promise<Map<number, { title: string }>>;
}

/** Each member's ratings (the ratings repository), to tell which films watched together were liked. */
export interface CrewRatings {
  listAllByUser(uid: string): Promise<Array<{ movieId: number; rating: number }>>;
}

/** How long a film the whole crew swiped away stays out of its decks. */
export interface CrewMemoryConfig {
  vetoDays: number;
}

/** What a crew's decks remember: films to leave out, and films it watched together and liked. */
export interface CrewMemory {
  vetoed: number[];
  liked: number[];
}

export const CREW_KINDS = { invite: "crew.invite" } as const;

/** A film watched together counts as liked when the members who rated it gave it this much on average. */
export const LIKED_AVERAGE = 3.5;
/** Films watched together that shape a deck: the most recent ones. */
const TASTE_WINDOW = 50;
const CREW_CURSOR = "crews";
const HISTORY_CURSOR = "crewHistory";
const DAY_MS = 24 * 60 * 60 * 1000;

const notFound = () => new AppError("not-found", "No such crew");

/**
 * Crews: lasting groups of friends, created by one person, joined by invitation, left at will, at most a
 * room's size. Their memory (vetoes and history) lives under the crew, not in rooms, which are cleaned
 * up after their night. Membership changes are decided in repository transactions.
 */
export class CrewsService {
  constructor(
    private readonly crews: CrewsRepository,
    private readonly friends: CrewFriends,
    private readonly people: CrewHandles,
    private readonly titles: CrewTitles,
    private readonly ratings: CrewRatings,
    private readonly notifier: CrewNotifier,
    private readonly config: CrewMemoryConfig,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Creates a crew with the caller as owner and only member. */
  async create(caller: string, input: CreateCrewInput): Promise<CrewView> {
    const at = this.now();
    const crewId = randomId();
    const crew: StoredCrew = { name: input.name, ownerUid: caller, memberUids: [caller], invitedUids: [], createdAt: at, updatedAt: at };
    await this.crews.create(crewId, crew);
    log.info("crew created", { uid: caller, crewId });
    return this.view(crewId, crew);
  }

  /** The caller's crews, newest first. */
  async list(caller: string, limit: number, cursor?: string): Promise<Page<CrewView>> {
    const page = await this.crews.listOf(caller, decodeCursor(CREW_CURSOR, cursor, ONE_NUMBER), limit);
    return {
      items: await Promise.all(page.items.map(({ id, data }) => this.view(id, data))),
      nextCursor: page.next ? encodeCursor(CREW_CURSOR, page.next) : undefined,
    };
  }

  /** A crew, for its members and the people invited to it (404 to anyone else). */
  async get(caller: string, crewId: string): Promise<CrewView> {
    const crew = await this.crews.get(crewId);
    if (!crew || !(crew.memberUids.includes(caller) || crew.invitedUids.includes(caller))) throw notFound();
    return this.view(crewId, crew);
  }

  /** A member invites one of their friends (an in-app and push notification); refused when the crew is full. */
  async invite(caller: string, crewId: string, invitee: string): Promise<void> {
    if (invitee === caller)
      throw new AppError("invalid-argument", "Invalid invitation", { details: [{ path: "uid", message: "Must not be your own id" }] });
    const crew = await this.crews.get(crewId);
    if (!crew || !crew.memberUids.includes(caller)) throw notFound();
    if (!(await this.friends.friendsAmong(caller, [invitee])).has(invitee)) {
      throw new AppError("permission-denied", "You can invite only your friends", {
        details: [{ path: "uid", message: "Not your friend" }],
      });
    }
    const name = await this.crews.change(crewId, caller, (current) => {
      if (!current || !current.memberUids.includes(caller)) throw notFound();
      if (current.memberUids.includes(invitee)) throw new AppError("already-exists", "Already in this crew");
      if (current.invitedUids.includes(invitee)) return { result: current.name };
      if (current.memberUids.length >= MAX_CREW_MEMBERS) throw full();
      return {
        result: current.name,
        crew: { ...current, invitedUids: [...current.invitedUids, invitee], updatedAt: this.now() },
      };
    });
    await this.notifier.notify(invitee, {
      kind: CREW_KINDS.invite,
      actorUid: caller,
      data: { crewId },
      title: "Crew invitation",
      body: `{actor} invited you to the crew "${name}"`,
      dedupeKey: `crew.invite:${crewId}:${invitee}`,
    });
    log.info("crew invitation sent", { uid: caller, crewId, other: invitee });
  }

  /** An invited person joins; joining again answers the crew. */
  async join(caller: string, crewId: string): Promise<CrewView> {
    const crew = await this.crews.change(crewId, caller, (current) => {
      if (!current) throw notFound();
      if (current.memberUids.includes(caller)) return { result: current };
      if (!current.invitedUids.includes(caller)) throw notFound();
      if (current.memberUids.length >= MAX_CREW_MEMBERS) throw full();
      const next: StoredCrew = {
        ...current,
        memberUids: [...current.memberUids, caller],
        invitedUids: current.invitedUids.filter((u) => u !== caller),
        updatedAt: this.now(),
      };
      return { result: next, crew: next };
    });
    log.info("crew joined", { uid: caller, crewId });
    return this.view(crewId, crew);
  }

  /**
   * Leaves a crew (or declines its invitation); a leaving owner hands it to the earliest remaining member;
   * the last one out deletes it with its memory.
   */
  async leave(caller: string, crewId: string): Promise<void> {
    await this.crews.change(crewId, undefined, (crew) => this.leaving(crew, caller));
    log.info("crew left", { uid: caller, crewId });
  }

  private leaving(crew: StoredCrew | undefined, uid: string) {
    if (!crew || !(crew.memberUids.includes(uid) || crew.invitedUids.includes(uid))) throw notFound();
    const memberUids = crew.memberUids.filter((u) => u !== uid);
    if (memberUids.length === 0) return { result: undefined, crew: null };
    const next: StoredCrew = {
      ...crew,
      memberUids,
      invitedUids: crew.invitedUids.filter((u) => u !== uid),
      ownerUid: crew.ownerUid === uid ? memberUids[0]! : crew.ownerUid,
      updatedAt: this.now(),
    };
    return { result: undefined, crew: next };
  }

  /** The crew's matches and films watched together, newest first (members only). */
  async history(caller: string, crewId: string, limit: number, cursor?: string): Promise<Page<CrewHistoryItem>> {
    await this.membersOf(caller, crewId);
    const page: StoredPage<StoredHistoryEntry> = await this.crews.history(crewId, decodeCursor(HISTORY_CURSOR, cursor, ONE_NUMBER), limit);
    const titles = await this.titles.getMany(page.items.map((i) => i.data.movieId));
    return {
      items: page.items.map(({ data: e }) => ({
        kind: e.kind,
        movieId: e.movieId,
        title: titles.get(e.movieId)?.title ?? null,
        nightId: e.nightId,
        at: e.at.toISOString(),
      })),
      nextCursor: page.next ? encodeCursor(HISTORY_CURSOR, page.next) : undefined,
    };
  }

  /** The crew's members, for a night opened for it by one of them (404 to anyone else). */
  async membersOf(caller: string, crewId: string): Promise<string[]> {
    const crew = await this.crews.get(crewId);
    if (!crew || !crew.memberUids.includes(caller)) throw notFound();
    return crew.memberUids;
  }

  /**
   * What a crew night's deck remembers at `now`: vetoes still in force, and recent films watched
   * together that the members who rated them liked (average at least LIKED_AVERAGE).
   */
  async memory(crewId: string, now: Date): Promise<CrewMemory> {
    const [crew, vetoes, watched] = await Promise.all([
      this.crews.get(crewId),
      this.crews.vetoesAfter(crewId, now),
      this.crews.watchedTogether(crewId, TASTE_WINDOW),
    ]);
    if (!crew) return { vetoed: [], liked: [] };
    const films = new Set(watched.map((w) => w.movieId));
    const sums = new Map<number, { sum: number; n: number }>();
    for (const ratings of await Promise.all(crew.memberUids.map((u) => this.ratings.listAllByUser(u)))) {
      for (const r of ratings) {
        if (!films.has(r.movieId)) continue;
        const s = sums.get(r.movieId) ?? { sum: 0, n: 0 };
        sums.set(r.movieId, { sum: s.sum + r.rating, n: s.n + 1 });
      }
    }
    const liked = [...sums].filter(([, s]) => s.sum / s.n >= LIKED_AVERAGE).map(([id]) => id);
    return { vetoed: vetoes.map((v) => v.movieId), liked };
  }

  /**
   * A film every member of a crew night swiped away (`at`: the last of those swipes): out of the crew's
   * decks until `at` plus the configured days. Deterministic, so a redelivered event writes the same.
   */
  async recordVeto(crewId: string, movieId: number, nightId: string, at: Date): Promise<void> {
    if (!(await this.crews.get(crewId))) return;
    await this.crews.putVeto(crewId, { movieId, nightId, until: new Date(at.getTime() + this.config.vetoDays * DAY_MS) });
    log.info("crew veto recorded", { crewId, nightId, movieId });
  }

  /** A match or a film watched in a crew night, into the crew's history (one document per event). */
  async recordHistory(crewId: string, entry: StoredHistoryEntry): Promise<void> {
    if (!(await this.crews.get(crewId))) return;
    await this.crews.putHistory(crewId, entry);
  }

  /** Account deletion: the person leaves every crew and declines every invitation (empty crews go with their memory). */
  async eraseUser(uid: string): Promise<void> {
    for (const { id } of await this.crews.allOf(uid)) {
      await this.crews.change(id, undefined, (crew) =>
        crew && (crew.memberUids.includes(uid) || crew.invitedUids.includes(uid)) ? this.leaving(crew, uid) : { result: undefined },
      );
    }
  }

  /** GET /v1/me/export: the crews the person is in or invited to, with their history. */
  async exportUser(uid: string): Promise<unknown> {
    const out = [];
    for (const { id, crew } of await this.crews.allOf(uid)) {
      const history = crew.memberUids.includes(uid) ? (await this.crews.history(id, undefined, 1000)).items.map((i) => i.data) : [];
      out.push({
        id,
        name: crew.name,
        role: crew.ownerUid === uid ? "owner" : crew.memberUids.includes(uid) ? "member" : "invited",
        memberUids: crew.memberUids,
        createdAt: crew.createdAt.toISOString(),
        history: history.map((h) => ({ ...h, at: h.at.toISOString() })),
      });
    }
    return out;
  }

  private async view(id: string, crew: StoredCrew): Promise<CrewView> {
    const people = await this.people
      .summaries([...new Set([crew.ownerUid, ...crew.memberUids, ...crew.invitedUids])])
      .catch((e: unknown) => {
        log.warn("crew handles unavailable", { crewId: id, ...describeError(e) });
        return new Map<string, { handle: string }>();
      });
    const person = (uid: string) => ({ uid, handle: people.get(uid)?.handle ?? null });
    return {
      id,
      name: crew.name,
      owner: person(crew.ownerUid),
      members: crew.memberUids.map(person),
      invited: crew.invitedUids.map(person),
      maxMembers: MAX_CREW_MEMBERS,
      createdAt: crew.createdAt.toISOString(),
    };
  }
}

const full = () => new AppError("failed-precondition", `A crew has at most ${MAX_CREW_MEMBERS} people`);
