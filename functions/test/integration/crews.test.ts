import assert from "node:assert/strict";
import type { Express } from "express";
import request from "supertest";
import type { MovieInput } from "../../src/movies/movies.schema";
import { createApp } from "../../src/api/app";
import type { NightsService } from "../../src/nights/nights.service";
import { scheduleTrigger } from "../../src/nights/nights.triggers";
import { makeTestDeps, registerUser, type RegisteredUser } from "../helpers/accounts";
import { seedTestCatalogue, TEST_FILMS } from "../helpers/catalogue-fixtures";
import { appDb, resetFirestore, verifierDb, waitFor } from "../helpers/emulators";
import { waitForEmulatorIdle } from "../helpers/emulator-log";
import { clientFor, RecordingPushTransport } from "../helpers/social";

/**
 * Science fiction beyond the shared fixtures' two films, so a crew's taste has somewhere to go. Unrated films
 * tie on popularity and come in descending id order: these low ids put them after the fixtures, so a plain
 * deck of 10 holds little science fiction and the crew's lean has to come from its memory.
 */
const SCI_FI: MovieInput[] = Array.from({ length: 12 }, (_, i) => ({
  movieId: 8800 + i,
  title: `Star Voyage ${i}`,
  year: 1990 + i,
  genres: ["Sci-Fi"],
  imdbId: null,
  tmdbId: null,
}));

const VETO_DAYS = 30;
/** A time `h` hours from now, on a whole second (as the API echoes it back). */
const inHours = (h: number) => new Date(Math.ceil((Date.now() + h * 3600_000) / 1000) * 1000);
const DAY_MS = 24 * 3600_000;

