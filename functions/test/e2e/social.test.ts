import assert from "node:assert/strict";
import {
  befriend,
  eventually,
  expectError,
  expectNoContent,
  expectStatus,
  film,
  seedFilms,
  signUp,
  type Person,
} from "../helpers/api-client";

const FILMS = [film(97201, "Capybara Sunrise", 1971, ["Comedy"]), film(97202, "Capybara Sunset", 1972, ["Drama"])];
const [SUNRISE, SUNSET] = FILMS.map((f) => f.movieId) as [number, number];

describe("end to end: friends, feed and notifications (Hosting -> api -> triggers)", function () {
  this.timeout(240_000);
  let ada: Person;
  let bob: Person;
  let cal: Person;

  before(async () => {
    await seedFilms(FILMS);
    [ada, bob, cal] = [await signUp(), await signUp(), await signUp()];
  });

  const notifications = (p: Person) => expectStatus(p.api.GET("/me/notifications"), 200);
  const notified = (p: Person, kind: string, actorUid: string) =>
    eventually(
      async () => (await notifications(p)).items.find((n) => n.kind === kind && n.actor?.uid === actorUid),
      `${kind} for ${p.handle}`,
    );

  it("finds a person, sends a friend request, notifies them, and makes friends on acceptance", async () => {
    const found = await expectStatus(ada.api.GET("/users", { params: { query: { handle: bob.handle } } }), 200);
    assert.ok(found.items.some((p) => p.uid === bob.uid));

    const sent = await expectStatus(ada.api.POST("/friends/requests", { body: { uid: bob.uid } }), 201);
    assert.equal(sent.status, "pending");
    const incoming = await expectStatus(bob.api.GET("/friends/requests", { params: { query: { direction: "incoming" } } }), 200);
    assert.deepEqual(
      incoming.items.map((r) => r.from.uid),
      [ada.uid],
    );
    const request = await notified(bob, "friend.request", ada.uid);
    assert.equal(request.read, false);
    await expectNoContent(bob.api.POST("/me/notifications/{id}/read", { params: { path: { id: request.id } } }));
    assert.equal((await notifications(bob)).items.find((n) => n.id === request.id)?.read, true);
    await expectError(ada.api.POST("/me/notifications/{id}/read", { params: { path: { id: request.id } } }), 404, "not-found");

    await expectStatus(bob.api.POST("/friends/requests/{id}/accept", { params: { path: { id: incoming.items[0]!.id } } }), 200);
    for (const [me, other] of [
      [ada, bob],
      [bob, ada],
    ] as const) {
      await eventually(
        async () => ((await expectStatus(me.api.GET("/friends"), 200)).items.some((f) => f.uid === other.uid) ? true : undefined),
        `${other.handle} in ${me.handle}'s friends`,
      );
    }
    await notified(ada, "friend.accepted", bob.uid);
    // The answered request takes its notification back (the request trigger).
    await eventually(
      async () => ((await notifications(bob)).items.some((n) => n.id === request.id) ? undefined : true),
      "the answered request's notification withdrawn",
    );
    assert.ok((await notifications(ada)).unreadCount > 0);
    await expectStatus(ada.api.POST("/me/notifications/read-all"), 200);
    assert.equal((await notifications(ada)).unreadCount, 0);
  });

  it("fans a friend's ratings and diary out to the feed, and only to friends", async () => {
    await expectStatus(ada.api.PUT("/me/ratings/{movieId}", { params: { path: { movieId: SUNRISE } }, body: { rating: 4 } }), 201);
    await expectStatus(ada.api.PUT("/me/watched/{movieId}", { params: { path: { movieId: SUNSET } }, body: {} }), 201);
    const feed = await eventually(async () => {
      const page = await expectStatus(bob.api.GET("/feed"), 200);
      const kinds = page.items.filter((i) => i.actor.uid === ada.uid).map((i) => `${i.kind}:${i.movie.movieId}`);
      return kinds.includes(`rating:${SUNRISE}`) && kinds.includes(`watched:${SUNSET}`) ? page : undefined;
    }, "Ada's rating and diary entry in Bob's feed");
    const rating = feed.items.find((i) => i.kind === "rating" && i.movie.movieId === SUNRISE)!;
    assert.equal(rating.rating, 4);
    assert.equal(rating.movie.title, "Capybara Sunrise");
    // Cal is no friend of Ada's: once Bob's feed shows her activity, the fan-out is done, and Cal's stays empty.
    assert.deepEqual((await expectStatus(cal.api.GET("/feed"), 200)).items, []);
  });

  it("unfriends both ways and refuses what strangers may not do", async () => {
    await befriend(bob, cal);
    await expectNoContent(bob.api.DELETE("/friends/{uid}", { params: { path: { uid: cal.uid } } }));
    for (const [me, other] of [
      [bob, cal],
      [cal, bob],
    ] as const) {
      await eventually(
        async () => ((await expectStatus(me.api.GET("/friends"), 200)).items.some((f) => f.uid === other.uid) ? undefined : true),
        `${other.handle} gone from ${me.handle}'s friends`,
      );
    }
    await expectError(cal.api.GET("/friends/{uid}/compatibility", { params: { path: { uid: ada.uid } } }), 403, "permission-denied");
    await expectError(
      cal.api.POST("/friends/requests/{id}/accept", { params: { path: { id: `${ada.uid}_${bob.uid}` } } }),
      404,
      "not-found",
    );
  });
});
