import assert from "node:assert/strict";
import type { Express } from "express";
import request from "supertest";
import { appDb, resetFirestore, verifierDb } from "../helpers/emulators";
import { bearer, makeTestApp, registerUser, type RegisteredUser } from "../helpers/accounts";
import { seedTestCatalogue } from "../helpers/catalogue-fixtures";

/** Every page of a list, following nextCursor to the end. */
async function allPages(app: Express, token: string, path: string, limit: number) {
  const items: Array<Record<string, unknown>> = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const res = await request(app)
      .get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`)
      .set("Authorization", bearer(token))
      .expect(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
    pages++;
    assert.ok(pages < 100, "pagination does not end");
  } while (cursor);
  return { items, pages };
}

describe("catalogue (Firestore emulator)", () => {
  let app: Express;
  let alice: RegisteredUser;

  before(async () => {
    await resetFirestore();
    app = makeTestApp(appDb());
    await seedTestCatalogue(appDb());
    alice = await registerUser(app);
  });

  const get = (path: string, user: RegisteredUser = alice) => request(app).get(path).set("Authorization", bearer(user.accessToken));

  describe("GET /v1/movies", () => {
    it("needs a signed-in caller", async () => {
      const res = await request(app).get("/v1/movies").expect(401);
      assert.equal(res.body.error.code, "unauthenticated");
    });

    it("finds titles ignoring case and accents", async () => {
      const res = await get("/v1/movies?q=AMELIE").expect(200);
      assert.deepEqual(
        res.body.items.map((m: { movieId: number }) => m.movieId),
        [9001],
      );
      const leon = await get(`/v1/movies?q=${encodeURIComponent("leon")}`).expect(200);
      assert.deepEqual(
        leon.body.items.map((m: { title: string }) => m.title),
        ["Léon: The Professional"],
      );
    });

    it("matches word prefixes in any order", async () => {
      const res = await get("/v1/movies?q=king%20lord").expect(200);
      assert.deepEqual(
        res.body.items.map((m: { movieId: number }) => m.movieId),
        [9003],
      );
      const rings = await get("/v1/movies?q=rin%20th").expect(200);
      assert.deepEqual(rings.body.items.map((m: { movieId: number }) => m.movieId).sort(), [9002, 9003]);
      const alien = await get("/v1/movies?q=alien").expect(200);
      assert.deepEqual(alien.body.items.map((m: { movieId: number }) => m.movieId).sort(), [9006, 9007]);
    });

    it("filters by genre and year, also combined with a search", async () => {
      const horror = await get("/v1/movies?genre=Horror").expect(200);
      assert.deepEqual(horror.body.items.map((m: { movieId: number }) => m.movieId).sort(), [9006, 9007]);
      const y1986 = await get("/v1/movies?year=1986").expect(200);
      assert.deepEqual(
        y1986.body.items.map((m: { movieId: number }) => m.movieId),
        [9007],
      );
      const toyComedy = await get("/v1/movies?q=toy&genre=Comedy&year=1999").expect(200);
      assert.deepEqual(
        toyComedy.body.items.map((m: { movieId: number }) => m.movieId),
        [9005],
      );
      const toyHorror = await get("/v1/movies?q=toy&genre=Horror").expect(200);
      assert.deepEqual(toyHorror.body.items, []);
    });

    it("pages through the whole catalogue without gaps or repeats", async () => {
      const { items, pages } = await allPages(app, alice.accessToken, "/v1/movies?sort=rating", 7);
      const ids = items.map((m) => m.movieId);
      assert.equal(ids.length, 30);
      assert.equal(new Set(ids).size, 30);
      assert.equal(pages, 5);
    });

    it("pages through a filtered search to its end", async () => {
      const { items } = await allPages(app, alice.accessToken, "/v1/movies?q=filler&genre=Drama", 4);
      assert.equal(items.length, 11);
      assert.ok(items.every((m) => (m.genres as string[]).includes("Drama")));
    });

    for (const [query, field] of [
      ["limit=0", "limit"],
      ["limit=101", "limit"],
      ["genre=Jazz", "genre"],
      ["year=abc", "year"],
      ["sort=loudest", "sort"],
      ["cursor=forged-cursor", "cursor"],
    ]) {
      it(`answers ${query} with 400 naming ${field}`, async () => {
        const res = await get(`/v1/movies?${query}`).expect(400);
        assert.equal(res.body.error.code, "invalid-argument");
        assert.ok(
          res.body.error.details.some((d: { path: string }) => d.path === field),
          JSON.stringify(res.body),
        );
      });
    }

    it("refuses a well-formed cursor with values of the wrong type (400, not 500)", async () => {
      const forged = Buffer.from(JSON.stringify({ k: "movies:popularity::::", v: ["x"], id: "a/b" })).toString("base64url");
      assert.equal((await get(`/v1/movies?cursor=${forged}`).expect(400)).body.error.code, "invalid-argument");
      const ratings = Buffer.from(JSON.stringify({ k: "ratings", v: ["soon"], id: "x" })).toString("base64url");
      assert.equal((await get(`/v1/me/ratings?cursor=${ratings}`).expect(400)).body.error.code, "invalid-argument");
    });

    it("refuses a cursor of another list", async () => {
      const first = await get("/v1/movies?sort=popularity&limit=2").expect(200);
      const res = await get(`/v1/movies?sort=rating&limit=2&cursor=${first.body.nextCursor}`).expect(400);
      assert.equal(res.body.error.code, "invalid-argument");
    });
  });

  describe("GET /v1/movies/{movieId}", () => {
    it("shows the film with aggregates and the caller's state", async () => {
      const res = await get("/v1/movies/9004").expect(200);
      assert.equal(res.body.title, "Toy Story");
      assert.deepEqual(res.body.externalIds, { imdb: "tt0114709", tmdb: 862 });
      assert.equal(res.body.ratings.count, 0);
      assert.equal(Object.keys(res.body.ratings.histogram).length, 10);
      assert.deepEqual(res.body.me, { rating: null, watched: null, watchlist: null });
      assert.equal(res.body.details, null);
    });

    it("answers an unknown film with 404 and a malformed id with 400", async () => {
      assert.equal((await get("/v1/movies/424242").expect(404)).body.error.code, "not-found");
      assert.equal((await get("/v1/movies/abc").expect(400)).body.error.code, "invalid-argument");
      assert.equal((await get("/v1/movies/0").expect(400)).body.error.code, "invalid-argument");
    });
  });

  describe("ratings", () => {
    const put = (movieId: number | string, body: unknown, user: RegisteredUser = alice) =>
      request(app)
        .put(`/v1/me/ratings/${movieId}`)
        .set("Authorization", bearer(user.accessToken))
        .send(body as object);

    it("creates (201), replaces (200) and shows the rating on the film", async () => {
      const created = await put(9006, { rating: 4.5 }).expect(201);
      assert.equal(created.body.rating, 4.5);
      const replaced = await put(9006, { rating: 3 }).expect(200);
      assert.equal(replaced.body.createdAt, created.body.createdAt);
      const stored = await verifierDb().doc(`ratings/${alice.uid}_9006`).get();
      assert.equal(stored.get("rating"), 3);
      assert.equal((await get("/v1/movies/9006").expect(200)).body.me.rating, 3);
    });

    for (const [label, body] of [
      ["0", { rating: 0 }],
      ["5.5", { rating: 5.5 }],
      ["3.3", { rating: 3.3 }],
      ['the string "4"', { rating: "4" }],
      ["a missing rating", {}],
      ["an unknown field", { rating: 4, stars: 4 }],
      ["null", { rating: null }],
    ] as const) {
      it(`answers ${label} with 400 and stores nothing`, async () => {
        const res = await put(9005, body).expect(400);
        assert.equal(res.body.error.code, "invalid-argument");
        assert.equal((await verifierDb().doc(`ratings/${alice.uid}_9005`).get()).exists, false);
      });
    }

    it("answers a rating of an unknown film with 404 and stores nothing", async () => {
      const res = await put(424242, { rating: 4 }).expect(404);
      assert.equal(res.body.error.code, "not-found");
      assert.equal((await verifierDb().doc(`ratings/${alice.uid}_424242`).get()).exists, false);
    });

    it("needs a signed-in caller", async () => {
      await request(app).put("/v1/me/ratings/9005").send({ rating: 4 }).expect(401);
      await request(app).put("/v1/me/ratings/9005").set("Authorization", "Bearer not.a.token").send({ rating: 4 }).expect(401);
    });

    it("lists the caller's ratings newest first, to the end, and only theirs", async () => {
      const bob = await registerUser(app);
      for (const id of [9100, 9101, 9102, 9103, 9104]) await put(id, { rating: 4 }, bob).expect(201);
      await put(9007, { rating: 2 }).expect(201);
      const { items } = await allPages(app, bob.accessToken, "/v1/me/ratings", 2);
      assert.deepEqual(
        items.map((r) => r.movieId),
        [9104, 9103, 9102, 9101, 9100],
      );
      const forged = await get("/v1/me/ratings?cursor=eyJrIjoicmF0aW5ncyJ9", bob).expect(400);
      assert.equal(forged.body.error.code, "invalid-argument");
    });

    it("deletes a rating (204), and deleting again is still 204", async () => {
      await put(9008, { rating: 5 }).expect(201);
      await request(app).delete("/v1/me/ratings/9008").set("Authorization", bearer(alice.accessToken)).expect(204);
      await request(app).delete("/v1/me/ratings/9008").set("Authorization", bearer(alice.accessToken)).expect(204);
      assert.equal((await verifierDb().doc(`ratings/${alice.uid}_9008`).get()).exists, false);
    });
  });

  describe("watched diary and watchlist", () => {
    const auth = (r: request.Test, user: RegisteredUser = alice) => r.set("Authorization", bearer(user.accessToken));

    it("adds to the watchlist with a note, and re-adding updates the note but not when it was added", async () => {
      const first = await auth(request(app).put("/v1/me/watchlist/9002")).send({ note: "with Sam" }).expect(201);
      const again = await auth(request(app).put("/v1/me/watchlist/9002")).send({ note: "with Frodo" }).expect(200);
      assert.equal(again.body.note, "with Frodo");
      assert.equal(again.body.addedAt, first.body.addedAt);
      const film = await get("/v1/movies/9002").expect(200);
      assert.equal(film.body.me.watchlist.note, "with Frodo");
    });

    it("accepts a note of 280 characters (emoji count as one) and refuses 281", async () => {
      await auth(request(app).put("/v1/me/watchlist/9003"))
        .send({ note: "🎬".repeat(280) })
        .expect(201);
      const res = await auth(request(app).put("/v1/me/watchlist/9004"))
        .send({ note: "x".repeat(281) })
        .expect(400);
      assert.equal(res.body.error.details[0].path, "note");
      assert.equal((await verifierDb().doc(`users/${alice.uid}/watchlist/9004`).get()).exists, false);
    });

    it("marking a film watched takes it off the watchlist and can rate it", async () => {
      await auth(request(app).put("/v1/me/watchlist/9100")).send({}).expect(201);
      const res = await auth(request(app).put("/v1/me/watched/9100")).send({ watchedAt: "2026-01-02T20:00:00Z", rating: 4 }).expect(201);
      assert.equal(res.body.watchedAt, "2026-01-02T20:00:00.000Z");
      assert.equal((await verifierDb().doc(`users/${alice.uid}/watchlist/9100`).get()).exists, false);
      assert.equal((await verifierDb().doc(`ratings/${alice.uid}_9100`).get()).get("rating"), 4);
      const film = await get("/v1/movies/9100").expect(200);
      assert.deepEqual(film.body.me, { rating: 4, watched: { watchedAt: "2026-01-02T20:00:00.000Z" }, watchlist: null });
    });

    for (const [label, body] of [
      ["a date in the future", { watchedAt: "2999-01-01T00:00:00Z" }],
      ["a malformed date", { watchedAt: "yesterday" }],
      ["a rating of 3.3", { rating: 3.3 }],
      ["an unknown field", { when: "now" }],
    ] as const) {
      it(`refuses a watched entry with ${label} and stores nothing`, async () => {
        const res = await auth(request(app).put("/v1/me/watched/9101")).send(body).expect(400);
        assert.equal(res.body.error.code, "invalid-argument");
        assert.equal((await verifierDb().doc(`users/${alice.uid}/watched/9101`).get()).exists, false);
      });
    }

    it("answers unknown films with 404 for both lists, and stores nothing", async () => {
      const lists = async () =>
        JSON.stringify(
          await Promise.all(
            ["watched", "watchlist"].map(async (l) =>
              (await verifierDb().collection(`users/${alice.uid}/${l}`).get()).docs.map((d) => [d.id, d.data()]),
            ),
          ),
        );
      const before = await lists();
      for (const res of [
        await auth(request(app).put("/v1/me/watched/424242")).send({}),
        await auth(request(app).put("/v1/me/watched/424242")).send({ rating: 4 }),
        await auth(request(app).put("/v1/me/watchlist/424242")).send({}),
        await auth(request(app).delete("/v1/me/watchlist/424242")),
      ]) {
        assert.equal(res.status, 404);
        assert.equal(res.body.error.code, "not-found");
      }
      assert.equal(await lists(), before);
      assert.equal((await verifierDb().doc(`ratings/${alice.uid}_424242`).get()).exists, false);
      assert.equal((await verifierDb().doc("movies/424242").get()).exists, false);
    });

    it("lists the diary newest watched first and the watchlist newest added first, to the end", async () => {
      const carol = await registerUser(app);
      const days = [3, 1, 4, 2];
      for (const [i, day] of days.entries()) {
        await auth(request(app).put(`/v1/me/watched/${9110 + i}`), carol)
          .send({ watchedAt: `2026-02-0${day}T12:00:00Z` })
          .expect(201);
      }
      const diary = await allPages(app, carol.accessToken, "/v1/me/watched", 3);
      assert.deepEqual(
        diary.items.map((w) => w.movieId),
        [9112, 9110, 9113, 9111],
      );
      for (const id of [9115, 9116, 9117])
        await auth(request(app).put(`/v1/me/watchlist/${id}`), carol)
          .send({})
          .expect(201);
      const list = await allPages(app, carol.accessToken, "/v1/me/watchlist", 2);
      assert.deepEqual(
        list.items.map((w) => w.movieId),
        [9117, 9116, 9115],
      );
      await auth(request(app).delete("/v1/me/watched/9112"), carol).expect(204);
      await auth(request(app).delete("/v1/me/watchlist/9116"), carol).expect(204);
      assert.equal((await allPages(app, carol.accessToken, "/v1/me/watched", 10)).items.length, 3);
      assert.equal((await allPages(app, carol.accessToken, "/v1/me/watchlist", 10)).items.length, 2);
    });
  });
});
