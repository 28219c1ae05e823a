import assert from "node:assert/strict";
import { aggregateDelta, isEmptyDelta, ratingScore, sumShards, toAggregates } from "./rating-aggregates";

describe("rating aggregates", () => {
  it("counts a new rating", () => {
    assert.deepEqual(aggregateDelta({ after: 4.5 }), { count: 1, sum: 4.5, histogram: { r45: 1 } });
  });

  it("moves a changed rating between histogram buckets without changing the count", () => {
    assert.deepEqual(aggregateDelta({ before: 2, after: 5 }), { count: 0, sum: 3, histogram: { r20: -1, r50: 1 } });
  });

  it("removes a deleted rating", () => {
    assert.deepEqual(aggregateDelta({ before: 3 }), { count: -1, sum: -3, histogram: { r30: -1 } });
  });

  it("changes nothing when the value is the same", () => {
    assert.ok(isEmptyDelta(aggregateDelta({ before: 3, after: 3 })));
  });

  it("sums shards, including negative ones, into API totals", () => {
    const total = sumShards([
      aggregateDelta({ after: 4 }),
      aggregateDelta({ after: 5 }),
      aggregateDelta({ before: 4 }),
      aggregateDelta({ after: 3 }),
    ]);
    const api = toAggregates(total);
    assert.equal(api.count, 2);
    assert.equal(api.mean, 4);
    assert.equal(api.histogram["5"], 1);
    assert.equal(api.histogram["3"], 1);
    assert.equal(api.histogram["4"], 0);
    assert.equal(Object.keys(api.histogram).length, 10);
  });

  it("ranks a film with many good votes above one with a single perfect vote", () => {
    assert.ok(ratingScore(200, 200 * 4.4) > ratingScore(1, 5));
  });
});
