import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { MovieScan } from "../movies/movies.repository";
import type { StoredMovie } from "../movies/movies.schema";
import { DeckBuilder, interleave, passesFilters, tasteOrder } from "./nights.deck";
import { NIGHTS_COMPOSITE_INDEXES } from "./nights.repository";
import { CODE_ALPHABET, type StoredNight, type StoredSwipe, createNightBodySchema, joinBodySchema } from "./nights.schema";
import { likesNeeded, matchFor, newJoinCode } from "./nights.service";

const at = new Date(0);
const night = (over: Partial<StoredNight> = {}): StoredNight => ({
  name: "Friday",
  hostUid: "a",
  memberUids: ["a", "b", "c", "d"],
  invitedUids: [],
  state: "started",
  code: null,
  rule: { kind: "unanimous" },
  deckSize: 10,
  endOnFirstMatch: false,
  filters: { genres: [], yearFrom: null, yearTo: null },
  deck: [1, 2, 3],
  matches: [],
  watched: [],
  progress: {},
  createdAt: at,
  startedAt: at,
  closedAt: null,
  closedReason: null,
  lastActivityAt: at,
  crewId: null,
  startsAt: null,
  answers: {},
  remindedAt: null,
  ...over,
});
const likes = (movieId: number, ...uids: string[]): StoredSwipe[] => uids.map((uid) => ({ uid, movieId, liked: true, swipedAt: at }));

describe("NightsService rules", () => {
  describe("likesNeeded", () => {
    it("asks every member for unanimous, more than half for majority, k for atLeast", () => {
      assert.deepEqual(
        [
          likesNeeded({ kind: "unanimous" }, 4),
          likesNeeded({ kind: "majority" }, 4),
          likesNeeded({ kind: "majority" }, 5),
          likesNeeded({ kind: "atLeast", k: 2 }, 4),
        ],
        [4, 3, 3, 2],
      );
    });
  });

  describe("matchFor", () => {
    it("matches when the rule is met by current members' likes", () => {
      assert.equal(matchFor(night(), 1, likes(1, "a", "b", "c", "d")), 4);
      assert.equal(matchFor(night(), 1, likes(1, "a", "b", "c")), undefined);
      assert.equal(matchFor(night({ rule: { kind: "majority" } }), 1, likes(1, "a", "b", "c")), 3);
      assert.equal(matchFor(night({ rule: { kind: "atLeast", k: 2 } }), 1, likes(1, "a", "b")), 2);
    });

    it("ignores passes, former members, films outside the deck, matched films and rooms not started", () => {
      const passes: StoredSwipe[] = [...likes(1, "a", "b", "c"), { uid: "d", movieId: 1, liked: false, swipedAt: at }];
      assert.equal(matchFor(night(), 1, passes), undefined);
      assert.equal(matchFor(night({ rule: { kind: "atLeast", k: 2 } }), 1, likes(1, "a", "gone")), undefined);
      assert.equal(matchFor(night(), 9, likes(9, "a", "b", "c", "d")), undefined);
      assert.equal(matchFor(night({ matches: [{ movieId: 1, likes: 4, matchedAt: at }] }), 1, likes(1, "a", "b", "c", "d")), undefined);
      assert.equal(matchFor(night({ state: "closed" }), 1, likes(1, "a", "b", "c", "d")), undefined);
    });
  });

  describe("join codes", () => {
    it("draws 6 characters without 0, O, 1, I or L, and accepts them typed in lower case", () => {
      for (let i = 0; i < 200; i++) {
        const code = newJoinCode();
        assert.match(code, /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/);
      }
      assert.ok(!/[01OIL]/.test(CODE_ALPHABET));
      assert.equal(joinBodySchema.parse({ code: " ab2cd3 " }).code, "AB2CD3");
      assert.equal(joinBodySchema.safeParse({ code: "ABCDE0" }).success, false);
    });
  });

  describe("createNightBodySchema", () => {
    it("fills defaults and refuses bad rules and filters", () => {
      const parsed = createNightBodySchema.parse({ name: " Friday ", matchRule: { kind: "majority" } });
      assert.deepEqual([parsed.name, parsed.deckSize, parsed.endOnFirstMatch], ["Friday", 30, false]);
      for (const bad of [
        { name: "x", matchRule: { kind: "atLeast" } },
        { name: "x", matchRule: { kind: "atLeast", k: 0 } },
        { name: "x", matchRule: { kind: "sometimes" } },
        { name: "", matchRule: { kind: "majority" } },
        { name: "x", matchRule: { kind: "majority" }, deckSize: 1000 },
        { name: "x", matchRule: { kind: "majority" }, filters: { yearFrom: 2000, yearTo: 1990 } },
        { name: "x", matchRule: { kind: "majority" }, extra: true },
      ]) {
        assert.equal(createNightBodySchema.safeParse(bad).success, false, JSON.stringify(bad));
      }
    });
  });
});

