import { type Firestore, type Query } from "firebase-admin/firestore";
import { readDoc, readPage } from "../shared/firestore";
import { COLLECTIONS } from "../shared/collections";
import type { CursorPosition } from "../shared/pagination";
import { type MovieInput, type MovieSort, type StoredMovie, storedMovieSchema } from "./movies.schema";
import { titlePrefixes } from "./search-index";

/** One database-side filter of the catalogue; the service adds what Firestore cannot combine. */
export interface MovieScan {
  sort: MovieSort;
  /** Array-contains on genres. */
  genre?: string;
  year?: number;
  /** Array-contains on the title search index. */
  prefix?: string;
}

export interface MovieScanBatch {
  movies: StoredMovie[];
  /** Position after the last scanned film, or undefined when the scan reached the end. */
  next?: CursorPosition;
}

export interface MovieRepository {
  get(movieId: number): Promise<StoredMovie | undefined>;
  getMany(movieIds: readonly number[]): Promise<Map<number, StoredMovie>>;
  /** Films in sort order after `after`, at most `limit` of them. */
  scan(scan: MovieScan, after: CursorPosition | undefined, limit: number): Promise<MovieScanBatch>;
  /** Writes catalogue entries whose stored form differs; returns how many were written. Idempotent. */
  upsertCatalogue(movies: readonly MovieInput[]): Promise<number>;
}

/** Field each sort orders by (descending, then document id descending). */
export const SORT_FIELDS: Record<MovieSort, "ratingCount" | "ratingScore"> = {
  popularity: "ratingCount",
  rating: "ratingScore",
};

/**
 * The filters of a scan. Firestore allows one array-contains per query, so a title search takes it and
 * the genre is then checked by the service. Exported so a test can check each shape has its index.
 */
export function scanFilters(scan: MovieScan): Array<{ field: string; op: "array-contains" | "=="; value: string | number }> {
  const filters: Array<{ field: string; op: "array-contains" | "=="; value: string | number }> = [];
  if (scan.prefix !== undefined) filters.push({ field: "searchPrefixes", op: "array-contains", value: scan.prefix });
  else if (scan.genre !== undefined) filters.push({ field: "genres", op: "array-contains", value: scan.genre });
  if (scan.year !== undefined) filters.push({ field: "year", op: "==", value: scan.year });
  return filters;
}

/** The catalogue fields the import owns; aggregates are left to the rating trigger. */
function catalogueFields(m: MovieInput) {
  return {
    movieId: m.movieId,
    title: m.title,
    year: m.year,
    genres: m.genres,
    imdbId: m.imdbId,
    tmdbId: m.tmdbId,
    searchPrefixes: titlePrefixes(m.title),
  };
}

function sameCatalogueFields(a: ReturnType<typeof catalogueFields>, stored: StoredMovie): boolean {
  return (
    a.title === stored.title &&
    a.year === stored.year &&
    a.imdbId === stored.imdbId &&
    a.tmdbId === stored.tmdbId &&
    a.genres.join("|") === stored.genres.join("|") &&
    a.searchPrefixes.join("|") === stored.searchPrefixes.join("|")
  );
}

const READ_CHUNK = 300;

export class FirestoreMovieRepository implements MovieRepository {
  constructor(private readonly db: Firestore) {}

  private ref(movieId: number) {
    return this.db.collection(COLLECTIONS.movies).doc(String(movieId));
  }

  async get(movieId: number): Promise<StoredMovie | undefined> {
    const snap = await this.ref(movieId).get();
    return readDoc(storedMovieSchema, snap);
  }

  async getMany(movieIds: readonly number[]): Promise<Map<number, StoredMovie>> {
    const result = new Map<number, StoredMovie>();
    const unique = [...new Set(movieIds)];
    for (let i = 0; i < unique.length; i += READ_CHUNK) {
      const refs = unique.slice(i, i + READ_CHUNK).map((id) => this.ref(id));
      if (refs.length === 0) continue;
      for (const snap of await this.db.getAll(...refs)) {
        if (snap.exists) {
          const movie = storedMovieSchema.parse(snap.data());
          result.set(movie.movieId, movie);
        }
      }
    }
    return result;
  }

  async scan(scan: MovieScan, after: CursorPosition | undefined, limit: number): Promise<MovieScanBatch> {
    const sortField = SORT_FIELDS[scan.sort];
    let query: Query = this.db.collection(COLLECTIONS.movies);
    for (const filter of scanFilters(scan)) query = query.where(filter.field, filter.op, filter.value);
    const page = await readPage(storedMovieSchema, { query, orderBy: sortField, dates: false, after, limit });
    return { movies: page.items.map((i) => i.data), next: page.next };
  }

  async upsertCatalogue(movies: readonly MovieInput[]): Promise<number> {
    const existing = await this.getMany(movies.map((m) => m.movieId));
    const writer = this.db.bulkWriter();
    let written = 0;
    for (const movie of movies) {
      const fields = catalogueFields(movie);
      const stored = existing.get(movie.movieId);
      if (stored && sameCatalogueFields(fields, stored)) continue;
      // merge keeps the rating aggregates the trigger maintains
      void writer.set(this.ref(movie.movieId), stored ? fields : { ...fields, ...EMPTY_AGGREGATES }, { merge: true });
      written++;
    }
    await writer.close();
    return written;
  }
}

export const EMPTY_AGGREGATES = { ratingCount: 0, ratingSum: 0, ratingMean: null, ratingScore: 0, histogram: {} };
