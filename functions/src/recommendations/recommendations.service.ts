import type { LibraryRepository } from "../library/library.repository";
import type { MovieRepository } from "../movies/movies.repository";
import type { StoredMovie } from "../movies/movies.schema";
import type { RatingRepository } from "../ratings/ratings.repository";
import type { UserRating } from "../recsys/serving";
import { isVisibleTo } from "../shared/authorization";
import { AppError } from "../shared/errors";
import type { CursorPosition } from "../shared/pagination";
import type { LoadedModel } from "./model-provider";
import type { FriendshipChecker, PrivacyLookup } from "./recommendations.repository";
import type {
  MovieRef,
  GroupList,
  Reason,
  RecommendationItem,
  RecommendationList,
  RecommendationsQuery,
  SimilarList,
} from "./recommendations.schema";

/** Where the live model comes from (ModelProvider in production). */
export interface ModelSource {
  current(): Promise<LoadedModel | undefined>;
}

/** A person's favourite genres (their preferences, kept by the users domain). */
export interface FavouriteGenresReader {
  favouriteGenres(uid: string): Promise<string[]>;
}

/** How groups are ranked; the API says so in every group answer. */
export const GROUP_AGGREGATION =
  "Each member's model scores are standardised; a film any member is predicted to rate below 2.5 stars is " +
  "vetoed; the rest rank by 0.5 x the members' mean plus 0.5 x the least happy member's score.";

/** Films asked of the model beyond the limit, for the few it knows that the catalogue no longer has. */
const SPARE = 10;
/** Bound on catalogue reads of one fallback list. */
const MAX_FALLBACK_SCAN = 1000;
const FALLBACK_BATCH = 100;

const round2 = (x: number) => Math.round(x * 100) / 100;
const movieRef = (m: StoredMovie): MovieRef => ({ movieId: m.movieId, title: m.title, year: m.year, genres: m.genres });

/**
 * Personal, similar-film and group recommendations. Lists come from the live model when one is published
 * (ModelSource) and from the catalogue's well-rated popular films otherwise, so these routes never fail
 * for want of a model. Every list excludes what the people concerned have rated; personal lists also what
 * is on the watchlist or watched, group lists what anyone in the group has watched.
 */
export class RecommendationsService {
  private readonly genreMaps = new WeakMap<LoadedModel, Promise<Map<number, readonly string[]>>>();

  constructor(
    private readonly models: ModelSource,
    private readonly movies: MovieRepository,
    private readonly ratings: RatingRepository,
    private readonly library: LibraryRepository,
    private readonly preferences: FavouriteGenresReader,
    private readonly friendships: FriendshipChecker,
    private readonly privacy: PrivacyLookup,
  ) {}

  /**
   * Top films for one person with a reason each. Someone who rated films since the model trained (or
   * whom it never saw) is folded in from their current ratings; someone with no ratings gets well-rated
   * popular films in their favourite genres (topped up from every genre when those run short).
   */
  async forUser(uid: string, query: RecommendationsQuery): Promise<RecommendationList> {
    const [ratings, watched, watchlist, loaded] = await Promise.all([
      this.ratings.listAllByUser(uid),
      this.library.allWatched(uid),
      this.library.allWatchlist(uid),
      this.models.current(),
    ]);
    const current: UserRating[] = ratings.map((r) => ({ movieId: r.movieId, rating: r.rating }));
    const exclude = new Set<number>([
      ...current.map((r) => r.movieId),
      ...watched.map((w) => w.movieId),
      ...watchlist.map((w) => w.movieId),
    ]);
    const wanted = query.genre ? [query.genre] : current.length === 0 ? await this.preferences.favouriteGenres(uid) : [];
    const modelVersion = loaded?.version ?? null;

    if (loaded && current.length > 0) {
      const list = loaded.model.recommend({
        k: query.limit + SPARE,
        exclude,
        currentRatings: current,
        genres: wanted,
        movieGenres: wanted.length > 0 ? await this.genresOf(loaded) : undefined,
      });
      const films = await this.movies.getMany([...list.items.map((i) => i.movieId), ...list.items.flatMap((i) => i.becauseYouLiked ?? [])]);
      const items: RecommendationItem[] = [];
      for (const item of list.items) {
        const movie = films.get(item.movieId);
        if (!movie) continue;
        const liked = item.becauseYouLiked === undefined ? undefined : films.get(item.becauseYouLiked);
        items.push({
          movie: movieRef(movie),
          predictedRating: round2(item.predictedRating),
          reason: liked ? becauseYouLiked(liked) : popularReason(movie, wanted),
        });
        if (items.length === query.limit) break;
      }
      return { source: list.source, modelVersion, items };
    }

    // Cold start: favourite genres first, then (unless the caller asked for one genre) every genre.
    const passes = wanted.length > 0 && !query.genre ? [wanted, []] : [wanted];
    const chosen: Array<{ movieId: number; predictedRating: number | null }> = [];
    for (const genres of passes) {
      if (chosen.length >= query.limit) break;
      const taken = new Set([...exclude, ...chosen.map((c) => c.movieId)]);
      const more = loaded
        ? loaded.model
            .coldStart({
              k: query.limit - chosen.length + SPARE,
              exclude: taken,
              genres,
              movieGenres: genres.length > 0 ? await this.genresOf(loaded) : undefined,
            })
            .map((r) => ({ movieId: r.movieId, predictedRating: round2(r.predictedRating) as number | null }))
        : (await this.popularFromCatalogue(query.limit - chosen.length, taken, genres)).map((m) => ({
            movieId: m.movieId,
            predictedRating: m.ratingMean === null ? null : round2(m.ratingMean),
          }));
      chosen.push(...more);
    }
    const films = await this.movies.getMany(chosen.map((c) => c.movieId));
    const items: RecommendationItem[] = [];
    for (const c of chosen) {
      const movie = films.get(c.movieId);
      if (!movie) continue;
      items.push({ movie: movieRef(movie), predictedRating: c.predictedRating, reason: popularReason(movie, wanted) });
      if (items.length === query.limit) break;
    }
    return { source: loaded ? "cold-start" : "popular", modelVersion, items };
  }

