import { fromModelFiles, type ModelFiles, type ModelMetadata } from "./artifacts";
import { topK } from "./metrics";
import type { ModelStore } from "./store";
import { DEFAULT_HYPER_PARAMS } from "./train";
import type { ModelWeights } from "./weights";

/** A rating as serving receives it (the user's current ratings, from Firestore). */
export interface UserRating {
  movieId: number;
  rating: number;
}

/** One recommended film. */
export interface Recommendation {
  movieId: number;
  /**
   * The ranking score: for personal lists the blend of the standardised factor and item-item scores (the
   * factor head's logit for models without the item-item part), a standardised blend for groups, stars
   * for cold start.
   */
  score: number;
  /** The rating-head prediction for this user and film, 0.5..5. */
  predictedRating: number;
  /** "Because you liked X": the user's highly-rated film most similar to this one; absent for cold start. */
  becauseYouLiked?: number;
}

/** How a list was produced, so the API can say so. */
export type RecommendationSource = "model" | "fold-in" | "cold-start";

/** A ranked list and where it came from. */
export interface RecommendationList {
  source: RecommendationSource;
  items: Recommendation[];
}

/** Optional genre restriction: keep films having at least one of `genres` according to `movieGenres`. */
export interface GenreFilter {
  genres?: readonly string[];
  movieGenres?: ReadonlyMap<number, readonly string[]>;
}

/** Options of a personal list. */
export interface RecommendOptions extends GenreFilter {
  k: number;
  /** Movie ids never to return (watched, on the watchlist, already rated elsewhere). */
  exclude?: Iterable<number>;
  /**
   * The user's current ratings. When given and different from what the model trained on (or the user is
   * unknown to the model), the user's vectors are folded in from them; when empty, cold start.
   */
  currentRatings?: readonly UserRating[];
}

/** One member of a group: a known user id, their current ratings, or both. */
export interface GroupMember {
  userId?: string;
  currentRatings?: readonly UserRating[];
}

/** A film for a group, with each member's predicted rating (in member order). */
export interface GroupRecommendation {
  movieId: number;
  score: number;
  predictedRatings: number[];
}

/** Options of group ranking. */
export interface GroupOptions extends GenreFilter {
  k: number;
  exclude?: Iterable<number>;
  /** A film whose predicted rating is below this for any member is vetoed (default 2.5 stars). */
  miseryThreshold?: number;
  /** Weight of the least-happy member in the blend `(1 - w) * mean + w * min` (default 0.5). */
  minWeight?: number;
}

/** A film similar to another. */
export interface SimilarMovie {
  movieId: number;
  similarity: number;
}

/** Ratings at or above this count as "liked" for explanations (when the user has any such rating). */
const LIKED_THRESHOLD = 4;
/** How many known users' rating maps serving keeps (see trainedRated). */
const RATED_CACHE_USERS = 64;
/** Prior weight (in ratings at the global mean) of the damped mean used for cold start. */
const COLD_START_PRIOR = 20;

interface UserState {
  rank: Float32Array;
  bias: number;
  factors: Float32Array;
  rated: ReadonlyMap<number, number>;
  source: RecommendationSource;
}

/**
 * The serving core: pure functions over a loaded model's typed arrays (no TF.js, no Firestore), so an API
 * instance loads it in a few hundred milliseconds and answers top-k in about a millisecond. Ranking uses
 * the ranking head (it ranks well), predicted stars the rating head (it predicts well).
 */
export class Recommender {
  readonly metadata: ModelMetadata | undefined;
  private readonly w: ModelWeights;
  private readonly userIndex = new Map<string, number>();
  private readonly itemIndex = new Map<number, number>();
  private readonly itemOutUnit: Float32Array;
  /** Position of each film in the item-item table, -1 when the table does not cover it. */
  private readonly itemItemPos: Int32Array;
  private readonly coldScores: Float32Array;
  private readonly ratingL2: number;
  private readonly ratingBiasL2: number;
  private readonly ratedCache = new Map<number, ReadonlyMap<number, number>>();

