import assert from "node:assert/strict";
import type { Express } from "express";
import functionsTest from "firebase-functions-test";
import { Timestamp } from "firebase-admin/firestore";
import { makeNightsTriggerDeps } from "../../src/deps";
import { LiveRoomPublisher } from "../../src/nights/nights.live";
import { FirestoreNightsRepository } from "../../src/nights/nights.repository";
import { expireMovieNights, swipeTrigger } from "../../src/nights/nights.triggers";
import { notificationIdFor } from "../../src/notifications/notifications.service";
import { makeTestApp, registerUser, type RegisteredUser } from "../helpers/accounts";
import { seedTestCatalogue, TEST_FILMS } from "../helpers/catalogue-fixtures";
import { appDb, quietDb, resetFirestore, verifierDb, waitFor } from "../helpers/emulators";
import { waitForEmulatorIdle } from "../helpers/emulator-log";
import { RecordingPushTransport, clientFor } from "../helpers/social";

const fft = functionsTest({ projectId: "demo-movie-night" });

/** What the trigger reads of a snapshot (fft's own helpers need the namespaced admin API). */
const snapshot = (path: string, data?: Record<string, unknown>) => ({ exists: data !== undefined, data: () => data, ref: { path } });

type Rule = { kind: "unanimous" } | { kind: "majority" } | { kind: "atLeast"; k: number };

