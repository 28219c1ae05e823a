// Builds the API reference page that Hosting serves at /docs (hosting/public/docs/index.html) from the
// committed contract, api/openapi.json, with Redoc's standalone bundle from npm. One self-contained file:
// the bundle and the contract are inlined, the fonts are the system's and the sidebar's remote logo is
// replaced, so the page loads nothing from the internet. Run by setup, by `npm test` (its browser test opens the page) and by Hosting's predeploy.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { ROOT } from "./lib/stack.mjs";

const CONTRACT = path.join(ROOT, "api", "openapi.json");
const PAGE = path.join(ROOT, "hosting", "public", "docs", "index.html");

const SYSTEM_FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
/** Redoc options (https://redocly.com/docs/redoc/config): system fonts, success responses open. */
const OPTIONS = {
  expandResponses: "200,201",
  theme: {
    typography: {
      fontFamily: SYSTEM_FONTS,
      headings: { fontFamily: SYSTEM_FONTS },
      code: { fontFamily: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace' },
    },
  },
};

/** JSON that is safe inside a <script> element: no "</script>", no "<!--", no line separators. */
const scriptJson = (value) =>
  JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");

const require = createRequire(import.meta.url);
const bundlePath = require.resolve("redoc/bundles/redoc.standalone.js");
// Two edits to the bundle, each checked so that an upgrade that moves them fails the build:
//  - the sidebar's "API docs by Redocly" link shows a logo image from Redocly's CDN: it becomes an empty
//    inline image (the link and its text stay), so opening the page reaches no other host;
//  - the trailing source map comment would name a file the page does not serve.
const REMOTE_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg";
const EMPTY_IMAGE = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/%3E";
const original = readFileSync(bundlePath, "utf8");
if (original.split(REMOTE_LOGO).length !== 2) throw new Error(`${bundlePath}: expected the remote logo address exactly once`);
const bundle = original.replace(REMOTE_LOGO, EMPTY_IMAGE).replace(/\n\/\/# sourceMappingURL=redoc\.standalone\.js\.map\s*$/, "\n");
if (/<\/script/i.test(bundle)) throw new Error(`${bundlePath} contains "</script": it cannot be inlined as it is`);
const contract = JSON.parse(readFileSync(CONTRACT, "utf8"));
const title = `${contract.info?.title ?? "API"} reference`;
const escapeHtml = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<style>body { margin: 0; padding: 0; }</style>
</head>
<body>
<div id="redoc"></div>
<script>${bundle}</script>
<script>
Redoc.init(${scriptJson(contract)}, ${scriptJson(OPTIONS)}, document.getElementById("redoc"));
</script>
</body>
</html>
`;

mkdirSync(path.dirname(PAGE), { recursive: true });
writeFileSync(PAGE, html);
console.log(
  `API reference: ${path.relative(ROOT, PAGE)} (Redoc ${require("redoc/package.json").version}, ${path.relative(ROOT, CONTRACT)})`,
);
