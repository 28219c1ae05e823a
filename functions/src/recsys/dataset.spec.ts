import assert from "node:assert/strict";
import { buildDataset, dedupeRatings, IdMap, splitPerUser, splitRandom } from "./dataset";
import type { Rating } from "./ratings";
import { syntheticRatings } from "./testing";

describe("recsys dataset", () => {
  it("IdMap gives dense indices in first-seen order and maps back", () => {
    const map = IdMap.from<number>([30, 10, 30, 20]);
    assert.equal(map.size, 3);
    assert.deepEqual([map.get(30), map.get(10), map.get(20), map.get(99)], [0, 1, 2, undefined]);
    assert.equal(map.key(2), 20);
    assert.throws(() => map.key(3));
  });

  it("buildDataset encodes ratings as parallel arrays", () => {
    const d = buildDataset([
      { userId: "a", movieId: 5, rating: 4 },
      { userId: "b", movieId: 5, rating: 2 },
      { userId: "a", movieId: 7, rating: 3.5 },
    ]);
    assert.deepEqual([...d.userIdx], [0, 1, 0]);
    assert.deepEqual([...d.itemIdx], [0, 0, 1]);
    assert.deepEqual([...d.rating], [4, 2, 3.5]);
  });

  it("dedupeRatings keeps the last rating of a pair", () => {
    const out = dedupeRatings([
      { userId: "a", movieId: 1, rating: 1 },
      { userId: "a", movieId: 1, rating: 5 },
    ]);
    assert.deepEqual(out, [{ userId: "a", movieId: 1, rating: 5 }]);
  });

  describe("splitPerUser", () => {
    const ratings = syntheticRatings({ users: 30, movies: 80, perUser: 21, seed: 3 });
    const split = splitPerUser(ratings, 0.25, 42);
    const count = (rs: Rating[], u: string) => rs.filter((r) => r.userId === u).length;

    it("puts round(n * fraction) of every user's ratings in test and the rest in train", () => {
      for (let u = 0; u < 30; u++) {
        assert.equal(count(split.test, `u${u}`), 5);
        assert.equal(count(split.train, `u${u}`), 16);
      }
    });

    it("partitions the ratings (nothing lost or duplicated)", () => {
      const key = (r: Rating) => `${r.userId}/${r.movieId}`;
      const all = [...split.train, ...split.test].map(key).sort();
      assert.deepEqual(all, ratings.map(key).sort());
    });

    it("is deterministic for a seed and differs between seeds", () => {
      assert.deepEqual(splitPerUser(ratings, 0.25, 42), split);
      assert.notDeepEqual(splitPerUser(ratings, 0.25, 43).test, split.test);
    });

    it("keeps a user's only rating in train", () => {
      const s = splitPerUser([{ userId: "x", movieId: 1, rating: 3 }], 0.5, 1);
      assert.equal(s.train.length, 1);
    });
  });

  it("splitRandom cuts a seeded shuffle", () => {
    const ratings = syntheticRatings({ users: 10, movies: 50, perUser: 10 });
    const s = splitRandom(ratings, 0.1, 42);
    assert.equal(s.test.length, 10);
    assert.equal(s.train.length, 90);
    assert.deepEqual(splitRandom(ratings, 0.1, 42), s);
    assert.throws(() => splitRandom(ratings, 1, 42), /test fraction/);
  });
});
