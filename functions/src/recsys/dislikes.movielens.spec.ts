import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseMoviesCsv, readRatingsCsv } from "./csv";
import { Recommender } from "./serving";
import { train } from "./train";

/** ml-latest-small beside the repository (never copied into it). */
const DATA = path.resolve(__dirname, "../../../../../shared/data/ml-latest-small");

/**
 * The dislike rule on real data: the 20 most-rated horror films and the 10 most-rated comedies (not
 * horror) of ml-latest-small. Rated 1 and 4: no horror in the top 20; rated 5 and 4: more horror, and at
 * most 14 films in common between the two lists. Trained with the default settings (about 15 s on WASM):
 * smaller, faster tables are too close to popularity for the liked horror to pull other horror up.
 */
describe("Recommender dislikes on ml-latest-small (popular horror films)", function () {
  this.timeout(180000);
  let model: Recommender;
  let horror: number[];
  let comedy: number[];
  let isHorror: (movieId: number) => boolean;
  before(async function () {
    if (!existsSync(path.join(DATA, "ratings.csv"))) {
      // The data set's licence keeps it out of the repository; without it there is nothing to test on.
      this.skip();
    }
    const ratings = await readRatingsCsv(path.join(DATA, "ratings.csv"));
    const movies = parseMoviesCsv(await readFile(path.join(DATA, "movies.csv"), "utf8"));
    isHorror = (m) => movies.get(m)?.genres.includes("Horror") ?? false;
    const count = new Map<number, number>();
    for (const r of ratings) count.set(r.movieId, (count.get(r.movieId) ?? 0) + 1);
    const byCount = [...count.keys()].sort((a, b) => (count.get(b) as number) - (count.get(a) as number));
    horror = byCount.filter(isHorror).slice(0, 20);
    comedy = byCount.filter((m) => !isHorror(m) && (movies.get(m)?.genres.includes("Comedy") ?? false)).slice(0, 10);
    model = new Recommender((await train(ratings)).weights);
  });

  const person = (horrorStars: number) => [
    ...horror.map((movieId) => ({ movieId, rating: horrorStars })),
    ...comedy.map((movieId) => ({ movieId, rating: 4 })),
  ];

  it("keeps horror out of the top 20 of a person who rated popular horror 1 and comedies 4", () => {
    const top = model.recommend({ k: 20, currentRatings: person(1) }).items;
    assert.equal(top.length, 20);
    assert.deepEqual(
      top.filter((r) => isHorror(r.movieId)).map((r) => r.movieId),
      [],
    );
    for (const r of top) assert.ok(r.becauseYouLiked === undefined || comedy.includes(r.becauseYouLiked), JSON.stringify(r));
  });

  it("gives more horror when the same films were rated 5, sharing at most 14 of 20 films", () => {
    const low = model.recommend({ k: 20, currentRatings: person(1) }).items.map((r) => r.movieId);
    const high = model.recommend({ k: 20, currentRatings: person(5) }).items.map((r) => r.movieId);
    const count = (list: number[]) => list.filter(isHorror).length;
    assert.ok(count(high) > count(low), `${count(high)} vs ${count(low)}`);
    assert.ok(high.filter((m) => low.includes(m)).length <= 14, `${high.filter((m) => low.includes(m)).length} in common`);
  });
});
