import type * as tfTypes from "@tensorflow/tfjs";
import type { Tf } from "./backend";
import type { Dataset } from "./dataset";

/**
 * The item-item part of the ranking: EASE (Steck 2019), a linear item-to-item model with a closed form,
 * fitted on the `films` most-rated films. `weights` is row-major [films, films]: row a holds the weights from
 * the a-th film of `items` (a film the user rated) to every film of `items`; the diagonal is zero.
 */
export interface ItemItemTable {
  /** Item indices (into ModelWeights.movieIds) of the films the table covers, most-rated first. */
  items: Int32Array;
  /** [films, films] weights; a user's score for film b is the sum of rows a over the films a they rated. */
  weights: Float32Array;
}

/** Settings of the item-item fit (see HyperParams in train.ts). */
export interface ItemItemSettings {
  /** How many of the most-rated films the table covers (the cost is cubic in this number). */
  films: number;
  /** L2 penalty (at a user of mean activity; scaled by the user weighting below). */
  l2: number;
  /** Each user's co-occurrences count 1 / n_u^power in the Gram matrix (0 = plain EASE). */
  userPower: number;
}

/**
 * Fits EASE on the most-rated films: G = X^T D X with D = diag(n_u^-power), P = (G + lambda I)^-1,
 * B = -P / diag(P) with a zero diagonal. Costs sum_u n_u^2 for G and about films^3 for the inverse,
 * which runs as blocked matMuls in TF.js (a plain JavaScript inverse is about 20x slower on WASM).
 */
export async function fitItemItem(tf: Tf, data: Dataset, s: ItemItemSettings): Promise<ItemItemTable> {
  const nU = data.users.size;
  const nI = data.items.size;
  const count = new Int32Array(nI);
  const userCount = new Int32Array(nU);
  for (let k = 0; k < data.itemIdx.length; k++) {
    count[data.itemIdx[k] as number]!++;
    userCount[data.userIdx[k] as number]!++;
  }
  const order = Array.from({ length: nI }, (_, i) => i).sort((a, b) => (count[b] as number) - (count[a] as number) || a - b);
  const n = Math.max(0, Math.min(s.films, nI));
  const items = Int32Array.from(order.slice(0, n));
  if (n === 0) return { items, weights: new Float32Array(0) };
  const pos = new Int32Array(nI).fill(-1);
  items.forEach((i, a) => (pos[i] = a));

  // Each user's covered films, grouped by user (counting sort over the ratings).
  const start = new Int32Array(nU + 1);
  for (let k = 0; k < data.itemIdx.length; k++)
    if ((pos[data.itemIdx[k] as number] as number) >= 0) start[(data.userIdx[k] as number) + 1]!++;
  for (let u = 0; u < nU; u++) start[u + 1]! += start[u] as number;
  const fill = start.slice(0, nU);
  const rows = new Int32Array(start[nU] as number);
  for (let k = 0; k < data.itemIdx.length; k++) {
    const a = pos[data.itemIdx[k] as number] as number;
    if (a >= 0) rows[fill[data.userIdx[k] as number]!++] = a;
  }
  let meanCount = 0;
  for (let u = 0; u < nU; u++) meanCount += userCount[u] as number;
  meanCount /= Math.max(1, nU);

  const gram = new Float32Array(n * n);
  for (let u = 0; u < nU; u++) {
    const w = (userCount[u] as number) ** -s.userPower;
    const from = start[u] as number;
    const to = start[u + 1] as number;
    for (let p = from; p < to; p++) {
      const off = (rows[p] as number) * n;
      for (let q = from; q < to; q++) gram[off + (rows[q] as number)]! += w;
    }
  }
  const lambda = s.l2 / meanCount ** s.userPower;
  for (let a = 0; a < n; a++) gram[a * n + a]! += lambda;

  const inverse = tf.tidy(() => spdInverse(tf, tf.tensor2d(gram, [n, n])));
  const p = (await inverse.data()) as Float32Array;
  inverse.dispose();
  const weights = new Float32Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) weights[a * n + b] = a === b ? 0 : -(p[a * n + b] as number) / (p[b * n + b] as number);
  }
  return { items, weights };
}

/**
 * Inverse of a symmetric positive-definite matrix by recursive 2x2 blocks (Schur complement), so almost
 * all the work is plain matMuls (no transposed operand: WASM's is about 15x slower); small blocks are
 * inverted in JavaScript. Call inside tf.tidy.
 */
function spdInverse(tf: Tf, m: tfTypes.Tensor2D): tfTypes.Tensor2D {
  const n = m.shape[0];
  if (n <= 192) return tf.tensor2d(gaussJordanInverse(m.dataSync() as Float32Array, n), [n, n]);
  const h = Math.floor(n / 2);
  const r = n - h;
  const a = tf.slice(m, [0, 0], [h, h]);
  const b = tf.slice(m, [0, h], [h, r]);
  const d = tf.slice(m, [h, h], [r, r]);
  const ai = spdInverse(tf, a);
  const aib = tf.matMul(ai, b);
  const schur = tf.sub(d, tf.matMul(tf.transpose(b), aib));
  const si = spdInverse(tf, schur as tfTypes.Tensor2D);
  const x = tf.matMul(aib, si);
  const topLeft = tf.add(ai, tf.matMul(x, tf.transpose(aib)));
  const topRight = tf.neg(x);
  return tf.concat([tf.concat([topLeft, topRight], 1), tf.concat([tf.transpose(topRight), si], 1)], 0) as tfTypes.Tensor2D;
}

/** Gauss-Jordan inverse in float64 (positive-definite input, so no pivoting is needed). */
function gaussJordanInverse(m: Float32Array, n: number): Float32Array {
  const w = 2 * n;
  const a = new Float64Array(n * w);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) a[i * w + j] = m[i * n + j] as number;
    a[i * w + n + i] = 1;
  }
  for (let c = 0; c < n; c++) {
    const pivot = a[c * w + c] as number;
    for (let j = 0; j < w; j++) a[c * w + j]! /= pivot;
    for (let i = 0; i < n; i++) {
      if (i === c) continue;
      const f = a[i * w + c] as number;
      if (f === 0) continue;
      for (let j = 0; j < w; j++) a[i * w + j]! -= f * (a[c * w + j] as number);
    }
  }
  const out = new Float32Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = a[i * w + n + j] as number;
  return out;
}
