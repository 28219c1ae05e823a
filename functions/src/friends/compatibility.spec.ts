import assert from "node:assert/strict";
import { compareTastes, confidenceOf } from "./compatibility.service";

const ratings = (entries: Array<[number, number]>) => new Map(entries);

describe("compareTastes", () => {
  it("has no score without a film in common", () => {
    const result = compareTastes(ratings([[1, 5]]), ratings([[2, 5]]));
    assert.deepEqual([result.score, result.common], [null, 0]);
  });

  it("scores people who order many films alike near 100, opposite tastes near 0", () => {
    const films = Array.from({ length: 60 }, (_, i) => i + 1);
    const mine = ratings(films.map((f) => [f, 1 + (f % 5)]));
    const same = ratings(films.map((f) => [f, 1 + (f % 5)]));
    const opposite = ratings(films.map((f) => [f, 5 - (f % 5)]));
    assert.ok(compareTastes(mine, same).score! >= 90);
    assert.ok(compareTastes(mine, opposite).score! <= 10);
  });

  it("matches a generous and a harsh rater who order films alike (ratings centred on each person's mean)", () => {
    const films = Array.from({ length: 40 }, (_, i) => i + 1);
    const generous = ratings(films.map((f) => [f, f % 2 === 0 ? 5 : 4]));
    const harsh = ratings(films.map((f) => [f, f % 2 === 0 ? 2.5 : 1.5]));
    assert.ok(compareTastes(generous, harsh).score! >= 75);
  });

  it("stays near 50 with few films in common, and moves away as evidence grows", () => {
    const agreeing = (n: number) => {
      const films = Array.from({ length: n }, (_, i) => i + 1);
      return compareTastes(ratings(films.map((f) => [f, f % 2 ? 5 : 1])), ratings(films.map((f) => [f, f % 2 ? 5 : 1]))).score!;
    };
    assert.ok(agreeing(2) <= 60);
    assert.ok(agreeing(2) < agreeing(10));
    assert.ok(agreeing(10) < agreeing(100));
    assert.ok(agreeing(100) <= 100);
  });

  it("gives 50 when either person rated every common film at their own mean", () => {
    assert.equal(
      compareTastes(
        ratings([
          [1, 3],
          [2, 3],
        ]),
        ratings([
          [1, 5],
          [2, 1],
        ]),
      ).score,
      50,
    );
  });

  it("lists films both loved, the most loved first", () => {
    const result = compareTastes(
      ratings([
        [1, 4],
        [2, 5],
        [3, 5],
        [4, 2],
        [5, 4.5],
      ]),
      ratings([
        [1, 4],
        [2, 5],
        [3, 3],
        [4, 5],
        [5, 5],
      ]),
    );
    assert.deepEqual(
      result.loved.map((l) => l.movieId),
      [2, 5, 1],
    );
  });

  it("grades confidence by films in common", () => {
    assert.deepEqual([0, 1, 5, 19, 20].map(confidenceOf), ["none", "low", "medium", "medium", "high"]);
  });
});
