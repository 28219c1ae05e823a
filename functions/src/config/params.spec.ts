import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import * as params from "./params";

const REPO = path.resolve(__dirname, "../../../..");

/** NAME=value lines of a dotenv file. */
function envNames(file: string): Set<string> {
  return new Set(
    readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => /^[A-Z0-9_]+=/.test(l))
      .map((l) => l.slice(0, l.indexOf("="))),
  );
}

interface DeclaredParam {
  name: string;
  constructor: { name: string };
}

const declared = Object.values(params as Record<string, unknown>).filter(
  (p: unknown): p is DeclaredParam => typeof p === "object" && p !== null && "name" in p && !Array.isArray(p),
);

describe("params", () => {
  // The Functions emulator prompts for any param without a value and waits for an answer, which a test
  // run or `npm start` never gives: every non-secret param needs a line in the local project's .env file.
  it("gives every non-secret param a value for the local demo project", () => {
    const local = envNames(path.join(REPO, "functions", ".env.demo-movie-night"));
    const missing = declared.filter((p) => p.constructor.name !== "SecretParam" && !local.has(p.name)).map((p) => p.name);
    assert.deepEqual(missing, []);
  });

  it("lists every declared secret in SECRETS, and setup generates a local value for each", async () => {
    const secrets = declared
      .filter((p) => p.constructor.name === "SecretParam")
      .map((p) => p.name)
      .sort();
    assert.deepEqual([...params.SECRETS].map((s) => s.name).sort(), secrets);
    const source = readFileSync(path.join(REPO, "scripts", "lib", "local-secrets.mjs"), "utf8");
    const generated = [...source.matchAll(/name: "([A-Z0-9_]+)"/g)].map((m) => m[1]).sort();
    assert.deepEqual(generated, secrets);
  });
});
