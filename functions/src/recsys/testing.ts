import type { Rating } from "./ratings";
import { SeededRandom } from "./random";

/**
 * A synthetic ratings set with an obvious structure, for tests and benchmarks: users and films each
 * belong to one of `groups` tastes; a user rates films of their own group high (4-5) and, less often,
 * other films low (1-2). Deterministic for a seed.
 */
export function syntheticRatings(options: { users: number; movies: number; perUser: number; groups?: number; seed?: number }): Rating[] {
  const groups = options.groups ?? 4;
  const rng = new SeededRandom(options.seed ?? 7);
  const out: Rating[] = [];
  const perGroup = Math.ceil(options.movies / groups);
  for (let u = 0; u < options.users; u++) {
    const g = u % groups;
    const seen = new Set<number>();
    const n = Math.min(options.perUser, options.movies);
    while (seen.size < n) {
      const own = rng.next() < 0.8;
      // Skewed popularity inside a group: low ids are rated more often.
      const offset = Math.floor(perGroup * rng.next() ** 2);
      const group = own ? g : rng.int(groups);
      const movie = Math.min(options.movies - 1, group * perGroup + offset);
      if (seen.has(movie)) continue;
      seen.add(movie);
      const liked = group === g;
      const rating = liked ? 4 + rng.int(3) / 2 : 1 + rng.int(3) / 2;
      out.push({ userId: `u${u}`, movieId: movie + 1, rating, timestamp: 1_000_000 + out.length });
    }
  }
  return out;
}
