import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { writeRatingsCsv } from "./csv";
import { syntheticRatings } from "./testing";

const CLI = path.resolve(__dirname, "cli.js");

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", env: { ...process.env, RECSYS_BACKEND: "wasm" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const csvRows = async (file: string) => (await readFile(file, "utf8")).trim().split("\n");

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

  it("evaluates the model against the popularity baseline as one JSON object", () => {
    const r = run(["evaluate", "--train", p("train.csv"), "--test", p("test.csv")]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    for (const key of ["rmse", "mae", "precisionAt10", "recallAt10", "ndcgAt10"]) {
      assert.equal(typeof out.model[key], "number", key);
      assert.equal(typeof out.popularity[key], "number", key);
    }
    assert.equal(typeof out.trainSeconds, "number");
    assert.equal(out.backend, "wasm");
  });

  it("trains, recommends top-k never rated in training, and predicts with fallbacks", async () => {
    const trained = run(["train", "--ratings", p("train.csv"), "--out", p("models")]);
    assert.equal(trained.code, 0, trained.stderr);
    const { version } = JSON.parse(trained.stdout);
    const meta = JSON.parse(await readFile(p(`models/${version}/metadata.json`), "utf8"));
    assert.equal(meta.version, version);
    assert.equal(typeof meta.metrics.model.ndcgAt10, "number");

    const rec = run(["recommend", "--model", p("models"), "--k", "5", "--out", p("recs.csv")]);
    assert.equal(rec.code, 0, rec.stderr);
    const rows = await csvRows(p("recs.csv"));
    assert.equal(rows[0], "userId,movieId,rank,score");
    // With the default --holdout 0.1 the model trains on part of train.csv; exclusions are checked below.
    assert.equal(rows.length - 1, 30 * 5);
    const first = rows.slice(1, 6).map((r) => r.split(","));
    assert.deepEqual(
      first.map((c) => c[2]),
      ["1", "2", "3", "4", "5"],
    );

    await writeFile(p("pairs.csv"), "userId,movieId\nu1,3\nnobody,3\nu1,99999\n");
    const pred = run(["predict", "--model", p(`models/${version}`), "--pairs", p("pairs.csv"), "--out", p("pred.csv")]);
    assert.equal(pred.code, 0, pred.stderr);
    const predRows = (await csvRows(p("pred.csv"))).map((r) => r.split(","));
    assert.deepEqual(predRows[0], ["userId", "movieId", "prediction"]);
    assert.equal(predRows.length, 4);
    for (const row of predRows.slice(1)) {
      const x = Number(row[2]);
      assert.ok(x >= 0.5 && x <= 5, row.join(","));
    }
  });

  it("never recommends a film the user rated in the model's training set", async () => {
    const trained = run(["train", "--ratings", p("train.csv"), "--out", p("all"), "--holdout", "0"]);
    assert.equal(trained.code, 0, trained.stderr);
    assert.equal(run(["recommend", "--model", p("all"), "--k", "10", "--out", p("recs-all.csv")]).code, 0);
    const rated = new Set((await csvRows(p("train.csv"))).slice(1).map((r) => r.split(",").slice(0, 2).join(",")));
    const recs = (await csvRows(p("recs-all.csv"))).slice(1);
    assert.equal(recs.length, 300);
    for (const r of recs) assert.ok(!rated.has(r.split(",").slice(0, 2).join(",")), r);
  });

  it("rejects bad arguments with a usage error and a non-zero exit", () => {
    for (const args of [
      [],
      ["fly"],
      ["recommend", "--model", p("models"), "--k", "zero", "--out", p("x.csv")],
      ["split", "--ratings", p("ratings.csv")],
      ["train", "--bogus"],
    ]) {
      const r = run(args);
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, /usage: npm run recsys/);
    }
  });

  it("reports a malformed CSV with its file and line, exit 1", async () => {
    await writeFile(p("bad.csv"), "userId,movieId,rating,timestamp\n1,2,3,4\n1,2,nine,4\n");
    const r = run(["evaluate", "--train", p("bad.csv"), "--test", p("bad.csv")]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /bad\.csv:3: rating/);
  });
});
