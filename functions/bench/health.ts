/**
 * GET /v1/health under load: 50 connections for 10 s (override with --connections / --duration).
 *   in process:   node lib/bench/health.js               (createApp on a local port, real Firestore emulator)
 *   through stack: node lib/bench/health.js --url http://127.0.0.1:5002/v1/health   (npm start running)
 * Needs FIRESTORE_EMULATOR_HOST for the in-process run (run it under `firebase emulators:exec`).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { firestore } from "../src/deps";
import { makeTestDeps } from "../test/helpers/accounts";
import { createApp } from "../src/api/app";
import { setLogWriter } from "../src/shared/logger";
import { load } from "./load";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { url: { type: "string" }, connections: { type: "string", default: "50" }, duration: { type: "string", default: "10" } },
  });
  const connections = Number(values.connections);
  const duration = Number(values.duration);
  if (values.url) {
    console.log(JSON.stringify({ target: "emulator stack", ...(await load(values.url, connections, duration)) }));
    return;
  }
  setLogWriter(() => undefined); // the access log would dominate the measurement
  const server = http.createServer(createApp(makeTestDeps(firestore())));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const result = await load(`http://127.0.0.1:${port}/v1/health`, connections, duration);
  console.log(JSON.stringify({ target: "in process (createApp)", ...result }));
  server.close();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
