/**
 * Reading MovieLens-format folders (`movies.csv`, `links.csv`, optional `ratings.csv`, each with a header).
 * Every row is validated; a bad one stops the import with an error naming the file and line.
 */
import { createReadStream, existsSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse";
import { AppError } from "../shared/errors";
import { GENRES } from "../shared/genres";
import { RATING_VALUES, type MovieInput } from "./movies.schema";

export interface ImportedRating {
  userId: number;
  movieId: number;
  rating: number;
  /** Seconds since the epoch, as MovieLens stores it. */
  timestamp: number;
  /** Line in ratings.csv, for messages. */
  line: number;
}

function rowError(file: string, line: number, message: string): AppError {
  return new AppError("invalid-argument", `${path.basename(file)} line ${line}: ${message}`, {
    details: { file: path.basename(file), line },
  });
}

/** Yields each data row as strings with its line number (the header is line 1). */
async function* csvRows(file: string, header: readonly string[]): AsyncGenerator<{ line: number; cells: string[] }> {
  const parser = createReadStream(file).pipe(parse({ relax_column_count: true, bom: true, info: true }));
  let first = true;
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const { record: cells, info } = record;
      if (first) {
        first = false;
        if (cells.join(",") !== header.join(",")) {
          throw rowError(file, 1, `expected the header "${header.join(",")}"`);
        }
        continue;
      }
      if (cells.length !== header.length) throw rowError(file, info.lines, `expected ${header.length} columns, found ${cells.length}`);
      yield { line: info.lines, cells };
    }
  } catch (e: unknown) {
    if (e instanceof AppError) throw e;
    const line = typeof e === "object" && e !== null && "lines" in e ? Number((e as { lines: number }).lines) : 0;
    throw rowError(file, line, e instanceof Error ? e.message : String(e));
  }
}

const positiveInt = (s: string): number | undefined => (/^[1-9]\d{0,9}$/.test(s) ? Number(s) : undefined);

const TRAILING_ARTICLE = /^(.*), (The|A|An|Les|La|Le|L'|Il|El|Das|Der|Die|Los|Las)$/;

/** "Matrix, The (1999)" -> { title: "The Matrix", year: 1999 }. */
export function parseMovieLensTitle(raw: string): { title: string; year: number | null } {
  const match = /^(.*?)\s*\((\d{4})(?:[–-]\d{0,4})?\)\s*$/.exec(raw.trim());
  const base = match ? match[1] : raw.trim();
  const year = match ? Number(match[2]) : null;
  const article = TRAILING_ARTICLE.exec(base);
  const title = article ? `${article[2]}${article[2].endsWith("'") ? "" : " "}${article[1]}` : base;
  return { title, year };
}

const KNOWN_GENRES = new Set<string>(GENRES);

/** Reads a folder's films (movies.csv joined with links.csv when present). */
export async function readMovieLensMovies(dir: string): Promise<MovieInput[]> {
  const moviesFile = path.join(dir, "movies.csv");
  if (!existsSync(moviesFile)) throw new AppError("invalid-argument", `${moviesFile} does not exist`);
  const links = new Map<number, { imdbId: string | null; tmdbId: number | null }>();
  const linksFile = path.join(dir, "links.csv");
  if (existsSync(linksFile)) {
    for await (const { line, cells } of csvRows(linksFile, ["movieId", "imdbId", "tmdbId"])) {
      const movieId = positiveInt(cells[0]);
      if (movieId === undefined) throw rowError(linksFile, line, `invalid movieId "${cells[0]}"`);
      if (cells[1] !== "" && !/^\d{1,10}$/.test(cells[1])) throw rowError(linksFile, line, `invalid imdbId "${cells[1]}"`);
      if (cells[2] !== "" && positiveInt(cells[2]) === undefined) throw rowError(linksFile, line, `invalid tmdbId "${cells[2]}"`);
      links.set(movieId, {
        imdbId: cells[1] === "" ? null : `tt${cells[1].padStart(7, "0")}`,
        tmdbId: cells[2] === "" ? null : Number(cells[2]),
      });
    }
  }
  const movies: MovieInput[] = [];
  const seen = new Set<number>();
  for await (const { line, cells } of csvRows(moviesFile, ["movieId", "title", "genres"])) {
    const movieId = positiveInt(cells[0]);
    if (movieId === undefined) throw rowError(moviesFile, line, `invalid movieId "${cells[0]}"`);
    if (seen.has(movieId)) throw rowError(moviesFile, line, `duplicate movieId ${movieId}`);
    seen.add(movieId);
    if (cells[1].trim() === "") throw rowError(moviesFile, line, "empty title");
    const genres = cells[2] === "(no genres listed)" ? [] : cells[2].split("|");
    const unknown = genres.find((g) => !KNOWN_GENRES.has(g));
    if (unknown !== undefined) throw rowError(moviesFile, line, `unknown genre "${unknown}"`);
    const { title, year } = parseMovieLensTitle(cells[1]);
    const link = links.get(movieId);
    movies.push({ movieId, title, year, genres, imdbId: link?.imdbId ?? null, tmdbId: link?.tmdbId ?? null });
  }
  return movies;
}

/** Reads a folder's ratings.csv, or undefined when the folder has none. */
export async function readMovieLensRatings(dir: string): Promise<ImportedRating[] | undefined> {
  const file = path.join(dir, "ratings.csv");
  if (!existsSync(file)) return undefined;
  const ratings: ImportedRating[] = [];
  for await (const { line, cells } of csvRows(file, ["userId", "movieId", "rating", "timestamp"])) {
    const userId = positiveInt(cells[0]);
    const movieId = positiveInt(cells[1]);
    const rating = Number(cells[2]);
    const timestamp = /^\d{1,12}$/.test(cells[3]) ? Number(cells[3]) : undefined;
    if (userId === undefined) throw rowError(file, line, `invalid userId "${cells[0]}"`);
    if (movieId === undefined) throw rowError(file, line, `invalid movieId "${cells[1]}"`);
    if (!(RATING_VALUES as readonly number[]).includes(rating)) throw rowError(file, line, `invalid rating "${cells[2]}"`);
    if (timestamp === undefined) throw rowError(file, line, `invalid timestamp "${cells[3]}"`);
    ratings.push({ userId, movieId, rating, timestamp, line });
  }
  return ratings;
}
