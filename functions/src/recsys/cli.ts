import { readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { AppError, isAppError } from "../shared/errors";
import { setLogWriter } from "../shared/logger";
import { toModelFiles, FILES } from "./artifacts";
import { loadTf } from "./backend";
import { parsePairsCsv, readRatingsCsv, writeRatingsCsv } from "./csv";
import { splitPerUser, splitRandom } from "./dataset";
import { evaluateModel } from "./evaluate";
import { Recommender } from "./serving";
import { LocalModelStore, newVersionId } from "./store";
import { DEFAULT_HYPER_PARAMS, train, type HyperParams } from "./train";

const USAGE = `usage: npm run recsys -- <verb> [options]
  train     --ratings <csv> --out <dir> [--holdout 0.1] [--seed 42]
  evaluate  --train <csv> --test <csv>
  recommend --model <dir> --k <n> --out <csv>
  predict   --model <dir> --pairs <csv> --out <csv>
  split     --ratings <csv> --out-train <csv> --out-test <csv> --test-fraction <f> --seed <n> [--per-user]
CSV files are MovieLens format: userId,movieId,rating,timestamp (header first); pairs: userId,movieId.
A model <dir> is a store folder (its newest version is used) or one version folder.`;

/** A mistake in the command line: printed with the usage text, exit code 2. */
class UsageError extends Error {}

type Out = { stdout: (s: string) => void; stderr: (s: string) => void };

/**
 * Runs one verb. Returns the process exit code: 0 done, 1 failed (bad data, missing files), 2 bad usage.
 * Exported so tests can run verbs in-process as well as through `node cli.js`.
 */
export async function runCli(argv: readonly string[], out: Out): Promise<number> {
  const [verb, ...rest] = argv;
  try {
    switch (verb) {
      case "train":
        await trainVerb(rest, out);
        return 0;
      case "evaluate":
        await evaluateVerb(rest, out);
        return 0;
      case "recommend":
        await recommendVerb(rest, out);
        return 0;
      case "predict":
        await predictVerb(rest, out);
        return 0;
      case "split":
        await splitVerb(rest, out);
        return 0;
      default:
        throw new UsageError(verb ? `unknown verb "${verb}"` : "missing verb");
    }
  } catch (e: unknown) {
    if (e instanceof UsageError || (e instanceof TypeError && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS"))) {
      out.stderr(`error: ${(e as Error).message}\n${USAGE}\n`);
      return 2;
    }
    out.stderr(`error: ${isAppError(e) ? e.message : ((e as Error).stack ?? String(e))}\n`);
    return 1;
  }
}

type Spec = Record<string, { type: "string" | "boolean" }>;

function parse(args: readonly string[], spec: Spec, required: string[]): Record<string, string | boolean | undefined> {
  const { values, positionals } = parseArgs({ args: [...args], options: spec, strict: true, allowPositionals: true });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  for (const name of required) if (values[name] === undefined) throw new UsageError(`missing --${name}`);
  return values as Record<string, string | boolean | undefined>;
}

function str(values: Record<string, string | boolean | undefined>, name: string): string {
  return values[name] as string;
}

function num(
  values: Record<string, string | boolean | undefined>,
  name: string,
  fallback: number,
  check: (n: number) => boolean,
  what: string,
): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (typeof raw !== "string" || raw.trim() === "" || !check(n)) throw new UsageError(`--${name} must be ${what}, got "${String(raw)}"`);
  return n;
}

async function trainVerb(args: readonly string[], out: Out): Promise<void> {
  const v = parse(args, { ratings: { type: "string" }, out: { type: "string" }, holdout: { type: "string" }, seed: { type: "string" } }, [
    "ratings",
    "out",
  ]);
  const holdout = num(v, "holdout", 0.1, (n) => n >= 0 && n < 1, "a fraction in [0, 1)");
  const seed = num(v, "seed", DEFAULT_HYPER_PARAMS.seed, Number.isSafeInteger, "an integer");
  const all = await readRatingsCsv(str(v, "ratings"));
  const { train: trainSet, test } = holdout > 0 ? splitPerUser(all, holdout, seed) : { train: all, test: [] };
  const hyperParams: HyperParams = { ...DEFAULT_HYPER_PARAMS, seed };
  const { weights, report } = await train(trainSet, { hyperParams });
  const model = new Recommender(weights);
  const metrics = test.length > 0 ? { holdout, ...evaluateModel(model, trainSet, test) } : undefined;
  const { tf } = await loadTf();
  const version = newVersionId();
  const files = await toModelFiles(tf, weights, {
    version,
    hyperParams,
    backend: report.backend,
    trainSeconds: report.trainSeconds,
    ratings: trainSet.length,
    metrics,
  });
  await new LocalModelStore(str(v, "out")).save(version, files);
  out.stdout(
    `${JSON.stringify({ version, dir: path.join(str(v, "out"), version), backend: report.backend, trainSeconds: round(report.trainSeconds), metrics: metrics && roundAll(metrics) })}\n`,
  );
}

async function evaluateVerb(args: readonly string[], out: Out): Promise<void> {
  const v = parse(args, { train: { type: "string" }, test: { type: "string" } }, ["train", "test"]);
  const trainSet = await readRatingsCsv(str(v, "train"));
  const test = await readRatingsCsv(str(v, "test"));
  const { weights, report } = await train(trainSet);
  const evaluation = evaluateModel(new Recommender(weights), trainSet, test);
  out.stdout(
    `${JSON.stringify(roundAll({ ...evaluation, trainSeconds: report.trainSeconds, trainParts: report.parts, backend: report.backend }))}\n`,
  );
}

/** A model folder is either one version (has metadata.json) or a store root (newest version). */
async function loadModel(dir: string): Promise<Recommender> {
  const isVersion = await stat(path.join(dir, FILES.metadata)).then(
    () => true,
    () => false,
  );
  if (isVersion) return Recommender.load(new LocalModelStore(path.dirname(dir)), path.basename(dir));
  return Recommender.load(new LocalModelStore(dir));
}

async function recommendVerb(args: readonly string[], out: Out): Promise<void> {
  const v = parse(args, { model: { type: "string" }, k: { type: "string" }, out: { type: "string" } }, ["model", "k", "out"]);
  const k = num(v, "k", 10, (n) => Number.isSafeInteger(n) && n > 0, "a positive integer");
  const model = await loadModel(str(v, "model"));
  const rows = ["userId,movieId,rank,score"];
  for (const userId of model.userIds) {
    model.recommend(userId, { k }).items.forEach((r, i) => rows.push(`${userId},${r.movieId},${i + 1},${r.score.toFixed(6)}`));
  }
  await writeFile(str(v, "out"), rows.join("\n") + "\n");
  out.stdout(`${JSON.stringify({ users: model.userIds.length, rows: rows.length - 1, out: str(v, "out") })}\n`);
}

async function predictVerb(args: readonly string[], out: Out): Promise<void> {
  const v = parse(args, { model: { type: "string" }, pairs: { type: "string" }, out: { type: "string" } }, ["model", "pairs", "out"]);
  const model = await loadModel(str(v, "model"));
  const file = str(v, "pairs");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e: unknown) {
    throw new AppError("invalid-argument", `cannot read ${file}: ${(e as Error).message}`);
  }
  const pairs = parsePairsCsv(text, file);
  const rows = [
    "userId,movieId,prediction",
    ...pairs.map((p) => `${p.userId},${p.movieId},${model.predict(p.userId, p.movieId).toFixed(4)}`),
  ];
  await writeFile(str(v, "out"), rows.join("\n") + "\n");
  out.stdout(`${JSON.stringify({ pairs: pairs.length, out: str(v, "out") })}\n`);
}

