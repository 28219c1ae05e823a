/**
 * Writes the API contract generated from the route tables to api/openapi.json (the committed contract,
 * from which the typed client and the reference page are built). `npm run contract` after changing a route;
 * a unit test fails while the committed file differs from what the code generates.
 *
 *   node functions/lib/scripts/write-openapi.js [--check]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { CONTRACT_FILE, contractText } from "../src/api/contract-file";

const check = process.argv.includes("--check");
const text = contractText();
if (check) {
  if (readFileSync(CONTRACT_FILE, "utf8") !== text) {
    process.stderr.write(`${CONTRACT_FILE} is out of date: run npm run contract\n`);
    process.exit(1);
  }
} else {
  writeFileSync(CONTRACT_FILE, text);
  process.stdout.write(`wrote ${CONTRACT_FILE}\n`);
}
