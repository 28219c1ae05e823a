import type { RatingAggregatesStore, RatingRepository } from "../ratings/ratings.repository";
import { toAggregates } from "../ratings/rating-aggregates";
import type { LibraryRepository } from "../library/library.repository";
import { AppError } from "../shared/errors";
import { ONE_NUMBER, type Page, decodeCursor, encodeCursor } from "../shared/pagination";
import type { MovieDetailsService } from "./movie-details";
import type { MovieRepository } from "./movies.repository";
import type { MovieListQuery, MovieSummary, MovieView, StoredMovie } from "./movies.schema";
import { mostSelectiveWord, queryWords, titleMatches } from "./search-index";

export const toMovieSummary = (m: StoredMovie): MovieSummary => ({
  movieId: m.movieId,
  title: m.title,
  year: m.year,
  genres: m.genres,
  ratings: { count: m.ratingCount, mean: m.ratingMean === null ? null : Math.round(m.ratingMean * 100) / 100 },
});

/** How many films one list request may read while filtering in memory, before it returns a short page. */
const MAX_SCANNED_PER_REQUEST = 1000;

/** The catalogue: search and browse, and one film with everything the caller needs on its page. */
export class MoviesService {
  constructor(
    private readonly movies: MovieRepository,
    private readonly aggregates: RatingAggregatesStore,
    private readonly ratings: RatingRepository,
    private readonly library: LibraryRepository,
    private readonly details: MovieDetailsService,
  ) {}

  /**
   * Lists films by popularity or rating, filtered by title words, genre and year. Firestore allows one
   * array filter per query: with a title search the genre is checked in memory, scanning on in batches
   * until the page is full (bounded; the cursor then resumes where the scan stopped).
   */
  async list(query: MovieListQuery): Promise<Page<MovieSummary>> {
    const kind = `movies:${query.sort}:${query.q ?? ""}:${query.genre ?? ""}:${query.year ?? ""}`;
    let after = decodeCursor(kind, query.cursor, ONE_NUMBER);
    const words = query.q === undefined ? [] : queryWords(query.q);
    if (query.q !== undefined && words.length === 0) return { items: [] };
    const prefix = mostSelectiveWord(words);
    const inMemoryGenre = prefix !== undefined ? query.genre : undefined;
    const items: MovieSummary[] = [];
    let scanned = 0;
    while (items.length < query.limit && scanned < MAX_SCANNED_PER_REQUEST) {
      const batchSize = Math.min(Math.max(query.limit * 2, 20), 200);
      const batch = await this.movies.scan(
        { sort: query.sort, prefix, genre: prefix === undefined ? query.genre : undefined, year: query.year },
        after,
        batchSize,
      );
      scanned += batch.movies.length;
      for (const movie of batch.movies) {
        if (!titleMatches(movie.searchPrefixes, words)) continue;
        if (inMemoryGenre !== undefined && !movie.genres.includes(inMemoryGenre)) continue;
        items.push(toMovieSummary(movie));
        if (items.length === query.limit) {
          // The page ends at this film: the next page starts right after it.
          const sortValue = query.sort === "popularity" ? movie.ratingCount : movie.ratingScore;
          after = { values: [sortValue], id: String(movie.movieId) };
          return { items, nextCursor: encodeCursor(kind, after) };
        }
      }
      after = batch.next;
      if (!after) return { items };
    }
    return { items, nextCursor: after ? encodeCursor(kind, after) : undefined };
  }

  /** One film with exact aggregates, TMDB details when configured, and the caller's own state. */
  async get(uid: string, movieId: number): Promise<MovieView> {
    const movie = await this.movies.get(movieId);
    if (!movie) throw new AppError("not-found", `No film with id ${movieId}`);
    const [totals, rating, watched, watchlist, details] = await Promise.all([
      this.aggregates.read(movieId),
      this.ratings.get(uid, movieId),
      this.library.getWatched(uid, movieId),
      this.library.getWatchlistEntry(uid, movieId),
      this.details.detailsFor(movieId, movie.tmdbId),
    ]);
    return {
      movieId: movie.movieId,
      title: movie.title,
      year: movie.year,
      genres: movie.genres,
      externalIds: { imdb: movie.imdbId, tmdb: movie.tmdbId },
      ratings: toAggregates(totals),
      details,
      me: {
        rating: rating?.rating ?? null,
        watched: watched ? { watchedAt: watched.watchedAt.toISOString() } : null,
        watchlist: watchlist ? { note: watchlist.note, addedAt: watchlist.addedAt.toISOString() } : null,
      },
    };
  }
}
