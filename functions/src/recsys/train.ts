import type * as tfTypes from "@tensorflow/tfjs";
import { AppError } from "../shared/errors";
import { log } from "../shared/logger";
import { loadTf, type Tf } from "./backend";
import { buildDataset, dedupeRatings, type Dataset } from "./dataset";
import { fitItemItem, type ItemItemTable } from "./itemitem";
import { SeededRandom } from "./random";
import type { Rating } from "./ratings";
import type { ModelWeights } from "./weights";

/** Every knob of training; saved in the metadata so a model can be reproduced. */
export interface HyperParams {
  /** Ranking head: latent dimension of the item-based softmax model. */
  rankFactors: number;
  /** Ranking head: passes over the users (one Adam step per user batch). */
  rankEpochs: number;
  /**
   * Ranking head: at most this many Adam steps in all; large sets (many user batches per epoch) stop after
   * fewer epochs, which bounds the time (each step costs users_per_batch x items x factors).
   */
  rankMaxSteps: number;
  /** Ranking head: films with fewer ratings are inputs only, not softmax classes (1 keeps every film). */
  rankMinRatings: number;
  rankLearningRate: number;
  /** Ranking head: L2 penalty on the item tables, added to the gradient each step. */
  rankL2: number;
  /** Ranking head: users per step (the whole set when smaller); bounds the dense [users, items] block. */
  rankUserBatch: number;
  /** Item-item part of the ranking (EASE): how many of the most-rated films it covers (0 turns it off). */
  itemItemFilms: number;
  /** Item-item part: L2 penalty of the closed-form fit. */
  itemItemL2: number;
  /** Item-item part: a user's co-occurrences count 1 / n_u^power (damps very active users). */
  itemItemUserPower: number;
  /**
   * Weight of the factor head in the ranking blend `w * z(factor scores) + (1 - w) * z(item-item scores)`
   * (z = standardised over the films of each part, per user).
   */
  rankBlend: number;
  /** Rating head: latent dimension of the biased matrix factorisation. */
  ratingFactors: number;
  ratingEpochs: number;
  ratingLearningRate: number;
  /** Rating head: L2 on the user and item factors, per rating. */
  ratingL2: number;
  /** Rating head: L2 on the biases, per rating. */
  ratingBiasL2: number;
  ratingBatch: number;
  /** Films with fewer ratings than this are left out of the model (they cannot be recommended). */
  minRatings: number;
  seed: number;
}

/** Defaults chosen on ml-latest-small (see docs/RECOMMENDER.md, "Choosing the model"). */
export const DEFAULT_HYPER_PARAMS: HyperParams = {
  rankFactors: 32,
  rankEpochs: 30,
  rankLearningRate: 0.05,
  rankL2: 0.1,
  rankUserBatch: 1024,
  rankMaxSteps: 60,
  rankMinRatings: 2,
  itemItemFilms: 2000,
  itemItemL2: 400,
  itemItemUserPower: 0.5,
  rankBlend: 0.5,
  ratingFactors: 32,
  ratingEpochs: 5,
  ratingLearningRate: 0.016,
  ratingL2: 0.1,
  ratingBiasL2: 0.005,
  ratingBatch: 4096,
  minRatings: 1,
  seed: 42,
};

/** What one training run reports besides the weights. */
export interface TrainReport {
  backend: string;
  /** Ratings the model was fitted on (after duplicates and films below `minRatings` are dropped). */
  ratings: number;
  trainSeconds: number;
  /** Seconds spent in each part (factor head, item-item fit, rating head). */
  parts: { rankSeconds: number; itemItemSeconds: number; ratingSeconds: number };
  rankLoss: number[];
  ratingLoss: number[];
}

/** Options of a training run. */
export interface TrainOptions {
  hyperParams?: Partial<HyperParams>;
  /** Train only the ranking head or only the rating head (evaluation of each head alone). */
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
 * Trains both heads on the ratings and returns plain typed-array weights:
 *  - ranking head, a blend of two parts (serving standardises and mixes them, weight `rankBlend`):
 *    an item-based factor model trained with TF.js (a user's vector is the sum of the input factors of the
 *    films they rated, divided by sqrt(count); a full softmax over the films with at least `rankMinRatings`
 *    ratings, whose negative log-likelihood of the rated films is minimised, as in Mult-VAE without the
 *    encoder's non-linearity), and an item-item table (EASE on the `itemItemFilms` most-rated films, its
 *    inverse computed with TF.js matMuls). Both fold in new users for free.
 *  - rating head: biased matrix factorisation (mu + b_u + b_i + p_u.q_i) with a squared loss, for
 *    "you would rate this 4.2".
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
  const nU = data.users.size;
  const nI = data.items.size;
  const stats = itemStats(data);