describe("DeckBuilder", () => {
  const film = (movieId: number, genres: string[], year: number | null): StoredMovie => ({
    movieId,
    title: `Film ${movieId}`,
    year,
    genres,
    imdbId: null,
    tmdbId: null,
    searchPrefixes: [],
    ratingCount: 100 - movieId,
    ratingSum: 0,
    ratingMean: null,
    ratingScore: 0,
    histogram: {},
  });
  const catalogue = new Map<number, StoredMovie>(
    Array.from({ length: 40 }, (_, i) => film(i + 1, i % 2 === 0 ? ["Drama"] : ["Comedy"], 1990 + i)).map((m) => [m.movieId, m]),
  );
  const movies = {
    getMany: async (ids: readonly number[]) => new Map(ids.flatMap((id) => (catalogue.has(id) ? [[id, catalogue.get(id)!] as const] : []))),
    scan: async (scan: MovieScan, after: { values: Array<string | number | null>; id: string } | undefined, limit: number) => {
      const all = [...catalogue.values()].filter(
        (m) => (!scan.genre || m.genres.includes(scan.genre)) && (scan.year === undefined || m.year === scan.year),
      );
      const from = after ? Number(after.id) : 0;
      const page = all.slice(from, from + limit);
      return { movies: page, next: from + limit < all.length ? { values: [], id: String(from + limit) } : undefined };
    },
  };
  const library: Record<string, { watched: number[]; watchlist: number[]; rated: number[] }> = {
    a: { watched: [1, 7], watchlist: [20, 21], rated: [3] },
    b: { watched: [], watchlist: [21, 22, 7], rated: [] },
  };
  const films = {
    allWatched: async (uid: string) => library[uid]!.watched.map((movieId) => ({ movieId })),
    allWatchlist: async (uid: string) => library[uid]!.watchlist.map((movieId) => ({ movieId })),
    listAllByUser: async (uid: string) => library[uid]!.rated.map((movieId) => ({ movieId })),
  };
  const ranker = {
    rankForMembers: async (_m: readonly string[], k: number, exclude?: ReadonlySet<number>) =>
      [5, 1, 2, 3, 4, 6, 8, 9].filter((id) => !exclude?.has(id)).slice(0, k),
  };

  it("mixes the ranking with watchlists (shared ones first) and never includes a film a member watched or rated", async () => {
    const deck = await new DeckBuilder(ranker, films, movies).build(["a", "b"], { genres: [], yearFrom: null, yearTo: null }, 9);
    assert.deepEqual(deck, [5, 2, 21, 4, 6, 20, 8, 9, 22]);
    assert.ok(![1, 3, 7].some((id) => deck.includes(id)));
  });

  it("leaves a crew's vetoed films out and leans towards the genres of films it watched together and liked", async () => {
    const all = { genres: [], yearFrom: null, yearTo: null };
    const builder = new DeckBuilder(ranker, films, movies);
    const plain = await builder.build(["a", "b"], all, 8);
    assert.ok(plain.includes(5));
    const vetoed = await builder.build(["a", "b"], all, 8, { vetoed: [5], liked: [] });
    assert.ok(!vetoed.includes(5));
    // Odd ids are dramas, even ones comedies: a crew that liked two comedies gets more comedy.
    const comedy = (deck: number[]) => deck.filter((id) => catalogue.get(id)!.genres.includes("Comedy")).length;
    const leaning = await builder.build(["a", "b"], all, 8, { vetoed: [], liked: [12, 14] });
    assert.equal(leaning.length, 8);
    assert.ok(comedy(leaning) > comedy(plain), `${comedy(leaning)} comedies against ${comedy(plain)}`);
    assert.ok(![1, 3, 7].some((id) => leaning.includes(id)));
  });

  it("orders candidates by place, moved up by their best genre's share of the liked films", () => {
    const genres: Record<number, string[]> = { 1: ["Drama"], 2: ["Drama"], 3: ["Sci-Fi"], 4: ["Sci-Fi", "Drama"] };
    assert.deepEqual(
      tasteOrder([1, 2, 3, 4], (id) => genres[id]!, [["Sci-Fi"], ["Sci-Fi", "Horror"]]),
      [1, 3, 2, 4],
    );
    assert.deepEqual(
      tasteOrder([1, 2, 3], (id) => genres[id]!, []),
      [1, 2, 3],
    );
  });

  it("applies genre and year filters to every source and tops up from the catalogue", async () => {
    const filters = { genres: ["Drama"], yearFrom: 1992, yearTo: 2020 };
    const deck = await new DeckBuilder(ranker, films, movies).build(["a", "b"], filters, 8);
    assert.equal(deck.length, 8);
    assert.equal(new Set(deck).size, 8);
    for (const id of deck) assert.ok(passesFilters(catalogue.get(id)!, filters) && ![1, 3, 7].includes(id), String(id));
  });

  it("interleaves one watchlist film in three and fills from either list when the other runs out", () => {
    assert.deepEqual(interleave([1, 2, 3, 4], [9, 8], 6), [1, 2, 9, 3, 4, 8]);
    assert.deepEqual(interleave([], [9, 8], 5), [9, 8]);
    assert.deepEqual(interleave([1, 9], [9], 5), [1, 9]);
  });
});

// The emulator never asks for indexes; production refuses a query without one. This keeps them in step.
describe("movie night queries and firestore.indexes.json", () => {
  const file = JSON.parse(readFileSync(path.resolve(__dirname, "../../../../firestore.indexes.json"), "utf8")) as {
    indexes: Array<{ collectionGroup: string; queryScope: string; fields: Array<{ fieldPath: string; order?: string }> }>;
  };
  for (const wanted of NIGHTS_COMPOSITE_INDEXES) {
    it(`has the composite index ${wanted.collectionGroup}(${wanted.fields.join(",")})`, () => {
      assert.ok(
        file.indexes.some(
          (i) =>
            i.collectionGroup === wanted.collectionGroup &&
            i.queryScope === "COLLECTION" &&
            i.fields.map((f) => `${f.fieldPath}:${f.order}`).join(",") === wanted.fields.join(","),
        ),
      );
    });
  }
});
