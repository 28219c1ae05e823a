import assert from "node:assert/strict";
import { befriend, eventually, expectError, expectStatus, film, seedFilms, signUp, type Person } from "../helpers/api-client";

// One year no other file uses, so a year filter keeps the deck to these films.
const YEAR = 1902;
const FILMS = Array.from({ length: 6 }, (_, i) => film(97401 + i, `Axolotl Reel ${i + 1}`, YEAR, ["Drama"]));
const IDS = FILMS.map((f) => f.movieId);

describe("end to end: movie night (Hosting -> api -> the swipe trigger)", function () {
  this.timeout(240_000);
  let host: Person;
  let guest: Person;

  before(async () => {
    await seedFilms(FILMS);
    [host, guest] = [await signUp(), await signUp()];
    await befriend(host, guest);
  });

  it("opens a room, lets a friend join by code, deals one deck, matches on a film both like, and closes when it is watched", async () => {
    await expectStatus(guest.api.PUT("/me/watchlist/{movieId}", { params: { path: { movieId: IDS[2]! } }, body: {} }), 201);
    const created = await expectStatus(
      host.api.POST("/nights", {
        body: { name: "Friday", matchRule: { kind: "unanimous" }, deckSize: 5, filters: { genres: [], yearFrom: YEAR, yearTo: YEAR } },
      }),
      201,
    );
    assert.equal(created.state, "open");
    assert.match(created.code ?? "", /^[A-Z0-9]{6}$/);
    const stranger = await signUp();
    await expectError(stranger.api.POST("/nights/join", { body: { code: created.code! } }), 403, "permission-denied");
    const joined = await expectStatus(guest.api.POST("/nights/join", { body: { code: created.code! } }), 200);
    assert.deepEqual(
      joined.members.map((m) => m.uid),
      [host.uid, guest.uid],
    );
    const night = { params: { path: { id: created.id } } };
    await expectError(guest.api.POST("/nights/{id}/start", night), 403, "permission-denied");
    const started = await expectStatus(host.api.POST("/nights/{id}/start", night), 200);
    assert.equal(started.state, "started");
    assert.equal(started.deckLength, 5);

    const deckOf = async (p: Person) =>
      (await expectStatus(p.api.GET("/nights/{id}/deck", { params: { path: { id: created.id }, query: { limit: 10 } } }), 200)).items;
    const [hostDeck, guestDeck] = [await deckOf(host), await deckOf(guest)];
    const deck = hostDeck.map((c) => c.movie.movieId!);
    assert.deepEqual(
      guestDeck.map((c) => c.movie.movieId),
      deck,
    );
    assert.equal(deck.length, 5);
    for (const id of deck) assert.ok(IDS.includes(id), `${id} is outside the host's filters`);
    assert.ok(deck.includes(IDS[2]!), "the guest's watchlist film is not in the deck");

    const chosen = deck[0]!;
    const swipe = (p: Person, movieId: number, liked: boolean) =>
      expectStatus(p.api.POST("/nights/{id}/swipes", { params: { path: { id: created.id } }, body: { movieId, liked } }), 201);
    await swipe(host, chosen, true);
    await swipe(guest, chosen, true);
    const matched = await eventually(async () => {
      const view = await expectStatus(host.api.GET("/nights/{id}", night), 200);
      return view.matches.length > 0 ? view : undefined;
    }, "the match");
    assert.deepEqual(
      matched.matches.map((m) => [m.movieId, m.likes]),
      [[chosen, 2]],
    );
    for (const p of [host, guest]) {
      await eventually(
        async () =>
          (await expectStatus(p.api.GET("/me/notifications"), 200)).items.some((n) => n.kind === "night.match") ? true : undefined,
        `the match notification for ${p.handle}`,
      );
    }

    const watched = await expectStatus(guest.api.POST("/nights/{id}/watched", { ...night, body: { movieId: chosen } }), 200);
    assert.equal(watched.state, "closed");
    assert.deepEqual(watched.watched, [chosen]);
    for (const p of [host, guest]) {
      const diary = await expectStatus(p.api.GET("/me/watched"), 200);
      assert.ok(
        diary.items.some((e) => e.movieId === chosen),
        `${p.handle}'s diary lacks the film watched on movie night`,
      );
    }
  });
});
