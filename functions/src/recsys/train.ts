import type * as tfTypes from "@tensorflow/tfjs";
import { AppError } from "../shared/errors";
import { log } from "../shared/logger";
import { loadTf, type Tf } from "./backend";
import { buildDataset, dedupeRatings, type Dataset } from "./dataset";
import { SeededRandom } from "./random";
import type { Rating } from "./ratings";
import type { ModelWeights } from "./weights";

/** Every knob of training and folding in; saved in the metadata so a model can be reproduced and served. */
export interface HyperParams {
  /** Ranking (ELSA): width of the item table A. */
  rankFactors: number;
  /** Ranking: passes over the people (one Adam step per batch of `rankUserBatch` people). */
  rankEpochs: number;
  /** Ranking: at most this many Adam steps in all (bounds the time on large sets). */
  rankMaxSteps: number;
  rankLearningRate: number;
  /** Ranking: people per step; each step costs people x films x factors. */
  rankUserBatch: number;
  /** Rating head: latent dimension of the biased matrix factorisation. */
  ratingFactors: number;
  ratingEpochs: number;
  ratingLearningRate: number;
  /** Rating head: L2 on the person and film factors, per rating (training). */
  ratingL2: number;
  /** Rating head: L2 on the biases, per rating (training). */
  ratingBiasL2: number;
  ratingBatch: number;
  /**
   * Fold-in: ridge penalties on a person's bias and factors, in ratings' worth (not scaled by how many
   * ratings the person has), so that with few ratings the prediction stays near the film's baseline.
   */
  foldInBiasL2: number;
  foldInL2: number;
  /**
   * Stars, at serving: a neighbourhood correction of the folded-in prediction for film i by the person's own
   * residuals on the films they rated that are most like i (cosine of the ranking table's rows):
   * sum_j w_ij (r_j - pred_j) / (sum_j w_ij + knnShrink), w_ij = cos(i, j)^knnPower over the `knnNeighbours`
   * most similar rated films with a positive cosine. 0 neighbours switches it off. Costs |rated| x rankFactors
   * per predicted film; nothing is trained or stored for it.
   */
  knnNeighbours: number;
  knnPower: number;
  knnShrink: number;
  /**
   * Rating weights in the ranking input: a film rated r enters with weight 1 + ratingWeight * (r - m) / 2,
   * m the person's mean shrunk toward the global mean by `dislikePrior` ratings. Ratings below m are
   * dislikes (weight below a liked film's); ratings below `dislikeBelow` stars enter with at most
   * -`dislikeWeight`, so they push similar films down.
   */
  ratingWeight: number;
  dislikeWeight: number;
  dislikePrior: number;
  dislikeBelow: number;
  /** Films with fewer ratings than this are left out of the model (they cannot be recommended). */
  minRatings: number;
  seed: number;
}

/** Defaults chosen on ml-latest-small (see docs/RECOMMENDER.md, "Choosing the model"). */
export const DEFAULT_HYPER_PARAMS: HyperParams = {
  rankFactors: 256,
  rankEpochs: 7,
  rankMaxSteps: 400,
  rankLearningRate: 0.015,
  rankUserBatch: 64,
  ratingFactors: 32,
  ratingEpochs: 4,
  ratingLearningRate: 0.016,
  ratingL2: 0.1,
  ratingBiasL2: 0.05,
  ratingBatch: 4096,
  foldInBiasL2: 3,
  foldInL2: 30,
  knnNeighbours: 30,
  knnPower: 1.5,
  knnShrink: 0.5,
  ratingWeight: 1,
  dislikeWeight: 0.5,
  dislikePrior: 5,
  dislikeBelow: 2,
  minRatings: 2,
  seed: 42,
};

/** What one training run reports besides the weights. */
export interface TrainReport {
  backend: string;
  /** Ratings the model was fitted on (after duplicates and films below `minRatings` are dropped). */
  ratings: number;
  trainSeconds: number;
  /** Seconds spent in each part. */
  parts: { rankSeconds: number; ratingSeconds: number };
  rankLoss: number[];
  ratingLoss: number[];
}

/** Options of a training run. */
export interface TrainOptions {
  hyperParams?: Partial<HyperParams>;
  /** Train only the ranking or only the rating part (evaluation of each alone). */
  heads?: "both" | "ranking" | "rating";
  /** Called as training advances (the CLI draws progress from it). */
  onProgress?: (progress: TrainProgress) => void;
}

