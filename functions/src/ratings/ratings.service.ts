import { AppError } from "../shared/errors";
import { log } from "../shared/logger";
import { ONE_TIME, type Page, decodeCursor, encodeCursor } from "../shared/pagination";
import { aggregateDelta } from "./rating-aggregates";
import type { RatingAggregatesStore, RatingRepository } from "./ratings.repository";
import type { RatingView, StoredRating } from "./ratings.schema";

/** Whether a film is in the catalogue (implemented by the movie repository). */
export interface MovieExistence {
  get(movieId: number): Promise<unknown>;
}

export function toRatingView(r: StoredRating): RatingView {
  return {
    movieId: r.movieId,
    rating: r.rating,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const CURSOR_KIND = "ratings";

/** A person's ratings, and the upkeep of every film's rating aggregates. */
export class RatingsService {
  constructor(
    private readonly ratings: RatingRepository,
    private readonly aggregates: RatingAggregatesStore,
    private readonly movies: MovieExistence,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Rates a catalogue film (0.5..5 by halves, validated at the edge); `created` is false for a re-rating. */
  async rate(uid: string, movieId: number, rating: number): Promise<{ created: boolean; rating: RatingView }> {
    await this.requireMovie(movieId);
    const { created, stored } = await this.ratings.put(uid, movieId, rating, this.now());
    return { created, rating: toRatingView(stored) };
  }

  /** Removes the caller's rating; removing one that does not exist is not an error (DELETE is idempotent). */
  async unrate(uid: string, movieId: number): Promise<void> {
    await this.requireMovie(movieId);
    await this.ratings.delete(uid, movieId);
  }

  async list(uid: string, limit: number, cursor?: string): Promise<Page<RatingView>> {
    const after = decodeCursor(CURSOR_KIND, cursor, ONE_TIME);
    const { ratings, next } = await this.ratings.listByUser(uid, after, limit);
    return { items: ratings.map(toRatingView), nextCursor: next ? encodeCursor(CURSOR_KIND, next) : undefined };
  }

  /**
   * The rating trigger's work for one write of `ratings/{id}`: the film's sharded aggregates and the user's
   * counter, once per event id, then the film's summary fields. A redelivered event changes nothing; the
   * rollup is a recomputation, so running it again is harmless.
   */
  async applyRatingWrite(eventId: string, before: StoredRating | undefined, after: StoredRating | undefined): Promise<void> {
    const subject = after ?? before;
    if (!subject) return;
    // Imported ratings (created or changed by an import) are counted by the import's recount at its end.
    if (after?.source === "import") return;
    const delta = aggregateDelta({ before: before?.rating, after: after?.rating });
    const counter = !before ? 1 : !after ? -1 : 0;
    const applied = await this.aggregates.applyOnce(
      eventId,
      subject.movieId,
      delta,
      counter === 0 ? undefined : { uid: subject.uid, delta: counter },
    );
    await this.aggregates.rollup(subject.movieId);
    log.info("rating aggregated", { movieId: subject.movieId, eventId, applied });
  }

  private async requireMovie(movieId: number): Promise<void> {
    if (!(await this.movies.get(movieId))) throw new AppError("not-found", `No film with id ${movieId}`);
  }
}
