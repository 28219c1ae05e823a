import { fromModelFiles, type ModelFiles, type ModelMetadata } from "./artifacts";
import { topK } from "./metrics";
import type { ModelStore } from "./store";
import { DEFAULT_HYPER_PARAMS, type HyperParams } from "./train";
import type { ModelWeights } from "./weights";

/** A rating as serving receives it (the person's current ratings, from Firestore or a file). */
export interface UserRating {
  movieId: number;
  rating: number;
}

/** One recommended film. */
export interface Recommendation {
  movieId: number;
  /** The ranking score (x A A^T for personal lists, a standardised blend for groups, stars for cold start). */
  score: number;
  /** The rating head's prediction for this person and film, 0.5..5. */
  predictedRating: number;
  /** "Because you liked X": a film the person liked (at least their mean and 3.5) most similar to this one. */
  becauseYouLiked?: number;
}

/** How a list was produced, so the API can say so. Every person with ratings is folded in. */
export type RecommendationSource = "fold-in" | "cold-start";

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
  /** Movie ids never to return (watched, on the watchlist). Rated films are never returned anyway. */
  exclude?: Iterable<number>;
  /** The person's current ratings; empty means cold start. */
  currentRatings: readonly UserRating[];
}

/** One member of a group: their current ratings. */
export interface GroupMember {
  currentRatings: readonly UserRating[];
}

/** A film for a group, with each member's predicted rating (in member order). */
export interface GroupRecommendation {
  movieId: number;
  score: number;
  predictedRatings: number[];
  /** True for films from the group-aware popular top-up (every model pick was vetoed or excluded). */
  fallback?: boolean;
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

/** A film similar to another, and how many people rated both. */
export interface SimilarMovie {
  movieId: number;
  similarity: number;
  support: number;
}

/** Films similar to one need at least this many people who rated both (below it, the caller falls back to content). */
export const MIN_SIMILAR_SUPPORT = 3;

/** A liked film is rated at least this and at least the person's own mean. */
const LIKED_AT_LEAST = 3.5;
/** Prior weight (in ratings at the global mean) of the damped mean used for cold start. */
const COLD_START_PRIOR = 20;

/** A person folded in from their ratings. */
interface UserState {
  /** x A: the person's ranking vector (x = signed rating weights). */
  vec: Float32Array;
  bias: number;
  factors: Float32Array;
  /** Film index -> stars, for the films the model knows. */
  rated: ReadonlyMap<number, number>;
  /** Film indices the person liked (reasons cite only these). */
  liked: number[];
  /**
   * The films the person rated (indices) and their residuals against the folded-in prediction, for the
   * neighbourhood correction; empty for the biases-only baseline.
   */
  ratedIdx: Int32Array;
  residuals: Float32Array;
}

/**
 * The serving core: pure functions over a loaded model's typed arrays (no TF.js, no Firestore), so an API
 * instance loads it quickly and answers top-k in milliseconds. The model keeps nothing about people:
 * every person is folded in from the ratings the caller passes (ranking: x A; stars: one ridge solve).
 */
export class Recommender {
  readonly metadata: ModelMetadata | undefined;
  private readonly w: ModelWeights;
  private readonly hp: HyperParams;
  private readonly itemIndex = new Map<number, number>();
  private readonly coldScores: Float32Array;