  constructor(weights: ModelWeights, metadata?: ModelMetadata) {
    this.w = weights;
    this.metadata = metadata;
    weights.userIds.forEach((id, i) => this.userIndex.set(id, i));
    weights.movieIds.forEach((id, i) => this.itemIndex.set(id, i));
    const d = weights.rankFactors;
    const nI = weights.movieIds.length;
    this.itemOutUnit = new Float32Array(nI * d);
    for (let i = 0; i < nI; i++) {
      let norm = 0;
      for (let f = 0; f < d; f++) norm += (weights.itemOut[i * d + f] as number) ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let f = 0; f < d; f++) this.itemOutUnit[i * d + f] = (weights.itemOut[i * d + f] as number) / norm;
    }
    this.itemItemPos = new Int32Array(nI).fill(-1);
    weights.itemItem?.items.forEach((i, a) => (this.itemItemPos[i] = a));
    this.coldScores = new Float32Array(nI);
    for (let i = 0; i < nI; i++) {
      const c = weights.itemCount[i] as number;
      this.coldScores[i] = (c * (weights.itemMean[i] as number) + COLD_START_PRIOR * weights.globalMean) / (c + COLD_START_PRIOR);
    }
    this.ratingL2 = metadata?.hyperParams.ratingL2 ?? DEFAULT_HYPER_PARAMS.ratingL2;
    this.ratingBiasL2 = metadata?.hyperParams.ratingBiasL2 ?? DEFAULT_HYPER_PARAMS.ratingBiasL2;
  }

  /** Decodes a version's files (see artifacts.ts). */
  static fromFiles(files: ModelFiles): Recommender {
    const { weights, metadata } = fromModelFiles(files);
    return new Recommender(weights, metadata);
  }

  /** Loads a version from a store; the newest complete version when `version` is omitted. */
  static async load(store: ModelStore, version?: string): Promise<Recommender> {
    return Recommender.fromFiles(await store.load(version ?? (await store.latestVersion())));
  }

  /** True when the model trained on this user. */
  hasUser(userId: string): boolean {
    return this.userIndex.has(userId);
  }

  /** True when the model knows this film. */
  hasMovie(movieId: number): boolean {
    return this.itemIndex.has(movieId);
  }

  /** Every user id the model trained on. */
  get userIds(): readonly string[] {
    return this.w.userIds;
  }

  /** The ratings the model trained on for a user (empty for unknown users). */
  trainingRatings(userId: string): UserRating[] {
    const u = this.userIndex.get(userId);
    if (u === undefined) return [];
    const r = this.w.userRated[u]!;
    return Array.from(r.items, (i, k) => ({ movieId: this.w.movieIds[i] as number, rating: r.ratings[k] as number }));
  }

  /**
   * Top-k for one user, never a film they rated (in training or in `currentRatings`) or one in `exclude`,
   * each with "because you liked X". Known user with unchanged ratings: the trained vectors; unknown user or
   * changed ratings: fold-in; no ratings at all: cold start (well-rated popular films).
   */
  recommend(userId: string | undefined, options: RecommendOptions): RecommendationList {
    const state = this.userState(userId, options.currentRatings);
    if (!state) return { source: "cold-start", items: this.coldStart(options) };
    const mask = this.exclusionMask(options.exclude, state.rated, options);
    const scores = this.rankScores(state);
    const top = topK(scores, options.k, (i) => mask[i] === 1);
    const liked = this.likedItems(state.rated);
    return {
      source: state.source,
      items: top.map((i) => ({
        movieId: this.w.movieIds[i] as number,
        score: scores[i] as number,
        predictedRating: this.predictIndex(state, i),
        becauseYouLiked: this.mostSimilar(i, liked),
      })),
    };
  }

  /**
   * Cold start: films by damped mean rating (each film's mean pulled towards the global mean by 20 virtual
   * ratings, so a film needs both good ratings and enough of them), optionally only in favourite genres.
   */
  coldStart(options: { k: number; exclude?: Iterable<number> } & GenreFilter): Recommendation[] {
    const mask = this.exclusionMask(options.exclude, new Map(), options);
    return topK(this.coldScores, options.k, (i) => mask[i] === 1).map((i) => ({
      movieId: this.w.movieIds[i] as number,
      score: this.coldScores[i] as number,
      predictedRating: clampStars(this.w.globalMean + (this.w.itemBias[i] as number)),
    }));
  }

  /** Films most similar to one (cosine of the ranking head's item factors); empty for an unknown film. */
  similar(movieId: number, k: number, exclude?: Iterable<number>): SimilarMovie[] {
    const i = this.itemIndex.get(movieId);
    if (i === undefined) return [];
    const d = this.w.rankFactors;
    const nI = this.w.movieIds.length;
    const sims = new Float32Array(nI);
    const row = this.itemOutUnit.subarray(i * d, i * d + d);
    for (let j = 0; j < nI; j++) sims[j] = dot(row, this.itemOutUnit, j * d, d);
    const mask = this.exclusionMask(exclude, new Map([[i, 0]]), {});
    return topK(sims, k, (j) => mask[j] === 1).map((j) => ({
      movieId: this.w.movieIds[j] as number,
      similarity: sims[j] as number,
    }));
  }

  /** The predicted stars (0.5..5) for a user and film; unknown users or films get baseline fallbacks. */
  predict(userId: string | undefined, movieId: number, currentRatings?: readonly UserRating[]): number {
    const state = this.userState(userId, currentRatings);
    const i = this.itemIndex.get(movieId);
    if (i === undefined) return clampStars(this.w.globalMean + (state?.bias ?? 0));
    if (!state) return clampStars(this.w.globalMean + (this.w.itemBias[i] as number));
    return this.predictIndex(state, i);
  }

  /**
   * Ranks films for a group. Each member's ranking scores are standardised (z-scores over the catalogue,
   * so a member with extreme logits does not dominate); a film is vetoed when any member's predicted
   * rating is below the misery threshold; the rest rank by (1 - w) * mean + w * min of the members'
   * standardised scores. Plain averaging lets a majority outvote one member who would hate the film;
   * pure least misery ignores how much the others want it; the blend with a veto keeps both in view.
   */
  group(members: readonly GroupMember[], options: GroupOptions): GroupRecommendation[] {
    const nI = this.w.movieIds.length;
    const threshold = options.miseryThreshold ?? 2.5;
    const wMin = options.minWeight ?? 0.5;
    const states = members.map((m) => this.userState(m.userId, m.currentRatings));
    const allRated = new Map<number, number>();
    for (const s of states) for (const [i, r] of s?.rated ?? []) allRated.set(i, r);
    const mask = this.exclusionMask(options.exclude, allRated, options);
    const standardised = states.map((s) => standardise(s ? this.rankScores(s) : this.coldScores));
    const sum = new Float32Array(nI);
    const min = new Float32Array(nI).fill(Infinity);
    for (const z of standardised) {
      for (let i = 0; i < nI; i++) {
        sum[i]! += z[i] as number;
        if ((z[i] as number) < (min[i] as number)) min[i] = z[i] as number;
      }
    }
    const blended = new Float32Array(nI);
    for (let i = 0; i < nI; i++) blended[i] = (1 - wMin) * ((sum[i] as number) / Math.max(1, members.length)) + wMin * (min[i] as number);
    const predictedFor = (i: number) =>
      states.map((s) => (s ? this.predictIndex(s, i) : clampStars(this.w.globalMean + (this.w.itemBias[i] as number))));
    const out: GroupRecommendation[] = [];
    // Walk the blended order and drop vetoed films; the veto needs predictions, so it runs on candidates only.
    const candidates = topK(blended, Math.min(nI, Math.max(options.k * 10, 200)), (i) => mask[i] === 1);
    for (const i of candidates) {
      const predictedRatings = predictedFor(i);
      if (predictedRatings.some((p) => p < threshold)) continue;
      out.push({ movieId: this.w.movieIds[i] as number, score: blended[i] as number, predictedRatings });
      if (out.length === options.k) break;
    }
    return out;
  }

  /**
   * The rating head's own top-k (highest predicted stars), excluding the user's training films. Evaluation
   * uses it to measure how a rating-only model ranks; product lists come from recommend().
   */
  rankByPredictedRating(currentRatings: readonly UserRating[], k: number): number[] {
    const state = this.userState(undefined, currentRatings);
    if (!state) return [];
    const nI = this.w.movieIds.length;
    const stars = new Float32Array(nI);
    for (let i = 0; i < nI; i++) stars[i] = this.predictIndex(state, i);
    return topK(stars, k, (i) => state.rated.has(i)).map((i) => this.w.movieIds[i] as number);
  }

  /**
   * Ranking scores of every film for a user: the factor head's logits, blended (when the model has an
   * item-item part) as w * z(logits) + (1 - w) * z(item-item scores), each standardised over its own films
   * for this user; films outside the item-item table get only the factor part. The item-item score of a
   * film is the sum of its weights from the films the user rated, so fold-in needs nothing extra.
   */
  private rankScores(state: UserState): Float32Array {
    const d = this.w.rankFactors;
    const nI = this.w.movieIds.length;
    const scores = new Float32Array(nI);
    for (let i = 0; i < nI; i++) scores[i] = dot(state.rank, this.w.itemOut, i * d, d) + (this.w.itemOutBias[i] as number);
    const ii = this.w.itemItem;
    if (!ii || ii.items.length === 0) return scores;
    const n = ii.items.length;
    const item = new Float32Array(n);
    for (const i of state.rated.keys()) {
      const a = this.itemItemPos[i] as number;
      if (a < 0) continue;
      const row = ii.weights.subarray(a * n, a * n + n);
      for (let b = 0; b < n; b++) item[b]! += row[b] as number;
    }
    const wf = ii.factorWeight;
    const f = moments(scores);
    const e = moments(item);
    for (let i = 0; i < nI; i++) scores[i] = (wf * ((scores[i] as number) - f.mean)) / f.sd;
    for (let b = 0; b < n; b++) scores[ii.items[b] as number]! += ((1 - wf) * ((item[b] as number) - e.mean)) / e.sd;
    return scores;
  }

  private predictIndex(state: UserState, i: number): number {
    const d = this.w.ratingFactors;
    return clampStars(this.w.globalMean + state.bias + (this.w.itemBias[i] as number) + dot(state.factors, this.w.itemFactors, i * d, d));
  }

  /**
   * The user's vectors: trained ones when the model knows the user and `current` is absent or equal to the
   * training ratings; otherwise folded in from `current` against the fixed item tables. Undefined when
   * there is nothing to go on (cold start).
   */
  private userState(userId: string | undefined, current?: readonly UserRating[]): UserState | undefined {
    const u = userId === undefined ? undefined : this.userIndex.get(userId);
    if (u !== undefined) {
      const rated = this.trainedRated(u);
      if (current === undefined || sameRatings(rated, current, this.itemIndex)) {
        const dk = this.w.rankFactors;
        const dr = this.w.ratingFactors;
        return {
          rank: this.w.userRank.subarray(u * dk, u * dk + dk),
          bias: this.w.userBias[u] as number,
          factors: this.w.userFactors.subarray(u * dr, u * dr + dr),
          rated,
          source: "model",
        };
      }
    }
    if (!current || current.length === 0) return undefined;
    return this.foldIn(current);
  }

  /**
   * A known user's training ratings as item index -> stars. Built from the typed arrays on demand and kept
   * for the last few users, so a run of calls for one user (evaluation, a page of predictions) builds it once.
   */
  private trainedRated(u: number): ReadonlyMap<number, number> {
    const hit = this.ratedCache.get(u);
    if (hit) return hit;
    const trained = this.w.userRated[u]!;
    const rated = new Map<number, number>();
    trained.items.forEach((i, k) => rated.set(i, trained.ratings[k] as number));
    if (this.ratedCache.size >= RATED_CACHE_USERS) this.ratedCache.delete(this.ratedCache.keys().next().value as number);
    this.ratedCache.set(u, rated);
    return rated;
  }

  /**
   * Fold-in, no retraining. Ranking: the user vector is, exactly as in training, the sum of the rated films'
   * input factors over sqrt(count). Rating: a ridge least-squares solve for (b_u, p_u) against the fixed
   * item biases and factors, with training's per-rating L2, i.e. one (d+1)x(d+1) Cholesky solve.
   * Films unknown to the model are still excluded from the lists but carry no signal.
   */
  private foldIn(current: readonly UserRating[]): UserState {
    const dk = this.w.rankFactors;
    const dr = this.w.ratingFactors;
    const rated = new Map<number, number>();
    const rank = new Float32Array(dk);
    const known: number[] = [];
    for (const r of current) {
      const i = this.itemIndex.get(r.movieId);
      if (i === undefined) continue;
      rated.set(i, r.rating);
      known.push(i);
    }
    const n = known.length;
    for (const i of known) for (let f = 0; f < dk; f++) rank[f]! += this.w.itemIn[i * dk + f] as number;
    if (n > 0) for (let f = 0; f < dk; f++) rank[f]! /= Math.sqrt(n);

    // Normal equations over x = [b_u, p_u]: (A^T A + n diag(l2b, l2, ...)) x = A^T y.
    const m = dr + 1;
    const ata = new Float64Array(m * m);
    const aty = new Float64Array(m);
    const row = new Float64Array(m);
    for (const i of known) {
      row[0] = 1;
      for (let f = 0; f < dr; f++) row[f + 1] = this.w.itemFactors[i * dr + f] as number;
      const y = (rated.get(i) as number) - this.w.globalMean - (this.w.itemBias[i] as number);
      for (let a = 0; a < m; a++) {
        aty[a]! += (row[a] as number) * y;
        for (let b = 0; b <= a; b++) ata[a * m + b]! += (row[a] as number) * (row[b] as number);
      }
    }
    for (let a = 0; a < m; a++) ata[a * m + a]! += Math.max(1, n) * (a === 0 ? this.ratingBiasL2 : this.ratingL2) + 1e-6;
    const x = n > 0 ? choleskySolve(ata, aty, m) : new Float64Array(m);
    return { rank, bias: x[0] as number, factors: Float32Array.from(x.subarray(1)), rated, source: "fold-in" };
  }

  /** 1 for films to skip: excluded ids, rated films, and films outside the genre filter. */
  private exclusionMask(exclude: Iterable<number> | undefined, rated: ReadonlyMap<number, number>, filter: GenreFilter): Uint8Array {
    const nI = this.w.movieIds.length;
    const mask = new Uint8Array(nI);
    for (const i of rated.keys()) mask[i] = 1;
    for (const id of exclude ?? []) {
      const i = this.itemIndex.get(id);
      if (i !== undefined) mask[i] = 1;
    }
    if (filter.genres && filter.genres.length > 0) {
      const wanted = new Set(filter.genres.map((g) => g.toLowerCase()));
      for (let i = 0; i < nI; i++) {
        const genres = filter.movieGenres?.get(this.w.movieIds[i] as number) ?? [];
        if (!genres.some((g) => wanted.has(g.toLowerCase()))) mask[i] = 1;
      }
    }
    return mask;
  }

  /** The user's liked films: rated >= 4, or their best-rated ones when none reaches 4. */
  private likedItems(rated: ReadonlyMap<number, number>): number[] {
    const liked = [...rated].filter(([, r]) => r >= LIKED_THRESHOLD).map(([i]) => i);
    if (liked.length > 0 || rated.size === 0) return liked;
    const best = Math.max(...rated.values());
    return [...rated].filter(([, r]) => r === best).map(([i]) => i);
  }

  /**
   * The liked film that explains film i: the one whose item-item weight to i is largest (its contribution
   * to i's score) when both are in the item-item table and that weight is positive; otherwise the most
   * similar by cosine of the factor head's item factors.
   */
  private mostSimilar(i: number, candidates: readonly number[]): number | undefined {
    const ii = this.w.itemItem;
    const b = this.itemItemPos[i] as number;
    if (ii && b >= 0) {
      const n = ii.items.length;
      let best: number | undefined;
      let bestWeight = 0;
      for (const j of candidates) {
        const a = this.itemItemPos[j] as number;
        if (a < 0) continue;
        const weight = ii.weights[a * n + b] as number;
        if (weight > bestWeight) {
          bestWeight = weight;
          best = j;
        }
      }
      if (best !== undefined) return this.w.movieIds[best] as number;
    }
    const d = this.w.rankFactors;
    const row = this.itemOutUnit.subarray(i * d, i * d + d);
    let best: number | undefined;
    let bestSim = -Infinity;
    for (const j of candidates) {
      const s = dot(row, this.itemOutUnit, j * d, d);
      if (s > bestSim) {
        bestSim = s;
        best = j;
      }
    }
    return best === undefined ? undefined : (this.w.movieIds[best] as number);
  }
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>, offset: number, d: number): number {
  let s = 0;
  for (let f = 0; f < d; f++) s += (a[f] as number) * (b[offset + f] as number);
  return s;
}