  const clock = () => (performance.now() - started) / 1000;
  let rank: RankHead = {
    factors: hp.rankFactors,
    itemIn: new Float32Array(nI * hp.rankFactors),
    itemOut: new Float32Array(nI * hp.rankFactors),
    itemOutBias: new Float32Array(nI),
    userVec: new Float32Array(nU * hp.rankFactors),
    loss: [],
  };
  if (heads !== "rating") rank = await trainRankingHead(tf, data, hp, options.onProgress);
  const tRank = clock();
  let itemItem: ItemItemTable | undefined;
  if (heads !== "rating" && hp.itemItemFilms > 0) {
    itemItem = await fitItemItem(tf, data, { films: hp.itemItemFilms, l2: hp.itemItemL2, userPower: hp.itemItemUserPower });
  }
  const tItemItem = clock();
  let rate: RatingHead = {
    factors: hp.ratingFactors,
    globalMean: stats.mean,
    userBias: new Float32Array(nU),
    itemBias: new Float32Array(nI),
    userFactors: new Float32Array(nU * hp.ratingFactors),
    itemFactors: new Float32Array(nI * hp.ratingFactors),
    loss: [],
  };
  if (heads !== "ranking") rate = await trainRatingHead(tf, data, hp, stats.mean, options.onProgress);

  const trainSeconds = (performance.now() - started) / 1000;
  log.info("recsys trained", { backend, users: nU, items: nI, ratings: data.rating.length, trainSeconds });
  const weights: ModelWeights = {
    userIds: data.users.toArray(),
    movieIds: data.items.toArray(),
    rankFactors: rank.factors,
    itemIn: rank.itemIn,
    itemOut: rank.itemOut,
    itemOutBias: rank.itemOutBias,
    userRank: rank.userVec,
    ratingFactors: rate.factors,
    globalMean: rate.globalMean,
    userBias: rate.userBias,
    itemBias: rate.itemBias,
    userFactors: rate.userFactors,
    itemFactors: rate.itemFactors,
    itemCount: stats.count,
    itemMean: stats.itemMean,
    userRated: userRatedLists(data),
    itemItem: itemItem && { ...itemItem, factorWeight: hp.rankBlend },
  };
  const parts = { rankSeconds: tRank, itemItemSeconds: tItemItem - tRank, ratingSeconds: trainSeconds - tItemItem };
  return { weights, report: { backend, ratings: data.rating.length, trainSeconds, parts, rankLoss: rank.loss, ratingLoss: rate.loss } };
}

/** The ratings of films rated at least `min` times. */
export function keepFilmsWithRatings(ratings: readonly Rating[], min: number): Rating[] {
  if (min <= 1) return [...ratings];
  const count = new Map<number, number>();
  for (const r of ratings) count.set(r.movieId, (count.get(r.movieId) ?? 0) + 1);
  return ratings.filter((r) => (count.get(r.movieId) as number) >= min);
}

/** Up to this many user x item cells, the ranking head keeps every batch's dense blocks (4 bytes x 3 each). */
const RANK_CACHED_CELLS = 16_000_000;

interface RankHead {
  factors: number;
  itemIn: Float32Array;
  itemOut: Float32Array;
  itemOutBias: Float32Array;
  userVec: Float32Array;
  loss: number[];
}

