// The package's share of a framework's page, as a user's browser downloads it: what a page that
// calls the client loads beyond the same app's page without it (gzip level 9 of each script and
// .wasm, as `make size` counts), beside the no-bundler page's bytes from the same tarball.
// Recorded in target/frameworks/page-bytes.json, which `make size` reports.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

import { compressedSize, noBundlerPage } from "../../scripts/compressed-size.mjs";

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
  const { wasm, js } = noBundlerPage(installed);
  return compressedSize([...wasm, ...js]).gzip;
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

/**
 * Records `name`'s share (see packageShare) and checks it: one .wasm, as its own file; no base64
 * copy; no appAccessToken's token request; within the no-bundler page plus 1 KiB (the page's own
 * route chunk).
 */
export function checkPackageShare(name, share, installed) {
  const noBundler = noBundlerPageBytes(installed);
  recordPageBytes(name, { gzip: share.gzip, wasmGzip: share.wasm[0]?.gzip, noBundlerGzip: noBundler });
  const urls = (files) => files.map((f) => f.url);
  assert.equal(share.wasm.length, 1, `the .wasm files loaded: ${urls(share.files)}`);
  // "\0asm", the start of every wasm module, in base64.
  assert.deepEqual(urls(share.files.filter(({ text }) => text.includes("AGFzbQ"))), [], "a base64 copy of the wasm");
  const withToken = urls(share.files.filter(({ text }) => text.includes("oauth2/accessToken")));
  assert.deepEqual(withToken, [], "appAccessToken's token request");
  assert.ok(share.gzip <= noBundler + 1024, `the page's share is ${share.gzip} B gzip, the no-bundler page ${noBundler} B`);
}
