// `npm run test:loaded [-- --runs 3 --busy 2]`: the whole `npm test`, several runs in a row, with busy CPU
// loops beside it (two by default, as on a shared 2-core machine), to show the suite does not depend on
// timing. Stops at the first failing run; the loops are always stopped.
import { spawn, spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { ROOT } from "./lib/stack.mjs";

const { values } = parseArgs({ options: { runs: { type: "string", default: "3" }, busy: { type: "string", default: "2" } } });
const loops = Array.from({ length: Number(values.busy) }, () => spawn("sh", ["-c", "while :; do :; done"], { stdio: "ignore" }));
const stopLoops = () => loops.forEach((l) => l.kill("SIGKILL"));
process.on("exit", stopLoops);
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => process.exit(130));

const results = [];
for (let run = 1; run <= Number(values.runs); run++) {
  const load = spawnSync("uptime", { encoding: "utf8" }).stdout.trim();
  console.log(`\n=== run ${run} of ${values.runs} (${loops.length} busy loops; ${load})`);
  const started = Date.now();
  const r = spawnSync("npm", ["test"], { cwd: ROOT, stdio: "inherit" });
  const seconds = (Date.now() - started) / 1000;
  results.push({ run, status: r.status, seconds });
  console.log(`=== run ${run}: ${r.status === 0 ? "passed" : `FAILED (exit ${r.status})`} in ${seconds.toFixed(0)} s`);
  if (r.status !== 0) break;
}
console.log(`\n${results.map((r) => `run ${r.run}: ${r.status === 0 ? "passed" : "failed"} in ${r.seconds.toFixed(0)} s`).join("\n")}`);
process.exit(results.every((r) => r.status === 0) && results.length === Number(values.runs) ? 0 : 1);
