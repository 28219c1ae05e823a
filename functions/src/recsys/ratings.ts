/** One rating as the model sees it: an opaque user id, a MovieLens movie id, 0.5..5 stars. */
export interface Rating {
  userId: string;
  movieId: number;
  rating: number;
  /** Seconds since the epoch, when known. */
  timestamp?: number;
}

/**
 * Where training ratings come from (a Firestore scan, a CSV file, memory), page by page, so the
 * training code knows nothing of Firestore and memory holds one page of raw documents at a time.
 */
export interface RatingsSource {
  pages(): AsyncIterable<Rating[]>;
}

/** A source over ratings already in memory (tests, CSV files), served in pages of `pageSize`. */
export class InMemoryRatingsSource implements RatingsSource {
  constructor(
    private readonly ratings: readonly Rating[],
    private readonly pageSize = 5000,
  ) {}

  async *pages(): AsyncIterable<Rating[]> {
    for (let i = 0; i < this.ratings.length; i += this.pageSize) {
      yield this.ratings.slice(i, i + this.pageSize);
    }
  }
}

/** True for 0.5, 1, ..., 5 (the app's half-star scale). */
export function isValidRating(value: number): boolean {
  return Number.isFinite(value) && value >= 0.5 && value <= 5 && Number.isInteger(value * 2);
}

/** Each person's ratings, people in order of first appearance (serving and the CLI fold people in from these). */
export function groupByUser(ratings: readonly Rating[]): Map<string, { movieId: number; rating: number }[]> {
  const out = new Map<string, { movieId: number; rating: number }[]>();
  for (const r of ratings) {
    const list = out.get(r.userId);
    if (list) list.push({ movieId: r.movieId, rating: r.rating });
    else out.set(r.userId, [{ movieId: r.movieId, rating: r.rating }]);
  }
  return out;
}
