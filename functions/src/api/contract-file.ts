import path from "node:path";
import { apiContract } from "./openapi";

/** The committed contract: api/openapi.json at the repository root (lib/src/api -> four levels up). */
export const CONTRACT_FILE = path.resolve(__dirname, "../../../../api/openapi.json");

/** The contract as committed: pretty-printed JSON with a trailing newline, so diffs read well. */
export function contractText(): string {
  return `${JSON.stringify(apiContract(), null, 2)}\n`;
}
