import assert from "node:assert/strict";
import { Recommender } from "./serving";
import { syntheticRatings } from "./testing";
import { train } from "./train";
import { TINY_HYPER_PARAMS } from "./train.spec";
import type { ModelWeights } from "./weights";

describe("Recommender (serving)", function () {
  this.timeout(30000);
  let model: Recommender;
  let weights: ModelWeights;
  // 4 taste groups over 80 films: group g likes films g*20+1 .. g*20+20.
  const groupOf = (movieId: number) => Math.floor((movieId - 1) / 20);
  before(async () => {
    const ratings = syntheticRatings({ users: 40, movies: 80, perUser: 10, groups: 4, seed: 1 });
    weights = (await train(ratings, { hyperParams: TINY_HYPER_PARAMS })).weights;
    model = new Recommender(weights);
  });

  describe("recommend", () => {
    it("never returns a film the user rated in training or one excluded, and explains each pick", () => {
      const rated = new Set(model.trainingRatings("u1").map((r) => r.movieId));
      const list = model.recommend("u1", { k: 5, exclude: [12, 13] });
      assert.equal(list.source, "model");
      assert.equal(list.items.length, 5);
      for (const r of list.items) {
        assert.ok(!rated.has(r.movieId) && r.movieId !== 12 && r.movieId !== 13);
        assert.ok(r.becauseYouLiked !== undefined && rated.has(r.becauseYouLiked));
        assert.ok(r.predictedRating >= 0.5 && r.predictedRating <= 5);
      }
      // Tiny noisy data: most (not all) picks come from the user's taste group.
      assert.ok(list.items.filter((r) => groupOf(r.movieId) === 1).length >= 3, JSON.stringify(list.items));
    });

    it("uses the trained vectors when the current ratings equal the training ones", () => {
      const current = model.trainingRatings("u2");
      assert.equal(model.recommend("u2", { k: 3, currentRatings: current }).source, "model");
    });

    it("folds in an unknown user from their ratings, and the list follows the ratings", () => {
      const likesGroup = (g: number) => [1, 2, 3, 4].map((j) => ({ movieId: g * 20 + j, rating: 5 }));
      const a = model.recommend("new-user", { k: 4, currentRatings: likesGroup(2) });
      assert.equal(a.source, "fold-in");
      assert.ok(a.items.filter((r) => groupOf(r.movieId) === 2).length >= 3, JSON.stringify(a.items));
      const b = model.recommend("new-user", { k: 4, currentRatings: likesGroup(3) });
      assert.ok(b.items.filter((r) => groupOf(r.movieId) === 3).length >= 3, JSON.stringify(b.items));
      assert.ok(a.items.every((r) => r.becauseYouLiked !== undefined && groupOf(r.becauseYouLiked) === 2));
    });

    it("folds in a known user whose ratings changed, excluding the newly rated films", () => {
      const trained = model.trainingRatings("u0");
      const fresh = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].find((m) => !trained.some((r) => r.movieId === m))!;
      const list = model.recommend("u0", { k: 5, currentRatings: [...trained, { movieId: fresh, rating: 4 }] });
      assert.equal(list.source, "fold-in");
      assert.ok(list.items.every((r) => r.movieId !== fresh));
    });

    it("falls back to cold start without ratings, restricted to favourite genres", () => {
      const movieGenres = new Map<number, string[]>();
      for (let m = 1; m <= 80; m++) movieGenres.set(m, [m % 2 === 0 ? "Drama" : "Comedy"]);
      const list = model.recommend(undefined, { k: 6, currentRatings: [], genres: ["drama"], movieGenres });
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

  it("ranks with the factor head alone for a model saved without the item-item part", () => {
    const factorOnly = new Recommender({ ...weights, itemItem: undefined });
    const rated = new Set(factorOnly.trainingRatings("u1").map((r) => r.movieId));
    const list = factorOnly.recommend("u1", { k: 5 });
    assert.equal(list.items.length, 5);
    assert.ok(list.items.every((r) => !rated.has(r.movieId) && r.becauseYouLiked !== undefined && rated.has(r.becauseYouLiked)));
    assert.ok(list.items.filter((r) => groupOf(r.movieId) === 1).length >= 3, JSON.stringify(list.items));
  });

  it("finds similar films by item factors, never the film itself", () => {
    const similar = model.similar(41, 5);
    assert.equal(similar.length, 5);
    assert.ok(similar.every((s) => s.movieId !== 41));
    assert.equal(groupOf(similar[0]!.movieId), 2, JSON.stringify(similar));
    assert.deepEqual(model.similar(999, 5), []);
  });

  describe("group", () => {
    it("excludes films any member rated and vetoes films a member would hate", () => {
      const members = [{ userId: "u0" }, { userId: "u1" }];
      const rated = new Set([...model.trainingRatings("u0"), ...model.trainingRatings("u1")].map((r) => r.movieId));
      const picks = model.group(members, { k: 5, miseryThreshold: 2.5 });
      assert.ok(picks.length > 0);
      for (const p of picks) {
        assert.ok(!rated.has(p.movieId));
        assert.equal(p.predictedRatings.length, 2);
        assert.ok(p.predictedRatings.every((x) => x >= 2.5));
      }
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
    it("predicts higher for a film of the user's taste", () => {
      assert.ok(model.predict("u0", 3) > model.predict("u0", 63));
    });

    it("falls back for unknown users and films instead of failing", () => {
      const unknownUser = model.predict("nobody", 3);
      const unknownFilm = model.predict("u0", 12345);
      const both = model.predict("nobody", 12345);
      for (const x of [unknownUser, unknownFilm, both]) assert.ok(x >= 0.5 && x <= 5);
      const folded = model.predict("nobody", 3, [
        { movieId: 1, rating: 5 },
        { movieId: 2, rating: 5 },
      ]);
      assert.ok(folded >= 0.5 && folded <= 5);
    });
  });
});
