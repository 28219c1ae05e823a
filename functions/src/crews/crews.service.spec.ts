import assert from "node:assert/strict";
import request from "supertest";
import { unitAccountDeps } from "../../test/helpers/accounts";
import { unitAppDeps } from "../../test/helpers/unit-app";
import { createApp } from "../api/app";
import { AppError } from "../shared/errors";
import type { CursorPosition } from "../shared/pagination";
import type { CrewChange, CrewsRepository, StoredPage } from "./crews.repository";
import { MAX_CREW_MEMBERS, type StoredCrew, type StoredHistoryEntry, type StoredVeto, historyDocId } from "./crews.schema";
import { CrewsService } from "./crews.service";

/** Crews in memory: enough of the repository's contract for the service's rules. */
class MemoryCrews implements CrewsRepository {
  readonly crews = new Map<string, StoredCrew>();
  readonly vetoes = new Map<string, StoredVeto>();
  readonly history$ = new Map<string, StoredHistoryEntry & { crewId: string }>();
  readonly gone = new Set<string>();

  async create(crewId: string, crew: StoredCrew) {
    if (this.gone.has(crew.ownerUid)) throw new AppError("unauthenticated", "gone");
    this.crews.set(crewId, structuredClone(crew));
  }
  async get(crewId: string) {
    return structuredClone(this.crews.get(crewId));
  }
  async change<T>(crewId: string, actorUid: string | undefined, decide: (crew: StoredCrew | undefined) => CrewChange<T>) {
    if (actorUid && this.gone.has(actorUid)) throw new AppError("unauthenticated", "gone");
    const change = decide(structuredClone(this.crews.get(crewId)));
    if (change.crew) this.crews.set(crewId, change.crew);
    else if (change.crew === null) {
      this.crews.delete(crewId);
      for (const [k, v] of this.history$) if (v.crewId === crewId) this.history$.delete(k);
    }
    return change.result;
  }
  private page<T>(all: Array<{ id: string; data: T; at: Date }>, after: CursorPosition | undefined, limit: number): StoredPage<T> {
    const sorted = all.sort((a, b) => b.at.getTime() - a.at.getTime() || b.id.localeCompare(a.id));
    const from = after ? sorted.findIndex((x) => x.id === after.id) + 1 : 0;
    const items = sorted.slice(from, from + limit);
    const last = items.at(-1);
    return {
      items: items.map(({ id, data }) => ({ id, data })),
      next: items.length === limit && last ? { values: [last.at.getTime()], id: last.id } : undefined,
    };
  }
  async listOf(uid: string, after: CursorPosition | undefined, limit: number) {
    const mine = [...this.crews].filter(([, c]) => c.memberUids.includes(uid));
    return this.page(
      mine.map(([id, data]) => ({ id, data, at: data.createdAt })),
      after,
      limit,
    );
  }
  async allOf(uid: string) {
    return [...this.crews].filter(([, c]) => c.memberUids.includes(uid) || c.invitedUids.includes(uid)).map(([id, crew]) => ({ id, crew }));
  }
  async putVeto(crewId: string, veto: StoredVeto) {
    this.vetoes.set(`${crewId}/${veto.movieId}`, veto);
  }
  async vetoesAfter(crewId: string, now: Date) {
    return [...this.vetoes].filter(([k, v]) => k.startsWith(`${crewId}/`) && v.until > now).map(([, v]) => v);
  }
  async putHistory(crewId: string, entry: StoredHistoryEntry) {
    this.history$.set(`${crewId}/${historyDocId(entry)}`, { ...entry, crewId });
  }
  async history(crewId: string, after: CursorPosition | undefined, limit: number) {
    const mine = [...this.history$].filter(([, v]) => v.crewId === crewId);
    return this.page(
      mine.map(([k, { crewId: _c, ...data }]) => ({ id: k.split("/")[1]!, data, at: data.at })),
      after,
      limit,
    );
  }
  async watchedTogether(crewId: string, limit: number) {
    return (await this.history(crewId, undefined, 1000)).items
      .map((i) => i.data)
      .filter((d) => d.kind === "watched")
      .slice(0, limit);
  }
}

const day = 24 * 3600_000;

function setup(friendships: Array<[string, string]> = []) {
  const repo = new MemoryCrews();
  const sent: Array<{ uid: string; kind: string; dedupeKey?: string }> = [];
  const ratings = new Map<string, Array<{ movieId: number; rating: number }>>();
  let clock = new Date("2026-01-01T20:00:00Z");
  const friends = (a: string, b: string) => friendships.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
  const service = new CrewsService(
    repo,
    { friendsAmong: async (uid, others) => new Set(others.filter((o) => friends(uid, o))) },
    { summaries: async (uids) => new Map(uids.map((u) => [u, { handle: `h_${u}` }])) },
    { getMany: async (ids) => new Map(ids.map((id) => [id, { title: `Film ${id}` }])) },
    { listAllByUser: async (uid) => ratings.get(uid) ?? [] },
    {
      notify: async (uid, input) => {
        if (!sent.some((s) => s.uid === uid && s.dedupeKey === input.dedupeKey))
          sent.push({ uid, kind: input.kind, dedupeKey: input.dedupeKey });
      },
    },
    { vetoDays: 14 },
    () => clock,
  );
  return { repo, service, sent, ratings, tick: (ms: number) => (clock = new Date(clock.getTime() + ms)) };
}

