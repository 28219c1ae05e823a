import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { blockRemoteRequests, launchChromium } from "../helpers/browser";
import { HOSTING_ORIGIN } from "../helpers/emulators";

/** The repository root, from lib/test/e2e (compiled) or test/e2e. */
const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}lib${path.sep}`) ? "../../../.." : "../../..");
const CONTRACT = path.join(ROOT, "api", "openapi.json");
/**
 * docs/api-reference.png is refreshed on request (`SAVE_SCREENSHOT=1 npm test`); otherwise the screenshot
 * goes to the temp folder, so a test run leaves the work tree as it was.
 */
const SCREENSHOT = process.env.SAVE_SCREENSHOT ? path.join(ROOT, "docs", "api-reference.png") : path.join(os.tmpdir(), "api-reference.png");

type Operation = { operationId?: string; summary?: string; tags?: string[] };
type Contract = { tags?: Array<{ name: string }>; paths: Record<string, Record<string, Operation>> };

/** What the page must show: an anchor per tag and per operation (Redoc's ids), with the words to find in it. */
interface Expected {
  anchor: string;
  text: string;
}

const METHODS = new Set(["get", "put", "post", "patch", "delete", "head", "options", "trace"]);

/** Every tag (declared or used) and every operation of the contract, as Redoc anchors them. */
function expectedEntries(contract: Contract): Expected[] {
  const tags = new Set((contract.tags ?? []).map((t) => t.name));
  const operations: Expected[] = [];
  for (const [route, item] of Object.entries(contract.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      assert.ok(op.operationId, `${method.toUpperCase()} ${route} has no operationId`);
      for (const t of op.tags ?? []) tags.add(t);
      operations.push({ anchor: `operation/${op.operationId}`, text: op.summary ?? route });
    }
  }
  return [...[...tags].map((t) => ({ anchor: `tag/${t}`, text: t })), ...operations];
}

/** The slice of the DOM the check runs in the page (the functions compile without the DOM library). */
type PageDocument = { getElementById(id: string): { textContent: string | null } | null };

/** The entries the rendered page lacks: no element with the anchor id, or the element lacks the text. */
async function missingFrom(page: Page, expected: readonly Expected[]): Promise<string[]> {
  return page.evaluate(
    (entries) =>
      entries
        .filter(({ anchor, text }) => {
          const el = (globalThis as unknown as { document: PageDocument }).document.getElementById(anchor);
          return !el || !(el.textContent ?? "").toLowerCase().includes(text.toLowerCase());
        })
        .map(({ anchor }) => anchor),
    expected,
  );
}

describe("end to end: the API reference page (Hosting /docs in headless Chromium)", function () {
  this.timeout(120_000);
  const contract = JSON.parse(readFileSync(CONTRACT, "utf8")) as Contract;
  const expected = expectedEntries(contract);
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  let remoteRequests: string[] = [];

  before(async () => {
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Anything bound for another host is recorded and stopped before it leaves the machine.
    remoteRequests = await blockRemoteRequests(context);
    page = await context.newPage();
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => consoleErrors.push(`uncaught: ${e.message}`));
    const res = await page.goto(`${HOSTING_ORIGIN}/docs`, { waitUntil: "load" });
    assert.equal(res?.status(), 200, `GET /docs answered ${res?.status()}`);
    const last = expected[expected.length - 1]!.anchor;
    await page.waitForSelector(`[id="${last}"]`, { timeout: 60_000 });
  });

  after(async () => {
    await browser?.close();
  });

  it("shows every tag and every operation of api/openapi.json", async () => {
    assert.ok(expected.length > 10, "the contract lists suspiciously few operations");
    assert.deepEqual(await missingFrom(page, expected), []);
    await page.screenshot({ path: SCREENSHOT });
  });

  it("reports an operation the page does not show (the check can fail)", async () => {
    const absent = { anchor: "operation/notInTheContract", text: "Not in the contract" };
    const renamed = { anchor: expected.find((e) => e.anchor.startsWith("operation/"))!.anchor, text: "a summary the page does not have" };
    assert.deepEqual(await missingFrom(page, [...expected, absent, renamed]), [absent.anchor, renamed.anchor]);
  });

  it("logs no console errors and sends no request off the machine", async () => {
    await page.waitForLoadState("networkidle");
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(remoteRequests, []);
  });
});
