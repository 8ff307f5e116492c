// `make size`: raw, gzip and brotli bytes of the .wasm and of the JS each runtime loads from
// pkg/. With --check, fails when gzip(wasm) + gzip(browser JS) is over the budget. Sizes are
// deterministic, so this is a fair test.
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

import { compressedSize, noBundlerPage } from "./compressed-size.mjs";

// A page may not grow past this without a decision. Raised from 38.5 KiB for the lifecycle's
// three calls (create, update, subscribe: their bodies read from JS, checked and written as
// JSON), which did not fit; lowered to 40 KiB when the wasm went `no_std` (40,195 bytes then:
// std's panic machinery was 1,270 of them). The lifecycle issue's 36 KiB is still ahead.
const BUDGET_BYTES = 40 * 1024;
const pkg = new URL("../pkg/", import.meta.url).pathname;

const page = noBundlerPage(pkg);
const at = (...parts) => parts.map((p) => join(pkg, p));
const esmGlue = page.js.filter((f) => !f.endsWith("/web.js"));
const rows = {
  "wasm (esm/, every ES module entry)": page.wasm,
  "browser JS, no bundler (web.js)": page.js,
  "bundler JS, wasm inline (browser.js: Rollup, esbuild, Vite dev)": [...at("browser.js", "browser-wasm-source.js", "decode-base64.js", "esm/dingtalk_calendar_bg.wasm.base64.js", "app-access-token-browser.js"), ...esmGlue],
  "bundler JS, wasm its own file (bundler.js: webpack, Vite, Turbopack)": [...at("bundler.js", "app-access-token-browser.js"), ...esmGlue],
  "Node ESM, Deno, Bun JS (node.js: the CommonJS build)": at("node.js", "index.cjs", "app-access-token.cjs", "cjs/dingtalk_calendar.js"),
  "Workers JS (workerd.js)": [...at("workerd.js", "app-access-token-esm.js", "app-access-token.js"), ...esmGlue],
  "Node require JS (index.cjs)": at("index.cjs", "app-access-token.cjs", "cjs/dingtalk_calendar.js"),
};

const results = Object.entries(rows).map(([name, paths]) => ({ name, ...compressedSize(paths), files: paths.map((p) => relative(pkg, p)) }));
const pad = (s, n) => String(s).padStart(n);
console.log(`${"".padEnd(70)}${pad("raw", 9)}${pad("gzip", 9)}${pad("brotli", 9)}`);
for (const r of results) console.log(`${r.name.padEnd(70)}${pad(r.raw, 9)}${pad(r.gzip, 9)}${pad(r.brotli, 9)}`);

const wasm = results[0];
const browser = results[1];
const total = wasm.gzip + browser.gzip;
console.log(`\ngzip(wasm) + gzip(browser JS) = ${wasm.gzip} + ${browser.gzip} = ${total} bytes (budget ${BUDGET_BYTES})`);
// Each framework's page as the framework tests last measured it (make test): what a page that
// makes one call downloads beyond the same app's page without the package.
const frameworks = new URL("../target/frameworks/page-bytes.json", import.meta.url);
if (existsSync(frameworks)) {
  console.log("\nthe package's share of a framework's one-call page, gzip (last make test):");
  for (const [name, f] of Object.entries(JSON.parse(readFileSync(frameworks, "utf8")))) {
    console.log(`  ${name.padEnd(38)}${pad(f.gzip, 9)}  (wasm ${f.wasmGzip}; no-bundler page ${f.noBundlerGzip})`);
  }
} else {
  console.log("\nframework pages: not measured yet (make test records them)");
}

if (process.argv.includes("--check") && total > BUDGET_BYTES) {
  console.error(`size check failed: ${total} bytes is over the ${BUDGET_BYTES}-byte budget`);
  process.exit(1);
}