const rejects = (p: Promise<unknown>, code: string) => assert.rejects(p, (e: unknown) => e instanceof AppError && e.code === code);

describe("CrewsService", () => {
  describe("membership", () => {
    it("lets a member invite a friend once, who joins; hands the crew over when the owner leaves; deletes it with the last one", async () => {
      const { service, repo, sent, tick } = setup([
        ["a", "b"],
        ["b", "c"],
      ]);
      const crew = await service.create("a", { name: "Club" });
      await service.invite("a", crew.id, "b");
      await service.invite("a", crew.id, "b");
      assert.deepEqual(
        sent.map((s) => [s.uid, s.kind]),
        [["b", "crew.invite"]],
      );
      assert.deepEqual((await service.get("b", crew.id)).invited, [{ uid: "b", handle: "h_b" }]);
      tick(1000);
      assert.deepEqual(
        (await service.join("b", crew.id)).members.map((m) => m.uid),
        ["a", "b"],
      );
      await service.invite("b", crew.id, "c");
      await service.join("c", crew.id);
      await service.leave("a", crew.id);
      assert.equal(repo.crews.get(crew.id)!.ownerUid, "b");
      await service.leave("b", crew.id);
      await service.leave("c", crew.id);
      assert.equal(repo.crews.has(crew.id), false);
    });

    it("refuses strangers, non-friends, members twice, a full crew and a departed account", async () => {
      const friends: Array<[string, string]> = Array.from({ length: MAX_CREW_MEMBERS + 1 }, (_, i) => ["a", `f${i}`]);
      const { service, repo } = setup([...friends, ["a", "x"]]);
      const crew = await service.create("a", { name: "Club" });
      await rejects(service.get("x", crew.id), "not-found");
      await rejects(service.history("x", crew.id, 10), "not-found");
      await rejects(service.invite("x", crew.id, "a"), "not-found");
      await rejects(service.invite("a", crew.id, "a"), "invalid-argument");
      await rejects(service.invite("a", crew.id, "stranger"), "permission-denied");
      await rejects(service.join("x", crew.id), "not-found");
      await rejects(service.leave("x", crew.id), "not-found");
      await rejects(service.membersOf("x", crew.id), "not-found");
      for (let i = 0; i < MAX_CREW_MEMBERS - 1; i++) {
        await service.invite("a", crew.id, `f${i}`);
        await service.join(`f${i}`, crew.id);
      }
      await rejects(service.invite("a", crew.id, "f0"), "already-exists");
      await rejects(service.invite("a", crew.id, `f${MAX_CREW_MEMBERS}`), "failed-precondition");
      assert.equal(repo.crews.get(crew.id)!.memberUids.length, MAX_CREW_MEMBERS);
      repo.gone.add("x");
      await rejects(service.create("x", { name: "Late" }), "unauthenticated");
    });

    it("lists the caller's crews newest first in pages and refuses a cursor of another list", async () => {
      const { service, tick } = setup();
      const first = await service.create("a", { name: "One" });
      tick(1000);
      const second = await service.create("a", { name: "Two" });
      const page1 = await service.list("a", 1);
      assert.deepEqual(
        page1.items.map((c) => c.id),
        [second.id],
      );
      const page2 = await service.list("a", 1, page1.nextCursor);
      assert.deepEqual(
        page2.items.map((c) => c.id),
        [first.id],
      );
      await rejects(service.history("a", first.id, 1, page1.nextCursor), "invalid-argument");
    });
  });

  describe("memory", () => {
    it("keeps vetoes for the configured days and counts films watched together as liked at an average of 3.5", async () => {
      const { service, ratings } = setup([["a", "b"]]);
      const crew = await service.create("a", { name: "Club" });
      await service.invite("a", crew.id, "b");
      await service.join("b", crew.id);
      const at = new Date("2026-01-02T00:00:00Z");
      await service.recordVeto(crew.id, 7, "n1", at);
      await service.recordVeto(crew.id, 7, "n1", at); // redelivered: the same veto
      for (const [movieId, i] of [
        [1, 0],
        [2, 1],
        [3, 2],
      ] as const) {
        await service.recordHistory(crew.id, { kind: "watched", movieId, nightId: "n1", at: new Date(at.getTime() + i) });
      }
      await service.recordHistory(crew.id, { kind: "match", movieId: 4, nightId: "n1", at });
      ratings.set("a", [
        { movieId: 1, rating: 5 },
        { movieId: 2, rating: 3 },
        { movieId: 4, rating: 5 },
      ]);
      ratings.set("b", [
        { movieId: 1, rating: 2 },
        { movieId: 2, rating: 3.5 },
      ]);
      const memory = await service.memory(crew.id, new Date(at.getTime() + 13 * day));
      assert.deepEqual(memory, { vetoed: [7], liked: [1] });
      assert.deepEqual((await service.memory(crew.id, new Date(at.getTime() + 14 * day))).vetoed, []);
      const history = await service.history("b", crew.id, 10);
      assert.deepEqual(
        history.items.map((i) => [i.kind, i.movieId]),
        [
          ["watched", 3],
          ["watched", 2],
          ["watched", 1],
          ["match", 4],
        ],
      );
      assert.deepEqual(await service.memory("missing", at), { vetoed: [], liked: [] });
    });

    it("exports the person's crews with their role and history, and erases them from every crew and invitation", async () => {
      const { service, repo } = setup([
        ["a", "b"],
        ["a", "c"],
      ]);
      const crew = await service.create("a", { name: "Club" });
      await service.invite("a", crew.id, "b");
      await service.join("b", crew.id);
      await service.invite("a", crew.id, "c");
      await service.recordHistory(crew.id, { kind: "match", movieId: 4, nightId: "n1", at: new Date(0) });
      const exported = (await service.exportUser("b")) as Array<{ role: string; history: unknown[] }>;
      assert.deepEqual(
        exported.map((e) => [e.role, e.history.length]),
        [["member", 1]],
      );
      assert.deepEqual(
        ((await service.exportUser("c")) as Array<{ role: string }>).map((e) => e.role),
        ["invited"],
      );
      await service.eraseUser("b");
      await service.eraseUser("c");
      await service.eraseUser("c"); // idempotent
      assert.deepEqual(repo.crews.get(crew.id)!.memberUids, ["a"]);
      assert.deepEqual(repo.crews.get(crew.id)!.invitedUids, []);
    });
  });
});