/** Clamps a prediction to the 0.5..5 star scale. */
export function clampStars(x: number): number {
  return Math.min(5, Math.max(0.5, x));
}

/** Mean and standard deviation (1 when the scores are constant, so standardising never divides by 0). */
function moments(scores: Float32Array): { mean: number; sd: number } {
  let mean = 0;
  for (const s of scores) mean += s;
  mean /= Math.max(1, scores.length);
  let v = 0;
  for (const s of scores) v += (s - mean) ** 2;
  return { mean, sd: Math.sqrt(v / Math.max(1, scores.length)) || 1 };
}

function standardise(scores: Float32Array): Float32Array {
  const { mean, sd } = moments(scores);
  return scores.map((s) => (s - mean) / sd);
}

function sameRatings(trained: ReadonlyMap<number, number>, current: readonly UserRating[], index: ReadonlyMap<number, number>): boolean {
  if (trained.size !== current.length) return false;
  for (const r of current) {
    const i = index.get(r.movieId);
    if (i === undefined || trained.get(i) !== r.rating) return false;
  }
  return true;
}

/** Solves S x = b for a symmetric positive-definite S (lower triangle filled), by Cholesky. */
function choleskySolve(s: Float64Array, b: Float64Array, m: number): Float64Array {
  const l = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = s[i * m + j] as number;
      for (let k = 0; k < j; k++) sum -= (l[i * m + k] as number) * (l[j * m + k] as number);
      l[i * m + j] = i === j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / (l[j * m + j] as number);
    }
  }
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let sum = b[i] as number;
    for (let k = 0; k < i; k++) sum -= (l[i * m + k] as number) * (y[k] as number);
    y[i] = sum / (l[i * m + i] as number);
  }
  const x = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let sum = y[i] as number;
    for (let k = i + 1; k < m; k++) sum -= (l[k * m + i] as number) * (x[k] as number);
    x[i] = sum / (l[i * m + i] as number);
  }
  return x;
}
