import { readFile, writeFile } from "node:fs/promises";
import { AppError } from "../shared/errors";
import { isValidRating, type Rating } from "./ratings";

export const RATINGS_HEADER = "userId,movieId,rating,timestamp";

function fail(file: string, line: number, message: string): never {
  throw new AppError("invalid-argument", `${file}:${line}: ${message}`, { details: { file, line } });
}

/**
 * Parses a MovieLens-format ratings CSV (`userId,movieId,rating,timestamp`, header first; the timestamp
 * column may be empty). A malformed row is an invalid-argument error naming the file and the 1-based line.
 */
export function parseRatingsCsv(text: string, file = "ratings.csv"): Rating[] {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? "").trim().replace(/^\uFEFF/, "");
  const columns = header.split(",");
  if (columns[0] !== "userId" || columns[1] !== "movieId" || columns[2] !== "rating") {
    fail(file, 1, `expected header "${RATINGS_HEADER}", got "${header}"`);
  }
  const out: Rating[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === "") continue;
    const cells = line.split(",");
    if (cells.length < 3 || cells.length > 4) fail(file, i + 1, `expected 3 or 4 columns, got ${cells.length}`);
    const userId = (cells[0] as string).trim();
    if (userId === "") fail(file, i + 1, "empty userId");
    const movieId = Number(cells[1]);
    if (!Number.isSafeInteger(movieId) || movieId < 0 || (cells[1] as string).trim() === "") {
      fail(file, i + 1, `movieId must be a non-negative integer, got "${cells[1]}"`);
    }
    const rating = Number(cells[2]);
    if ((cells[2] as string).trim() === "" || !isValidRating(rating)) {
      fail(file, i + 1, `rating must be 0.5..5 in halves, got "${cells[2]}"`);
    }
    const ts = cells[3]?.trim();
    const r: Rating = { userId, movieId, rating };
    if (ts) {
      const timestamp = Number(ts);
      if (!Number.isFinite(timestamp)) fail(file, i + 1, `timestamp must be a number, got "${ts}"`);
      r.timestamp = timestamp;
    }
    out.push(r);
  }
  return out;
}

/** Reads and parses a ratings CSV file (see parseRatingsCsv). */
export async function readRatingsCsv(file: string): Promise<Rating[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e: unknown) {
    throw new AppError("invalid-argument", `cannot read ${file}: ${(e as Error).message}`, { cause: e });
  }
  return parseRatingsCsv(text, file);
}

/** Writes ratings in MovieLens format (header first). */
export async function writeRatingsCsv(file: string, ratings: readonly Rating[]): Promise<void> {
  const rows = ratings.map((r) => `${r.userId},${r.movieId},${r.rating},${r.timestamp ?? ""}`);
  await writeFile(file, [RATINGS_HEADER, ...rows].join("\n") + "\n");
}

/** Parses a `userId,movieId` pairs CSV (header first; further columns ignored) for `predict`. */
export function parsePairsCsv(text: string, file = "pairs.csv"): { userId: string; movieId: number }[] {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? "")
    .trim()
    .replace(/^\uFEFF/, "")
    .split(",");
  if (header[0] !== "userId" || header[1] !== "movieId") fail(file, 1, `expected header "userId,movieId"`);
  const out: { userId: string; movieId: number }[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === "") continue;
    const cells = line.split(",");
    const userId = (cells[0] ?? "").trim();
    const movieId = Number(cells[1]);
    if (userId === "") fail(file, i + 1, "empty userId");
    if (!Number.isSafeInteger(movieId) || (cells[1] ?? "").trim() === "") {
      fail(file, i + 1, `movieId must be an integer, got "${cells[1] ?? ""}"`);
    }
    out.push({ userId, movieId });
  }
  return out;
}

/** Reads and parses a pairs CSV file (see parsePairsCsv). */
export async function readPairsCsv(file: string): Promise<{ userId: string; movieId: number }[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e: unknown) {
    throw new AppError("invalid-argument", `cannot read ${file}: ${(e as Error).message}`, { cause: e });
  }
  return parsePairsCsv(text, file);
}

/** Parses MovieLens movies.csv (`movieId,title,genres`, titles may be quoted) into id -> title/genres. */
export function parseMoviesCsv(text: string): Map<number, { title: string; genres: string[] }> {
  const out = new Map<number, { title: string; genres: string[] }>();
  const lines = text.split(/\r?\n/);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === "") continue;
    const first = line.indexOf(",");
    const last = line.lastIndexOf(",");
    const movieId = Number(line.slice(0, first));
    let title = line.slice(first + 1, last);
    if (title.startsWith('"') && title.endsWith('"')) title = title.slice(1, -1).replace(/""/g, '"');
    const genres = line
      .slice(last + 1)
      .split("|")
      .filter((g) => g && g !== "(no genres listed)");
    if (Number.isSafeInteger(movieId)) out.set(movieId, { title, genres });
  }
  return out;
}