describe("/v1/crews routes (in memory)", () => {
  it("creates, lists, shows, pages the history of and leaves a crew; refuses bad input and strangers with nothing changed", async () => {
    const d = unitAccountDeps();
    const { service, repo } = setup();
    const app = createApp(unitAppDeps({ auth: d.auth, accounts: d.accounts, users: d.users, crews: service }));
    const signUp = async (handle: string) => {
      const body = { email: `${handle}@example.com`, password: "correct horse battery", displayName: handle, handle };
      const res = await request(app).post("/v1/auth/register").send(body).expect(201);
      return `Bearer ${res.body.accessToken as string}`;
    };
    const [owner, stranger] = [await signUp("owner"), await signUp("stranger")];
    const created = await request(app).post("/v1/crews").set("Authorization", owner).send({ name: " Club " }).expect(201);
    assert.equal(created.body.name, "Club");
    const id = created.body.id as string;
    const listed = await request(app).get("/v1/crews").set("Authorization", owner).expect(200);
    assert.deepEqual(
      listed.body.items.map((c: { id: string }) => c.id),
      [id],
    );
    await request(app).get(`/v1/crews/${id}`).set("Authorization", owner).expect(200);
    assert.deepEqual((await request(app).get(`/v1/crews/${id}/history`).set("Authorization", owner).expect(200)).body, { items: [] });

    const before = JSON.stringify([...repo.crews]);
    for (const [res, status] of [
      [request(app).post("/v1/crews").set("Authorization", owner).send({}), 400],
      [request(app).post(`/v1/crews/${id}/invites`).set("Authorization", owner).send({ uid: 5 }), 400],
      [request(app).get(`/v1/crews/${id}`).set("Authorization", stranger), 404],
      [request(app).post(`/v1/crews/${id}/join`).set("Authorization", stranger), 404],
      [request(app).post(`/v1/crews/${id}/leave`).set("Authorization", stranger), 404],
      [request(app).get(`/v1/crews/${id}/history`).set("Authorization", stranger), 404],
      [request(app).post(`/v1/crews/${id}/invites`).set("Authorization", owner).send({ uid: "someoneelse" }), 403],
      [request(app).get(`/v1/crews/${id}`), 401],
    ] as const) {
      const r = await res;
      assert.equal(r.status, status, JSON.stringify(r.body));
      assert.equal(typeof r.body.error.code, "string");
    }
    assert.equal(JSON.stringify([...repo.crews]), before);
    await request(app).post(`/v1/crews/${id}/leave`).set("Authorization", owner).expect(204);
    assert.equal(repo.crews.size, 0);
  });
});