interface RatingHead {
  factors: number;
  globalMean: number;
  userBias: Float32Array;
  itemBias: Float32Array;
  userFactors: Float32Array;
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

/** For each user index, the item indices and ratings they gave (serving excludes and explains with these). */
function userRatedLists(data: Dataset): { items: Int32Array; ratings: Float32Array }[] {
  const counts = new Int32Array(data.users.size);
  for (const u of data.userIdx) counts[u]!++;
  const lists = Array.from(counts, (c) => ({ items: new Int32Array(c), ratings: new Float32Array(c), n: 0 }));
  for (let k = 0; k < data.userIdx.length; k++) {
    const l = lists[data.userIdx[k] as number]!;
    l.items[l.n] = data.itemIdx[k] as number;
    l.ratings[l.n] = data.rating[k] as number;
    l.n++;
  }
  return lists.map(({ items, ratings }) => ({ items, ratings }));
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

async function trainRankingHead(tf: Tf, data: Dataset, hp: HyperParams, onProgress?: (p: TrainProgress) => void): Promise<RankHead> {
  const nU = data.users.size;
  const nI = data.items.size;
  const d = hp.rankFactors;
  const rng = new SeededRandom(hp.seed);
  const init = (n: number, scale: number) => Float32Array.from({ length: n }, () => rng.normal() * scale);

  // Users grouped into batches of consecutive indices (ratings ordered by user, for building the blocks).
  const userCount = new Int32Array(nU);
  for (const u of data.userIdx) userCount[u]!++;
  const order = new Int32Array(data.userIdx.length);
  const start = new Int32Array(nU + 1);
  for (let u = 0; u < nU; u++) start[u + 1] = (start[u] as number) + (userCount[u] as number);
  const fill = start.slice(0, nU);
  for (let k = 0; k < data.userIdx.length; k++) order[fill[data.userIdx[k] as number]!++] = k;
  const meanCount = data.userIdx.length / nU;
  // Output films (the softmax's classes): those with at least rankMinRatings ratings; every film stays an
  // input. Films rated once are about a third of ml-latest-small's catalogue and almost never a hit.
  const itemCount = new Int32Array(nI);
  for (const i of data.itemIdx) itemCount[i]!++;
  let outItems = Int32Array.from({ length: nI }, (_, i) => i).filter((i) => (itemCount[i] as number) >= hp.rankMinRatings);
  if (outItems.length < 2) outItems = Int32Array.from({ length: nI }, (_, i) => i);
  const nO = outItems.length;
  const outPos = new Int32Array(nI).fill(-1);
  outItems.forEach((i, o) => (outPos[i] = o));

  interface Batch {
    users: number;
    /** [users, items]: 1/sqrt(count) where the user rated the item (the encoder's input). */
    input: tfTypes.Tensor2D;
    /** [items, users]: the input transposed, so no matMul needs a transposed operand. */
    inputT: tfTypes.Tensor2D;
    /** [users, output films]: 1/meanCount where rated (the targets, pre-scaled like the gradient). */
    target: tfTypes.Tensor2D;
    /** [users, 1]: each user's count of rated output films / meanCount. */
    counts: tfTypes.Tensor2D;
  }
  // Dense blocks instead of gather/scatter: on WASM a gather of 75k x 64 rows costs about as much as
  // a [600, 9000] x [9000, 64] matMul, and its scatter gradient more, so dense matMuls win at this size.
  const batchSize = Math.max(1, Math.min(hp.rankUserBatch, nU));
  const batchCount = Math.ceil(nU / batchSize);
  const makeBatch = (bi: number): Batch => {
    const u0 = bi * batchSize;
    const u1 = Math.min(nU, u0 + batchSize);
    const bu = u1 - u0;
    const input = new Float32Array(bu * nI);
    const target = new Float32Array(bu * nO);
    const counts = new Float32Array(bu);
    for (let p = start[u0] as number; p < (start[u1] as number); p++) {
      const k = order[p] as number;
      const u = (data.userIdx[k] as number) - u0;
      const i = data.itemIdx[k] as number;
      input[u * nI + i] = 1 / Math.sqrt(userCount[u + u0] as number);
      const o = outPos[i] as number;
      if (o < 0) continue;
      target[u * nO + o] = 1 / meanCount;
      counts[u]! += 1 / meanCount;
    }
    const inputTensor = tf.tensor2d(input, [bu, nI]);
    return {
      users: bu,
      input: inputTensor,
      inputT: tf.transpose(inputTensor),
      target: tf.tensor2d(target, [bu, nO]),
      counts: tf.tensor2d(counts, [bu, 1]),
    };
  };
  const disposeBatch = (b: Batch) => tf.dispose([b.input, b.inputT, b.target, b.counts]);
  // Small sets keep every batch's blocks for the whole run; large ones rebuild each block when its step
  // comes, so memory is bounded by one batch (users_per_batch x items) instead of users x items.
  const keepAll = nU * (nI + nO) <= RANK_CACHED_CELLS;
  const cached = keepAll ? Array.from({ length: batchCount }, (_, bi) => makeBatch(bi)) : [];
  const batch = (bi: number) => (keepAll ? (cached[bi] as Batch) : makeBatch(bi));
  const release = (b: Batch) => {
    if (!keepAll) disposeBatch(b);
  };

  const itemIn = tf.variable(tf.tensor2d(init(nI * d, 0.1), [nI, d]), true, "rank_item_in");
  // The output table transposed, with the item biases as its last row: the logits are [u, 1] x itemOutT,
  // so adding the biases and summing their gradient ride on the matMuls instead of two more passes over
  // the [users, items] block.
  const outInit = new Float32Array((d + 1) * nO);
  outInit.set(init(d * nO, 0.1));
  const itemOutT = tf.variable(tf.tensor2d(outInit, [d + 1, nO]), true, "rank_item_out_t");
  // L2 applies to the factors, not to the bias row.
  const l2Rows = tf.tensor2d(
    Float32Array.from({ length: d + 1 }, (_, f) => (f < d ? hp.rankL2 : 0)),
    [d + 1, 1],
  );
  const optimizer = tf.train.adam(hp.rankLearningRate);
  const loss: number[] = [];

  // Gradients are written out by hand: every product is laid out so no matMul needs a transposed operand
  // (WASM's transposed matMul is about 15x slower than a plain one).
  const userVectors = (b: Batch) => tf.matMul(b.input, itemIn);
  const epochs = Math.max(1, Math.min(hp.rankEpochs, Math.ceil(hp.rankMaxSteps / batchCount)));
  for (let epoch = 0; epoch < epochs; epoch++) {
    const withLoss = epoch === 0 || epoch === epochs - 1 || epoch % 5 === 4;
    let epochLoss = 0;
    for (let bi = 0; bi < batchCount; bi++) {
      const b = batch(bi);
      const lossValue = tf.tidy(() => {
        const u = tf.concat([userVectors(b), tf.ones([b.users, 1])], 1);
        const logits = tf.matMul(u, itemOutT);
        const p = tf.softmax(logits);
        // d(NLL)/d(logits) per user = count * softmax - rated, scaled by 1/meanCount (folded into the constants).
        const g = tf.sub(tf.mul(b.counts, p), b.target) as tfTypes.Tensor2D;
        const gOutT = tf.add(tf.matMul(tf.transpose(u), g), tf.mul(itemOutT, l2Rows));
        const gU = tf.slice(tf.matMul(g, tf.transpose(itemOutT)), [0, 0], [b.users, d]);
        const gIn = tf.add(tf.matMul(b.inputT, gU), tf.mul(itemIn, hp.rankL2));
        optimizer.applyGradients([
          { name: itemIn.name, tensor: gIn },
          { name: itemOutT.name, tensor: gOutT },
        ]);
        if (!withLoss) return undefined;
        // Negative log-likelihood of the rated films, per rating (before this step's update), without an
        // exp pass: log-sum-exp = max logit - log(max softmax), since the argmax is shared.
        const lse = tf.sub(tf.max(logits, 1, true), tf.log(tf.max(p, 1, true)));
        const nll = tf.sub(tf.sum(tf.mul(b.counts, lse)), tf.sum(tf.mul(b.target, logits)));
        return tf.mul(nll, meanCount / data.userIdx.length);
      });
      release(b);
      if (lossValue) {
        epochLoss += (await lossValue.data())[0] as number;
        lossValue.dispose();
      }
    }
    if (withLoss) loss.push(epochLoss);
    onProgress?.({ stage: "ranking", done: epoch + 1, total: epochs });
  }

  const userVec = new Float32Array(nU * d);
  for (let bi = 0; bi < batchCount; bi++) {
    const b = batch(bi);
    const u = userVectors(b);
    userVec.set(await u.data(), bi * batchSize * d);
    u.dispose();
    release(b);
  }
  // Films outside the softmax get zero factors and the lowest bias: they rank like the least likely film.
  const out = (await itemOutT.data()) as Float32Array;
  const itemOut = new Float32Array(nI * d);
  const itemOutBias = new Float32Array(nI).fill(Math.min(...out.subarray(d * nO)));
  outItems.forEach((i, o) => {
    for (let f = 0; f < d; f++) itemOut[i * d + f] = out[f * nO + o] as number;
    itemOutBias[i] = out[d * nO + o] as number;
  });
  const head: RankHead = {
    factors: d,
    itemIn: Float32Array.from(await itemIn.data()),
    itemOut,
    itemOutBias,
    userVec,
    loss,
  };
  cached.forEach(disposeBatch);
  tf.dispose([itemIn, itemOutT, l2Rows]);
  optimizer.dispose();
  return head;
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
    userBias: Float32Array.from(await bu.data()),
    itemBias: Float32Array.from(await bi.data()),
    userFactors: Float32Array.from(await P.data()),
    itemFactors: Float32Array.from(await Q.data()),
    loss,
  };
  tf.dispose([P, Q, bu, bi]);
  optimizer.dispose();
  return head;
}
