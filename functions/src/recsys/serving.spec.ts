import assert from "node:assert/strict";
import type { Rating } from "./ratings";
import { Recommender, type UserRating } from "./serving";
import { syntheticRatings } from "./testing";
import type { ModelMetadata } from "./artifacts";
import { DEFAULT_HYPER_PARAMS, train, type HyperParams } from "./train";
import { TINY_HYPER_PARAMS } from "./train.spec";
import type { ModelWeights } from "./weights";

describe("Recommender (serving)", function () {
  this.timeout(30000);
  let model: Recommender;
  let weights: ModelWeights;
  let ratings: Rating[];
  // 4 taste groups over 80 films: group g likes films g*20+1 .. g*20+20.
  const groupOf = (movieId: number) => Math.floor((movieId - 1) / 20);
  const of = (userId: string): UserRating[] => ratings.filter((r) => r.userId === userId);
  before(async () => {
    // Film 500 is rated by one person only: no film can have 3 raters in common with it.
    ratings = [...syntheticRatings({ users: 40, movies: 80, perUser: 10, groups: 4, seed: 1 }), { userId: "u0", movieId: 500, rating: 4 }];
    weights = (await train(ratings, { hyperParams: TINY_HYPER_PARAMS })).weights;
    model = new Recommender(weights);
  });

  describe("recommend", () => {
    it("never returns a film the person rated or one excluded, and explains each pick with a liked film", () => {
      const current = of("u1");
      const rated = new Set(current.map((r) => r.movieId));
      const liked = new Set(current.filter((r) => r.rating >= 3.5).map((r) => r.movieId));
      const list = model.recommend({ k: 5, exclude: [12, 13], currentRatings: current });
      assert.equal(list.source, "fold-in");
      assert.equal(list.items.length, 5);
      for (const r of list.items) {
        assert.ok(!rated.has(r.movieId) && r.movieId !== 12 && r.movieId !== 13);
        assert.ok(r.becauseYouLiked !== undefined && liked.has(r.becauseYouLiked), JSON.stringify(r));
        assert.ok(r.predictedRating >= 0.5 && r.predictedRating <= 5);
      }
      // Tiny noisy data: most (not all) picks come from the person's taste group.
      assert.ok(list.items.filter((r) => groupOf(r.movieId) === 1).length >= 3, JSON.stringify(list.items));
    });

    it("folds in a new person from their ratings, and the list follows the ratings", () => {
      const likesGroup = (g: number) => [1, 2, 3, 4].map((j) => ({ movieId: g * 20 + j, rating: 5 }));
      const a = model.recommend({ k: 4, currentRatings: likesGroup(2) });
      assert.equal(a.source, "fold-in");
      assert.ok(a.items.filter((r) => groupOf(r.movieId) === 2).length >= 3, JSON.stringify(a.items));
      const b = model.recommend({ k: 4, currentRatings: likesGroup(3) });
      assert.ok(b.items.filter((r) => groupOf(r.movieId) === 3).length >= 3, JSON.stringify(b.items));
      assert.ok(a.items.every((r) => r.becauseYouLiked !== undefined && groupOf(r.becauseYouLiked) === 2));
    });

    it("never cites a film the person rated low, even when it is the most similar", () => {
      // Loves group 0 films, hates group 2 films: picks from group 2 (if any) must not cite the hated ones.
      const current = [...[1, 2, 3].map((movieId) => ({ movieId, rating: 5 })), ...[41, 42, 43].map((movieId) => ({ movieId, rating: 1 }))];
      const list = model.recommend({ k: 20, currentRatings: current });
      for (const r of list.items) assert.ok(r.becauseYouLiked === undefined || [1, 2, 3].includes(r.becauseYouLiked), JSON.stringify(r));
    });

    it("falls back to cold start without ratings, restricted to favourite genres", () => {
      const movieGenres = new Map<number, string[]>();
      for (let m = 1; m <= 80; m++) movieGenres.set(m, [m % 2 === 0 ? "Drama" : "Comedy"]);
      const list = model.recommend({ k: 6, currentRatings: [], genres: ["drama"], movieGenres });
      assert.equal(list.source, "cold-start");
      assert.equal(list.items.length, 6);
      assert.ok(list.items.every((r) => r.movieId % 2 === 0 && r.becauseYouLiked === undefined));
      const scores = list.items.map((r) => r.score);
      assert.deepEqual(
        scores,
        [...scores].sort((x, y) => y - x),
      );
    });
  });

  it("finds similar films among those rated by enough of the same people, never the film itself", () => {
    const similar = model.similar(41, 5);
    assert.equal(similar.length, 5);
    assert.ok(
      similar.every((s) => s.movieId !== 41 && s.support >= 3),
      JSON.stringify(similar),
    );
    assert.equal(groupOf(similar[0]!.movieId), 2, JSON.stringify(similar));
    const raters = (m: number) => new Set(ratings.filter((r) => r.movieId === m).map((r) => r.userId));
    for (const s of similar)
      assert.equal(s.support, [...raters(41)].filter((u) => raters(s.movieId).has(u)).length, "support = people who rated both");
    assert.deepEqual(
      similar.map((s) => s.similarity),
      [...similar.map((s) => s.similarity)].sort((a, b) => b - a),
    );
    assert.deepEqual(model.similar(999, 5), []);
  });

  it("gives no similar films for a film too few people rated (the caller falls back to content)", () => {
    assert.ok(model.hasMovie(500));
    assert.deepEqual(model.similar(500, 5), []);
    assert.ok(model.similar(500, 5, [], 1).length > 0, "with no support required, the rater's other films would come back");
  });

  describe("group", () => {
    it("excludes films any member rated and vetoes films a member would hate", () => {
      const members = [{ currentRatings: of("u0") }, { currentRatings: of("u1") }];
      const rated = new Set([...of("u0"), ...of("u1")].map((r) => r.movieId));
      const picks = model.group(members, { k: 5, miseryThreshold: 2.5 });
      assert.ok(picks.length > 0);
      for (const p of picks) {
        assert.ok(!rated.has(p.movieId));
        assert.equal(p.predictedRatings.length, 2);
        assert.ok(p.predictedRatings.every((x) => x >= 2.5));
      }
    });

    it("is never empty while unwatched films exist: a group-aware popular top-up when every pick is vetoed", () => {
      const members = [{ currentRatings: of("u0") }, { currentRatings: of("u1") }];
      const rated = new Set([...of("u0"), ...of("u1")].map((r) => r.movieId));
      // A threshold above 5 stars vetoes every film the model ranks.
      const picks = model.group(members, { k: 5, miseryThreshold: 5.5 });
      assert.equal(picks.length, 5);
      assert.ok(picks.every((p) => p.fallback === true && !rated.has(p.movieId)));
      const means = picks.map((p) => p.score);
      assert.deepEqual(
        means,
        [...means].sort((a, b) => b - a),
        "ordered by the members' mean predicted stars",
      );
    });

    it("prefers what everyone likes over what one member loves and another hates", () => {
      const fan = (g: number, extra: number) =>
        [1, 2, 3].map((j) => ({ movieId: g * 20 + j, rating: 5 })).concat([{ movieId: extra, rating: 5 }]);
      // Both like group 0; only the first likes group 3.
      const picks = model.group([{ currentRatings: fan(0, 61) }, { currentRatings: fan(0, 4) }], { k: 3, miseryThreshold: 0.5 });
      assert.equal(groupOf(picks[0]!.movieId), 0, JSON.stringify(picks));
    });
  });

  describe("predict", () => {
    it("predicts higher for a film of the person's taste", () => {
      assert.ok(model.predict(3, of("u0")) > model.predict(63, of("u0")));
    });

    it("falls back for new people and unknown films instead of failing", () => {
      const newPerson = model.predict(3, []);
      const unknownFilm = model.predict(12345, of("u0"));
      const both = model.predict(12345, []);
      for (const x of [newPerson, unknownFilm, both]) assert.ok(x >= 0.5 && x <= 5);
      assert.deepEqual(model.predictMany([3, 12345], of("u0")), [model.predict(3, of("u0")), unknownFilm]);
    });
  });
});

