/**
 * Headless Chromium for end-to-end page tests (Debian's package, driven by playwright-core): the reference
 * page test and the account pages' tests share this launch and the rule that nothing leaves the machine.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext } from "playwright-core";

/** Debian's Chromium (installed by setup where it can), else another Chrome; CHROMIUM_PATH overrides. */
export const BROWSERS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export async function launchChromium(): Promise<Browser> {
  const executablePath = [process.env.CHROMIUM_PATH, ...BROWSERS].find((b): b is string => !!b && existsSync(b));
  assert.ok(executablePath, `No Chromium found (tried ${BROWSERS.join(", ")}): run \`npm run setup\` as root, or set CHROMIUM_PATH`);
  return chromium.launch({ executablePath });
}

const isLocal = (url: string) => {
  const { protocol, hostname } = new URL(url);
  return ["data:", "blob:", "about:"].includes(protocol) || ["127.0.0.1", "localhost", "[::1]"].includes(hostname);
};

/** Records and stops every request bound for another host before it leaves the machine; returns the list. */
export async function blockRemoteRequests(context: BrowserContext): Promise<string[]> {
  const remote: string[] = [];
  await context.route(
    (url) => !isLocal(url.href),
    async (route) => {
      remote.push(route.request().url());
      await route.abort("blockedbyclient");
    },
  );
  return remote;
}
