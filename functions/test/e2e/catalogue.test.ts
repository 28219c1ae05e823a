import assert from "node:assert/strict";
import { eventually, expectError, expectNoContent, expectStatus, film, seedFilms, signUp, type Person } from "../helpers/api-client";

// Films of this file only (ids and the title word), so other files' trigger work cannot touch them.
const FILMS = [
  film(97101, "Quokka Harbour", 1961, ["Drama"]),
  film(97102, "Quokka Harbour II", 1963, ["Drama", "Comedy"]),
  film(97103, "Marmot Ridge", 1962, ["Western"]),
];
const [HARBOUR, SEQUEL, RIDGE] = FILMS.map((f) => f.movieId) as [number, number, number];

describe("end to end: catalogue, ratings, diary and watchlist (Hosting -> api -> triggers)", function () {
  this.timeout(240_000);
  let ada: Person;
  let bob: Person;

  before(async () => {
    await seedFilms(FILMS);
    ada = await signUp();
    bob = await signUp();
  });

  const movie = (p: Person, movieId: number) => expectStatus(p.api.GET("/movies/{movieId}", { params: { path: { movieId } } }), 200);

  it("searches the catalogue and shows a film", async () => {
    const found = await expectStatus(ada.api.GET("/movies", { params: { query: { q: "quokka harbour" } } }), 200);
    assert.deepEqual(found.items.map((m) => m.movieId).sort(), [HARBOUR, SEQUEL]);
    const byGenre = await expectStatus(ada.api.GET("/movies", { params: { query: { genre: "Western", year: 1962 } } }), 200);
    assert.ok(byGenre.items.some((m) => m.movieId === RIDGE));
    const shown = await movie(ada, HARBOUR);
    assert.deepEqual([shown.title, shown.year, shown.genres], ["Quokka Harbour", 1961, ["Drama"]]);
    await expectError(ada.api.GET("/movies/{movieId}", { params: { path: { movieId: 97199 } } }), 404, "not-found");
  });

  it("rates films; the rating trigger keeps each film's count, mean and histogram", async () => {
    assert.equal(
      (await expectStatus(ada.api.PUT("/me/ratings/{movieId}", { params: { path: { movieId: HARBOUR } }, body: { rating: 4.5 } }), 201))
        .rating,
      4.5,
    );
    await expectStatus(bob.api.PUT("/me/ratings/{movieId}", { params: { path: { movieId: HARBOUR } }, body: { rating: 3 } }), 201);
    const rated = await eventually(async () => {
      const m = await movie(ada, HARBOUR);
      return m.ratings.count === 2 ? m : undefined;
    }, "two ratings counted on the film");
    assert.equal(rated.ratings.mean, 3.75);
    const counted = Object.entries(rated.ratings.histogram ?? {}).filter(([, n]) => n > 0);
    assert.deepEqual(Object.fromEntries(counted), { "3": 1, "4.5": 1 });
    assert.equal(rated.me.rating, 4.5);

    // A changed rating replaces the old one (200), and the aggregate follows.
    await expectStatus(bob.api.PUT("/me/ratings/{movieId}", { params: { path: { movieId: HARBOUR } }, body: { rating: 5 } }), 200);
    await eventually(async () => ((await movie(ada, HARBOUR)).ratings.mean === 4.75 ? true : undefined), "the changed rating in the mean");
    const mine = await expectStatus(bob.api.GET("/me/ratings"), 200);
    assert.deepEqual(
      mine.items.map((r) => [r.movieId, r.rating]),
      [[HARBOUR, 5]],
    );

    await expectNoContent(bob.api.DELETE("/me/ratings/{movieId}", { params: { path: { movieId: HARBOUR } } }));
    const after = await eventually(async () => {
      const m = await movie(ada, HARBOUR);
      return m.ratings.count === 1 ? m : undefined;
    }, "the deleted rating out of the count");
    assert.equal(after.ratings.mean, 4.5);
    await expectError(
      bob.api.PUT("/me/ratings/{movieId}", { params: { path: { movieId: HARBOUR } }, body: { rating: 5.5 as 5 } }),
      400,
      "invalid-argument",
    );
  });

  it("keeps a watchlist and a diary; watching takes a film off the watchlist and the trigger counts it", async () => {
    const added = await expectStatus(
      ada.api.PUT("/me/watchlist/{movieId}", { params: { path: { movieId: SEQUEL } }, body: { note: "with Bob" } }),
      201,
    );
    assert.equal(added.note, "with Bob");
    await expectStatus(ada.api.PUT("/me/watchlist/{movieId}", { params: { path: { movieId: RIDGE } }, body: {} }), 201);
    assert.deepEqual((await expectStatus(ada.api.GET("/me/watchlist"), 200)).items.map((e) => e.movieId).sort(), [SEQUEL, RIDGE].sort());

    const watchedAt = "2026-01-02T20:00:00.000Z";
    const logged = await expectStatus(
      ada.api.PUT("/me/watched/{movieId}", { params: { path: { movieId: SEQUEL } }, body: { watchedAt } }),
      201,
    );
    assert.equal(logged.watchedAt, watchedAt);
    assert.deepEqual(
      (await expectStatus(ada.api.GET("/me/watchlist"), 200)).items.map((e) => e.movieId),
      [RIDGE],
    );
    assert.deepEqual(
      (await expectStatus(ada.api.GET("/me/watched"), 200)).items.map((e) => e.movieId),
      [SEQUEL],
    );
    const shown = await movie(ada, SEQUEL);
    assert.equal(shown.me.watched?.watchedAt, watchedAt);
    assert.equal(shown.me.watchlist, null);

    const profile = (p: Person) => expectStatus(p.api.GET("/users/{uid}", { params: { path: { uid: p.uid } } }), 200);
    await eventually(async () => ((await profile(ada)).counts.watched === 1 ? true : undefined), "the watched counter at 1");
    await expectNoContent(ada.api.DELETE("/me/watched/{movieId}", { params: { path: { movieId: SEQUEL } } }));
    await eventually(async () => ((await profile(ada)).counts.watched === 0 ? true : undefined), "the watched counter back at 0");
    await expectNoContent(ada.api.DELETE("/me/watchlist/{movieId}", { params: { path: { movieId: RIDGE } } }));
    assert.deepEqual((await expectStatus(ada.api.GET("/me/watchlist"), 200)).items, []);
  });
});
