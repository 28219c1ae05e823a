import { AppError } from "../shared/errors";
import type { StoredRating } from "../ratings/ratings.schema";
import type { CompatibilityView, StoredFriendship } from "./friends.schema";
import type { UserDirectory } from "./people.repository";

/** Films both people rated at least this are films they both loved. */
export const LOVED_RATING = 4;
/** Pseudo-films of no opinion the similarity is shrunk with: few films in common pull the score to 50. */
export const SHRINKAGE = 10;
const MAX_LOVED = 10;

export interface TasteComparison {
  score: number | null;
  common: number;
  /** Film ids both loved, best first. */
  loved: Array<{ movieId: number; mine: number; theirs: number }>;
}

const mean = (values: Iterable<number>): number => {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    sum += v;
    n += 1;
  }
  return n === 0 ? 0 : sum / n;
};

/**
 * Taste compatibility of two people from their ratings (film id -> stars). The similarity is the
 * cosine of both people's ratings of the films they both rated, each centred on that person's own
 * mean over all their ratings (an adjusted cosine: a generous and a harsh rater who order films alike
 * still match). It is shrunk towards 0 by n / (n + SHRINKAGE) for n films in common, so one or two
 * shared films say little, then mapped to 0..100 with 50 as neutral.
 */
export function compareTastes(mine: ReadonlyMap<number, number>, theirs: ReadonlyMap<number, number>): TasteComparison {
  const muA = mean(mine.values());
  const muB = mean(theirs.values());
  let dot = 0;
  let normA = 0;
  let normB = 0;
  let common = 0;
  const loved: TasteComparison["loved"] = [];
  for (const [movieId, a] of mine) {
    const b = theirs.get(movieId);
    if (b === undefined) continue;
    common += 1;
    const x = a - muA;
    const y = b - muB;
    dot += x * y;
    normA += x * x;
    normB += y * y;
    if (a >= LOVED_RATING && b >= LOVED_RATING) loved.push({ movieId, mine: a, theirs: b });
  }
  loved.sort(
    (p, q) => Math.min(q.mine, q.theirs) - Math.min(p.mine, p.theirs) || q.mine + q.theirs - (p.mine + p.theirs) || p.movieId - q.movieId,
  );
  if (common === 0) return { score: null, common, loved };
  const cosine = normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
  const shrunk = (cosine * common) / (common + SHRINKAGE);
  return { score: Math.round(50 + 50 * shrunk), common, loved };
}

export function confidenceOf(common: number): CompatibilityView["confidence"] {
  if (common === 0) return "none";
  if (common < 5) return "low";
  return common < 20 ? "medium" : "high";
}

/** Reads every rating of a user (the ratings repository implements it). */
export interface AllRatingsReader {
  listAllByUser(uid: string): Promise<StoredRating[]>;
}

/** A movie's title and year by id (the movie repository implements it). */
export interface MovieLookup {
  getMany(movieIds: readonly number[]): Promise<Map<number, { title: string; year: number | null }>>;
}

/** GET /v1/friends/{uid}/compatibility: only between friends, and only if the friend shares ratings with friends. */
export class CompatibilityService {
  constructor(
    private readonly ratings: AllRatingsReader,
    private readonly friendships: { friendship(a: string, b: string): Promise<StoredFriendship | undefined> },
    private readonly people: UserDirectory,
    private readonly movies: MovieLookup,
  ) {}

  async compatibility(caller: string, uid: string): Promise<CompatibilityView> {
    if (caller === uid)
      throw new AppError("invalid-argument", "Compare yourself with a friend", {
        details: [{ path: "uid", message: "Must not be your own id" }],
      });
    const person = (await this.people.summaries([uid])).get(uid);
    if (!person) throw new AppError("not-found", "No such user");
    if (!(await this.friendships.friendship(caller, uid)))
      throw new AppError("permission-denied", "Taste compatibility is only shown between friends");
    if (person.privacy === "private") throw new AppError("permission-denied", "This user's ratings are not shared with you");
    const [mine, theirs] = await Promise.all([this.ratings.listAllByUser(caller), this.ratings.listAllByUser(uid)]);
    const toMap = (rs: StoredRating[]) => new Map(rs.map((r) => [r.movieId, r.rating]));
    const result = compareTastes(toMap(mine), toMap(theirs));
    const loved = result.loved.slice(0, MAX_LOVED);
    const movies = await this.movies.getMany(loved.map((l) => l.movieId));
    return {
      uid,
      score: result.score,
      commonFilms: result.common,
      confidence: confidenceOf(result.common),
      bothLoved: loved.flatMap((l) => {
        const movie = movies.get(l.movieId);
        return movie ? [{ movieId: l.movieId, title: movie.title, year: movie.year, yourRating: l.mine, theirRating: l.theirs }] : [];
      }),
    };
  }
}
