import { access, constants, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { AppError, isAppError } from "../shared/errors";
import { setLogWriter } from "../shared/logger";
import { toModelFiles, FILES } from "./artifacts";
import { loadTf } from "./backend";
import { importBigQueryWeights } from "./bqml";
import { readPairsCsv, readRatingsCsv, writeRatingsCsv } from "./csv";
import { splitPerUser, splitRandom } from "./dataset";
import { evaluateModel } from "./evaluate";
import { groupByUser } from "./ratings";
import { Recommender } from "./serving";
import { LocalModelStore, newVersionId } from "./store";
import { DEFAULT_HYPER_PARAMS, train, type HyperParams, type TrainProgress } from "./train";

/** One verb: its options, which are required, and its help text. */
interface VerbSpec {
  summary: string;
  usage: string;
  options: Record<string, { type: "string" | "boolean"; help: string }>;
  required: string[];
}

const VERBS: Record<string, VerbSpec> = {
  train: {
    summary: "fit a model on every rating of a file and save it as a new version",
    usage: "train --ratings <csv> --out <dir> [--seed <n>] [--min-ratings <n>]",
    options: {
      ratings: {
        type: "string",
        help: "MovieLens ratings CSV; the model is fitted on every rating in it (films below --min-ratings aside)",
      },
      out: { type: "string", help: "model store folder; the version goes to <dir>/<version>/" },
      seed: { type: "string", help: "seed of initialisation and shuffles (default 42)" },
      "min-ratings": { type: "string", help: "films with fewer ratings are left out of the model (default 2)" },
    },
    required: ["ratings", "out"],
  },
  evaluate: {
    summary: "fit on one file, score on another, print the metrics as JSON (saves nothing)",
    usage: "evaluate --train <csv> --test <csv> [--seed <n>] [--min-ratings <n>]",
    options: {
      train: { type: "string", help: "ratings to fit on" },
      test: { type: "string", help: "held-out ratings (relevant = rated here, any stars; RMSE over them)" },
      seed: { type: "string", help: "seed (default 42)" },
      "min-ratings": { type: "string", help: "films with fewer ratings are left out (default 2)" },
    },
    required: ["train", "test"],
  },
  recommend: {
    summary: "top-k per person; never a film the person rated in --ratings",
    usage: "recommend --model <dir> --ratings <csv> --k <n> --out <csv> [--users <id,id,...>]",
    options: {
      model: { type: "string", help: "a store folder (its newest version) or one version folder" },
      ratings: { type: "string", help: "the people's ratings (the model keeps no per-person data), e.g. the training file" },
      k: { type: "string", help: "list length, 1..1000" },
      out: { type: "string", help: "CSV to write: userId,movieId,rank,score,predictedRating" },
      users: { type: "string", help: "only these user ids (default: every person in --ratings)" },
    },
    required: ["model", "ratings", "k", "out"],
  },
  predict: {
    summary: "predicted stars for userId,movieId pairs",
    usage: "predict --model <dir> --ratings <csv> --pairs <csv> --out <csv>",
    options: {
      model: { type: "string", help: "a store folder (its newest version) or one version folder" },
      ratings: { type: "string", help: "the people's ratings, folded in (the model keeps no per-person data)" },
      pairs: { type: "string", help: "CSV with header userId,movieId" },
      out: { type: "string", help: "CSV to write: userId,movieId,prediction" },
    },
    required: ["model", "ratings", "pairs", "out"],
  },
  "import-bqml": {
    summary: "turn BigQuery ML matrix factorization weights (ML.WEIGHTS exported as JSON lines) into a servable version",
    usage: "import-bqml --weights <jsonl> --item-column <name> --global-mean <stars> --out <dir>",
    options: {
      weights: { type: "string", help: "ML.WEIGHTS rows, one JSON object per line (EXPORT DATA ... format='JSON')" },
      "item-column": { type: "string", help: "the model's item column (processed_input of the film rows), e.g. movieId" },
      "global-mean": { type: "string", help: "the mean rating of the training data, 0.5..5" },
      out: { type: "string", help: "model store folder; the version goes to <dir>/<version>/" },
    },
    required: ["weights", "item-column", "global-mean", "out"],
  },
  split: {
    summary: "write a seeded train/test split of a ratings file",
    usage: "split --ratings <csv> --out-train <csv> --out-test <csv> --test-fraction <f> --seed <n> [--per-user]",
    options: {
      ratings: { type: "string", help: "MovieLens ratings CSV" },
      "out-train": { type: "string", help: "where the training part goes" },
      "out-test": { type: "string", help: "where the test part goes" },
      "test-fraction": { type: "string", help: "fraction in (0, 1)" },
      seed: { type: "string", help: "integer seed" },
      "per-user": { type: "boolean", help: "split each person's ratings (stratified) instead of all at random" },
    },
    required: ["ratings", "out-train", "out-test", "test-fraction", "seed"],
  },
};

/** The overview printed by `--help` and with no verb. */
export const USAGE = [
  "usage: npm run recsys -- <verb> [options]      (npm run recsys -- <verb> --help for one verb)",
  ...Object.entries(VERBS).map(([name, v]) => `  ${name.padEnd(13)}${v.summary}`),
  "CSV files are MovieLens format: userId,movieId,rating,timestamp (header first).",
  "Exit status: 0 done, 1 bad data or files, 2 bad usage. On any error nothing is written.",
].join("\n");

function verbHelp(name: string, spec: VerbSpec): string {
  const lines = [`usage: npm run recsys -- ${spec.usage}`, `  ${spec.summary}`];
  for (const [opt, o] of Object.entries(spec.options)) lines.push(`  --${opt.padEnd(15)}${o.help}`);
  lines.push("  --help           this text");
  return `${lines.join("\n")}\n`;
}

/** A mistake in the command line: one line on stderr, exit code 2. */
class UsageError extends Error {}

/** Where a verb writes: its result (stdout) and progress and errors (stderr). */
export interface Out {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** True when stderr is a terminal: progress is drawn as a bar instead of plain lines. */
  tty?: boolean;
}

type Values = Record<string, string | boolean | undefined>;

/**
 * Runs one verb. Returns the process exit code: 0 done, 1 failed (bad data, missing files), 2 bad usage.
 * Every error is one line on stderr, and a failed verb leaves no output file behind (outputs are written
 * to a temporary name and renamed once complete). Exported so tests run verbs in-process.
 */
export async function runCli(argv: readonly string[], out: Out): Promise<number> {
  const [verb, ...rest] = argv;
  try {
    if (verb === "--help" || verb === "-h" || verb === "help") {
      out.stdout(`${USAGE}\n`);
      return 0;
    }
    if (verb === undefined) throw new UsageError("missing verb");
    const spec = VERBS[verb];
    if (!spec) throw new UsageError(`unknown verb "${verb}"`);
    if (rest.includes("--help") || rest.includes("-h")) {
      out.stdout(verbHelp(verb, spec));
      return 0;
    }
    const v = parse(rest, spec);
    switch (verb) {
      case "train":
        await trainVerb(v, out);
        break;
      case "evaluate":
        await evaluateVerb(v, out);
        break;
      case "recommend":
        await recommendVerb(v, out);
        break;
      case "predict":
        await predictVerb(v, out);
        break;
      case "import-bqml":
        await importVerb(v, out);
        break;
      default:
        await splitVerb(v, out);
    }
    return 0;
  } catch (e: unknown) {
    if (e instanceof UsageError || (e instanceof TypeError && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS"))) {
      const hint = verb && VERBS[verb] ? `npm run recsys -- ${verb} --help` : "npm run recsys -- --help";
      out.stderr(`error: ${oneLine((e as Error).message)} (see ${hint})\n`);
      return 2;
    }
    out.stderr(`error: ${oneLine(isAppError(e) ? e.message : String((e as Error).message ?? e))}\n`);
    return 1;
  }
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, " ").trim();
}

function parse(args: readonly string[], spec: VerbSpec): Values {
  const options = Object.fromEntries(Object.entries(spec.options).map(([k, o]) => [k, { type: o.type }]));
  const { values, positionals } = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  for (const name of spec.required) if (values[name] === undefined) throw new UsageError(`missing --${name}`);
  for (const [name, value] of Object.entries(values)) {
    if (value === "") throw new UsageError(`--${name} needs a value`);
  }
  return values as Values;
}

function str(values: Values, name: string): string {
  return values[name] as string;
}

function num(values: Values, name: string, fallback: number, check: (n: number) => boolean, what: string): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (typeof raw !== "string" || raw.trim() === "" || !check(n)) throw new UsageError(`--${name} must be ${what}, got "${String(raw)}"`);
  return n;
}