  /**
   * Films like one film: with the live model, films rated by at least MIN_SIMILAR_SUPPORT of the same people,
   * by the ranking table's cosine; when those run short (a film few people rated), topped up by content
   * (most genres in common, then the nearest year, among well-rated films) and the answer says so. Without a
   * model, content alone.
   */
  async similar(movieId: number, limit: number): Promise<SimilarList> {
    const [movie, loaded] = await Promise.all([this.movies.get(movieId), this.models.current()]);
    if (!movie) throw new AppError("not-found", `No film with id ${movieId}`);
    const fromModel = loaded?.model.similar(movieId, limit + SPARE) ?? [];
    const films = await this.movies.getMany(fromModel.map((s) => s.movieId));
    const items: SimilarList["items"] = fromModel
      .filter((s) => films.has(s.movieId))
      .slice(0, limit)
      .map((s) => ({
        movie: movieRef(films.get(s.movieId) as StoredMovie),
        similarity: round2(s.similarity),
        basis: "co-ratings" as const,
      }));
    const modelVersion = loaded?.version ?? null;
    if (items.length === limit) return { movie: movieRef(movie), source: "model", modelVersion, items };
    const taken = new Set([movieId, ...items.map((i) => i.movie.movieId)]);
    const pool = await this.popularFromCatalogue(Math.max(60, limit * 6), taken, movie.genres);
    const shared = (m: StoredMovie) => m.genres.filter((g) => movie.genres.includes(g)).length;
    const yearGap = (m: StoredMovie) => (m.year === null || movie.year === null ? 1000 : Math.abs(m.year - movie.year));
    const byContent = [...pool].sort((a, b) => shared(b) - shared(a) || yearGap(a) - yearGap(b));
    for (const m of byContent.slice(0, limit - items.length)) items.push({ movie: movieRef(m), similarity: null, basis: "content" });
    const note =
      items.length > 0 && items.every((i) => i.basis === "content")
        ? "Too few people rated this film together with others: similar by genres and year."
        : "Too few people rated this film together with others for a full list: topped up by genres and year.";
    return { movie: movieRef(movie), source: fromModel.length > 0 ? "model" : "content", modelVersion, note, items };
  }

  /**
   * Films for the caller and some of their friends to watch together (see GROUP_AGGREGATION), none that
   * anyone in the group has watched or rated. `permission-denied` when a uid is not the caller's friend,
   * or is a friend whose privacy setting hides their ratings and watched list from the caller: the
   * ranking and its exclusions are made of exactly that data, so the list would reveal it.
   */
  async group(callerUid: string, friendUids: readonly string[], limit: number): Promise<GroupList> {
    const others = friendUids.filter((u) => u !== callerUid);
    if (others.length !== friendUids.length) {
      throw new AppError("invalid-argument", "Invalid request", {
        details: [{ path: "uids", message: "You are always in your own group; list only friends" }],
      });
    }
    const friends = await Promise.all(others.map((u) => this.friendships.areFriends(callerUid, u)));
    const strangers = others.filter((_, i) => !friends[i]);
    if (strangers.length > 0) {
      throw new AppError("permission-denied", "Groups are for you and your friends", {
        details: strangers.map((u) => ({ path: `uids.${friendUids.indexOf(u)}`, message: "Not your friend" })),
      });
    }
    const settings = await this.privacy.privacyOf(others);
    const hidden = others.filter((u) => !isVisibleTo(settings.get(u) ?? "private", { isSelf: false, isFriend: true }));
    if (hidden.length > 0) {
      throw new AppError("permission-denied", "Some of these friends do not share their ratings and watched films with you", {
        details: hidden.map((u) => ({ path: `uids.${friendUids.indexOf(u)}`, message: "Does not share ratings with you" })),
      });
    }
    const members = [callerUid, ...others];
    const { loaded, ranked, popular } = await this.rankGroup(members, limit + SPARE, limit);

    if (loaded) {
      const films = await this.movies.getMany(ranked.map((r) => r.movieId));
      const items = ranked
        .filter((r) => films.has(r.movieId))
        .slice(0, limit)
        .map((r) => ({
          movie: movieRef(films.get(r.movieId) as StoredMovie),
          score: round2(r.score),
          predictedRating: {
            mean: round2(r.predictedRatings.reduce((a, b) => a + b, 0) / Math.max(1, r.predictedRatings.length)),
            min: round2(Math.min(...r.predictedRatings)),
          },
        }));
      return { source: "model", modelVersion: loaded.version, members, aggregation: GROUP_AGGREGATION, items };
    }
    return {
      source: "popular",
      modelVersion: null,
      members,
      aggregation: "No model is published yet: well-rated popular films nobody in the group has watched or rated.",
      items: popular.map((m) => ({ movie: movieRef(m), score: round2(m.ratingScore), predictedRating: null })),
    };
  }

