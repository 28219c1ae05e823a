import type { StoredWatched, StoredWatchlistEntry } from "../library/library.schema";
import type { StoredRating } from "../ratings/ratings.schema";
import type { ActivityState, FeedKind } from "./feed.schema";
import type { ActivitySources } from "./feed.service";

export const ratingState = (r: StoredRating): ActivityState => ({ at: r.updatedAt, rating: r.rating, watchedAt: null });
export const watchedState = (w: StoredWatched): ActivityState => ({
  at: w.updatedAt,
  rating: null,
  watchedAt: w.watchedAt,
});
export const watchlistState = (w: StoredWatchlistEntry): ActivityState => ({ at: w.addedAt, rating: null, watchedAt: null });

/** The ratings repository's reads this needs. */
export interface RatingSource {
  get(uid: string, movieId: number): Promise<StoredRating | undefined>;
}

/** The library repository's reads this needs. */
export interface LibrarySource {
  getWatched(uid: string, movieId: number): Promise<StoredWatched | undefined>;
  getWatchlistEntry(uid: string, movieId: number): Promise<StoredWatchlistEntry | undefined>;
}

/** The current state of a rating, watched entry or watchlist entry, read through the catalogue's repositories. */
export class CatalogueActivitySources implements ActivitySources {
  constructor(
    private readonly ratings: RatingSource,
    private readonly library: LibrarySource,
  ) {}

  async current(kind: FeedKind, uid: string, movieId: number): Promise<ActivityState | undefined> {
    switch (kind) {
      case "rating": {
        const r = await this.ratings.get(uid, movieId);
        return r && ratingState(r);
      }
      case "watched": {
        const w = await this.library.getWatched(uid, movieId);
        return w && watchedState(w);
      }
      case "watchlist": {
        const w = await this.library.getWatchlistEntry(uid, movieId);
        return w && watchlistState(w);
      }
    }
  }
}
