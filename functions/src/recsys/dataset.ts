import { AppError } from "../shared/errors";
import { SeededRandom } from "./random";
import type { Rating } from "./ratings";

/**
 * A dense 0..n-1 index for external ids (user ids are strings, movie ids numbers). The model's tables
 * are indexed by these; the map is saved beside the weights so serving can translate back.
 */
export class IdMap<K extends string | number> {
  private readonly index = new Map<K, number>();
  private readonly keys: K[] = [];

  /** Builds a map whose indices follow the order of `ids` (duplicates ignored). */
  static from<K extends string | number>(ids: Iterable<K>): IdMap<K> {
    const map = new IdMap<K>();
    for (const id of ids) map.add(id);
    return map;
  }

  /** The index of `id`, adding it at the end when new. */
  add(id: K): number {
    const found = this.index.get(id);
    if (found !== undefined) return found;
    this.index.set(id, this.keys.length);
    this.keys.push(id);
    return this.keys.length - 1;
  }

  /** The index of `id`, or undefined when the map has never seen it. */
  get(id: K): number | undefined {
    return this.index.get(id);
  }

  has(id: K): boolean {
    return this.index.has(id);
  }

  /** The external id at an index. */
  key(i: number): K {
    const k = this.keys[i];
    if (k === undefined) throw new AppError("internal", `id map has no index ${i}`);
    return k;
  }

  get size(): number {
    return this.keys.length;
  }

  toArray(): K[] {
    return [...this.keys];
  }
}

/** Ratings encoded against id maps, as parallel typed arrays (one entry per rating). */
export interface Dataset {
  users: IdMap<string>;
  items: IdMap<number>;
  userIdx: Int32Array;
  itemIdx: Int32Array;
  rating: Float32Array;
}

/** Encodes ratings; users and items are indexed in order of first appearance unless maps are given. */
export function buildDataset(ratings: readonly Rating[], users = new IdMap<string>(), items = new IdMap<number>()): Dataset {
  const n = ratings.length;
  const userIdx = new Int32Array(n);
  const itemIdx = new Int32Array(n);
  const rating = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const r = ratings[i] as Rating;
    userIdx[i] = users.add(r.userId);
    itemIdx[i] = items.add(r.movieId);
    rating[i] = r.rating;
  }
  return { users, items, userIdx, itemIdx, rating };
}

/** Keeps the last rating of each (user, movie) pair: a re-rating replaces the old one. */
export function dedupeRatings(ratings: readonly Rating[]): Rating[] {
  const last = new Map<string, Rating>();
  for (const r of ratings) last.set(`${r.userId}\u0000${r.movieId}`, r);
  return last.size === ratings.length ? [...ratings] : [...last.values()];
}

/** A train/test partition of ratings. */
export interface Split {
  train: Rating[];
  test: Rating[];
}

function checkFraction(testFraction: number): void {
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new AppError("invalid-argument", `test fraction must be in (0, 1), got ${testFraction}`);
  }
}

/**
 * Per-user stratified random split: each user's ratings are shuffled with the seed and
 * round(n * testFraction) of them go to test, so every user appears in both halves (a user with a
 * single rating keeps it in train). Users are processed in order of first appearance, so the split is
 * a pure function of the input order and the seed.
 */
export function splitPerUser(ratings: readonly Rating[], testFraction: number, seed: number): Split {
  checkFraction(testFraction);
  const byUser = new Map<string, Rating[]>();
  for (const r of ratings) {
    const list = byUser.get(r.userId);
    if (list) list.push(r);
    else byUser.set(r.userId, [r]);
  }
  const rng = new SeededRandom(seed);
  const train: Rating[] = [];
  const test: Rating[] = [];
  for (const list of byUser.values()) {
    const shuffled = rng.shuffle([...list]);
    const k = Math.min(Math.round(list.length * testFraction), list.length - 1);
    for (let i = 0; i < shuffled.length; i++) (i < k ? test : train).push(shuffled[i] as Rating);
  }
  return { train, test };
}

/** Plain random split over all ratings (the rating-prediction protocol): a seeded shuffle, then a cut. */
export function splitRandom(ratings: readonly Rating[], testFraction: number, seed: number): Split {
  checkFraction(testFraction);
  const shuffled = new SeededRandom(seed).shuffle([...ratings]);
  const k = Math.round(shuffled.length * testFraction);
  return { test: shuffled.slice(0, k), train: shuffled.slice(k) };
}