const int = (lo: number, hi: number) => (n: number) => Number.isSafeInteger(n) && n >= lo && n <= hi;

/** Fails before any work when an output's folder is missing or not writable (so nothing is half-done). */
async function checkOutputFile(file: string): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  try {
    await access(dir, constants.W_OK);
  } catch {
    throw new AppError("invalid-argument", `cannot write ${file}: folder ${dir} does not exist or is not writable`);
  }
  const existing = await stat(file).catch(() => undefined);
  if (existing?.isDirectory()) throw new AppError("invalid-argument", `cannot write ${file}: it is a folder`);
}

/** Fails before any work when a store folder cannot be created or written (it is created only at the end). */
async function checkOutputFolder(dir: string): Promise<void> {
  const existing = await stat(dir).catch(() => undefined);
  if (existing && !existing.isDirectory()) throw new AppError("invalid-argument", `cannot write to ${dir}: it is a file`);
  const probe = existing ? dir : path.dirname(path.resolve(dir));
  try {
    await access(probe, constants.W_OK);
  } catch {
    throw new AppError("invalid-argument", `cannot write to ${dir}: ${probe} does not exist or is not writable`);
  }
}

/** Writes a file whole or not at all: a temporary sibling renamed into place. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, text);
    await rename(tmp, file);
  } catch (e: unknown) {
    await rm(tmp, { force: true });
    throw new AppError("invalid-argument", `cannot write ${file}: ${(e as Error).message}`, { cause: e });
  }
}

/** Progress on stderr: a redrawn bar on a terminal, one plain line per step otherwise. */
function progressPrinter(out: Out): (p: TrainProgress) => void {
  let last = "";
  return (p) => {
    const pct = Math.round((100 * p.done) / Math.max(1, p.total));
    if (out.tty) {
      const width = 30;
      const filled = Math.round((width * p.done) / Math.max(1, p.total));
      out.stderr(`\r${p.stage.padEnd(8)} [${"#".repeat(filled)}${" ".repeat(width - filled)}] ${String(pct).padStart(3)}%`);
      if (p.done >= p.total) out.stderr("\n");
      return;
    }
    const line = `progress: ${p.stage} ${p.done}/${p.total}`;
    if (line !== last) out.stderr(`${line}\n`);
    last = line;
  };
}