describe("movie nights (emulators)", function () {
  this.timeout(180_000);
  let app: Express;
  /** The database the helpers below read; the match-trigger race swaps in the quiet one. */
  let db = () => verifierDb();
  const as = (user: RegisteredUser) => clientFor(app, user);
  const room = async (id: string) =>
    (await db().doc(`nights/${id}`).get()).data() as Record<string, unknown> & { matches: Array<{ movieId: number }>; deck: number[] };
  const notificationsOf = async (uid: string, kind: string) =>
    (await db().collection(`users/${uid}/notifications`).where("kind", "==", kind).get()).docs.map((d): Record<string, unknown> => ({
      ...d.data(),
      id: d.id,
    }));

  /** Friends through the real request routes (the canonical friendship is what joining checks). */
  async function befriend(a: RegisteredUser, b: RegisteredUser): Promise<void> {
    await as(a).post("/friends/requests", { uid: b.uid }).expect(201);
    await as(b).post(`/friends/requests/${a.uid}_${b.uid}/accept`).expect(200);
  }

  /** A host and `guests` friends of the host, all in one open room. */
  async function openRoom(guests: number, body: Record<string, unknown> = { name: "Friday", matchRule: { kind: "unanimous" } }) {
    const people = await Promise.all(Array.from({ length: guests + 1 }, () => registerUser(app)));
    const [host, ...others] = people;
    for (const g of others) await befriend(host!, g);
    const created = await as(host!).post("/nights", body).expect(201);
    for (const g of others) await as(g).post("/nights/join", { code: created.body.code.toLowerCase() }).expect(200);
    return { id: created.body.id as string, code: created.body.code as string, host: host!, guests: others, people };
  }

  async function startedRoom(guests: number, body?: Record<string, unknown>) {
    const r = await openRoom(guests, body);
    const started = await as(r.host).post(`/nights/${r.id}/start`).expect(200);
    return { ...r, deck: (await room(r.id)).deck, started: started.body };
  }

  const waitForMatch = (id: string, count = 1) =>
    waitFor(
      async () => {
        const matches = (await room(id)).matches;
        return matches.length >= count ? matches : undefined;
      },
      { timeoutMs: 60_000, what: `match in ${id}` },
    ); // the emulator may still be working through earlier suites' triggers

  before(async () => {
    await resetFirestore();
    await seedTestCatalogue(appDb());
    app = makeTestApp(appDb());
  });

  after(() => fft.cleanup());

  describe("rooms", () => {
    it("creates a room with a code and the caller as host, lets the host's friends join by code, and shows it to members only", async () => {
      const r = await openRoom(2, { name: "Friday", matchRule: { kind: "atLeast", k: 2 }, deckSize: 10, filters: { genres: ["Drama"] } });
      assert.match(r.code, /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/);
      assert.equal((await db().doc(`nightCodes/${r.code}`).get()).get("nightId"), r.id);
      for (const p of r.people) assert.equal((await db().doc(`nightMembers/${p.uid}`).get()).get("nightId"), r.id);
      const view = await as(r.guests[0]!).get(`/nights/${r.id}`).expect(200);
      assert.equal(view.body.state, "open");
      assert.deepEqual(view.body.host, { uid: r.host.uid, handle: r.host.handle });
      assert.deepEqual(
        view.body.members.map((m: { uid: string }) => m.uid),
        r.people.map((p) => p.uid),
      );
      assert.deepEqual(view.body.matchRule, { kind: "atLeast", k: 2 });
      assert.deepEqual(view.body.filters, { genres: ["Drama"], yearFrom: null, yearTo: null });
      const stranger = await registerUser(app);
      const denied = await as(stranger).get(`/nights/${r.id}`).expect(404);
      assert.equal(denied.body.error.code, "not-found");
    });

    it("needs the host's friendship or an invitation to join, and keeps each person in one open room", async () => {
      const r = await openRoom(1);
      const [stranger, friendOfGuest] = await Promise.all([registerUser(app), registerUser(app)]);
      const refused = await as(stranger).post("/nights/join", { code: r.code }).expect(403);
      assert.equal(refused.body.error.code, "permission-denied");

      await befriend(r.guests[0]!, friendOfGuest);
      await as(r.guests[0]!).post(`/nights/${r.id}/invites`, { uid: friendOfGuest.uid }).expect(204);
      await as(r.guests[0]!).post(`/nights/${r.id}/invites`, { uid: stranger.uid }).expect(403);
      const invite = await waitFor(async () => (await notificationsOf(friendOfGuest.uid, "night.invite"))[0], { what: "invitation" });
      assert.deepEqual(invite.data, { nightId: r.id, code: r.code });
      assert.equal(invite.actorUid, r.guests[0]!.uid);
      await as(friendOfGuest).post("/nights/join", { code: r.code }).expect(200);
      assert.deepEqual((await room(r.id)).memberUids, [...r.people.map((p) => p.uid), friendOfGuest.uid]);

      const other = await as(r.host)
        .post("/nights", { name: "Second", matchRule: { kind: "majority" } })
        .expect(409);
      assert.equal(other.body.error.code, "failed-precondition");
      assert.equal((await db().collection("nights").where("hostUid", "==", r.host.uid).get()).size, 1);
      const missing = await as(stranger).post("/nights/join", { code: "ZZZZZZ" }).expect(404);
      assert.equal(missing.body.error.code, "not-found");
    });

    it("hands the room over when the host leaves and closes it when the last member leaves", async () => {
      const r = await openRoom(1);
      await as(r.host).post(`/nights/${r.id}/leave`).expect(204);
      let stored = await room(r.id);
      assert.equal(stored.hostUid, r.guests[0]!.uid);
      assert.deepEqual(stored.memberUids, [r.guests[0]!.uid]);
      assert.equal((await db().doc(`nightMembers/${r.host.uid}`).get()).exists, false);
      // Free again: the old host opens another room.
      await as(r.host)
        .post("/nights", { name: "Next", matchRule: { kind: "majority" } })
        .expect(201);
      await as(r.guests[0]!).post(`/nights/${r.id}/leave`).expect(204);
      stored = await room(r.id);
      assert.equal(stored.state, "closed");
      assert.equal(stored.closedReason, "empty");
      assert.equal((await db().doc(`nightCodes/${r.code}`).get()).exists, false);
      assert.equal((await db().doc(`nightMembers/${r.guests[0]!.uid}`).get()).exists, false);
    });
  });

  describe("a full night", () => {
    const rules: Array<[Rule, number]> = [
      [{ kind: "unanimous" }, 4],
      [{ kind: "majority" }, 3],
      [{ kind: "atLeast", k: 2 }, 2],
    ];
    for (const [rule, needed] of rules) {
      it(`goes from creation to every member's match notification under ${JSON.stringify(rule)}`, async () => {
        const r = await startedRoom(3, { name: "Rules", matchRule: rule, deckSize: 8 });
        assert.equal(r.started.state, "started");
        assert.equal(r.started.code, null);
        const film = r.deck[0]!;
        // One short of the rule, plus passes: no match.
        for (const p of r.people.slice(0, needed - 1))
          await as(p).post(`/nights/${r.id}/swipes`, { movieId: film, liked: true }).expect(201);
        for (const p of r.people.slice(needed)) await as(p).post(`/nights/${r.id}/swipes`, { movieId: film, liked: false }).expect(201);
        // Another film everyone passes on (triggers of passes never match).
        for (const p of r.people) await as(p).post(`/nights/${r.id}/swipes`, { movieId: r.deck[1], liked: false }).expect(201);
        await waitForEmulatorIdle(); // every trigger run of those swipes is over
        assert.deepEqual((await room(r.id)).matches, [], "no match one like short of the rule");
        for (const p of r.people) assert.deepEqual(await notificationsOf(p.uid, "night.match"), []);
        const deciding = r.people[needed - 1]!;
        await as(deciding).post(`/nights/${r.id}/swipes`, { movieId: film, liked: true }).expect(201);

        const matches = await waitForMatch(r.id);
        assert.deepEqual(
          matches.map((m) => m.movieId),
          [film],
        );
        for (const p of r.people) {
          const told = await waitFor(async () => (await notificationsOf(p.uid, "night.match"))[0], {
            timeoutMs: 60_000,
            what: `match notification for ${p.handle}`,
          });
          assert.deepEqual(told.data, { nightId: r.id, movieId: String(film) });
          assert.equal(told.id, notificationIdFor(p.uid, `night.match:${r.id}:${film}`));
        }
        const view = await as(r.host).get(`/nights/${r.id}`).expect(200);
        assert.deepEqual(
          view.body.matches.map((m: { movieId: number; likes: number }) => [m.movieId, m.likes]),
          [[film, needed]],
        );
        assert.equal(view.body.members.find((m: { uid: string }) => m.uid === deciding.uid).swiped, 2);
        assert.equal(JSON.stringify(view.body).includes('"liked"'), false, "no individual swipes in the room view");
      });
    }

    it("lists matches in the order they happened, closes on the first with endOnFirstMatch, then records the film watched for everyone", async () => {
      const r = await startedRoom(1, { name: "Both", matchRule: { kind: "unanimous" }, deckSize: 6 });
      for (const film of [r.deck[2]!, r.deck[0]!]) {
        for (const p of r.people) await as(p).post(`/nights/${r.id}/swipes`, { movieId: film, liked: true }).expect(201);
        await waitForMatch(r.id, film === r.deck[2] ? 1 : 2);
      }
      assert.deepEqual(
        (await room(r.id)).matches.map((m) => m.movieId),
        [r.deck[2], r.deck[0]],
      );

      const first = await startedRoom(1, { name: "First", matchRule: { kind: "unanimous" }, deckSize: 6, endOnFirstMatch: true });
      const film = first.deck[1]!;
      for (const p of first.people) await as(p).post(`/nights/${first.id}/swipes`, { movieId: film, liked: true }).expect(201);
      await waitFor(async () => ((await room(first.id)).state === "closed" ? true : undefined), { what: "room closed on its first match" });
      assert.equal((await room(first.id)).closedReason, "matched");
      for (const p of first.people) assert.equal((await db().doc(`nightMembers/${p.uid}`).get()).exists, false);
      const late = await as(first.host).post(`/nights/${first.id}/swipes`, { movieId: first.deck[2], liked: true }).expect(409);
      assert.equal(late.body.error.code, "failed-precondition");

      const notMatched = await as(first.guests[0]!).post(`/nights/${first.id}/watched`, { movieId: first.deck[2] }).expect(409);
      assert.equal(notMatched.body.error.code, "failed-precondition");
      const watched = await as(first.guests[0]!).post(`/nights/${first.id}/watched`, { movieId: film }).expect(200);
      assert.deepEqual(watched.body.watched, [film]);
      for (const p of first.people) {
        assert.equal((await db().doc(`users/${p.uid}/watched/${film}`).get()).exists, true);
        const ask = await notificationsOf(p.uid, "night.rate");
        assert.equal(ask.length, 1);
        assert.deepEqual(ask[0]!.data, { nightId: first.id, movieId: String(film) });
      }
      await as(first.host).post(`/nights/${first.id}/watched`, { movieId: film }).expect(200);
      for (const p of first.people) assert.equal((await notificationsOf(p.uid, "night.rate")).length, 1);
    });
  });

  describe("the deck", () => {
    it("never contains a film any member watched or rated, and pages to its end in the same order for everyone", async () => {
      const r = await openRoom(2, { name: "Deck", matchRule: { kind: "majority" }, deckSize: 25 });
      const seen = [9001, 9004, 9100, 9101, 9102];
      await as(r.host).put(`/me/watched/${seen[0]}`, {}).expect(201);
      await as(r.guests[0]!).put(`/me/watched/${seen[1]}`, {}).expect(201);
      await as(r.guests[0]!).put(`/me/watched/${seen[2]}`, {}).expect(201);
      await as(r.guests[1]!).put(`/me/ratings/${seen[3]}`, { rating: 4 }).expect(201);
      await as(r.guests[1]!).put(`/me/watched/${seen[4]}`, {}).expect(201);
      await as(r.guests[1]!).put(`/me/watchlist/9006`, {}).expect(201);
      const before = await as(r.host).get(`/nights/${r.id}/deck`).expect(409);
      assert.equal(before.body.error.code, "failed-precondition");
      await as(r.host).post(`/nights/${r.id}/start`).expect(200);

      const deck = (await room(r.id)).deck;
      assert.equal(deck.length, TEST_FILMS.length - seen.length);
      assert.ok(!seen.some((id) => deck.includes(id)));
      assert.ok(deck.includes(9006), "a member's watchlist film is in the deck");

      await as(r.guests[0]!).post(`/nights/${r.id}/swipes`, { movieId: deck[3], liked: true }).expect(201);
      for (const p of r.people) {
        const pages: Array<{ position: number; movie: { movieId: number; title: string }; liked: boolean | null }> = [];
        let cursor: string | undefined;
        do {
          const res = await as(p)
            .get(`/nights/${r.id}/deck?limit=7${cursor ? `&cursor=${cursor}` : ""}`)
            .expect(200);
          pages.push(...res.body.items);
          cursor = res.body.nextCursor;
        } while (cursor);
        assert.deepEqual(
          pages.map((c) => c.movie.movieId),
          deck,
        );
        assert.deepEqual(
          pages.map((c) => c.position),
          deck.map((_, i) => i),
        );
        assert.ok(pages.every((c) => c.movie.title.length > 0));
        assert.deepEqual(
          pages.filter((c) => c.liked !== null).map((c) => c.movie.movieId),
          p === r.guests[0] ? [deck[3]] : [],
        );
      }
      const other = await startedRoom(1, { name: "Other", matchRule: { kind: "majority" }, deckSize: 5 });
      const firstPage = await as(other.host).get(`/nights/${other.id}/deck?limit=2`).expect(200);
      const foreign = await as(r.host).get(`/nights/${r.id}/deck?cursor=${firstPage.body.nextCursor}`).expect(400);
      assert.equal(foreign.body.error.code, "invalid-argument");
    });

    it("applies the host's genre and year filters", async () => {
      const r = await startedRoom(1, {
        name: "Drama",
        matchRule: { kind: "majority" },
        deckSize: 30,
        filters: { genres: ["Drama", "Horror"], yearFrom: 1980, yearTo: 2001 },
      });
      const byId = new Map(TEST_FILMS.map((f) => [f.movieId, f]));
      assert.ok(r.deck.length > 0);
      for (const id of r.deck) {
        const f = byId.get(id)!;
        assert.ok(f.genres.some((g) => g === "Drama" || g === "Horror") && f.year! >= 1980 && f.year! <= 2001, f.title);
      }
    });
  });

  describe("refusals", () => {
    it("answers every unauthorised or bad request with the right 4xx in the error format and changes nothing", async () => {
      const open = await openRoom(1);
      const r = await startedRoom(1, { name: "Guarded", matchRule: { kind: "unanimous" }, deckSize: 5 });
      const stranger = await registerUser(app);
      const notInDeck = TEST_FILMS.map((f) => f.movieId).find((id) => !r.deck.includes(id))!;
      // Both rooms, every swipe in either, every membership and code, and everyone's notifications.
      const everyone = [...r.people, ...open.people, stranger];
      const docsOf = async (collection: string) => (await db().collection(collection).get()).docs.map((d) => [d.id, d.data()]);
      const snapshotOf = async () =>
        JSON.stringify([
          await room(r.id),
          await room(open.id),
          await docsOf(`nights/${r.id}/swipes`),
          await docsOf(`nights/${open.id}/swipes`),
          await docsOf("nightMembers"),
          await docsOf("nightCodes"),
          await Promise.all(everyone.map((p) => docsOf(`users/${p.uid}/notifications`))),
          (await db().collection("nights").count().get()).data().count,
        ]);
      await waitForEmulatorIdle(); // the friendship and join triggers have run: only the requests below could change anything
      const before = await snapshotOf();
      const cases: Array<[string, () => Promise<{ status: number; body: { error?: { code: string } } }>, number, string]> = [
        ["non-member reads", () => as(stranger).get(`/nights/${r.id}`), 404, "not-found"],
        ["non-member reads the deck", () => as(stranger).get(`/nights/${r.id}/deck`), 404, "not-found"],
        ["non-member swipes", () => as(stranger).post(`/nights/${r.id}/swipes`, { movieId: r.deck[0], liked: true }), 404, "not-found"],
        ["non-member starts", () => as(stranger).post(`/nights/${open.id}/start`), 404, "not-found"],
        ["non-member leaves", () => as(stranger).post(`/nights/${r.id}/leave`), 404, "not-found"],
        ["non-member marks watched", () => as(stranger).post(`/nights/${r.id}/watched`, { movieId: r.deck[0] }), 404, "not-found"],
        ["non-host starts", () => as(open.guests[0]!).post(`/nights/${open.id}/start`), 403, "permission-denied"],
        ["starting twice", () => as(r.host).post(`/nights/${r.id}/start`), 409, "failed-precondition"],
        [
          "swiping before start",
          () => as(open.host).post(`/nights/${open.id}/swipes`, { movieId: 9001, liked: true }),
          409,
          "failed-precondition",
        ],
        [
          "swiping a film not in the deck",
          () => as(r.host).post(`/nights/${r.id}/swipes`, { movieId: notInDeck, liked: true }),
          400,
          "invalid-argument",
        ],
        ["unknown room", () => as(r.host).get(`/nights/NoSuchNight`), 404, "not-found"],
        ["malformed room id", () => as(r.host).get(`/nights/bad-id!`), 400, "invalid-argument"],
        ["swipe without liked", () => as(r.host).post(`/nights/${r.id}/swipes`, { movieId: r.deck[0] }), 400, "invalid-argument"],
        ["swipe with a string id", () => as(r.host).post(`/nights/${r.id}/swipes`, { movieId: "1", liked: true }), 400, "invalid-argument"],
        [
          "swipe with extra fields",
          () => as(r.host).post(`/nights/${r.id}/swipes`, { movieId: r.deck[0], liked: true, x: 1 }),
          400,
          "invalid-argument",
        ],
        ["create without a rule", () => as(stranger).post("/nights", { name: "x" }), 400, "invalid-argument"],
        [
          "create with an unknown rule",
          () => as(stranger).post("/nights", { name: "x", matchRule: { kind: "most" } }),
          400,
          "invalid-argument",
        ],
        [
          "create with k of 0",
          () => as(stranger).post("/nights", { name: "x", matchRule: { kind: "atLeast", k: 0 } }),
          400,
          "invalid-argument",
        ],
        [
          "create with a huge deck",
          () => as(stranger).post("/nights", { name: "x", matchRule: { kind: "majority" }, deckSize: 5000 }),
          400,
          "invalid-argument",
        ],
        ["join with an ambiguous code", () => as(stranger).post("/nights/join", { code: "ABC10O" }), 400, "invalid-argument"],
        ["join without a code", () => as(stranger).post("/nights/join", {}), 400, "invalid-argument"],
        ["join a started room", () => as(stranger).post("/nights/join", { code: r.code }), 404, "not-found"],
        ["deck with a forged cursor", () => as(r.host).get(`/nights/${r.id}/deck?cursor=forged`), 400, "invalid-argument"],
        ["deck with limit 0", () => as(r.host).get(`/nights/${r.id}/deck?limit=0`), 400, "invalid-argument"],
        ["watched without a match", () => as(r.host).post(`/nights/${r.id}/watched`, { movieId: r.deck[0] }), 409, "failed-precondition"],
        ["inviting a stranger", () => as(open.host).post(`/nights/${open.id}/invites`, { uid: stranger.uid }), 403, "permission-denied"],
      ];
      for (const [name, call, status, code] of cases) {
        const res = await call();
        assert.equal(res.status, status, `${name}: ${JSON.stringify(res.body)}`);
        assert.equal(res.body.error?.code, code, name);
      }
      assert.equal(await snapshotOf(), before, "the refused requests changed nothing");
      const alone = await as(stranger)
        .post("/nights", { name: "Alone", matchRule: { kind: "majority" } })
        .expect(201);
      const withAlone = await snapshotOf();
      const tooFew = await as(stranger).post(`/nights/${alone.body.id}/start`).expect(409);
      assert.equal(tooFew.body.error.code, "failed-precondition");
      const unauthenticated = await clientFor(app, { ...stranger, accessToken: "nope" })
        .get(`/nights/${r.id}`)
        .expect(401);
      assert.equal(unauthenticated.body.error.code, "unauthenticated");
      await waitForEmulatorIdle();
      assert.equal(await snapshotOf(), withAlone);
    });

    it("refuses an atLeast rule needing more people than the room has", async () => {
      const r = await openRoom(1, { name: "Three", matchRule: { kind: "atLeast", k: 3 } });
      const res = await as(r.host).post(`/nights/${r.id}/start`).expect(409);
      assert.equal(res.body.error.code, "failed-precondition");
      assert.equal((await room(r.id)).state, "open");
    });
  });

  describe("the match trigger", () => {
    it("turns simultaneous deciding swipes and duplicate events into exactly one match, one notification and one push per member", async () => {
      // Built in the quiet database, where no emulator trigger runs: the wrapped trigger's own runs are
      // the only ones, so the match, notifications and pushes below are theirs.
      const quiet = quietDb();
      const [mainApp, mainDb] = [app, db];
      await seedTestCatalogue(quiet);
      [app, db] = [makeTestApp(quiet), () => quiet];
      try {
        const r = await startedRoom(3, { name: "Race", matchRule: { kind: "unanimous" }, deckSize: 5 });
        const film = r.deck[0]!;
        const push = new RecordingPushTransport();
        const service = makeNightsTriggerDeps(quiet, { push });
        for (const [i, p] of r.people.entries()) await as(p).put(`/me/devices/device-token-${i}-${p.uid}`, { platform: "ios" }).expect(201);
        const live = new LiveRoomPublisher(new FirestoreNightsRepository(quiet));
        const wrapped = fft.wrap(
          swipeTrigger(
            () => service,
            () => live,
          ),
        );
        const liveView = async () => (await quiet.doc(`liveNights/${r.id}`).get()).data() as Record<string, unknown>;
        const eventOf = (p: RegisteredUser, i: number, liked: boolean) => {
          const path = `nights/${r.id}/swipes/${p.uid}_${film}`;
          const data = { uid: p.uid, movieId: film, liked, swipedAt: Timestamp.now() };
          return {
            id: `race-${i}-${liked}`,
            data: fft.makeChange(snapshot(path), snapshot(path, data)),
            params: { nightId: r.id, swipeId: `${p.uid}_${film}` },
          };
        };
        // One member short of unanimous, each event delivered twice: nothing yet.
        const [last, ...others] = r.people;
        await Promise.all(others.map((p) => as(p).post(`/nights/${r.id}/swipes`, { movieId: film, liked: true }).expect(201)));
        const early = others.map((p, i) => eventOf(p, i + 1, true));
        await Promise.all([...early, ...early].map((e) => wrapped(e as never)));
        assert.deepEqual((await room(r.id)).matches, [], "no match one like short");
        assert.equal(push.sends.length, 0);

        // The last like, then every member's event at once, then each delivered again.
        await as(last!).post(`/nights/${r.id}/swipes`, { movieId: film, liked: true }).expect(201);
        const events = r.people.map((p, i) => eventOf(p, i, true));
        await Promise.all(events.map((e) => wrapped(e as never)));
        const afterFirst = JSON.stringify(await room(r.id));
        const liveAfterFirst = await liveView();
        assert.deepEqual(
          (liveAfterFirst.matches as Array<{ movieId: number }>).map((m) => m.movieId),
          [film],
          "the live view shows the match",
        );
        assert.deepEqual(
          (liveAfterFirst.members as Array<{ swiped: number }>).map((m) => m.swiped),
          r.people.map(() => 1),
          "and everyone's progress",
        );
        await Promise.all(events.map((e) => wrapped(e as never)));
        assert.equal(JSON.stringify(await room(r.id)), afterFirst, "a duplicate event changes nothing");
        assert.deepEqual(await liveView(), liveAfterFirst, "nor the live view (not even its revision)");

        assert.deepEqual(
          (await room(r.id)).matches.map((m) => m.movieId),
          [film],
        );
        for (const p of r.people) assert.equal((await notificationsOf(p.uid, "night.match")).length, 1);
        assert.equal(push.sends.length, r.people.length);
        assert.deepEqual(
          push.sends.map((s) => s.message.data.nightId),
          r.people.map(() => r.id),
        );
        assert.deepEqual(
          push.sends
            .map((s) => s.tokens)
            .flat()
            .sort(),
          r.people.map((p, i) => `device-token-${i}-${p.uid}`).sort(),
        );
      } finally {
        [app, db] = [mainApp, mainDb];
      }
    });

    it("through the emulator: simultaneous last swipes of several members give one match and one notification per member", async () => {
      const r = await startedRoom(3, { name: "Race 2", matchRule: { kind: "majority" }, deckSize: 5 });
      const film = r.deck[1]!;
      await as(r.host).post(`/nights/${r.id}/swipes`, { movieId: film, liked: true }).expect(201);
      await Promise.all(r.guests.map((p) => as(p).post(`/nights/${r.id}/swipes`, { movieId: film, liked: true }).expect(201)));
      await waitForMatch(r.id);
      for (const p of r.people) await waitFor(async () => (await notificationsOf(p.uid, "night.match"))[0], { what: "notification" });
      // Every trigger run has settled once each swipe's run is done; a later like is one more run.
      await as(r.host).post(`/nights/${r.id}/swipes`, { movieId: film, liked: true }).expect(200);
      await waitForEmulatorIdle(); // every trigger run, stragglers and that last like's included, is over
      assert.equal((await room(r.id)).matches.length, 1);
      for (const p of r.people) assert.equal((await notificationsOf(p.uid, "night.match")).length, 1);
    });
  });

  describe("leaving a started room", () => {
    it("matches a film every remaining member liked once the member who had not leaves", async () => {
      const r = await startedRoom(2, { name: "Smaller", matchRule: { kind: "unanimous" }, deckSize: 5 });
      const film = r.deck[2]!;
      for (const p of r.people.slice(0, 2)) await as(p).post(`/nights/${r.id}/swipes`, { movieId: film, liked: true }).expect(201);
      await as(r.people[2]!).post(`/nights/${r.id}/swipes`, { movieId: film, liked: false }).expect(201);
      assert.deepEqual((await room(r.id)).matches, []);
      await as(r.people[2]!).post(`/nights/${r.id}/leave`).expect(204);
      assert.deepEqual(
        (await room(r.id)).matches.map((m) => m.movieId),
        [film],
      );
      for (const p of r.people.slice(0, 2)) assert.equal((await notificationsOf(p.uid, "night.match")).length, 1);
      assert.equal((await notificationsOf(r.people[2]!.uid, "night.match")).length, 0);
    });
  });

  describe("cleanup", () => {
    it("closes rooms inactive for 24 hours from the scheduled function, and leaves active ones", async () => {
      const stale = await openRoom(1);
      const active = await openRoom(1);
      await db()
        .doc(`nights/${stale.id}`)
        .update({ lastActivityAt: Timestamp.fromMillis(Date.now() - 25 * 3600_000) });
      await expireMovieNights.run({ scheduleTime: new Date().toISOString() } as never);
      const closed = await room(stale.id);
      assert.deepEqual([closed.state, closed.closedReason], ["closed", "expired"]);
      assert.equal((await db().doc(`nightCodes/${stale.code}`).get()).exists, false);
      for (const p of stale.people) assert.equal((await db().doc(`nightMembers/${p.uid}`).get()).exists, false);
      assert.equal((await room(active.id)).state, "open");
      await expireMovieNights.run({ scheduleTime: new Date().toISOString() } as never);
      assert.equal(JSON.stringify(await room(stale.id)), JSON.stringify(closed));
    });

    it("removes a deleted account from its rooms, handing over the host role, and closes a room left empty", async () => {
      const shared = await startedRoom(1, { name: "Shared", matchRule: { kind: "majority" }, deckSize: 5 });
      await as(shared.host).post(`/nights/${shared.id}/swipes`, { movieId: shared.deck[0], liked: false }).expect(201);
      const solo = await registerUser(app);
      const soloRoom = await as(solo)
        .post("/nights", { name: "Solo", matchRule: { kind: "majority" } })
        .expect(201);
      await as(shared.host).delete("/me").send({ password: shared.host.password }).expect(204);
      await as(solo).delete("/me").send({ password: solo.password }).expect(204);
      await waitFor(async () => ((await room(shared.id)).hostUid === shared.guests[0]!.uid ? true : undefined), {
        timeoutMs: 45_000,
        what: "host handed over",
      });
      assert.deepEqual((await room(shared.id)).memberUids, [shared.guests[0]!.uid]);
      await waitFor(
        async () =>
          (await db().collection(`nights/${shared.id}/swipes`).where("uid", "==", shared.host.uid).get()).empty ? true : undefined,
        {
          timeoutMs: 45_000,
          what: "the deleted person's swipes gone",
        },
      );
      await waitFor(async () => ((await room(soloRoom.body.id)).state === "closed" ? true : undefined), {
        timeoutMs: 45_000,
        what: "empty room closed",
      });
      assert.equal((await db().doc(`nightCodes/${soloRoom.body.code}`).get()).exists, false);
      assert.equal((await db().doc(`nightMembers/${solo.uid}`).get()).exists, false);
      assert.equal((await db().doc(`nightMembers/${shared.host.uid}`).get()).exists, false);
    });
  });
});
