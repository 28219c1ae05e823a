/**
 * Imports a MovieLens-format folder into Firestore:
 *   npm run import -- --dir <folder> [--no-ratings] [--project <id>]
 * Targets the Firestore emulator when FIRESTORE_EMULATOR_HOST is set (as under `npm start`: use
 * FIRESTORE_EMULATOR_HOST=127.0.0.1:8080), otherwise the project's Firestore with application default
 * credentials. Idempotent: a second run writes nothing. Prints time and peak memory at the end.
 */
import { parseArgs } from "node:util";
import { initializeApp } from "firebase-admin/app";
import { getFirestore } from "firebase-admin/firestore";
import { SingleBar, Presets } from "cli-progress";
import { CatalogueImporter } from "../src/movies/catalogue-import";
import { readMovieLensMovies, readMovieLensRatings } from "../src/movies/movielens";
import { FirestoreMovieRepository } from "../src/movies/movies.repository";
import { FirestoreRatingAggregatesStore, FirestoreRatingRepository } from "../src/ratings/ratings.repository";
import { setLogWriter } from "../src/shared/logger";

const USAGE = "usage: npm run import -- --dir <movielens folder> [--no-ratings] [--project <id>]";

function bar(label: string) {
  return new SingleBar({ format: `${label.padEnd(8)} [{bar}] {percentage}% | {value}/{total}`, hideCursor: true }, Presets.shades_classic);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        dir: { type: "string" },
        "no-ratings": { type: "boolean", default: false },
        project: { type: "string", default: process.env.GCLOUD_PROJECT ?? "demo-movie-night" },
      },
    }).values;
  } catch (e: unknown) {
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`, { cause: e });
  }
  if (!args.dir) throw new Error(USAGE);
  setLogWriter(() => undefined);
  const started = Date.now();
  const db = getFirestore(initializeApp({ projectId: args.project }));
  const importer = new CatalogueImporter(
    new FirestoreMovieRepository(db),
    new FirestoreRatingRepository(db),
    new FirestoreRatingAggregatesStore(db),
  );
  const target = process.env.FIRESTORE_EMULATOR_HOST ? `emulator ${process.env.FIRESTORE_EMULATOR_HOST}` : `project ${args.project}`;
  console.log(`Importing ${args.dir} into ${target}`);

  const movies = await readMovieLensMovies(args.dir);
  const ratings = args["no-ratings"] ? undefined : await readMovieLensRatings(args.dir);
  const movieBar = bar("films");
  movieBar.start(movies.length, 0);
  const moviesWritten = await importer.importMovies(movies, (done) => movieBar.update(done));
  movieBar.stop();
  let ratingsSummary = "no ratings.csv imported";
  if (ratings) {
    const ratingBar = bar("ratings");
    ratingBar.start(ratings.length, 0);
    const { written, counted, skipped } = await importer.importRatings(ratings, new Set(movies.map((m) => m.movieId)), (done) =>
      ratingBar.update(done),
    );
    ratingBar.stop();
    if (skipped.length > 0) {
      const lines = skipped
        .slice(0, 5)
        .map((r) => `line ${r.line} (film ${r.movieId})`)
        .join(", ");
      console.warn(
        `Skipped ${skipped.length} rating(s) of films not in movies.csv: ratings.csv ${lines}${skipped.length > 5 ? ", ..." : ""}`,
      );
    }
    ratingsSummary = `${ratings.length} ratings read, ${written} written, aggregates recounted from ${counted} ratings`;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const peakMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(`${movies.length} films read, ${moviesWritten} written; ${ratingsSummary}; ${seconds} s, peak RSS ${peakMiB} MiB`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