function hyperParamsFrom(v: Values): HyperParams {
  return {
    ...DEFAULT_HYPER_PARAMS,
    seed: num(v, "seed", DEFAULT_HYPER_PARAMS.seed, int(-(2 ** 31), 2 ** 31 - 1), "an integer"),
    minRatings: num(v, "min-ratings", DEFAULT_HYPER_PARAMS.minRatings, int(1, 1_000_000), "a positive integer"),
  };
}

async function trainVerb(v: Values, out: Out): Promise<void> {
  const hyperParams = hyperParamsFrom(v);
  const dir = str(v, "out");
  const all = await readRatingsCsv(str(v, "ratings"));
  if (all.length === 0) throw new AppError("invalid-argument", `${str(v, "ratings")} has no ratings`);
  await checkOutputFolder(dir);
  const { weights, report } = await train(all, { hyperParams, onProgress: progressPrinter(out) });
  const { tf } = await loadTf();
  const version = newVersionId();
  const files = await toModelFiles(tf, weights, {
    version,
    hyperParams,
    backend: report.backend,
    trainSeconds: report.trainSeconds,
    ratings: report.ratings,
  });
  await new LocalModelStore(dir).save(version, files);
  out.stdout(
    `${JSON.stringify({ version, dir: path.join(dir, version), ratings: report.ratings, movies: weights.movieIds.length, backend: report.backend, trainSeconds: round(report.trainSeconds) })}\n`,
  );
}

