import type { MovieScan, MovieScanBatch } from "../movies/movies.repository";
import type { StoredMovie } from "../movies/movies.schema";
import type { CursorPosition } from "../shared/pagination";
import type { DeckFilters } from "./nights.schema";

/** The recommender's group ranking (RecommendationsService.rankForMembers). */
export interface GroupRanker {
  rankForMembers(members: readonly string[], k: number, exclude?: ReadonlySet<number>): Promise<number[]>;
}

/** What each member has seen and wants to see (the library and ratings repositories). */
export interface MemberMovies {
  allWatched(uid: string): Promise<Array<{ movieId: number }>>;
  allWatchlist(uid: string): Promise<Array<{ movieId: number }>>;
  listAllByUser(uid: string): Promise<Array<{ movieId: number }>>;
}

/** The catalogue (MovieRepository). */
export interface DeckCatalogue {
  getMany(movieIds: readonly number[]): Promise<Map<number, StoredMovie>>;
  scan(scan: MovieScan, after: CursorPosition | undefined, limit: number): Promise<MovieScanBatch>;
}

/** What a crew remembers for its deck: films it vetoed, and films it watched together and liked. */
export interface DeckMemory {
  vetoed: readonly number[];
  liked: readonly number[];
}

const NO_MEMORY: DeckMemory = { vetoed: [], liked: [] };

/** With a taste to follow, the deck is picked from this many times its size of candidates. */
const TASTE_POOL = 2;
/**
 * How far a film fully in the crew's taste moves up, as a share of the candidate list: its score is its
 * place (0..1) minus this times its affinity (0..1).
 */
const TASTE_WEIGHT = 0.5;

/**
 * How close each film is to the crew's taste: for each genre, the share of liked films having it; a
 * film's affinity is its best genre's share.
 */
export function tasteOrder(
  candidates: readonly number[],
  genresOf: (id: number) => readonly string[],
  liked: ReadonlyArray<readonly string[]>,
): number[] {
  if (liked.length === 0) return [...candidates];
  const share = new Map<string, number>();
  for (const genres of liked) for (const g of new Set(genres)) share.set(g, (share.get(g) ?? 0) + 1 / liked.length);
  const score = (id: number, i: number) =>
    i / candidates.length - TASTE_WEIGHT * Math.max(0, ...genresOf(id).map((g) => share.get(g) ?? 0));
  return candidates
    .map((id, i) => ({ id, s: score(id, i), i }))
    .sort((a, b) => a.s - b.s || a.i - b.i)
    .map((c) => c.id);
}

/** Every third card comes from members' watchlists while they last; the rest from the group ranking. */
const WATCHLIST_EVERY = 3;
/** Films asked of the ranking per card, so filters still leave enough. */
const OVERFETCH = 4;
const TOP_UP_BATCH = 200;
const MAX_TOP_UP_SCAN = 2000;

/** Whether a film passes the host's filters (any listed genre; years inclusive; a film without a year fails a year filter). */
export function passesFilters(movie: Pick<StoredMovie, "genres" | "year">, filters: DeckFilters): boolean {
  if (filters.genres.length > 0 && !movie.genres.some((g) => filters.genres.includes(g))) return false;
  if (filters.yearFrom !== null && (movie.year === null || movie.year < filters.yearFrom)) return false;
  if (filters.yearTo !== null && (movie.year === null || movie.year > filters.yearTo)) return false;
  return true;
}

/**
 * Interleaves the ranked films with the watchlist films (one in WATCHLIST_EVERY), without repeats, up
 * to `size`; whichever list runs out, the other fills in.
 */
export function interleave(ranked: readonly number[], watchlist: readonly number[], size: number): number[] {
  const out: number[] = [];
  const taken = new Set<number>();
  let r = 0;
  let w = 0;
  const next = (list: readonly number[], i: number): [number | undefined, number] => {
    while (i < list.length && taken.has(list[i]!)) i++;
    return i < list.length ? [list[i], i + 1] : [undefined, i];
  };
  while (out.length < size) {
    const wantWatchlist = (out.length + 1) % WATCHLIST_EVERY === 0;
    let pick: number | undefined;
    if (wantWatchlist) [pick, w] = next(watchlist, w);
    if (pick === undefined) [pick, r] = next(ranked, r);
    if (pick === undefined) [pick, w] = next(watchlist, w);
    if (pick === undefined) break;
    taken.add(pick);
    out.push(pick);
  }
  return out;
}

