import type { RatingAggregatesStore, RatingRepository } from "../ratings/ratings.repository";
import type { ImportedRating } from "./movielens";
import type { MovieRepository } from "./movies.repository";
import type { MovieInput } from "./movies.schema";

export type Progress = (done: number, total: number) => void;

/** Chunk size of import writes (Firestore batches hold at most 500 writes). */
const CHUNK = 500;

/** The uid under which a MovieLens user's ratings are imported (demo users; they cannot sign in). */
export const importedUid = (userId: number): string => `ml-${userId}`;

/**
 * Imports a catalogue and optional ratings. Idempotent: only what differs from the stored state is
 * written, so a second run writes nothing. Rating aggregates are recounted once at the end instead of
 * by the trigger per rating (the trigger skips imported ratings).
 */
export class CatalogueImporter {
  constructor(
    private readonly movies: MovieRepository,
    private readonly ratings: RatingRepository,
    private readonly aggregates: RatingAggregatesStore,
  ) {}

  async importMovies(movies: readonly MovieInput[], progress: Progress = () => undefined): Promise<number> {
    let written = 0;
    for (let i = 0; i < movies.length; i += CHUNK) {
      written += await this.movies.upsertCatalogue(movies.slice(i, i + CHUNK));
      progress(Math.min(i + CHUNK, movies.length), movies.length);
    }
    return written;
  }

  /**
   * Imports the ratings of films in `catalogue`. Ratings of other films cannot be shown or aggregated:
   * they are skipped and returned, so the caller can name their lines.
   */
  async importRatings(
    all: readonly ImportedRating[],
    catalogue: ReadonlySet<number>,
    progress: Progress = () => undefined,
  ): Promise<{ written: number; counted: number; skipped: ImportedRating[] }> {
    const ratings = all.filter((r) => catalogue.has(r.movieId));
    const skipped = all.filter((r) => !catalogue.has(r.movieId));
    let written = 0;
    for (let i = 0; i < ratings.length; i += CHUNK) {
      const chunk = ratings.slice(i, i + CHUNK).map((r) => ({
        uid: importedUid(r.userId),
        movieId: r.movieId,
        rating: r.rating,
        at: new Date(r.timestamp * 1000),
      }));
      written += await this.ratings.upsertImported(chunk);
      progress(Math.min(i + CHUNK, ratings.length), ratings.length);
    }
    const counted = await this.aggregates.recountAll();
    return { written, counted, skipped };
  }
}
