import type { Firestore } from "firebase-admin/firestore";
import { z } from "zod";
import { COLLECTIONS } from "../shared/collections";
import { describeError, log } from "../shared/logger";
import { storedDateSchema } from "../shared/validation";
import type { MovieDetails } from "./movies.schema";

/** Film details from The Movie Database, by TMDB id. */
export interface TmdbClient {
  fetchDetails(tmdbId: number): Promise<MovieDetails>;
}

const tmdbMovieSchema = z.object({
  poster_path: z.string().nullable().optional(),
  overview: z.string().nullable().optional(),
  runtime: z.number().nullable().optional(),
});

const TMDB_IMAGE_BASE = "https://image.tmdb.org/t/p/w500";

/** TMDB's v3 `GET /movie/{id}` over fetch, given up after `timeoutMs`. */
export class HttpTmdbClient implements TmdbClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly timeoutMs = 800,
  ) {}

  async fetchDetails(tmdbId: number): Promise<MovieDetails> {
    const url = `${this.baseUrl.replace(/\/$/, "")}/movie/${tmdbId}?api_key=${encodeURIComponent(this.apiKey)}`;
    const res = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs), headers: { Accept: "application/json" } });
    if (!res.ok) throw new Error(`TMDB answered ${res.status}`);
    const body = tmdbMovieSchema.parse(await res.json());
    return {
      posterUrl: body.poster_path ? `${TMDB_IMAGE_BASE}${body.poster_path}` : null,
      overview: body.overview || null,
      runtimeMinutes: body.runtime ?? null,
    };
  }
}

export interface CachedDetails {
  details: MovieDetails;
  fetchedAt: number;
}

/** The Firestore cache of TMDB details, `movieDetails/{movieId}`. */
export interface MovieDetailsCache {
  get(movieId: number): Promise<CachedDetails | undefined>;
  put(movieId: number, entry: CachedDetails): Promise<void>;
}

const cachedSchema = z.object({
  posterUrl: z.string().nullable(),
  overview: z.string().nullable(),
  runtimeMinutes: z.number().nullable(),
  fetchedAt: storedDateSchema,
});

export class FirestoreMovieDetailsCache implements MovieDetailsCache {
  constructor(private readonly db: Firestore) {}

  async get(movieId: number): Promise<CachedDetails | undefined> {
    const snap = await this.db.collection(COLLECTIONS.movieDetails).doc(String(movieId)).get();
    if (!snap.exists) return undefined;
    const { fetchedAt, ...details } = cachedSchema.parse(snap.data());
    return { details, fetchedAt: fetchedAt.getTime() };
  }

  async put(movieId: number, entry: CachedDetails): Promise<void> {
    await this.db
      .collection(COLLECTIONS.movieDetails)
      .doc(String(movieId))
      .set({ ...entry.details, fetchedAt: new Date(entry.fetchedAt) });
  }
}

export const DETAILS_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Details for a film: from the cache while younger than 7 days; otherwise fetched from TMDB (with a short
 * timeout) and cached; when TMDB is slow or down, the stale cache, or none. Never throws: details are an
 * extra, and the catalogue must answer without them.
 */
export class MovieDetailsService {
  constructor(
    private readonly cache: MovieDetailsCache,
    private readonly tmdb: TmdbClient | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  async detailsFor(movieId: number, tmdbId: number | null): Promise<MovieDetails | null> {
    if (!this.tmdb || tmdbId === null) return null;
    let cached: CachedDetails | undefined;
    try {
      cached = await this.cache.get(movieId);
      if (cached && this.now() - cached.fetchedAt < DETAILS_TTL_MS) return cached.details;
      const details = await this.tmdb.fetchDetails(tmdbId);
      await this.cache.put(movieId, { details, fetchedAt: this.now() });
      return details;
    } catch (e: unknown) {
      log.warn("film details unavailable; serving cache", { movieId, stale: cached !== undefined, ...describeError(e) });
      return cached?.details ?? null;
    }
  }
}