/** How far training is: `done` of `total` steps of one stage. */
export interface TrainProgress {
  stage: string;
  done: number;
  total: number;
}

/**
 * Trains the model on the ratings, with TF.js, and returns plain typed-array weights covering every film
 * with at least `minRatings` ratings. Memory and time are linear in ratings and in films x factors:
 *  - ranking: ELSA (Vancura et al., RecSys 2022), a low-rank linear autoencoder. A has unit rows; a
 *    person's scores are x (A A^T - I); Adam minimises the normalised squared error between each person's
 *    0/1 rating vector and its reconstruction, over batches of people (dense [people, films] blocks).
 *  - stars: biased matrix factorisation (mu + b_u + b_i + p_u.q_i), squared loss, Adam on mini-batches.
 *    Only the film side is kept; people are folded in when served.
 * Duplicate (user, movie) pairs keep the last rating.
 */
export async function train(
  ratings: readonly Rating[],
  options: TrainOptions = {},
): Promise<{ weights: ModelWeights; report: TrainReport }> {
  const hp: HyperParams = { ...DEFAULT_HYPER_PARAMS, ...options.hyperParams };
  const heads = options.heads ?? "both";
  if (ratings.length === 0) throw new AppError("failed-precondition", "no ratings to train on");
  const { tf, backend } = await loadTf();
  const started = performance.now();
  const data = buildDataset(keepFilmsWithRatings(dedupeRatings(ratings), hp.minRatings));
  if (data.rating.length === 0) throw new AppError("failed-precondition", `no film has at least ${hp.minRatings} ratings`);
  const nI = data.items.size;
  const stats = itemStats(data);
  const clock = () => (performance.now() - started) / 1000;

  let rank: RankHead = { factors: hp.rankFactors, embedding: new Float32Array(nI * hp.rankFactors), loss: [] };
  if (heads !== "rating") rank = await trainRankingHead(tf, data, hp, options.onProgress);
  const tRank = clock();
  let rate: RatingHead = {
    factors: hp.ratingFactors,
    globalMean: stats.mean,
    itemBias: new Float32Array(nI),
    itemFactors: new Float32Array(nI * hp.ratingFactors),
    loss: [],
  };
  if (heads !== "ranking") rate = await trainRatingHead(tf, data, hp, stats.mean, options.onProgress);

  const trainSeconds = clock();
  log.info("recsys trained", { backend, users: data.users.size, items: nI, ratings: data.rating.length, trainSeconds });
  const weights: ModelWeights = {
    movieIds: data.items.toArray(),
    rankFactors: rank.factors,
    itemEmbedding: rank.embedding,
    ratingFactors: rate.factors,
    globalMean: rate.globalMean,
    itemBias: rate.itemBias,
    itemFactors: rate.itemFactors,
    itemCount: stats.count,
    itemMean: stats.itemMean,
    ...coRatedNeighbours(data, rank.embedding, rank.factors, NEIGHBOURS),
  };
  const parts = { rankSeconds: tRank, ratingSeconds: trainSeconds - tRank };
  return {
    weights,
    report: { backend, ratings: data.rating.length, trainSeconds, parts, rankLoss: rank.loss, ratingLoss: rate.loss },
  };
}

/** The ratings of films rated at least `min` times. */
export function keepFilmsWithRatings(ratings: readonly Rating[], min: number): Rating[] {
  if (min <= 1) return [...ratings];
  const count = new Map<number, number>();
  for (const r of ratings) count.set(r.movieId, (count.get(r.movieId) ?? 0) + 1);
  return ratings.filter((r) => (count.get(r.movieId) as number) >= min);
}

/** Co-rated neighbours kept per film (for "similar films"). */
const NEIGHBOURS = 20;
/** Candidates per film, by how many people rated both, before ordering by the ranking table's cosine. */
const NEIGHBOUR_CANDIDATES = 100;

/**
 * For each film, the NEIGHBOUR_CANDIDATES films most often rated by the same people, ordered by the cosine of
 * their ranking rows, the best `k` kept with their co-rating counts. Cost: the sum over people of their count
 * squared (each person's films counted against each other), plus candidates x factors per film; memory is
 * one films-long counter. Never films x films.
 */