describe("crews (emulators)", function () {
  this.timeout(240_000);
  let app: Express;
  let nights: NightsService;
  const push = new RecordingPushTransport();
  const db = () => verifierDb();
  const as = (user: RegisteredUser) => clientFor(app, user);
  const doc = async (path: string) => (await db().doc(path).get()).data() as Record<string, unknown> | undefined;
  const room = async (id: string) => (await doc(`nights/${id}`)) as Record<string, unknown> & { deck: number[]; matches: unknown[] };
  const notificationsOf = async (uid: string, kind: string) =>
    (await db().collection(`users/${uid}/notifications`).where("kind", "==", kind).get()).docs.map((d) => d.data());

  async function befriend(a: RegisteredUser, b: RegisteredUser): Promise<void> {
    await as(a).post("/friends/requests", { uid: b.uid }).expect(201);
    await as(b).post(`/friends/requests/${a.uid}_${b.uid}/accept`).expect(200);
  }

  /** An owner and `others` friends of the owner, all members of one crew. */
  async function crewOf(others: number) {
    const people = await Promise.all(Array.from({ length: others + 1 }, () => registerUser(app)));
    const [owner, ...rest] = people;
    for (const p of rest) await befriend(owner!, p);
    const created = await as(owner!).post("/crews", { name: "Film club" }).expect(201);
    const id = created.body.id as string;
    for (const p of rest) {
      await as(owner!).post(`/crews/${id}/invites`, { uid: p.uid }).expect(204);
      await as(p).post(`/crews/${id}/join`).expect(200);
    }
    return { id, owner: owner!, others: rest, people };
  }

  /** A crew night (or a plain one of the same people) opened, joined by everyone and started. */
  async function startedNight(host: RegisteredUser, guests: RegisteredUser[], body: Record<string, unknown>) {
    const created = await as(host).post("/nights", body).expect(201);
    for (const g of guests) await as(g).post("/nights/join", { code: created.body.code }).expect(200);
    await as(host).post(`/nights/${created.body.id}/start`).expect(200);
    return { id: created.body.id as string, deck: (await room(created.body.id)).deck };
  }

  const swipeAll = async (nightId: string, people: RegisteredUser[], movieId: number, liked: boolean) => {
    for (const p of people) await as(p).post(`/nights/${nightId}/swipes`, { movieId, liked }).expect(201);
  };

  const sciFiIds = new Set([...TEST_FILMS, ...SCI_FI].filter((f) => f.genres.includes("Sci-Fi")).map((f) => f.movieId));

  before(async () => {
    await resetFirestore();
    await seedTestCatalogue(appDb(), [...TEST_FILMS, ...SCI_FI]);
    const deps = makeTestDeps(appDb(), { social: { push, nights: { vetoDays: VETO_DAYS, reminderLeadMs: 3600_000 } } });
    app = createApp(deps);
    nights = deps.nights;
  });

  describe("membership", () => {
    it("creates a crew, lets a member invite a friend who joins, lists it, and hands it over when the owner leaves", async () => {
      const c = await crewOf(1);
      const newcomer = await registerUser(app);
      await befriend(c.others[0]!, newcomer);
      await as(c.others[0]!).post(`/crews/${c.id}/invites`, { uid: newcomer.uid }).expect(204);
      const invite = await waitFor(async () => (await notificationsOf(newcomer.uid, "crew.invite"))[0], { what: "crew invitation" });
      assert.deepEqual(invite.data, { crewId: c.id });
      // Invited: may see the crew before joining, not its history.
      const seen = await as(newcomer).get(`/crews/${c.id}`).expect(200);
      assert.deepEqual(
        seen.body.invited.map((p: { uid: string }) => p.uid),
        [newcomer.uid],
      );
      await as(newcomer).get(`/crews/${c.id}/history`).expect(404);
      const joined = await as(newcomer).post(`/crews/${c.id}/join`).expect(200);
      assert.deepEqual(
        joined.body.members.map((p: { uid: string }) => p.uid),
        [c.owner.uid, c.others[0]!.uid, newcomer.uid],
      );
      await as(newcomer).post(`/crews/${c.id}/join`).expect(200); // again: the crew, unchanged
      assert.deepEqual((await doc(`crews/${c.id}`))!.memberUids, [c.owner.uid, c.others[0]!.uid, newcomer.uid]);

      const second = await as(newcomer).post("/crews", { name: "Second" }).expect(201);
      const page1 = await as(newcomer).get("/crews?limit=1").expect(200);
      assert.deepEqual(
        page1.body.items.map((x: { id: string }) => x.id),
        [second.body.id],
      );
      const page2 = await as(newcomer)
        .get(`/crews?limit=1&cursor=${page1.body.nextCursor as string}`)
        .expect(200);
      assert.deepEqual(
        page2.body.items.map((x: { id: string }) => x.id),
        [c.id],
      );

      await as(c.owner).post(`/crews/${c.id}/leave`).expect(204);
      const after = (await doc(`crews/${c.id}`))!;
      assert.equal(after.ownerUid, c.others[0]!.uid);
      assert.deepEqual(after.memberUids, [c.others[0]!.uid, newcomer.uid]);
      await as(c.owner).get(`/crews/${c.id}`).expect(404);
    });

    it("deletes the crew and its memory when the last member leaves", async () => {
      const c = await crewOf(0);
      await db().doc(`crews/${c.id}/history/match_n1_9001`).set({ kind: "match", movieId: 9001, nightId: "n1", at: new Date() });
      await as(c.owner).post(`/crews/${c.id}/leave`).expect(204);
      assert.equal((await db().doc(`crews/${c.id}`).get()).exists, false);
      assert.equal((await db().collection(`crews/${c.id}/history`).get()).size, 0);
    });

    it("refuses whoever may not act, and bad input, with the error format and nothing changed", async () => {
      const c = await crewOf(1);
      const [stranger, friendOfOwner] = await Promise.all([registerUser(app), registerUser(app)]);
      await befriend(c.owner, friendOfOwner);
      const snapshot = async () => JSON.stringify(await doc(`crews/${c.id}`));
      const before = await snapshot();
      const expectError = async (res: Promise<{ status: number; body: { error: { code: string } } }>, status: number, code: string) => {
        const r = await res;
        assert.equal(r.status, status, JSON.stringify(r.body));
        assert.equal(r.body.error.code, code);
      };
      // Not a member: the crew does not exist for them.
      await expectError(as(stranger).get(`/crews/${c.id}`), 404, "not-found");
      await expectError(as(stranger).get(`/crews/${c.id}/history`), 404, "not-found");
      await expectError(as(stranger).post(`/crews/${c.id}/invites`, { uid: stranger.uid }), 400, "invalid-argument");
      await expectError(as(stranger).post(`/crews/${c.id}/invites`, { uid: c.owner.uid }), 404, "not-found");
      await expectError(as(stranger).post(`/crews/${c.id}/join`), 404, "not-found");
      await expectError(as(stranger).post(`/crews/${c.id}/leave`), 404, "not-found");
      await expectError(as(stranger).post("/nights", { name: "Crash", matchRule: { kind: "majority" }, crewId: c.id }), 404, "not-found");
      // A member may invite only their own friends; nobody twice into the crew.
      await expectError(as(c.others[0]!).post(`/crews/${c.id}/invites`, { uid: friendOfOwner.uid }), 403, "permission-denied");
      await expectError(as(c.owner).post(`/crews/${c.id}/invites`, { uid: c.others[0]!.uid }), 409, "already-exists");
      // Bad input.
      await expectError(as(c.owner).post("/crews", { name: "" }), 400, "invalid-argument");
      await expectError(as(c.owner).post("/crews", { name: "x", extra: 1 }), 400, "invalid-argument");
      await expectError(as(c.owner).post(`/crews/${c.id}/invites`, { uid: "not/an id" }), 400, "invalid-argument");
      await expectError(as(c.owner).get("/crews/bad%2Did"), 400, "invalid-argument");
      await expectError(as(c.owner).get(`/crews?cursor=nonsense`), 400, "invalid-argument");
      await expectError(as(c.owner).get(`/crews/${c.id}/history?limit=0`), 400, "invalid-argument");
      await expectError(
        as(c.owner).post("/nights", { name: "x", matchRule: { kind: "majority" }, crewId: "bad id" }),
        400,
        "invalid-argument",
      );
      const unauthenticated = await request(app).get(`/v1/crews/${c.id}`);
      assert.equal(unauthenticated.status, 401);
      await waitForEmulatorIdle();
      assert.equal(await snapshot(), before);
      assert.equal((await db().collection("crews").where("memberUids", "array-contains", c.owner.uid).get()).size, 1);
      assert.equal((await db().collection("nights").where("hostUid", "==", stranger.uid).get()).size, 0);
      assert.equal((await notificationsOf(friendOfOwner.uid, "crew.invite")).length, 0);
    });
  });

  describe("memory", () => {
    it("keeps a film the whole crew swiped away out of its next night's deck, and records its matches and films watched", async () => {
      const c = await crewOf(1);
      const [a, b] = c.people as [RegisteredUser, RegisteredUser];
      const created = await as(a)
        .post("/nights", { name: "First", matchRule: { kind: "unanimous" }, deckSize: 8, crewId: c.id })
        .expect(201);
      assert.equal(created.body.crewId, c.id);
      assert.deepEqual(created.body.invited, [b.uid]);
      const invite = await waitFor(async () => (await notificationsOf(b.uid, "night.invite"))[0], { what: "crew night invitation" });
      assert.deepEqual(invite.data, { nightId: created.body.id, code: created.body.code });
      await as(b).post("/nights/join", { code: created.body.code }).expect(200);
      await as(a).post(`/nights/${created.body.id}/start`).expect(200);
      const first = { id: created.body.id as string, deck: (await room(created.body.id)).deck };
      const [vetoed, halfPassed, matched] = first.deck as [number, number, number];

      await swipeAll(first.id, [a, b], vetoed, false);
      await as(a).post(`/nights/${first.id}/swipes`, { movieId: halfPassed, liked: false }).expect(201);
      await as(b).post(`/nights/${first.id}/swipes`, { movieId: halfPassed, liked: true }).expect(201);
      await swipeAll(first.id, [a, b], matched, true);
      const veto = await waitFor(async () => doc(`crews/${c.id}/vetoes/${vetoed}`), { timeoutMs: 60_000, what: "veto" });
      const lastPass = (await doc(`nights/${first.id}/swipes/${b.uid}_${vetoed}`))!.swipedAt as { toMillis(): number };
      assert.equal((veto.until as { toMillis(): number }).toMillis(), lastPass.toMillis() + VETO_DAYS * DAY_MS);
      await waitFor(async () => ((await room(first.id)).matches.length === 1 ? true : undefined), { timeoutMs: 60_000, what: "match" });
      await waitForEmulatorIdle();
      assert.equal((await db().doc(`crews/${c.id}/vetoes/${halfPassed}`).get()).exists, false, "one member liked it: no veto");
      assert.equal((await db().doc(`crews/${c.id}/vetoes/${matched}`).get()).exists, false);
      await as(a).post(`/nights/${first.id}/watched`, { movieId: matched }).expect(200);

      // The history lives with the crew, in pages.
      const h1 = await as(b).get(`/crews/${c.id}/history?limit=1`).expect(200);
      const h2 = await as(b)
        .get(`/crews/${c.id}/history?limit=1&cursor=${h1.body.nextCursor as string}`)
        .expect(200);
      assert.deepEqual(
        [...h1.body.items, ...h2.body.items].map((i: { kind: string; movieId: number; nightId: string }) => [i.kind, i.movieId, i.nightId]),
        [
          ["watched", matched, first.id],
          ["match", matched, first.id],
        ],
      );
      const h3 = await as(b)
        .get(`/crews/${c.id}/history?limit=1&cursor=${h2.body.nextCursor as string}`)
        .expect(200);
      assert.deepEqual(h3.body, { items: [] });

      // The next crew night leaves the vetoed film out; a plain night of the same people does not.
      const second = await startedNight(a, [b], { name: "Second", matchRule: { kind: "unanimous" }, deckSize: 30, crewId: c.id });
      assert.ok(!second.deck.includes(vetoed), "vetoed film out of the crew's deck");
      assert.ok(second.deck.includes(halfPassed), "a film one member liked stays in");
      await as(a).post(`/nights/${second.id}/leave`).expect(204);
      await as(b).post(`/nights/${second.id}/leave`).expect(204);
      const plain = await startedNight(a, [b], { name: "Plain", matchRule: { kind: "unanimous" }, deckSize: 30 });
      assert.ok(plain.deck.includes(vetoed), "without the crew the film is back");
      await as(a).post(`/nights/${plain.id}/leave`).expect(204);
      await as(b).post(`/nights/${plain.id}/leave`).expect(204);
    });

    it("leans a crew's deck towards the films it watched together and liked", async () => {
      const c = await crewOf(1);
      const [a, b] = c.people as [RegisteredUser, RegisteredUser];
      const scifi = await startedNight(a, [b], {
        name: "Space",
        matchRule: { kind: "unanimous" },
        deckSize: 5,
        crewId: c.id,
        filters: { genres: ["Sci-Fi"] },
      });
      const liked = scifi.deck.slice(0, 3);
      for (const film of liked) await swipeAll(scifi.id, [a, b], film, true);
      await waitFor(async () => ((await room(scifi.id)).matches.length === 3 ? true : undefined), { timeoutMs: 60_000, what: "3 matches" });
      for (const film of liked) {
        await as(a).post(`/nights/${scifi.id}/watched`, { movieId: film }).expect(200);
        for (const p of [a, b])
          await as(p)
            .put(`/me/ratings/${film}`, { rating: 5 })
            .expect((r) => assert.ok([200, 201].includes(r.status)));
      }
      const countSciFi = (deck: number[]) => deck.slice(0, 10).filter((id) => sciFiIds.has(id)).length;
      const crewNight = await startedNight(a, [b], { name: "Crew", matchRule: { kind: "unanimous" }, deckSize: 10, crewId: c.id });
      await as(a).post(`/nights/${crewNight.id}/leave`).expect(204);
      await as(b).post(`/nights/${crewNight.id}/leave`).expect(204);
      const plainNight = await startedNight(a, [b], { name: "Plain", matchRule: { kind: "unanimous" }, deckSize: 10 });
      await as(a).post(`/nights/${plainNight.id}/leave`).expect(204);
      await as(b).post(`/nights/${plainNight.id}/leave`).expect(204);
      const [crewCount, plainCount] = [countSciFi(crewNight.deck), countSciFi(plainNight.deck)];
      assert.ok(crewCount > plainCount, `crew deck ${crewCount} science-fiction films, plain deck ${plainCount}`);
      for (const film of liked) assert.ok(!crewNight.deck.includes(film), "films watched together are not offered again");
    });
  });

  describe("scheduled nights", () => {
    /** The deployed job's handler over this test's wiring, run at a time of the test's choosing. */
    const runAt = (at: Date) => scheduleTrigger(() => nights).run({ scheduleTime: at.toISOString() } as never);
    const pushesOf = (token: string, kind: string) =>
      push.sends.filter((s) => s.tokens.includes(token) && s.message.data?.kind === kind).length;

    it("takes answers, reminds everyone once before, and starts on time with the people who said yes", async () => {
      const c = await crewOf(2);
      const [host, yes, maybe] = c.people as [RegisteredUser, RegisteredUser, RegisteredUser];
      const token = `device-${yes.uid}`;
      await as(yes).put(`/me/devices/${token}`, { platform: "ios" }).expect(201);
      const startsAt = inHours(3);
      const body = { name: "Saturday", matchRule: { kind: "majority" }, deckSize: 10, crewId: c.id, startsAt: startsAt.toISOString() };
      const created = await as(host).post("/nights", body).expect(201);
      const id = created.body.id as string;
      assert.equal(created.body.state, "scheduled");
      assert.equal(created.body.code, null);
      assert.equal(created.body.startsAt, startsAt.toISOString());
      assert.deepEqual(created.body.invited, [yes.uid, maybe.uid]);
      assert.deepEqual(created.body.answers, [{ uid: host.uid, answer: "yes" }]);
      for (const p of [yes, maybe]) assert.equal((await notificationsOf(p.uid, "night.scheduled")).length, 1);

      // Not an open room: the host schedules another night and still opens one room now.
      await as(host)
        .post("/nights", { ...body, name: "Sunday", startsAt: inHours(27).toISOString() })
        .expect(201);
      const open = await as(host)
        .post("/nights", { name: "Now", matchRule: { kind: "majority" } })
        .expect(201);
      await as(host)
        .post("/nights", { name: "Another", matchRule: { kind: "majority" } })
        .expect(409);
      await as(host).post(`/nights/${open.body.id}/leave`).expect(204);

      await as(yes).put(`/nights/${id}/answer`, { answer: "no" }).expect(200);
      await as(yes).put(`/nights/${id}/answer`, { answer: "yes" }).expect(200);
      const answered = await as(maybe).put(`/nights/${id}/answer`, { answer: "maybe" }).expect(200);
      assert.deepEqual(
        answered.body.answers.map((a: { uid: string; answer: string }) => [a.uid, a.answer]),
        [
          [host.uid, "yes"],
          [yes.uid, "yes"],
          [maybe.uid, "maybe"],
        ],
      );

      await runAt(new Date(startsAt.getTime() - 2 * 3600_000)); // before the lead time: nothing
      for (const p of c.people) assert.equal((await notificationsOf(p.uid, "night.reminder")).length, 0);
      await runAt(new Date(startsAt.getTime() - 30 * 60_000));
      await runAt(new Date(startsAt.getTime() - 20 * 60_000)); // again: nobody reminded twice
      for (const p of c.people) assert.equal((await notificationsOf(p.uid, "night.reminder")).length, 1, "one reminder each");
      assert.equal(pushesOf(token, "night.reminder"), 1);
      assert.equal((await room(id)).state, "scheduled");

      await runAt(startsAt);
      const started = await room(id);
      assert.equal(started.state, "started");
      assert.deepEqual(started.memberUids, [host.uid, yes.uid]);
      assert.ok(started.deck.length > 0);
      for (const p of [host, yes]) assert.equal((await doc(`nightMembers/${p.uid}`))?.nightId, id);
      assert.equal((await db().doc(`nightMembers/${maybe.uid}`).get()).exists, false);
      assert.equal((await notificationsOf(yes.uid, "night.started")).length, 1);
      assert.equal(pushesOf(token, "night.started"), 1);
      await as(yes).post(`/nights/${id}/swipes`, { movieId: started.deck[0], liked: true }).expect(201);
      await as(maybe).get(`/nights/${id}`).expect(404);
      await waitForEmulatorIdle();
      const frozen = JSON.stringify(await room(id));
      await runAt(new Date(startsAt.getTime() + 5 * 60_000));
      assert.equal(JSON.stringify(await room(id)), frozen, "a later run leaves a started night alone");
    });

    it("cancels a night fewer than two said yes to, and tells everyone once of a new time or a cancellation", async () => {
      const [host, friend, stranger] = await Promise.all([registerUser(app), registerUser(app), registerUser(app)]);
      await befriend(host, friend);
      const first = await as(host)
        .post("/nights", { name: "Maybe", matchRule: { kind: "majority" }, startsAt: inHours(5).toISOString() })
        .expect(201);
      const id = first.body.id as string;
      await as(host).post(`/nights/${id}/invites`, { uid: friend.uid }).expect(204);
      assert.equal((await notificationsOf(friend.uid, "night.scheduled")).length, 1);
      await as(friend).put(`/nights/${id}/answer`, { answer: "maybe" }).expect(200);

      const snapshot = async () => JSON.stringify(await room(id));
      const before = await snapshot();
      const expectError = async (res: Promise<{ status: number; body: { error: { code: string } } }>, status: number, code: string) => {
        const r = await res;
        assert.equal(r.status, status, JSON.stringify(r.body));
        assert.equal(r.body.error.code, code);
      };
      await expectError(as(stranger).put(`/nights/${id}/answer`, { answer: "yes" }), 404, "not-found");
      await expectError(as(stranger).get(`/nights/${id}`), 404, "not-found");
      await expectError(as(stranger).post(`/nights/${id}/reschedule`, { startsAt: inHours(6).toISOString() }), 404, "not-found");
      await expectError(as(stranger).post(`/nights/${id}/cancel`), 404, "not-found");
      await expectError(as(host).put(`/nights/${id}/answer`, { answer: "no" }), 409, "failed-precondition");
      await expectError(as(friend).post(`/nights/${id}/reschedule`, { startsAt: inHours(6).toISOString() }), 403, "permission-denied");
      await expectError(as(friend).post(`/nights/${id}/cancel`), 403, "permission-denied");
      await expectError(as(friend).put(`/nights/${id}/answer`, { answer: "perhaps" }), 400, "invalid-argument");
      await expectError(
        as(host).post(`/nights/${id}/reschedule`, { startsAt: new Date(Date.now() - 60_000).toISOString() }),
        400,
        "invalid-argument",
      );
      await expectError(as(host).post(`/nights/${id}/reschedule`, { startsAt: inHours(24 * 91).toISOString() }), 400, "invalid-argument");
      await expectError(as(host).post(`/nights/${id}/reschedule`, { startsAt: "tomorrow" }), 400, "invalid-argument");
      await expectError(
        as(host).post("/nights", { name: "Past", matchRule: { kind: "majority" }, startsAt: new Date(Date.now() - 1000).toISOString() }),
        400,
        "invalid-argument",
      );
      await expectError(as(host).post(`/nights/${id}/start`), 409, "failed-precondition");
      await waitForEmulatorIdle();
      assert.equal(await snapshot(), before);
      assert.equal((await db().collection("nights").where("hostUid", "==", host.uid).get()).size, 1);

      const moved = inHours(8);
      await as(host).post(`/nights/${id}/reschedule`, { startsAt: moved.toISOString() }).expect(200);
      await as(host).post(`/nights/${id}/reschedule`, { startsAt: moved.toISOString() }).expect(200);
      assert.equal((await notificationsOf(friend.uid, "night.rescheduled")).length, 1, "told once of the new time");
      assert.equal(((await room(id)).startsAt as { toMillis(): number }).toMillis(), moved.getTime());

      await runAt(moved);
      const cancelled = await room(id);
      assert.deepEqual([cancelled.state, cancelled.closedReason], ["closed", "cancelled"]);
      assert.deepEqual(cancelled.memberUids, [host.uid]);
      assert.equal((await db().doc(`nightMembers/${host.uid}`).get()).exists, false);
      await runAt(new Date(moved.getTime() + 60_000));
      await as(host).post(`/nights/${id}/cancel`).expect(200);
      for (const p of [host, friend]) assert.equal((await notificationsOf(p.uid, "night.cancelled")).length, 1, "told once");
      await expectError(as(friend).put(`/nights/${id}/answer`, { answer: "yes" }), 409, "failed-precondition");

      const second = await as(host)
        .post("/nights", { name: "Off", matchRule: { kind: "majority" }, startsAt: inHours(4).toISOString() })
        .expect(201);
      await as(host).post(`/nights/${second.body.id}/invites`, { uid: friend.uid }).expect(204);
      await as(friend).put(`/nights/${second.body.id}/answer`, { answer: "yes" }).expect(200);
      const off = await as(host).post(`/nights/${second.body.id}/cancel`).expect(200);
      assert.deepEqual([off.body.state, off.body.closedReason], ["closed", "cancelled"]);
      await as(host).post(`/nights/${second.body.id}/cancel`).expect(200);
      assert.equal((await notificationsOf(friend.uid, "night.cancelled")).length, 2, "once for each cancelled night");
      await expectError(
        as(host).post(`/nights/${second.body.id}/reschedule`, { startsAt: inHours(9).toISOString() }),
        409,
        "failed-precondition",
      );
    });
  });

  describe("accounts", () => {
    it("exports a person's crews, scheduled nights and answers, and deletion takes them out of all three", async () => {
      const c = await crewOf(1);
      const [host, member] = c.people as [RegisteredUser, RegisteredUser];
      const night = await as(host)
        .post("/nights", { name: "Planned", matchRule: { kind: "majority" }, crewId: c.id, startsAt: inHours(10).toISOString() })
        .expect(201);
      await as(member).put(`/nights/${night.body.id}/answer`, { answer: "yes" }).expect(200);
      const exported = await as(member).get("/me/export").expect(200);
      assert.deepEqual(
        exported.body.data.crews.map((x: { id: string; role: string; name: string }) => [x.id, x.role, x.name]),
        [[c.id, "member", "Film club"]],
      );
      assert.deepEqual(
        exported.body.data.nights.rooms.map((n: { id: string; role: string; answer: string; crewId: string }) => [
          n.id,
          n.role,
          n.answer,
          n.crewId,
        ]),
        [[night.body.id, "invited", "yes", c.id]],
      );

      await as(member).delete("/me").send({ password: member.password }).expect(204);
      await waitFor(
        async () => {
          const [crew, planned] = await Promise.all([doc(`crews/${c.id}`), room(night.body.id)]);
          const gone =
            !(crew!.memberUids as string[]).includes(member.uid) &&
            !(planned.invitedUids as string[]).includes(member.uid) &&
            !(member.uid in (planned.answers as Record<string, string>));
          return gone ? true : undefined;
        },
        { timeoutMs: 60_000, what: "crew, invitation and answer erased" },
      );
      assert.deepEqual((await doc(`crews/${c.id}`))!.memberUids, [host.uid]);
    });
  });
});
