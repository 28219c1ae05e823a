import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { runCli } from "./cli";
import { writeRatingsCsv } from "./csv";
import { syntheticRatings } from "./testing";

const CLI = path.resolve(__dirname, "cli.js");

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", env: { ...process.env, RECSYS_BACKEND: "wasm" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a verb in-process and captures what it prints. */
async function runIn(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

const csvRows = async (file: string) => (await readFile(file, "utf8")).trim().split("\n");

/** Every file under a folder (relative paths), to show a failed verb wrote nothing. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe("recsys cli (the real verbs on a generated CSV)", function () {
  this.timeout(60000);
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "recsys-cli-"));
    await writeRatingsCsv(path.join(dir, "ratings.csv"), syntheticRatings({ users: 30, movies: 60, perUser: 10, seed: 5 }));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const p = (name: string) => path.join(dir, name);

  it("splits per user, deterministically", async () => {
    const args = [
      "split",
      "--ratings",
      p("ratings.csv"),
      "--out-train",
      p("train.csv"),
      "--out-test",
      p("test.csv"),
      "--test-fraction",
      "0.25",
      "--seed",
      "42",
      "--per-user",
    ];
    const first = run(args);
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(JSON.parse(first.stdout), { train: 210, test: 90, perUser: true });
    const test1 = await readFile(p("test.csv"), "utf8");
    assert.equal(run(args).code, 0);
    assert.equal(await readFile(p("test.csv"), "utf8"), test1);
  });

  it("evaluates the model against the popularity baseline as one JSON object, with progress lines", () => {
    const r = run(["evaluate", "--train", p("train.csv"), "--test", p("test.csv")]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    for (const key of ["rmse", "mae", "precisionAt10", "recallAt10", "ndcgAt10"]) {
      assert.equal(typeof out.model[key], "number", key);
      assert.equal(typeof out.popularity[key], "number", key);
    }
    assert.equal(typeof out.trainSeconds, "number");
    assert.equal(out.backend, "wasm");
    // Not a terminal: plain progress lines on stderr, ending at the last step of each stage.
    assert.match(r.stderr, /^progress: ranking \d+\/\d+$/m);
    const last =
      r.stderr
        .trim()
        .split("\n")
        .filter((l) => l.startsWith("progress:"))
        .pop() ?? "";
    const [done, total] = (last.split(" ").pop() ?? "").split("/");
    assert.equal(done, total, last);
  });

  it("trains on every rating given, then recommends top-k never rated in that file, and predicts", async () => {
    const trained = run(["train", "--ratings", p("train.csv"), "--out", p("models"), "--min-ratings", "1"]);
    assert.equal(trained.code, 0, trained.stderr);
    const { version, ratings } = JSON.parse(trained.stdout);
    const meta = JSON.parse(await readFile(p(`models/${version}/metadata.json`), "utf8"));
    assert.equal(meta.version, version);
    const lines = (await csvRows(p("train.csv"))).length - 1;
    assert.equal(ratings, lines);
    assert.equal(meta.counts.ratings, lines, "the saved model is fitted on every rating of the file");

    const rec = run(["recommend", "--model", p("models"), "--ratings", p("train.csv"), "--k", "10", "--out", p("recs.csv")]);
    assert.equal(rec.code, 0, rec.stderr);
    const rows = await csvRows(p("recs.csv"));
    assert.equal(rows[0], "userId,movieId,rank,score,predictedRating");
    assert.equal(rows.length - 1, 30 * 10);
    assert.deepEqual(
      rows.slice(1, 6).map((r) => r.split(",")[2]),
      ["1", "2", "3", "4", "5"],
    );
    const rated = new Set((await csvRows(p("train.csv"))).slice(1).map((r) => r.split(",").slice(0, 2).join(",")));
    for (const r of rows.slice(1)) assert.ok(!rated.has(r.split(",").slice(0, 2).join(",")), r);

    await writeFile(p("pairs.csv"), "userId,movieId\nu1,3\nnobody,3\nu1,99999\n");
    const pred = run([
      "predict",
      "--model",
      p(`models/${version}`),
      "--ratings",
      p("train.csv"),
      "--pairs",
      p("pairs.csv"),
      "--out",
      p("pred.csv"),
    ]);
    assert.equal(pred.code, 0, pred.stderr);
    const predRows = (await csvRows(p("pred.csv"))).map((r) => r.split(","));
    assert.deepEqual(predRows[0], ["userId", "movieId", "prediction"]);
    assert.equal(predRows.length, 4);
    for (const row of predRows.slice(1)) {
      const x = Number(row[2]);
      assert.ok(x >= 0.5 && x <= 5, row.join(","));
    }
  });

  it("imports BigQuery ML matrix factorization weights (ML.WEIGHTS as JSON lines) as a servable version", async () => {
    const row = (input: string, feature: string | number, w: number[], intercept: number) =>
      JSON.stringify({ processed_input: input, feature, factor_weights: w.map((weight, factor) => ({ factor, weight })), intercept });
    await writeFile(
      p("weights.jsonl"),
      [
        row("userId", "7", [0.5, 0.1], 0.2),
        row("movieId", 1, [1, 0], 0.3),
        row("movieId", 2, [0.9, 0.1], -0.2),
        row("movieId", 3, [0, 1], 0.1),
      ].join("\n") + "\n",
    );
    const r = await runIn([
      "import-bqml",
      "--weights",
      p("weights.jsonl"),
      "--item-column",
      "movieId",
      "--global-mean",
      "3.5",
      "--out",
      p("bq"),
    ]);
    assert.equal(r.code, 0, r.stderr);
    const { version, movies, factors } = JSON.parse(r.stdout);
    assert.deepEqual([movies, factors], [3, 2]);
    const ids = JSON.parse(await readFile(p(`bq/${version}/ids.json`), "utf8"));
    assert.deepEqual(ids, { movieIds: [1, 2, 3] }, "film rows only: nothing about the user row");
    // Someone who loved film 1 gets film 2 (the nearest factors) before film 3; nobody gets mu + b_i.
    await writeFile(p("fan.csv"), "userId,movieId,rating,timestamp\nfan,1,5,\n");
    await writeFile(p("bq-pairs.csv"), "userId,movieId\nnobody,2\n");
    assert.equal(
      (await runIn(["recommend", "--model", p("bq"), "--ratings", p("fan.csv"), "--k", "2", "--out", p("bq-recs.csv")])).code,
      0,
    );
    assert.deepEqual(
      (await csvRows(p("bq-recs.csv"))).slice(1).map((x) => x.split(",")[1]),
      ["2", "3"],
    );
    assert.equal(
      (await runIn(["predict", "--model", p("bq"), "--ratings", p("fan.csv"), "--pairs", p("bq-pairs.csv"), "--out", p("bq-pred.csv")]))
        .code,
      0,
    );
    assert.equal((await csvRows(p("bq-pred.csv")))[1], "nobody,2,3.3000");
    await writeFile(p("bad.jsonl"), row("movieId", 1, [1, 0], 0) + "\n{not json\n");
    const bad = await runIn([
      "import-bqml",
      "--weights",
      p("bad.jsonl"),
      "--item-column",
      "movieId",
      "--global-mean",
      "3.5",
      "--out",
      p("bq-bad"),
    ]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^error: [^\n]*bad\.jsonl:2: not a JSON object\n$/);
  });

  it("prints help for the tool and for every verb, exit 0", async () => {
    const all = await runIn(["--help"]);
    assert.equal(all.code, 0);
    for (const verb of ["train", "evaluate", "recommend", "predict", "split", "import-bqml"]) {
      assert.match(all.stdout, new RegExp(`^  ${verb} `, "m"));
      const one = await runIn([verb, "--help"]);
      assert.equal(one.code, 0, verb);
      assert.match(one.stdout, new RegExp(`^usage: npm run recsys -- ${verb} `), verb);
      assert.match(one.stdout, /--help/);
    }
  });

  describe("bad input: one line on stderr, the right exit status, nothing written", () => {
    let work: string;
    before(async () => {
      work = p("bad");
      await mkdir(work);
      const w = (name: string, text: string) => writeFile(path.join(work, name), text);
      await w("good.csv", "userId,movieId,rating,timestamp\n1,2,3,4\n2,2,4,4\n");
      await w("header.csv", "user,movie,stars\n1,2,3\n");
      await w("empty.csv", "");
      await w("nonnumeric.csv", "userId,movieId,rating,timestamp\n1,2,3,4\n1,3,nine,4\n");
      await w("high.csv", "userId,movieId,rating,timestamp\n1,2,5.5,4\n");
      await w("zero.csv", "userId,movieId,rating,timestamp\n1,2,0,4\n");
      await w("third.csv", "userId,movieId,rating,timestamp\n1,2,3.3,4\n");
      await w("columns.csv", "userId,movieId,rating,timestamp\n1,2\n");
      await w("movie.csv", "userId,movieId,rating,timestamp\n1,x,3,4\n");
      await w("pairs-header.csv", "a,b\n1,2\n");
    });
    const b = (name: string) => path.join(work, name);
    const cases: [string, () => string[], number, RegExp][] = [
      ["no verb", () => [], 2, /missing verb/],
      ["an unknown verb", () => ["fly"], 2, /unknown verb "fly"/],
      ["an unknown option", () => ["train", "--ratings", b("good.csv"), "--out", b("m"), "--bogus"], 2, /bogus/],
      ["a missing option", () => ["train", "--ratings", b("good.csv")], 2, /missing --out/],
      ["an option without its value", () => ["train", "--ratings", b("good.csv"), "--out"], 2, /--out/],
      ["an empty option value", () => ["train", "--ratings", "", "--out", b("m")], 2, /--ratings needs a value/],
      ["a stray argument", () => ["train", "extra", "--ratings", b("good.csv"), "--out", b("m")], 2, /unexpected argument "extra"/],
      [
        "a non-numeric --k",
        () => ["recommend", "--model", b("m"), "--ratings", b("good.csv"), "--k", "ten", "--out", b("r.csv")],
        2,
        /--k must be/,
      ],
      ["--k 0", () => ["recommend", "--model", b("m"), "--ratings", b("good.csv"), "--k", "0", "--out", b("r.csv")], 2, /--k must be/],
      [
        "a fractional --k",
        () => ["recommend", "--model", b("m"), "--ratings", b("good.csv"), "--k", "2.5", "--out", b("r.csv")],
        2,
        /--k must be/,
      ],
      ["a bad --seed", () => ["train", "--ratings", b("good.csv"), "--out", b("m"), "--seed", "x"], 2, /--seed must be/],
      [
        "a bad --min-ratings",
        () => ["train", "--ratings", b("good.csv"), "--out", b("m"), "--min-ratings", "0"],
        2,
        /--min-ratings must be/,
      ],
      [
        "a test fraction of 1",
        () => [
          "split",
          "--ratings",
          b("good.csv"),
          "--out-train",
          b("a.csv"),
          "--out-test",
          b("t.csv"),
          "--test-fraction",
          "1",
          "--seed",
          "1",
        ],
        2,
        /--test-fraction must be/,
      ],
      ["a missing ratings file", () => ["train", "--ratings", b("absent.csv"), "--out", b("m")], 1, /cannot read .*absent\.csv/],
      ["a wrong header", () => ["train", "--ratings", b("header.csv"), "--out", b("m")], 1, /header\.csv:1: expected header/],
      ["an empty file", () => ["train", "--ratings", b("empty.csv"), "--out", b("m")], 1, /empty\.csv:1: expected header/],
      ["a non-numeric rating", () => ["train", "--ratings", b("nonnumeric.csv"), "--out", b("m")], 1, /nonnumeric\.csv:3: rating/],
      ["a rating above 5", () => ["train", "--ratings", b("high.csv"), "--out", b("m")], 1, /high\.csv:2: rating/],
      ["a rating of 0", () => ["train", "--ratings", b("zero.csv"), "--out", b("m")], 1, /zero\.csv:2: rating/],
      ["a rating off the half-star scale", () => ["train", "--ratings", b("third.csv"), "--out", b("m")], 1, /third\.csv:2: rating/],
      ["a short row", () => ["train", "--ratings", b("columns.csv"), "--out", b("m")], 1, /columns\.csv:2: expected 3 or 4 columns/],
      ["a non-numeric movieId", () => ["train", "--ratings", b("movie.csv"), "--out", b("m")], 1, /movie\.csv:2: movieId/],
      ["an out folder inside a missing folder", () => ["train", "--ratings", b("good.csv"), "--out", b("no/such/m")], 1, /cannot write/],
      [
        "a missing model folder",
        () => ["recommend", "--model", b("nomodel"), "--ratings", b("good.csv"), "--k", "3", "--out", b("r.csv")],
        1,
        /model folder .* does not exist/,
      ],
      [
        "an output in a missing folder",
        () => ["predict", "--model", b("nomodel"), "--ratings", b("good.csv"), "--pairs", b("good.csv"), "--out", b("no/p.csv")],
        1,
        /cannot write/,
      ],
      [
        "a bad ratings file to split",
        () => [
          "split",
          "--ratings",
          b("high.csv"),
          "--out-train",
          b("a.csv"),
          "--out-test",
          b("t.csv"),
          "--test-fraction",
          "0.5",
          "--seed",
          "1",
        ],
        1,
        /high\.csv:2: rating/,
      ],
    ];
    for (const [what, args, code, message] of cases) {
      it(`refuses ${what}`, async () => {
        const before = await listFiles(work);
        const r = await runIn(args());
        assert.equal(r.code, code, r.stderr);
        assert.equal(r.stdout, "");
        assert.match(r.stderr, message);
        assert.match(r.stderr, /^error: [^\n]*\n$/, "exactly one line");
        assert.deepEqual(await listFiles(work), before);
      });
    }

    it("refuses a pairs file with a wrong header and writes no predictions", async () => {
      const trained = await runIn(["train", "--ratings", p("train.csv"), "--out", p("tiny-model")]);
      assert.equal(trained.code, 0, trained.stderr);
      const before = await listFiles(work);
      const r = await runIn([
        "predict",
        "--model",
        p("tiny-model"),
        "--ratings",
        b("good.csv"),
        "--pairs",
        b("pairs-header.csv"),
        "--out",
        b("p.csv"),
      ]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /^error: [^\n]*pairs-header\.csv:1: expected header[^\n]*\n$/);
      assert.deepEqual(await listFiles(work), before);
    });

    it("exits with status 2 and one line from the real process on a usage error", () => {
      const r = run(["train", "--nope"]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^error: [^\n]*\n$/);
      const missing = run(["train", "--ratings", b("absent.csv"), "--out", b("m")]);
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /^error: [^\n]*absent\.csv[^\n]*\n$/);
    });
  });
});