function coRatedNeighbours(
  data: Dataset,
  embedding: Float32Array,
  d: number,
  k: number,
): { neighbours: number; neighbourItems: Int32Array; neighbourSupport: Int32Array } {
  const nU = data.users.size;
  const nI = data.items.size;
  const byUser = csr(data.userIdx, data.itemIdx, nU);
  const byItem = csr(data.itemIdx, data.userIdx, nI);
  const count = new Int32Array(nI);
  const touched = new Int32Array(nI);
  const histogram = new Int32Array(nU + 2);
  const neighbourItems = new Int32Array(nI * k).fill(-1);
  const neighbourSupport = new Int32Array(nI * k);
  for (let i = 0; i < nI; i++) {
    let t = 0;
    for (let p = byItem.start[i] as number; p < (byItem.start[i + 1] as number); p++) {
      const u = byItem.values[p] as number;
      for (let q = byUser.start[u] as number; q < (byUser.start[u + 1] as number); q++) {
        const j = byUser.values[q] as number;
        if (j === i) continue;
        if (count[j] === 0) touched[t++] = j;
        count[j]!++;
      }
    }
    const candidates = mostCounted(touched, t, count, histogram, NEIGHBOUR_CANDIDATES);
    const cosine = (j: number) => {
      let s = 0;
      const a = i * d;
      const b = j * d;
      for (let f = 0; f < d; f++) s += (embedding[a + f] as number) * (embedding[b + f] as number);
      return s;
    };
    const ranked = candidates.map((j) => ({ j, c: cosine(j) })).sort((a, b) => b.c - a.c || a.j - b.j);
    ranked.slice(0, k).forEach(({ j }, n) => {
      neighbourItems[i * k + n] = j;
      neighbourSupport[i * k + n] = count[j] as number;
    });
    for (let x = 0; x < t; x++) count[touched[x] as number] = 0;
  }
  return { neighbours: k, neighbourItems, neighbourSupport };
}

/**
 * The `k` films of `touched[0..t)` with the highest counts (ties: first touched first), by a counting
 * selection over the counts (at most the number of people): linear in t, where a heap over every touched
 * film cost most of the neighbours' time.
 */
export function mostCounted(touched: Int32Array, t: number, count: Int32Array, histogram: Int32Array, k: number): number[] {
  if (t <= k) return Array.from(touched.subarray(0, t));
  let max = 0;
  for (let x = 0; x < t; x++) {
    const c = count[touched[x] as number] as number;
    histogram[c]!++;
    if (c > max) max = c;
  }
  // The threshold: the count c such that fewer than k films have more and at least k have c or more.
  let above = 0;
  let threshold = max;
  while (threshold > 0 && above + (histogram[threshold] as number) < k) above += histogram[threshold--] as number;
  histogram.fill(0, 0, max + 1);
  const out: number[] = [];
  let ties = k - above;
  for (let x = 0; x < t && out.length < k; x++) {
    const j = touched[x] as number;
    const c = count[j] as number;
    if (c > threshold) out.push(j);
    else if (c === threshold && ties > 0) {
      out.push(j);
      ties--;
    }
  }
  return out;
}

/** Compressed rows: for each key, the values paired with it (keys and values parallel arrays). */
function csr(keys: Int32Array, values: Int32Array, n: number): { start: Int32Array; values: Int32Array } {
  const start = new Int32Array(n + 1);
  for (const x of keys) start[x + 1]!++;
  for (let x = 0; x < n; x++) start[x + 1]! += start[x] as number;
  const fill = start.slice(0, n);
  const out = new Int32Array(keys.length);
  for (let p = 0; p < keys.length; p++) out[fill[keys[p] as number]!++] = values[p] as number;
  return { start, values: out };
}

interface RankHead {
  factors: number;
  embedding: Float32Array;
  loss: number[];
}

interface RatingHead {
  factors: number;
  globalMean: number;
  itemBias: Float32Array;
  itemFactors: Float32Array;
  loss: number[];
}

function itemStats(data: Dataset): { mean: number; count: Int32Array; itemMean: Float32Array } {
  const nI = data.items.size;
  const count = new Int32Array(nI);
  const sum = new Float64Array(nI);
  let total = 0;
  for (let k = 0; k < data.rating.length; k++) {
    const i = data.itemIdx[k] as number;
    count[i]!++;
    sum[i]! += data.rating[k] as number;
    total += data.rating[k] as number;
  }
  const itemMean = new Float32Array(nI);
  for (let i = 0; i < nI; i++) itemMean[i] = (sum[i] as number) / Math.max(1, count[i] as number);
  return { mean: total / data.rating.length, count, itemMean };
}

/**
 * tf.gather whose gradient is a scatterND into the table's shape. tf.gather's own gradient is a segment
 * sum: the WASM backend has no kernel for it and the CPU one costs batch x table rows, which stalls.
 */
