import { readFile } from "node:fs/promises";
import { z } from "zod";
import { AppError } from "../shared/errors";
import type { ModelWeights } from "./weights";

/**
 * One row of BigQuery ML's `ML.WEIGHTS` output for a matrix factorization model, as `EXPORT DATA ...
 * OPTIONS(format='JSON')` writes it (one JSON object per line): `processed_input` names the user or item
 * column the row belongs to, `feature` is that user's or item's id, `factor_weights` its latent vector and
 * `intercept` its bias.
 */
const weightsRowSchema = z.object({
  processed_input: z.string().min(1),
  feature: z.union([z.string(), z.number()]),
  factor_weights: z.array(z.object({ factor: z.number().int().nonnegative(), weight: z.number() })).min(1),
  intercept: z.number().nullable().optional(),
});

/**
 * Turns an exported `ML.WEIGHTS` file into this project's model weights, so a model trained by BigQuery ML
 * (the path beyond one function instance) serves through the same artifacts and code. Only the film rows are
 * kept (people are folded in when served, as always): the film factors become both the rating head's q_i and,
 * normalised, the ranking table A; the film intercepts become b_i. Films have no co-rated neighbours (similar
 * films fall back to content) and their counts are unknown (cold start ranks by mu + b_i).
 */
export async function importBigQueryWeights(file: string, itemColumn: string, globalMean: number): Promise<ModelWeights> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e: unknown) {
    throw new AppError("invalid-argument", `cannot read ${file}: ${(e as Error).message}`, { cause: e });
  }
  const films = new Map<number, { factors: Float32Array; intercept: number }>();
  let d = -1;
  let line = 0;
  for (const raw of text.split(/\r?\n/)) {
    line++;
    if (raw.trim() === "") continue;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new AppError("invalid-argument", `${file}:${line}: not a JSON object`);
    }
    const row = weightsRowSchema.safeParse(json);
    if (!row.success)
      throw new AppError("invalid-argument", `${file}:${line}: not an ML.WEIGHTS row (${row.error.issues[0]?.message ?? "invalid"})`);
    if (row.data.processed_input !== itemColumn) continue;
    const movieId = Number(row.data.feature);
    if (!Number.isSafeInteger(movieId) || movieId < 0)
      throw new AppError("invalid-argument", `${file}:${line}: film id must be a non-negative integer`);
    const dims = Math.max(...row.data.factor_weights.map((f) => f.factor)) + 1;
    if (d < 0) d = dims;
    if (dims !== d || row.data.factor_weights.length !== d)
      throw new AppError("invalid-argument", `${file}:${line}: expected ${d} factors`);
    const factors = new Float32Array(d);
    for (const f of row.data.factor_weights) factors[f.factor] = f.weight;
    films.set(movieId, { factors, intercept: row.data.intercept ?? 0 });
  }
  if (films.size === 0) throw new AppError("invalid-argument", `${file}: no rows for the item column "${itemColumn}"`);
  const movieIds = [...films.keys()];
  const n = movieIds.length;
  const itemFactors = new Float32Array(n * d);
  const itemEmbedding = new Float32Array(n * d);
  const itemBias = new Float32Array(n);
  const itemMean = new Float32Array(n);
  movieIds.forEach((id, i) => {
    const film = films.get(id)!;
    itemFactors.set(film.factors, i * d);
    const norm = Math.hypot(...film.factors) || 1;
    for (let f = 0; f < d; f++) itemEmbedding[i * d + f] = (film.factors[f] as number) / norm;
    itemBias[i] = film.intercept;
    itemMean[i] = globalMean + film.intercept;
  });
  return {
    movieIds,
    rankFactors: d,
    itemEmbedding,
    ratingFactors: d,
    globalMean,
    itemBias,
    itemFactors,
    itemCount: new Int32Array(n),
    itemMean,
    neighbours: 0,
    neighbourItems: new Int32Array(0),
    neighbourSupport: new Int32Array(0),
  };
}
