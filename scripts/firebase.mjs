// `npm run firebase -- <args>`: the pinned Firebase CLI, under Node 22, with the local emulator setup.
import { spawnSync } from "node:child_process";
import { FIREBASE_BIN, ROOT, stackEnv } from "./lib/stack.mjs";

const result = spawnSync(FIREBASE_BIN, process.argv.slice(2), { stdio: "inherit", cwd: ROOT, env: stackEnv() });
process.exit(result.status ?? 1);
