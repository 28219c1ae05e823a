// Generates src/schema.ts (the API's types) from the committed contract, api/openapi.json, with
// openapi-typescript. `--check` generates in memory and fails when the committed file differs, so a
// contract change cannot land without its regenerated client.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CONTRACT = path.resolve(PACKAGE_DIR, "../../api/openapi.json");
const OUTPUT = path.join(PACKAGE_DIR, "src", "schema.ts");
const BANNER =
  "// Generated from api/openapi.json by openapi-typescript (`npm run generate` in clients/typescript).\n" +
  "// Do not edit: change the contract and regenerate.\n\n";

const generated = BANNER + astToString(await openapiTS(pathToFileURL(CONTRACT)));
const relative = (file) => path.relative(process.cwd(), file) || file;

if (process.argv.includes("--check")) {
  let committed = "";
  try {
    committed = readFileSync(OUTPUT, "utf8");
  } catch (e) {
    if (e?.code !== "ENOENT") throw e;
  }
  if (committed !== generated) {
    console.error(
      `${relative(OUTPUT)} differs from what openapi-typescript generates from ${relative(CONTRACT)}.\n` +
        "Run `npm --prefix clients/typescript run generate` and commit the result.",
    );
    process.exit(1);
  }
  console.log(`${relative(OUTPUT)} matches ${relative(CONTRACT)}.`);
} else {
  writeFileSync(OUTPUT, generated);
  console.log(`Wrote ${relative(OUTPUT)} from ${relative(CONTRACT)}.`);
}