/**
 * The neighbourhood correction of predicted stars, on hand-made weights: four films whose ranking rows are
 * (1, 0), (1, 0), (0, 1) and (0.6, 0.8); no rating factors, film biases 0, global mean 3. A person who rated
 * film 11 at 5 and film 12 at 1 folds in with bias 0 (the two residuals cancel), residuals +2 and -2.
 */
describe("Recommender neighbourhood correction", () => {
  const weights: ModelWeights = {
    movieIds: [10, 11, 12, 13],
    rankFactors: 2,
    itemEmbedding: Float32Array.from([1, 0, 1, 0, 0, 1, 0.6, 0.8]),
    ratingFactors: 1,
    globalMean: 3,
    itemBias: new Float32Array(4),
    itemFactors: new Float32Array(4),
    itemCount: Int32Array.from([5, 5, 5, 5]),
    itemMean: Float32Array.from([3, 3, 3, 3]),
    neighbours: 0,
    neighbourItems: new Int32Array(0),
    neighbourSupport: new Int32Array(0),
  };
  const person: UserRating[] = [
    { movieId: 11, rating: 5 },
    { movieId: 12, rating: 1 },
  ];
  const withSettings = (hp: Partial<HyperParams>) =>
    new Recommender(weights, { hyperParams: { ...DEFAULT_HYPER_PARAMS, ...hp } } as unknown as ModelMetadata);
  const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-4, `${actual} vs ${expected}`);

  it("moves a prediction by the person's residuals on similar rated films, weighted by cosine^power and shrunk", () => {
    const model = withSettings({ knnNeighbours: 30, knnPower: 1.5, knnShrink: 0.5 });
    // Film 10 is film 11's twin (cosine 1) and unlike film 12 (cosine 0): 3 + 1 * 2 / (1 + 0.5).
    close(model.predict(10, person), 3 + 2 / 1.5);
    // Film 13 is like both: cosines 0.6 and 0.8.
    const w1 = 0.6 ** 1.5;
    const w2 = 0.8 ** 1.5;
    close(model.predict(13, person), 3 + (2 * w1 - 2 * w2) / (w1 + w2 + 0.5));
    // Only the most similar rated film counts when one neighbour is asked for.
    close(withSettings({ knnNeighbours: 1, knnPower: 1.5, knnShrink: 0.5 }).predict(13, person), 3 - (2 * w2) / (w2 + 0.5));
  });

  it("is off with 0 neighbours and absent from the biases-only baseline", () => {
    close(withSettings({ knnNeighbours: 0 }).predict(10, person), 3);
    close(withSettings({ knnNeighbours: 30 }).predictMany([10], person, { biasesOnly: true })[0]!, 3);
  });

  it("takes only part of the residual left by a single rating (shrunk fold-in, then shrunk correction)", () => {
    // One rating of 5 on film 11: the ridge bias takes 2 / (1 + 3) of the +2; the correction takes 1 / 1.5
    // of the residual left, so a twin film is predicted 4.5, not 5.
    const model = withSettings({ knnNeighbours: 30, knnPower: 1.5, knnShrink: 0.5, foldInBiasL2: 3 });
    const bias = 2 / (1 + 3 + 1e-6);
    close(model.predict(10, [{ movieId: 11, rating: 5 }]), 3 + bias + (2 - bias) / 1.5);
  });
});