  constructor(weights: ModelWeights, metadata?: ModelMetadata) {
    this.w = weights;
    this.metadata = metadata;
    this.hp = { ...DEFAULT_HYPER_PARAMS, ...(metadata?.hyperParams as Partial<HyperParams> | undefined) };
    weights.movieIds.forEach((id, i) => this.itemIndex.set(id, i));
    const nI = weights.movieIds.length;
    this.coldScores = new Float32Array(nI);
    for (let i = 0; i < nI; i++) {
      const c = weights.itemCount[i] as number;
      this.coldScores[i] = (c * (weights.itemMean[i] as number) + COLD_START_PRIOR * weights.globalMean) / (c + COLD_START_PRIOR);
    }
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

  /** True when the model knows this film. */
  hasMovie(movieId: number): boolean {
    return this.itemIndex.has(movieId);
  }

  /** How many films the model covers. */
  get movieCount(): number {
    return this.w.movieIds.length;
  }

  /**
   * Top-k for one person, never a film they rated or one in `exclude`, each with "because you liked X".
   * No ratings: cold start (well-rated popular films).
   */
  recommend(options: RecommendOptions): RecommendationList {
    const state = this.foldIn(options.currentRatings);
    if (!state) return { source: "cold-start", items: this.coldStart(options) };
    const mask = this.exclusionMask(options.exclude, state.rated, options);
    const scores = this.rankScores(state);
    const top = topK(scores, options.k, (i) => mask[i] === 1);
    return {
      source: "fold-in",
      items: top.map((i) => ({
        movieId: this.w.movieIds[i] as number,
        score: scores[i] as number,
        predictedRating: this.predictIndex(state, i),
        becauseYouLiked: this.reason(i, state.liked),
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

  /**
   * Films most similar to one: among the films most often rated by the same people, those with at least
   * `minSupport` people in common, by the cosine of the ranking table's rows. May return fewer than k (or
   * none: a film rated by few people); the caller tops up by content and says so.
   */
  similar(movieId: number, k: number, exclude?: Iterable<number>, minSupport = MIN_SIMILAR_SUPPORT): SimilarMovie[] {
    const i = this.itemIndex.get(movieId);
    if (i === undefined) return [];
    const d = this.w.rankFactors;
    const A = this.w.itemEmbedding;
    const skip = new Set(exclude ?? []);
    const out: SimilarMovie[] = [];
    const n = this.w.neighbours;
    for (let x = 0; x < n && out.length < k; x++) {
      const j = this.w.neighbourItems[i * n + x] as number;
      const support = this.w.neighbourSupport[i * n + x] as number;
      if (j < 0 || support < minSupport || skip.has(this.w.movieIds[j] as number)) continue;
      out.push({ movieId: this.w.movieIds[j] as number, similarity: dot(A.subarray(i * d, i * d + d), A, j * d, d), support });
    }
    return out;
  }

  /** The predicted stars (0.5..5) for a person (their current ratings) and a film; baselines when unknown. */
  predict(movieId: number, currentRatings: readonly UserRating[]): number {
    const state = this.foldIn(currentRatings);
    const i = this.itemIndex.get(movieId);
    if (i === undefined) return clampStars(this.w.globalMean + (state?.bias ?? 0));
    if (!state) return clampStars(this.w.globalMean + (this.w.itemBias[i] as number));
    return this.predictIndex(state, i);
  }

  /**
   * Predicted stars for many films of one person, folding them in once (evaluation, `predict` verb).
   * Films the model does not know get the person's baseline. `biasesOnly` folds in the bias alone
   * (mu + b_u + b_i, the baseline fold-in is measured against).
   */
  predictMany(movieIds: readonly number[], currentRatings: readonly UserRating[], options: { biasesOnly?: boolean } = {}): number[] {
    const state = this.foldIn(currentRatings, options.biasesOnly);
    return movieIds.map((movieId) => {
      const i = this.itemIndex.get(movieId);
      if (i === undefined) return clampStars(this.w.globalMean + (state?.bias ?? 0));
      if (!state) return clampStars(this.w.globalMean + (this.w.itemBias[i] as number));
      return this.predictIndex(state, i);
    });
  }

  /**
   * Ranks films for a group. Each member's ranking scores are standardised (z-scores over the catalogue,
   * so a member with extreme scores does not dominate); a film is vetoed when any member's predicted
   * rating is below the misery threshold; the rest rank by (1 - w) * mean + w * min of the members'
   * standardised scores. Plain averaging lets a majority outvote one member who would hate the film;
   * pure least misery ignores how much the others want it; the blend with a veto keeps both in view.
   */
  group(members: readonly GroupMember[], options: GroupOptions): GroupRecommendation[] {
    const nI = this.w.movieIds.length;
    const threshold = options.miseryThreshold ?? 2.5;
    const wMin = options.minWeight ?? 0.5;
    const states = members.map((m) => this.foldIn(m.currentRatings));
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
    if (out.length < options.k) out.push(...this.groupPopular(states, mask, new Set(out.map((o) => o.movieId)), options.k - out.length));
    return out;
  }

  /**
   * The group's fallback, so a group list is never empty while unwatched films exist: well-rated popular films
   * (damped mean) nobody in the group rated or excluded, ordered by the members' mean predicted stars (so the
   * group's tastes still count), without the veto.
   */
  private groupPopular(
    states: readonly (UserState | undefined)[],
    mask: Uint8Array,
    taken: ReadonlySet<number>,
    k: number,
  ): GroupRecommendation[] {
    const pool = topK(this.coldScores, Math.max(k * 5, 100), (i) => mask[i] === 1 || taken.has(this.w.movieIds[i] as number));
    const scored = pool.map((i) => {
      const predictedRatings = states.map((s) =>
        s ? this.predictIndex(s, i) : clampStars(this.w.globalMean + (this.w.itemBias[i] as number)),
      );
      return { i, predictedRatings, mean: predictedRatings.reduce((a, b) => a + b, 0) / Math.max(1, predictedRatings.length) };
    });
    scored.sort((a, b) => b.mean - a.mean || a.i - b.i);
    return scored
      .slice(0, k)
      .map((x) => ({ movieId: this.w.movieIds[x.i] as number, score: x.mean, predictedRatings: x.predictedRatings, fallback: true }));
  }

  /**
   * The rating head's own top-k (highest factor-model stars, without the neighbourhood correction), excluding
   * the person's rated films. Evaluation uses it to measure how a rating-only model ranks; product lists come
   * from recommend().
   */
  rankByPredictedRating(currentRatings: readonly UserRating[], k: number): number[] {
    const state = this.foldIn(currentRatings);
    if (!state) return [];
    const nI = this.w.movieIds.length;
    const stars = new Float32Array(nI);
    // The factor part alone: the neighbourhood correction over every film would cost films x rated x factors.
    for (let i = 0; i < nI; i++) stars[i] = clampStars(this.factorPrediction(state, i));
    return topK(stars, k, (i) => state.rated.has(i)).map((i) => this.w.movieIds[i] as number);
  }

  /** Ranking scores of every film for a person: x A A^T, i.e. each film's row of A against x A. */
  private rankScores(state: UserState): Float32Array {
    const d = this.w.rankFactors;
    const nI = this.w.movieIds.length;
    const A = this.w.itemEmbedding;
    const scores = new Float32Array(nI);
    for (let i = 0; i < nI; i++) scores[i] = dot(state.vec, A, i * d, d);
    return scores;
  }

  private predictIndex(state: UserState, i: number): number {
    return clampStars(this.factorPrediction(state, i) + this.neighbourCorrection(state, i));
  }

  /** mu + b_u + b_i + p_u . q_i, unclamped. */
  private factorPrediction(state: UserState, i: number): number {
    const d = this.w.ratingFactors;
    return this.w.globalMean + state.bias + (this.w.itemBias[i] as number) + dot(state.factors, this.w.itemFactors, i * d, d);
  }

  /**
   * The neighbourhood correction (KNN-baseline style, Koren 2008): the person's residuals on the rated films
   * most like film i (cosine of the ranking rows, positive only, the `knnNeighbours` best), weighted by
   * cosine^knnPower and shrunk by `knnShrink`, so one loosely similar film moves the prediction little.
   * A rated film is not its own neighbour: predicting it again ignores its own residual.
   */
  private neighbourCorrection(state: UserState, i: number): number {
    const n = state.ratedIdx.length;
    const k = this.hp.knnNeighbours;
    if (n === 0 || k <= 0) return 0;
    const d = this.w.rankFactors;
    const A = this.w.itemEmbedding;
    const row = A.subarray(i * d, i * d + d);
    const sims = new Float32Array(n);
    let positive = 0;
    for (let x = 0; x < n; x++) {
      const j = state.ratedIdx[x] as number;
      const s = j === i ? 0 : dot(row, A, j * d, d);
      sims[x] = s > 0 ? s : 0;
      if (s > 0) positive++;
    }
    if (positive === 0) return 0;
    const chosen = positive <= k ? undefined : topK(sims, k);
    let num = 0;
    let den = 0;
    const add = (x: number) => {
      const s = sims[x] as number;
      if (s <= 0) return;
      const w = s ** this.hp.knnPower;
      num += w * (state.residuals[x] as number);
      den += w;
    };
    if (chosen) chosen.forEach(add);
    else for (let x = 0; x < n; x++) add(x);
    return num / (den + this.hp.knnShrink);
  }

  /**
   * Fold-in, no retraining; undefined when there is nothing to go on (cold start).
   * Ranking: x A, where a film rated r weighs 1 + ratingWeight * (r - m) / 2 (m: the person's mean shrunk
   * toward the global mean by `dislikePrior` ratings, so one low rating still reads as a dislike), and a
   * film rated below `dislikeBelow` weighs at most -dislikeWeight: dislikes push similar films down.
   * Stars: a ridge solve for (b_u, p_u) against the fixed film biases and factors, with penalties
   * `foldInBiasL2`, `foldInL2` that do not grow with the number of ratings, so a person with one to three
   * ratings stays close to the films' baselines instead of fitting those ratings exactly. The residuals of
   * that solve on the rated films are kept for the neighbourhood correction (not for the biases-only baseline).
   */
  private foldIn(current: readonly UserRating[], biasesOnly = false): UserState | undefined {
    const dk = this.w.rankFactors;
    const dr = this.w.ratingFactors;
    const A = this.w.itemEmbedding;
    const rated = new Map<number, number>();
    for (const r of current) {
      const i = this.itemIndex.get(r.movieId);
      if (i !== undefined) rated.set(i, r.rating);
    }
    if (current.length === 0) return undefined;
    let sum = 0;
    for (const r of current) sum += r.rating;
    const ownMean = sum / current.length;
    const mu = this.w.globalMean;
    const m = (sum + this.hp.dislikePrior * mu) / (current.length + this.hp.dislikePrior);
    const vec = new Float32Array(dk);
    const liked: number[] = [];
    for (const [i, r] of rated) {
      let weight = 1 + (this.hp.ratingWeight * (r - m)) / 2;
      if (r < this.hp.dislikeBelow) weight = Math.min(weight, -this.hp.dislikeWeight);
      for (let f = 0; f < dk; f++) vec[f]! += weight * (A[i * dk + f] as number);
      if (r >= ownMean && r >= LIKED_AT_LEAST) liked.push(i);
    }

    // Normal equations over x = [b_u, p_u]: (F^T F + diag(l2b, l2, ...)) x = F^T (r - mu - b_i).
    const size = biasesOnly ? 1 : dr + 1;
    const ata = new Float64Array(size * size);
    const aty = new Float64Array(size);
    const row = new Float64Array(size);
    for (const [i, r] of rated) {
      row[0] = 1;
      for (let f = 1; f < size; f++) row[f] = this.w.itemFactors[i * dr + f - 1] as number;
      const y = r - mu - (this.w.itemBias[i] as number);
      for (let a = 0; a < size; a++) {
        aty[a]! += (row[a] as number) * y;
        for (let b = 0; b <= a; b++) ata[a * size + b]! += (row[a] as number) * (row[b] as number);
      }
    }
    for (let a = 0; a < size; a++) ata[a * size + a]! += (a === 0 ? this.hp.foldInBiasL2 : this.hp.foldInL2) + 1e-6;
    const x = rated.size > 0 ? choleskySolve(ata, aty, size) : new Float64Array(size);
    const factors = new Float32Array(dr);
    if (!biasesOnly) factors.set(x.subarray(1));
    const state: UserState = {
      vec,
      bias: x[0] as number,
      factors,
      rated,
      liked,
      ratedIdx: new Int32Array(0),
      residuals: new Float32Array(0),
    };
    if (!biasesOnly && this.hp.knnNeighbours > 0) {
      state.ratedIdx = Int32Array.from(rated.keys());
      state.residuals = Float32Array.from(rated.entries(), ([i, r]) => r - this.factorPrediction(state, i));
    }
    return state;
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

  /** The liked film most similar to film i (cosine of A's rows), when one is similar at all. */
  private reason(i: number, liked: readonly number[]): number | undefined {
    const d = this.w.rankFactors;
    const A = this.w.itemEmbedding;
    const row = A.subarray(i * d, i * d + d);
    let best: number | undefined;
    let bestSim = 0;
    for (const j of liked) {
      const s = dot(row, A, j * d, d);
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