async function evaluateVerb(v: Values, out: Out): Promise<void> {
  const hyperParams = hyperParamsFrom(v);
  const trainSet = await readRatingsCsv(str(v, "train"));
  const test = await readRatingsCsv(str(v, "test"));
  if (trainSet.length === 0) throw new AppError("invalid-argument", `${str(v, "train")} has no ratings`);
  const { weights, report } = await train(trainSet, { hyperParams, onProgress: progressPrinter(out) });
  const evaluation = evaluateModel(new Recommender(weights), trainSet, test);
  out.stdout(
    `${JSON.stringify(roundAll({ ...evaluation, trainSeconds: report.trainSeconds, trainParts: report.parts, backend: report.backend }))}\n`,
  );
}

/** A model folder is either one version (has metadata.json) or a store root (newest version). */
async function loadModel(dir: string): Promise<Recommender> {
  const exists = await stat(dir).catch(() => undefined);
  if (!exists?.isDirectory()) throw new AppError("invalid-argument", `model folder ${dir} does not exist`);
  const isVersion = await stat(path.join(dir, FILES.metadata)).then(
    () => true,
    () => false,
  );
  if (isVersion) return Recommender.load(new LocalModelStore(path.dirname(dir)), path.basename(dir));
  return Recommender.load(new LocalModelStore(dir));
}

async function recommendVerb(v: Values, out: Out): Promise<void> {
  const k = num(v, "k", 10, int(1, 1000), "an integer from 1 to 1000");
  const file = str(v, "out");
  await checkOutputFile(file);
  const wanted =
    v.users === undefined
      ? undefined
      : str(v, "users")
          .split(",")
          .map((s) => s.trim());
  if (wanted?.some((u) => u === "")) throw new UsageError("--users must be a comma-separated list of ids");
  const model = await loadModel(str(v, "model"));
  const byUser = groupByUser(await readRatingsCsv(str(v, "ratings")));
  const rows = ["userId,movieId,rank,score,predictedRating"];
  for (const userId of wanted ?? byUser.keys()) {
    const currentRatings = byUser.get(userId) ?? [];
    model
      .recommend({ k, currentRatings })
      .items.forEach((r, i) => rows.push(`${userId},${r.movieId},${i + 1},${r.score.toFixed(6)},${r.predictedRating.toFixed(4)}`));
  }
  await writeAtomically(file, rows.join("\n") + "\n");
  out.stdout(`${JSON.stringify({ users: wanted?.length ?? byUser.size, rows: rows.length - 1, out: file })}\n`);
}