/** The genre most of the liked films share (ties: alphabetical), if any. */
function topGenre(liked: ReadonlyArray<readonly string[]>): string | undefined {
  const counts = new Map<string, number>();
  for (const genres of liked) for (const g of new Set(genres)) counts.set(g, (counts.get(g) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

/**
 * Builds a room's deck for its members: the recommender's group ranking mixed with films on members'
 * watchlists (those on more watchlists first), never a film any member watched or rated, within the
 * host's filters, topped up with popular catalogue films when those two run short.
 */
export class DeckBuilder {
  constructor(
    private readonly ranker: GroupRanker,
    private readonly memberMovies: MemberMovies,
    private readonly catalogue: DeckCatalogue,
  ) {}

  /**
   * With a crew's memory, its vetoed films stay out, and the deck is picked from a larger pool (with
   * popular films of the genre the crew liked most) reordered towards the films it watched together and liked.
   */
  async build(members: readonly string[], filters: DeckFilters, size: number, memory: DeckMemory = NO_MEMORY): Promise<number[]> {
    const withTaste = memory.liked.length > 0;
    const pool = withTaste ? size * TASTE_POOL : size;
    const [watched, rated, watchlists] = await Promise.all([
      Promise.all(members.map((u) => this.memberMovies.allWatched(u))),
      Promise.all(members.map((u) => this.memberMovies.listAllByUser(u))),
      Promise.all(members.map((u) => this.memberMovies.allWatchlist(u))),
    ]);
    const seen = new Set<number>([...[...watched.flat(), ...rated.flat()].map((f) => f.movieId), ...memory.vetoed]);
    const wanted = new Map<number, number>();
    for (const list of watchlists)
      for (const { movieId } of list) if (!seen.has(movieId)) wanted.set(movieId, (wanted.get(movieId) ?? 0) + 1);
    const ranked = await this.ranker.rankForMembers(members, pool * OVERFETCH, seen);
    const details = await this.catalogue.getMany([...new Set([...ranked, ...wanted.keys()])]);
    const fits = (id: number) => !seen.has(id) && details.has(id) && passesFilters(details.get(id)!, filters);
    const watchlist = [...wanted.entries()]
      .filter(([id]) => fits(id))
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .map(([id]) => id);
    const deck = interleave(ranked.filter(fits), watchlist, pool);
    if (deck.length < pool) deck.push(...(await this.topUp(filters, pool - deck.length, new Set([...seen, ...deck]))));
    if (!withTaste) return deck;
    const likedFilms = [...(await this.catalogue.getMany(memory.liked)).values()].map((m) => m.genres);
    const top = topGenre(likedFilms);
    const near = top
      ? await this.topUp({ ...filters, genres: filters.genres.length > 0 ? filters.genres : [top] }, size, new Set([...seen, ...deck]))
      : [];
    const candidates = [...deck, ...near];
    const genres = await this.catalogue.getMany(candidates);
    return tasteOrder(candidates, (id) => genres.get(id)?.genres ?? [], likedFilms).slice(0, size);
  }

  /** Popular films within the filters, from a bounded catalogue scan. */
  private async topUp(filters: DeckFilters, count: number, skip: ReadonlySet<number>): Promise<number[]> {
    const out: number[] = [];
    let after: CursorPosition | undefined;
    let scanned = 0;
    const year = filters.yearFrom !== null && filters.yearFrom === filters.yearTo ? filters.yearFrom : undefined;
    while (out.length < count && scanned < MAX_TOP_UP_SCAN) {
      const batch = await this.catalogue.scan(
        { sort: "popularity", genre: filters.genres.length === 1 ? filters.genres[0] : undefined, year },
        after,
        TOP_UP_BATCH,
      );
      scanned += batch.movies.length;
      for (const m of batch.movies) {
        if (skip.has(m.movieId) || !passesFilters(m, filters)) continue;
        out.push(m.movieId);
        if (out.length === count) break;
      }
      if (!batch.next) break;
      after = batch.next;
    }
    return out;
  }
}