async function splitVerb(args: readonly string[], out: Out): Promise<void> {
  const v = parse(
    args,
    {
      ratings: { type: "string" },
      "out-train": { type: "string" },
      "out-test": { type: "string" },
      "test-fraction": { type: "string" },
      seed: { type: "string" },
      "per-user": { type: "boolean" },
    },
    ["ratings", "out-train", "out-test", "test-fraction", "seed"],
  );
  const fraction = num(v, "test-fraction", 0.25, (n) => n > 0 && n < 1, "a fraction in (0, 1)");
  const seed = num(v, "seed", 42, Number.isSafeInteger, "an integer");
  const ratings = await readRatingsCsv(str(v, "ratings"));
  const split = v["per-user"] ? splitPerUser(ratings, fraction, seed) : splitRandom(ratings, fraction, seed);
  await writeRatingsCsv(str(v, "out-train"), split.train);
  await writeRatingsCsv(str(v, "out-test"), split.test);
  out.stdout(`${JSON.stringify({ train: split.train.length, test: split.test.length, perUser: Boolean(v["per-user"]) })}\n`);
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

function roundAll<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_k, x: unknown) => (typeof x === "number" ? round(x) : x))) as T;
}

if (require.main === module) {
  // Log lines go to stderr as JSON so stdout carries only the verb's result.
  setLogWriter((severity, message, fields) => process.stderr.write(`${JSON.stringify({ severity, message, ...fields })}\n`));
  runCli(process.argv.slice(2), { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) }).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`${String(e)}\n`);
      process.exit(1);
    },
  );
}