function gatherRows(tf: Tf): (table: tfTypes.Tensor, idx: tfTypes.Tensor) => tfTypes.Tensor {
  const op = tf.customGrad((...args: (tfTypes.Tensor | tfTypes.GradSaveFunc)[]) => {
    const [table, idx, save] = args as [tfTypes.Tensor, tfTypes.Tensor, tfTypes.GradSaveFunc];
    save([idx]);
    return {
      value: tf.gather(table, idx),
      gradFunc: (dy: tfTypes.Tensor, saved: tfTypes.Tensor[]) => {
        const ix = saved[0] as tfTypes.Tensor;
        return [tf.scatterND(tf.expandDims(ix, 1), dy, table.shape), tf.zerosLike(ix)];
      },
    };
  });
  return (table, idx) => op(table, idx) as tfTypes.Tensor;
}

/**
 * ELSA's item table, trained with hand-written gradients (every product laid out without a transposed
 * operand: WASM's transposed matMul is many times slower). Per step, for a batch of people X ([B, films], 0/1):
 *   out = (X A) A^T - X, loss = sum_u | out_u/|out_u| - x_u/|x_u| |^2,
 * then an Adam step on A and every row of A scaled back to unit length (ELSA parametrises A = W/|W|;
 * projecting after the step ranked as well in our runs and saves passes over the [films, factors] table).
 */
async function trainRankingHead(tf: Tf, data: Dataset, hp: HyperParams, onProgress?: (p: TrainProgress) => void): Promise<RankHead> {
  const nU = data.users.size;
  const nI = data.items.size;
  const d = hp.rankFactors;
  const rng = new SeededRandom(hp.seed);
  // Each person's films, as CSR.
  const start = new Int32Array(nU + 1);
  for (const u of data.userIdx) start[u + 1]!++;
  for (let u = 0; u < nU; u++) start[u + 1]! += start[u] as number;
  const fill = start.slice(0, nU);
  const films = new Int32Array(data.itemIdx.length);
  for (let k = 0; k < data.itemIdx.length; k++) films[fill[data.userIdx[k] as number]!++] = data.itemIdx[k] as number;

  // W keeps unit rows: a projected Adam step, then each row is scaled back to length 1.
  const init = Float32Array.from({ length: nI * d }, () => rng.normal());
  normaliseRows(init, nI, d);
  const W = tf.variable(tf.tensor2d(init, [nI, d]), true, "elsa_a");
  const optimizer = tf.train.adam(hp.rankLearningRate);
  const batchSize = Math.max(1, Math.min(hp.rankUserBatch, nU));
  const batches = Math.ceil(nU / batchSize);
  const epochs = Math.max(1, Math.min(hp.rankEpochs, Math.ceil(hp.rankMaxSteps / batches)));
  const order = Array.from({ length: nU }, (_, u) => u);
  const block = new Float32Array(batchSize * nI);
  const loss: number[] = [];
  // The step cap holds inside an epoch too: with many people one epoch alone can be thousands of steps.
  let steps = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    rng.shuffle(order);
    const withLoss = epoch === 0 || epoch === epochs - 1;
    let epochLoss = 0;
    for (let b = 0; b < batches && steps < hp.rankMaxSteps; b++, steps++) {
      const users = order.slice(b * batchSize, (b + 1) * batchSize);
      const bu = users.length;
      const x = block.subarray(0, bu * nI);
      x.fill(0);
      users.forEach((u, row) => {
        for (let p = start[u] as number; p < (start[u + 1] as number); p++) x[row * nI + (films[p] as number)] = 1;
      });
      const value = tf.tidy(() => {
        const xb = tf.tensor2d(x, [bu, nI]);
        const xbT = tf.transpose(xb);
        const A = W;
        const AT = tf.transpose(A);
        // Dense products even where X is sparse: on WASM a gather of 8,000 rows of 256 costs 4x the dense
        // [64, 9000] x [9000, 256] product it would replace.
        const xA = tf.matMul(xb, A);
        const out = tf.sub(tf.matMul(xA, AT), xb);
        const no = tf.add(tf.sqrt(tf.sum(tf.square(out), 1, true)), 1e-9);
        const on = tf.div(out, no);
        const xn = tf.div(xb, tf.add(tf.sqrt(tf.sum(xb, 1, true)), 1e-9));
        const diff = tf.sub(on, xn);
        const gon = tf.mul(diff, 2);
        const gout = tf.div(tf.sub(gon, tf.mul(on, tf.sum(tf.mul(gon, on), 1, true))), no);
        const gA = tf.add(tf.matMul(xbT, tf.matMul(gout, A)), tf.matMul(tf.transpose(gout), xA));
        optimizer.applyGradients([{ name: W.name, tensor: gA }]);
        W.assign(tf.div(W, tf.add(tf.sqrt(tf.sum(tf.square(W), 1, true)), 1e-9)));
        return withLoss ? tf.sum(tf.square(diff)) : undefined;
      });
      if (value) {
        epochLoss += (await value.data())[0] as number;
        value.dispose();
      }
    }
    if (withLoss) loss.push(epochLoss / nU);
    onProgress?.({ stage: "ranking", done: epoch + 1, total: epochs });
  }
  const embedding = Float32Array.from(await W.data());
  normaliseRows(embedding, nI, d);
  W.dispose();
  optimizer.dispose();
  return { factors: d, embedding, loss };
}

