import assert from "node:assert/strict";
import { AppError } from "../shared/errors";
import type { DeckBuilder } from "./nights.deck";
import type { NightChange, NightState, NightsRepository } from "./nights.repository";
import type { StoredNight, StoredSwipe } from "./nights.schema";
import { type CrewLink, NightsService } from "./nights.service";

/** Rooms in memory: enough of the repository's contract for scheduled nights and crew memory. */
class MemoryNights implements Partial<NightsRepository> {
  readonly nights = new Map<string, StoredNight>();
  readonly members = new Map<string, string>();
  readonly swipes: Array<StoredSwipe & { nightId: string }> = [];

  async createScheduled(nightId: string, night: StoredNight) {
    this.nights.set(nightId, structuredClone(night));
  }
  async get(nightId: string) {
    return structuredClone(this.nights.get(nightId));
  }
  async change<T>(
    nightId: string,
    actorUid: string | undefined,
    decide: (state: NightState) => NightChange<T>,
    _swipesOf?: number,
    roomsOf: readonly string[] = [],
  ) {
    const rooms = new Map(roomsOf.flatMap((u) => (this.members.has(u) ? [[u, this.members.get(u)!] as const] : [])));
    const change = decide({ night: structuredClone(this.nights.get(nightId)), actorRoom: undefined, swipes: [], rooms });
    if (change.night) this.nights.set(nightId, change.night);
    for (const uid of change.enter ?? []) this.members.set(uid, nightId);
    for (const uid of change.release ?? []) if (this.members.get(uid) === nightId) this.members.delete(uid);
    return change.result;
  }
  async scheduledBefore(cutoff: Date, limit: number) {
    return this.soonest((n) => n.startsAt! <= cutoff, limit);
  }
  async remindersDue(now: Date, cutoff: Date, limit: number) {
    return this.soonest((n) => n.remindedAt === null && n.startsAt! > now && n.startsAt! <= cutoff, limit);
  }
  private soonest(test: (n: StoredNight) => boolean, limit: number) {
    return [...this.nights]
      .filter(([, n]) => n.state === "scheduled" && test(n))
      .sort((a, b) => a[1].startsAt!.getTime() - b[1].startsAt!.getTime())
      .slice(0, limit)
      .map(([id]) => id);
  }
  async swipesOn(nightId: string, movieId: number) {
    return this.swipes.filter((s) => s.nightId === nightId && s.movieId === movieId);
  }
  async roomsOf(uid: string) {
    return [...this.nights].filter(([, n]) => n.memberUids.includes(uid)).map(([id]) => id);
  }
  async invitedTo(uid: string) {
    return [...this.nights].filter(([, n]) => n.invitedUids.includes(uid)).map(([id]) => id);
  }
  async swipesBy() {
    return [];
  }
  liveDocumentPath(nightId: string) {
    return `liveNights/${nightId}`;
  }
  async deleteSwipes() {}
  async deleteAllSwipesBy() {}
  async roomsHostedBy() {
    return [];
  }
}

const HOUR = 3600_000;

function setup() {
  const repo = new MemoryNights();
  const sent: Array<{ uid: string; kind: string; key?: string }> = [];
  const vetoes: Array<{ crewId: string; movieId: number; at: Date }> = [];
  const built: Array<{ members: readonly string[]; vetoed: readonly number[] }> = [];
  const now = new Date("2026-03-01T12:00:00Z");
  const crews: CrewLink = {
    membersOf: async (caller, crewId) => {
      if (crewId !== "crew1" || !["h", "a", "b"].includes(caller)) throw new AppError("not-found", "No such crew");
      return ["h", "a", "b"];
    },
    memory: async () => ({ vetoed: [42], liked: [] }),
    recordVeto: async (crewId, movieId, _nightId, at) => void vetoes.push({ crewId, movieId, at }),
    recordHistory: async () => undefined,
  };
  const decks = {
    build: async (members: readonly string[], _f: unknown, _s: number, memory?: { vetoed: readonly number[] }) => {
      built.push({ members, vetoed: memory?.vetoed ?? [] });
      return [1, 2, 3];
    },
  } as unknown as DeckBuilder;
  const service = new NightsService(
    repo as unknown as NightsRepository,
    decks,
    { friendsAmong: async (_uid, others) => new Set(others) },
    { summaries: async () => new Map() },
    { getMany: async () => new Map() },
    {
      notify: async (uid, input) => {
        if (!sent.some((s) => s.uid === uid && s.key === input.dedupeKey)) sent.push({ uid, kind: input.kind, key: input.dedupeKey });
      },
    },
    { markWatched: async () => undefined },
    () => now,
    crews,
    { reminderLeadMs: HOUR },
  );
  const kinds = (kind: string) =>
    sent
      .filter((s) => s.kind === kind)
      .map((s) => s.uid)
      .sort();
  return { repo, service, sent, vetoes, built, now, kinds };
}

