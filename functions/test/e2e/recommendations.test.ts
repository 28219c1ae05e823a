import assert from "node:assert/strict";
import { befriend, eventually, expectError, expectStatus, film, seedFilms, signUp, type Person } from "../helpers/api-client";

const FILMS = [
  film(97301, "Pangolin Express", 1981, ["Western"]),
  film(97302, "Pangolin Express Returns", 1983, ["Western"]),
  film(97303, "Pangolin Nights", 1984, ["Western", "Drama"]),
  film(97304, "Pangolin Dawn", 1985, ["Western"]),
];
const IDS = FILMS.map((f) => f.movieId);

describe("end to end: recommendations (Hosting -> api, ratings through their trigger)", function () {
  this.timeout(240_000);
  let ada: Person;
  let bob: Person;

  before(async () => {
    await seedFilms(FILMS);
    [ada, bob] = [await signUp(), await signUp()];
    await befriend(ada, bob);
    // Ada rated the first film, Bob the next two; the last is rated by nobody in the group. Each film
    // needs a rating counted by the trigger before the popular fallback may offer it.
    const rate = (p: Person, movieId: number, rating: 4 | 4.5 | 5) =>
      expectStatus(p.api.PUT("/me/ratings/{movieId}", { params: { path: { movieId } }, body: { rating } }), 201);
    await rate(ada, IDS[0]!, 5);
    await rate(bob, IDS[1]!, 4.5);
    await rate(bob, IDS[2]!, 4);
    const outsider = await signUp();
    await rate(outsider, IDS[3]!, 4);
    for (const movieId of IDS) {
      await eventually(async () => {
        const m = await expectStatus(ada.api.GET("/movies/{movieId}", { params: { path: { movieId } } }), 200);
        return (m.ratings.count ?? 0) > 0 ? true : undefined;
      }, `the rating of ${movieId} counted`);
    }
    await expectStatus(ada.api.PATCH("/me", { body: { preferences: { favouriteGenres: ["Western"] } } }), 200);
  });

  it("recommends films the person has not rated, each with a reason", async () => {
    const list = await expectStatus(ada.api.GET("/me/recommendations", { params: { query: { limit: 50 } } }), 200);
    const ids = list.items.map((i) => i.movie.movieId);
    assert.ok(ids.length > 0, "an empty list although rated films the person has not seen exist");
    assert.ok(!ids.includes(IDS[0]!), "recommends a film the person rated");
    for (const item of list.items) assert.ok(item.reason.text.length > 0);
    if (list.source === "popular" || list.source === "cold-start") {
      assert.ok(
        IDS.slice(1).some((id) => ids.includes(id)),
        "the popular fallback misses every unseen film in the favourite genre",
      );
    }
  });

  it("lists films like a given film, never the film itself", async () => {
    const similar = await expectStatus(ada.api.GET("/movies/{movieId}/similar", { params: { path: { movieId: IDS[1]! } } }), 200);
    assert.equal(similar.movie.movieId, IDS[1]);
    assert.ok(!similar.items.some((i) => i.movie.movieId === IDS[1]));
  });

  it("recommends for a group of friends without films any member rated, and refuses strangers", async () => {
    const group = await expectStatus(ada.api.POST("/recommendations/group", { body: { uids: [bob.uid], limit: 50 } }), 200);
    assert.deepEqual(group.members, [ada.uid, bob.uid]);
    const ids = group.items.map((i) => i.movie.movieId);
    assert.ok(ids.length > 0);
    for (const rated of IDS.slice(0, 3)) assert.ok(!ids.includes(rated), `recommends ${rated}, which a member rated`);
    const stranger = await signUp();
    await expectError(ada.api.POST("/recommendations/group", { body: { uids: [stranger.uid] } }), 403, "permission-denied");
  });
});
