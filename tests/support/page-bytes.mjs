// The package's share of a framework's page, as a user's browser downloads it: what a page that
// calls the client loads beyond the same app's page without it (gzip level 9 of each script and
// .wasm, as `make size` counts), beside the no-bundler page's bytes from the same tarball.
// Recorded in target/frameworks/page-bytes.json, which `make size` reports.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

import { compressedSize } from "../../scripts/compressed-size.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const record = join(root, "target", "frameworks", "page-bytes.json");

/** The script and wasm URLs a page has loaded, from the same origin. */
export async function loadedResources(browser) {
  const urls = await browser.evaluate(
    "return performance.getEntriesByType('resource').map((e) => e.name).concat([...document.scripts].map((s) => s.src).filter(Boolean))",
  );
  const origin = new URL(await browser.evaluate("return location.href")).origin;
  return [...new Set(urls)].filter((u) => new URL(u).origin === origin && /\.(m?js|wasm)(\?|$)/.test(new URL(u).pathname));
}

/**
 * What `withPackage` loaded and `without` did not: each file's gzip bytes and text, the sum, and
 * the .wasm files among them.
 */
export async function packageShare(withPackage, without) {
  const extra = withPackage.filter((u) => !without.includes(u));
  const files = [];
  for (const url of extra) {
    const bytes = Buffer.from(await (await fetch(url)).arrayBuffer());
    files.push({ url, gzip: gzipSync(bytes, { level: 9 }).length, text: bytes.toString("latin1") });
  }
  return {
    files,
    gzip: files.reduce((sum, f) => sum + f.gzip, 0),
    wasm: files.filter((f) => new URL(f.url).pathname.endsWith(".wasm")),
  };
}

/** The no-bundler page (web.js, its glue and snippets, the .wasm) of the installed package, gzip. */
export function noBundlerPageBytes(installed) {
  const snippets = readdirSync(join(installed, "esm", "snippets"), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
  const files = ["web.js", "esm/dingtalk_calendar.js", "esm/dingtalk_calendar_bg.wasm"].map((f) => join(installed, f));
  return compressedSize([...files, ...snippets]).gzip;
}

/** Adds `name`'s figures to the record `make size` prints. */
export function recordPageBytes(name, figures) {
  mkdirSync(dirname(record), { recursive: true });
  let all = {};
  try {
    all = JSON.parse(readFileSync(record, "utf8"));
  } catch {
    // first entry
  }
  all[name] = { ...figures, measured: new Date().toISOString() };
  writeFileSync(record, `${JSON.stringify(all, null, 2)}\n`);
}