async function predictVerb(v: Values, out: Out): Promise<void> {
  const file = str(v, "out");
  await checkOutputFile(file);
  const model = await loadModel(str(v, "model"));
  const byUser = groupByUser(await readRatingsCsv(str(v, "ratings")));
  const pairs = await readPairsCsv(str(v, "pairs"));
  // Each person is folded in once, then every pair of theirs is predicted, in the order of the pairs file.
  const pairsByUser = new Map<string, number[]>();
  pairs.forEach((pair, j) => pairsByUser.set(pair.userId, [...(pairsByUser.get(pair.userId) ?? []), j]));
  const stars = new Array<number>(pairs.length);
  for (const [userId, rowsOfUser] of pairsByUser) {
    const predicted = model.predictMany(
      rowsOfUser.map((j) => (pairs[j] as { movieId: number }).movieId),
      byUser.get(userId) ?? [],
    );
    rowsOfUser.forEach((j, n) => (stars[j] = predicted[n] as number));
  }
  const rows = ["userId,movieId,prediction", ...pairs.map((p, j) => `${p.userId},${p.movieId},${(stars[j] as number).toFixed(4)}`)];
  await writeAtomically(file, rows.join("\n") + "\n");
  out.stdout(`${JSON.stringify({ pairs: pairs.length, out: file })}\n`);
}

async function importVerb(v: Values, out: Out): Promise<void> {
  const globalMean = num(v, "global-mean", 3.5, (n) => n >= 0.5 && n <= 5, "a number from 0.5 to 5");
  const dir = str(v, "out");
  await checkOutputFolder(dir);
  const weights = await importBigQueryWeights(str(v, "weights"), str(v, "item-column"), globalMean);
  const { tf, backend } = await loadTf();
  const version = newVersionId();
  const files = await toModelFiles(tf, weights, {
    version,
    hyperParams: { ...DEFAULT_HYPER_PARAMS, rankFactors: weights.rankFactors, ratingFactors: weights.ratingFactors },
    backend: `bigquery-ml (converted on ${backend})`,
    trainSeconds: 0,
    ratings: 0,
  });
  await new LocalModelStore(dir).save(version, files);
  out.stdout(
    `${JSON.stringify({ version, dir: path.join(dir, version), movies: weights.movieIds.length, factors: weights.rankFactors })}\n`,
  );
}

async function splitVerb(v: Values, out: Out): Promise<void> {
  const fraction = num(v, "test-fraction", 0.25, (n) => n > 0 && n < 1, "a fraction in (0, 1)");
  const seed = num(v, "seed", 42, int(-(2 ** 31), 2 ** 31 - 1), "an integer");
  const trainFile = str(v, "out-train");
  const testFile = str(v, "out-test");
  if (path.resolve(trainFile) === path.resolve(testFile)) throw new UsageError("--out-train and --out-test must differ");
  await checkOutputFile(trainFile);
  await checkOutputFile(testFile);
  const ratings = await readRatingsCsv(str(v, "ratings"));
  const split = v["per-user"] ? splitPerUser(ratings, fraction, seed) : splitRandom(ratings, fraction, seed);
  const tmpTrain = `${trainFile}.${process.pid}.tmp`;
  const tmpTest = `${testFile}.${process.pid}.tmp`;
  try {
    await writeRatingsCsv(tmpTrain, split.train);
    await writeRatingsCsv(tmpTest, split.test);
    await rename(tmpTrain, trainFile);
    await rename(tmpTest, testFile);
  } catch (e: unknown) {
    await rm(tmpTrain, { force: true });
    await rm(tmpTest, { force: true });
    throw new AppError("invalid-argument", `cannot write the split: ${(e as Error).message}`, { cause: e });
  }
  out.stdout(`${JSON.stringify({ train: split.train.length, test: split.test.length, perUser: Boolean(v["per-user"]) })}\n`);
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

function roundAll<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_k, x: unknown) => (typeof x === "number" ? round(x) : x))) as T;
}

if (require.main === module) {
  // Only warnings and errors of the library's log reach the terminal (as JSON on stderr); stdout carries
  // only the verb's result.
  setLogWriter((severity, message, fields) => {
    if (severity === "warn" || severity === "error") process.stderr.write(`${JSON.stringify({ severity, message, ...fields })}\n`);
  });
  runCli(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    tty: process.stderr.isTTY,
  }).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`error: ${oneLine(String(e))}\n`);
      process.exit(1);
    },
  );
}