  /**
   * The group ranking of `group` (GROUP_AGGREGATION; popular films without a model) as bare film ids,
   * best first, for callers that decided themselves who is in the group (a movie night's members) and
   * so skip the friendship check. Leaves out `exclude` and whatever a member rated or watched.
   */
  async rankForMembers(members: readonly string[], k: number, exclude: ReadonlySet<number> = new Set()): Promise<number[]> {
    const { loaded, ranked, popular } = await this.rankGroup(members, k, k, exclude);
    return loaded ? ranked.map((r) => r.movieId) : popular.map((m) => m.movieId);
  }

  /**
   * The group ranking both public methods share: with the live model, GROUP_AGGREGATION over every
   * member's current ratings (top `modelK`); without one, popular well-rated films (top `popularK`).
   * Leaves out `exclude` and whatever any member rated or watched.
   */
  private async rankGroup(members: readonly string[], modelK: number, popularK: number, exclude: ReadonlySet<number> = new Set()) {
    const [memberRatings, memberWatched, loaded] = await Promise.all([
      Promise.all(members.map((u) => this.ratings.listAllByUser(u))),
      Promise.all(members.map((u) => this.library.allWatched(u))),
      this.models.current(),
    ]);
    const skip = new Set<number>([
      ...exclude,
      ...memberWatched.flat().map((w) => w.movieId),
      ...memberRatings.flat().map((r) => r.movieId),
    ]);
    if (!loaded) return { loaded, ranked: [], popular: await this.popularFromCatalogue(popularK, skip, []) };
    const ranked = loaded.model.group(
      members.map((_, i) => ({ currentRatings: memberRatings[i]!.map((r) => ({ movieId: r.movieId, rating: r.rating })) })),
      { k: modelK, exclude: skip },
    );
    return { loaded, ranked, popular: [] as StoredMovie[] };
  }

  /** Genres of every film the model knows, read from the catalogue once per loaded version. */
  private genresOf(loaded: LoadedModel): Promise<Map<number, readonly string[]>> {
    let map = this.genreMaps.get(loaded);
    if (!map) {
      map = this.movies.getMany(loaded.movieIds).then((films) => new Map([...films].map(([id, m]) => [id, m.genres])));
      // A failed read is not cached: the next request tries again.
      map.catch(() => this.genreMaps.delete(loaded));
      this.genreMaps.set(loaded, map);
    }
    return map;
  }

  /**
   * Well-rated popular films from the catalogue (its Bayesian rating score), skipping `exclude`, in any of
   * `genres` (all genres when empty). One genre filters in the query; several are checked here, scanning
   * a bounded number of films.
   */
  private async popularFromCatalogue(limit: number, exclude: ReadonlySet<number>, genres: readonly string[]): Promise<StoredMovie[]> {
    const out: StoredMovie[] = [];
    let after: CursorPosition | undefined;
    let scanned = 0;
    while (out.length < limit && scanned < MAX_FALLBACK_SCAN) {
      const batch = await this.movies.scan({ sort: "rating", genre: genres.length === 1 ? genres[0] : undefined }, after, FALLBACK_BATCH);
      scanned += batch.movies.length;
      for (const m of batch.movies) {
        if (exclude.has(m.movieId) || m.ratingCount === 0) continue;
        if (genres.length > 1 && !m.genres.some((g) => genres.includes(g))) continue;
        out.push(m);
        if (out.length === limit) break;
      }
      if (!batch.next) break;
      after = batch.next;
    }
    return out;
  }
}

function becauseYouLiked(liked: StoredMovie): Reason {
  return { code: "because-you-liked", text: `Because you liked ${liked.title}`, movie: { movieId: liked.movieId, title: liked.title } };
}

function popularReason(movie: StoredMovie, favourites: readonly string[]): Reason {
  const genre = movie.genres.find((g) => favourites.includes(g));
  return genre
    ? { code: "popular-in-genre", text: `Well rated and popular in ${genre}`, genre }
    : { code: "popular", text: "Well rated and popular" };
}
