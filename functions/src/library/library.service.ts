import { AppError } from "../shared/errors";
import { ONE_TIME, type Page, decodeCursor, encodeCursor } from "../shared/pagination";
import type { MovieExistence, RatingsService } from "../ratings/ratings.service";
import type { LibraryRepository, WatchedCounter } from "./library.repository";
import { type StoredWatched, type StoredWatchlistEntry, WATCHED_AT_SKEW_MS, type WatchedView, type WatchlistView } from "./library.schema";

export const toWatchedView = (w: StoredWatched): WatchedView => ({
  movieId: w.movieId,
  watchedAt: w.watchedAt.toISOString(),
  createdAt: w.createdAt.toISOString(),
  updatedAt: w.updatedAt.toISOString(),
});

export const toWatchlistView = (w: StoredWatchlistEntry): WatchlistView => ({
  movieId: w.movieId,
  note: w.note,
  addedAt: w.addedAt.toISOString(),
  updatedAt: w.updatedAt.toISOString(),
});

/** The earliest date a film can have been watched (the first films were shown in 1888). */
const EARLIEST_WATCH = Date.UTC(1888, 0, 1);

/** A person's watched list and watchlist. */
export class LibraryService {
  constructor(
    private readonly library: LibraryRepository,
    private readonly movies: MovieExistence,
    private readonly ratings: RatingsService,
    private readonly counter: WatchedCounter,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Logs a film as watched (now, or at `watchedAt`), optionally rating it; takes it off the watchlist. */
  async markWatched(
    uid: string,
    movieId: number,
    input: { watchedAt?: string; rating?: number },
  ): Promise<{ created: boolean; watched: WatchedView; rating?: number }> {
    await this.requireMovie(movieId);
    const now = this.now();
    const watchedAt = input.watchedAt ? new Date(input.watchedAt) : now;
    if (watchedAt.getTime() > now.getTime() + WATCHED_AT_SKEW_MS || watchedAt.getTime() < EARLIEST_WATCH) {
      throw new AppError("invalid-argument", "Invalid watched entry", {
        details: [{ path: "watchedAt", message: "Must not be in the future or before 1888" }],
      });
    }
    const { created, stored } = await this.library.markWatched(uid, movieId, watchedAt, now);
    if (input.rating !== undefined) await this.ratings.rate(uid, movieId, input.rating);
    return { created, watched: toWatchedView(stored), ...(input.rating === undefined ? {} : { rating: input.rating }) };
  }

  async unmarkWatched(uid: string, movieId: number): Promise<void> {
    await this.requireMovie(movieId);
    await this.library.deleteWatched(uid, movieId);
  }

  async listWatched(uid: string, limit: number, cursor?: string): Promise<Page<WatchedView>> {
    const { items, next } = await this.library.listWatched(uid, decodeCursor("watched", cursor, ONE_TIME), limit);
    return { items: items.map(toWatchedView), nextCursor: next ? encodeCursor("watched", next) : undefined };
  }

  /** Adds a film to the watchlist, or updates its note when it is already there. */
  async putOnWatchlist(uid: string, movieId: number, note: string | null | undefined): Promise<{ created: boolean; entry: WatchlistView }> {
    await this.requireMovie(movieId);
    const trimmed = note?.trim() ? note.trim() : null;
    const { created, stored } = await this.library.putWatchlistEntry(uid, movieId, trimmed, this.now());
    return { created, entry: toWatchlistView(stored) };
  }

  async removeFromWatchlist(uid: string, movieId: number): Promise<void> {
    await this.requireMovie(movieId);
    await this.library.deleteWatchlistEntry(uid, movieId);
  }

  async listWatchlist(uid: string, limit: number, cursor?: string): Promise<Page<WatchlistView>> {
    const { items, next } = await this.library.listWatchlist(uid, decodeCursor("watchlist", cursor, ONE_TIME), limit);
    return { items: items.map(toWatchlistView), nextCursor: next ? encodeCursor("watchlist", next) : undefined };
  }

  /** The watched trigger's work: the user's watched counter, once per event. */
  async applyWatchedWrite(eventId: string, uid: string, existedBefore: boolean, existsAfter: boolean): Promise<void> {
    if (existedBefore === existsAfter) return;
    await this.counter.applyOnce(eventId, uid, existsAfter ? 1 : -1);
  }

  private async requireMovie(movieId: number): Promise<void> {
    if (!(await this.movies.get(movieId))) throw new AppError("not-found", `No film with id ${movieId}`);
  }
}