async function trainRatingHead(
  tf: Tf,
  data: Dataset,
  hp: HyperParams,
  globalMean: number,
  onProgress?: (p: TrainProgress) => void,
): Promise<RatingHead> {
  const nU = data.users.size;
  const nI = data.items.size;
  const d = hp.ratingFactors;
  const n = data.rating.length;
  const rng = new SeededRandom(hp.seed + 1);
  const init = (len: number, scale: number) => Float32Array.from({ length: len }, () => rng.normal() * scale);
  const P = tf.variable(tf.tensor2d(init(nU * d, 0.05), [nU, d]), true, "rating_user_factors");
  const Q = tf.variable(tf.tensor2d(init(nI * d, 0.05), [nI, d]), true, "rating_item_factors");
  const bu = tf.variable(tf.zeros([nU, 1]), true, "rating_user_bias");
  const bi = tf.variable(tf.zeros([nI, 1]), true, "rating_item_bias");
  const gather = gatherRows(tf);
  const optimizer = tf.train.adam(hp.ratingLearningRate);
  const perm = Array.from({ length: n }, (_, k) => k);
  const loss: number[] = [];
  for (let epoch = 0; epoch < hp.ratingEpochs; epoch++) {
    rng.shuffle(perm);
    let total = 0;
    for (let s = 0; s < n; s += hp.ratingBatch) {
      const idx = perm.slice(s, s + hp.ratingBatch);
      const u = tf.tensor1d(
        Int32Array.from(idx, (k) => data.userIdx[k] as number),
        "int32",
      );
      const i = tf.tensor1d(
        Int32Array.from(idx, (k) => data.itemIdx[k] as number),
        "int32",
      );
      const r = tf.tensor1d(Float32Array.from(idx, (k) => (data.rating[k] as number) - globalMean));
      const value = optimizer.minimize(() => {
        const pu = gather(P, u);
        const qi = gather(Q, i);
        const bU = gather(bu, u);
        const bI = gather(bi, i);
        const pred = tf.add(tf.sum(tf.mul(pu, qi), 1), tf.squeeze(tf.add(bU, bI), [1]));
        const mse = tf.mean(tf.square(tf.sub(pred, r)));
        const reg = tf.add(
          tf.mul(hp.ratingL2, tf.add(tf.mean(tf.sum(tf.square(pu), 1)), tf.mean(tf.sum(tf.square(qi), 1)))),
          tf.mul(hp.ratingBiasL2, tf.add(tf.mean(tf.square(bU)), tf.mean(tf.square(bI)))),
        );
        return tf.add(mse, reg) as tfTypes.Scalar;
      }, true);
      total += ((await value!.data())[0] as number) * idx.length;
      tf.dispose([value!, u, i, r]);
    }
    loss.push(total / n);
    onProgress?.({ stage: "rating", done: epoch + 1, total: hp.ratingEpochs });
  }
  const head: RatingHead = {
    factors: d,
    globalMean,
    itemBias: Float32Array.from(await bi.data()),
    itemFactors: Float32Array.from(await Q.data()),
    loss,
  };
  tf.dispose([P, Q, bu, bi]);
  optimizer.dispose();
  return head;
}

/** Scales every row of a row-major [rows, d] table to unit length (zero rows stay zero). */
function normaliseRows(t: Float32Array, rows: number, d: number): void {
  for (let i = 0; i < rows; i++) {
    let norm = 0;
    for (let f = 0; f < d; f++) norm += (t[i * d + f] as number) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let f = 0; f < d; f++) t[i * d + f]! /= norm;
  }
}
