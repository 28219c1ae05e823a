import assert from "node:assert/strict";
import { mae, rankingScores, rmse, topK } from "./metrics";

describe("recsys metrics", () => {
  it("computes RMSE and MAE", () => {
    assert.equal(rmse([3, 5], [4, 3]), Math.sqrt((1 + 4) / 2));
    assert.equal(mae([3, 5], [4, 3]), 1.5);
  });

  it("computes precision, recall and NDCG at k by hand", () => {
    // Hits at ranks 1 and 3 of 3; 4 relevant items, so the ideal list has 3 hits.
    const s = rankingScores([1, 2, 3], new Set([1, 3, 8, 9]), 3);
    assert.equal(s.precision, 2 / 3);
    assert.equal(s.recall, 2 / 4);
    const dcg = 1 + 1 / Math.log2(4);
    const idcg = 1 + 1 / Math.log2(3) + 1 / Math.log2(4);
    assert.ok(Math.abs(s.ndcg - dcg / idcg) < 1e-12);
  });

  it("scores a perfect list as NDCG 1 even when shorter than k", () => {
    assert.equal(rankingScores([5], new Set([5]), 10).ndcg, 1);
    assert.equal(rankingScores([5], new Set([5]), 10).precision, 0.1);
  });

  it("topK returns the best indices first, skipping excluded ones, ties to the lower index", () => {
    assert.deepEqual(topK([0.1, 0.9, 0.5, 0.9, 0.3], 3), [1, 3, 2]);
    assert.deepEqual(
      topK([0.1, 0.9, 0.5, 0.9, 0.3], 2, (i) => i === 1),
      [3, 2],
    );
    assert.deepEqual(topK([1, 2], 5), [1, 0]);
  });
});