const body = (startsAt: Date) => ({
  name: "Saturday",
  matchRule: { kind: "majority" as const },
  deckSize: 10,
  endOnFirstMatch: false,
  crewId: "crew1",
  startsAt: startsAt.toISOString(),
});

const rejects = (p: Promise<unknown>, code: string) => assert.rejects(p, (e: unknown) => e instanceof AppError && e.code === code);

describe("NightsService scheduled nights", () => {
  it("invites the crew, takes answers, reminds once within the lead time and starts with the people who said yes", async () => {
    const { service, repo, now, kinds, built } = setup();
    const startsAt = new Date(now.getTime() + 3 * HOUR);
    const night = await service.create("h", body(startsAt));
    assert.deepEqual([night.state, night.code, night.invited], ["scheduled", null, ["a", "b"]]);
    assert.deepEqual(kinds("night.scheduled"), ["a", "b"]);
    await service.answer("a", night.id, "yes");
    await service.answer("b", night.id, "no");
    await rejects(service.answer("h", night.id, "no"), "failed-precondition");
    await rejects(service.answer("x", night.id, "yes"), "not-found");

    await service.runSchedule(new Date(startsAt.getTime() - 2 * HOUR));
    assert.deepEqual(kinds("night.reminder"), []);
    await service.runSchedule(new Date(startsAt.getTime() - HOUR / 2));
    await service.runSchedule(new Date(startsAt.getTime() - HOUR / 4));
    assert.deepEqual(kinds("night.reminder"), ["a", "h"], "everyone but the one who said no, once");

    const counts = await service.runSchedule(startsAt);
    assert.deepEqual(counts, { reminded: 0, started: 1, cancelled: 0 });
    const started = repo.nights.get(night.id)!;
    assert.deepEqual([started.state, started.memberUids, started.deck], ["started", ["h", "a"], [1, 2, 3]]);
    assert.deepEqual(built, [{ members: ["h", "a"], vetoed: [42] }]);
    assert.deepEqual([repo.members.get("h"), repo.members.get("a"), repo.members.get("b")], [night.id, night.id, undefined]);
    assert.deepEqual(kinds("night.started"), ["a", "h"]);
  });

  it("reminds every night in the lead time, however many were reminded before", async () => {
    const { service, now, sent } = setup();
    const startsAt = new Date(now.getTime() + 2 * HOUR);
    for (let i = 0; i < 100; i++) await service.create("h", body(new Date(startsAt.getTime() + i)));
    assert.equal((await service.runSchedule(new Date(startsAt.getTime() - HOUR / 2))).reminded, 100);
    const late = await service.create("h", body(new Date(startsAt.getTime() + 1000)));
    assert.equal((await service.runSchedule(new Date(startsAt.getTime() - HOUR / 4))).reminded, 1);
    assert.ok(sent.some((s) => s.kind === "night.reminder" && s.key?.includes(late.id)));
  });

  it("leaves out people in another open room and cancels when fewer than two remain, telling everyone once", async () => {
    const { service, repo, now, kinds } = setup();
    const startsAt = new Date(now.getTime() + HOUR);
    const night = await service.create("h", body(startsAt));
    await service.answer("a", night.id, "yes");
    repo.members.set("a", "elsewhere");
    assert.deepEqual(await service.runSchedule(startsAt), { reminded: 0, started: 0, cancelled: 1 });
    assert.deepEqual([repo.nights.get(night.id)!.state, repo.nights.get(night.id)!.closedReason], ["closed", "cancelled"]);
    await service.cancel("h", night.id);
    assert.deepEqual(kinds("night.cancelled"), ["a", "b", "h"]);
    await rejects(service.answer("a", night.id, "yes"), "failed-precondition");
  });

  it("starts without a yes-sayer who is in another open room, and tells them so", async () => {
    const { service, repo, now, sent } = setup();
    const startsAt = new Date(now.getTime() + HOUR);
    const night = await service.create("h", body(startsAt));
    await service.answer("a", night.id, "yes");
    await service.answer("b", night.id, "yes");
    repo.members.set("b", "elsewhere");
    assert.deepEqual(await service.runSchedule(startsAt), { reminded: 0, started: 1, cancelled: 0 });
    assert.deepEqual(repo.nights.get(night.id)!.memberUids, ["h", "a"]);
    const started = sent.filter((s) => s.kind === "night.started");
    assert.deepEqual(started.map((s) => s.uid).sort(), ["a", "b", "h"], "the one left out is told too");
  });

  it("lets only the host move or cancel it, to a time in the next 90 days, telling everyone once per change", async () => {
    const { service, now, kinds, repo } = setup();
    const night = await service.create("h", body(new Date(now.getTime() + HOUR)));
    const later = new Date(now.getTime() + 5 * HOUR);
    await rejects(service.reschedule("a", night.id, later.toISOString()), "permission-denied");
    await rejects(service.reschedule("x", night.id, later.toISOString()), "not-found");
    await rejects(service.reschedule("h", night.id, new Date(now.getTime() - 1).toISOString()), "invalid-argument");
    await rejects(service.reschedule("h", night.id, new Date(now.getTime() + 91 * 24 * HOUR).toISOString()), "invalid-argument");
    await service.reschedule("h", night.id, later.toISOString());
    await service.reschedule("h", night.id, later.toISOString());
    assert.deepEqual(kinds("night.rescheduled"), ["a", "b"]);
    await rejects(service.cancel("a", night.id), "permission-denied");
    await service.leave("h", night.id); // the host leaving a scheduled night cancels it
    await service.cancel("h", night.id);
    assert.deepEqual(kinds("night.cancelled"), ["a", "b"]);
    await rejects(service.reschedule("h", night.id, later.toISOString()), "failed-precondition");
    await rejects(service.create("x", body(later)), "not-found");
    assert.equal(repo.nights.size, 1);
  });

  it("records a veto only when every member of a crew night passed, and exports and erases answers", async () => {
    const { service, repo, now, vetoes } = setup();
    const night = await service.create("h", body(new Date(now.getTime() + HOUR)));
    await service.answer("a", night.id, "yes");
    await service.runSchedule(new Date(now.getTime() + HOUR));
    const pass = (uid: string, movieId: number, liked: boolean, at: number) =>
      repo.swipes.push({ nightId: night.id, uid, movieId, liked, swipedAt: new Date(at) });
    pass("h", 1, false, 10);
    await service.applyPass(night.id, 1);
    assert.deepEqual(vetoes, []);
    pass("a", 1, false, 20);
    pass("h", 2, false, 10);
    pass("a", 2, true, 20);
    await service.applyPass(night.id, 1);
    await service.applyPass(night.id, 2);
    await service.applyPass(night.id, 99);
    assert.deepEqual(vetoes, [{ crewId: "crew1", movieId: 1, at: new Date(20) }]);

    const other = await service.create("h", body(new Date(now.getTime() + 2 * HOUR)));
    await service.answer("b", other.id, "maybe");
    assert.deepEqual(
      (await service.exportUser("b")).rooms.map((n) => [n.id, n.role, n.answer]),
      [
        [night.id, "invited", null],
        [other.id, "invited", "maybe"],
      ],
    );
    await service.eraseUser("b");
    assert.deepEqual([repo.nights.get(other.id)!.invitedUids, repo.nights.get(other.id)!.answers], [["a"], { h: "yes" }]);
  });
});