/**
 * The dislike rule on a synthetic catalogue with genres: 40 horror films and 40 comedies, people who like
 * one or both. A person who rated 20 horror films at 1 or below and 10 comedies at 4 must get no horror;
 * one who rated the same horror films 5 and the same comedies 4 must get more horror, and the two top-20
 * lists may share at most 14 films.
 */
describe("Recommender dislikes (synthetic horror and comedy)", function () {
  this.timeout(60000);
  const HORROR = Array.from({ length: 40 }, (_, j) => j + 1);
  const COMEDY = Array.from({ length: 40 }, (_, j) => j + 101);
  let model: Recommender;
  before(async () => {
    // Three kinds of people: horror fans, comedy fans, and people who watch both; each rates 15 films.
    let seed = 11;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) as number;
    const ratings: Rating[] = [];
    for (let u = 0; u < 150; u++) {
      const kind = u % 3;
      const pool = kind === 0 ? HORROR : kind === 1 ? COMEDY : [...HORROR, ...COMEDY];
      const seen = new Set<number>();
      while (seen.size < 15) {
        const movieId = pool[Math.floor(next() ** 1.5 * pool.length)]!;
        if (seen.has(movieId)) continue;
        seen.add(movieId);
        ratings.push({ userId: `p${u}`, movieId, rating: 3.5 + Math.floor(next() * 4) / 2 });
      }
    }
    model = new Recommender((await train(ratings, { hyperParams: TINY_HYPER_PARAMS })).weights);
  });

  const horrorRated = HORROR.slice(0, 20);
  const comedyRated = COMEDY.slice(0, 10);
  const person = (horrorStars: number) => [
    ...horrorRated.map((movieId) => ({ movieId, rating: horrorStars })),
    ...comedyRated.map((movieId) => ({ movieId, rating: 4 })),
  ];

  it("gives no horror film to a person who rated 20 horror films at 1 or below and comedies at 4", () => {
    for (const stars of [0.5, 1]) {
      const top = model.recommend({ k: 20, currentRatings: person(stars) }).items;
      assert.equal(top.length, 20);
      assert.deepEqual(
        top.filter((r) => HORROR.includes(r.movieId)),
        [],
        `stars ${stars}`,
      );
      // Reasons cite only liked films (the comedies), never the horror rated low.
      for (const r of top) assert.ok(r.becauseYouLiked === undefined || comedyRated.includes(r.becauseYouLiked), JSON.stringify(r));
    }
  });

  it("cites only liked films, even for the films closest to the disliked ones", () => {
    const all = model.recommend({ k: 200, currentRatings: person(1) }).items;
    assert.ok(
      all.some((r) => HORROR.includes(r.movieId)),
      "the whole catalogue, horror included, is ranked",
    );
    for (const r of all) assert.ok(r.becauseYouLiked === undefined || comedyRated.includes(r.becauseYouLiked), JSON.stringify(r));
  });

  it("gives more horror when the same horror films were rated 5, with at most 14 films in common", () => {
    const low = model.recommend({ k: 20, currentRatings: person(1) }).items.map((r) => r.movieId);
    const high = model.recommend({ k: 20, currentRatings: person(5) }).items.map((r) => r.movieId);
    const horror = (list: number[]) => list.filter((m) => HORROR.includes(m)).length;
    assert.ok(horror(high) > horror(low), `${horror(high)} vs ${horror(low)}`);
    const common = high.filter((m) => low.includes(m)).length;
    assert.ok(common <= 14, `${common} in common`);
  });
});
