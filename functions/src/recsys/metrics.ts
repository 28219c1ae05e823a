/** Root mean squared error between parallel arrays. */
export function rmse(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < actual.length; i++) {
    const d = (predicted[i] as number) - (actual[i] as number);
    s += d * d;
  }
  return actual.length === 0 ? 0 : Math.sqrt(s / actual.length);
}

/** Mean absolute error between parallel arrays. */
export function mae(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += Math.abs((predicted[i] as number) - (actual[i] as number));
  return actual.length === 0 ? 0 : s / actual.length;
}

/** Ranking quality of one top-k list against a set of relevant items (binary relevance). */
export interface RankingScores {
  precision: number;
  recall: number;
  ndcg: number;
}

/**
 * precision@k = hits/k; recall@k = hits/|relevant|; NDCG@k = DCG/IDCG with gain 1/log2(rank+1) and the
 * ideal list holding min(k, |relevant|) hits. `ranked` may be shorter than k (missing slots count as misses).
 */
export function rankingScores(ranked: readonly number[], relevant: ReadonlySet<number>, k: number): RankingScores {
  let hits = 0;
  let dcg = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) {
    if (relevant.has(ranked[i] as number)) {
      hits++;
      dcg += 1 / Math.log2(i + 2);
    }
  }
  let idcg = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i++) idcg += 1 / Math.log2(i + 2);
  return {
    precision: hits / k,
    recall: relevant.size === 0 ? 0 : hits / relevant.size,
    ndcg: idcg === 0 ? 0 : dcg / idcg,
  };
}

/**
 * Indices of the k largest scores, best first, skipping indices where `excluded` is set. Ties go to the
 * lower index. A partial selection (a bounded min-heap) keeps it O(n log k) for a full catalogue.
 */
export function topK(scores: ArrayLike<number>, k: number, excluded?: (i: number) => boolean): number[] {
  const heapIdx: number[] = [];
  const better = (a: number, b: number) => {
    const sa = scores[a] as number;
    const sb = scores[b] as number;
    return sa > sb || (sa === sb && a < b);
  };
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heapIdx.length && better(heapIdx[m] as number, heapIdx[l] as number)) m = l;
      if (r < heapIdx.length && better(heapIdx[m] as number, heapIdx[r] as number)) m = r;
      if (m === i) return;
      [heapIdx[i], heapIdx[m]] = [heapIdx[m] as number, heapIdx[i] as number];
      i = m;
    }
  };
  const siftUp = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!better(heapIdx[p] as number, heapIdx[i] as number)) return;
      [heapIdx[i], heapIdx[p]] = [heapIdx[p] as number, heapIdx[i] as number];
      i = p;
    }
  };
  if (k <= 0) return [];
  for (let i = 0; i < scores.length; i++) {
    if (excluded?.(i)) continue;
    const s = scores[i] as number;
    if (Number.isNaN(s)) continue;
    if (heapIdx.length < k) {
      heapIdx.push(i);
      siftUp(heapIdx.length - 1);
    } else if (better(i, heapIdx[0] as number)) {
      heapIdx[0] = i;
      siftDown(0);
    }
  }
  return heapIdx.sort((a, b) => (better(a, b) ? -1 : 1));
}
