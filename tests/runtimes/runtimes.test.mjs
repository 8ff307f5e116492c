// One npm package for every runtime: each consumer project in this folder installs the packed
// tarball of pkg/ (never a path into the source tree), makes the three calls against
// dingtalk-mock and hits one DingTalkError, in the real runtime. Run through
// scripts/with-mock.sh (DINGTALK_MOCK_URL) after `make pkg`; scripts/test.sh runs it.
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { serveStatic } from "../../scripts/static-server.mjs";
import { ENGINES, PAGE_PROBLEMS_SCRIPT, launchBrowser } from "../support/browsers.mjs";
import { packTarball } from "../support/tarball.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const work = join(root, "target", "runtimes");
const bin = (name) => join(root, "tools", "node_modules", ".bin", name);
const toolsRequire = createRequire(join(root, "tools", "package.json"));
const run = promisify(execFile);

const mock = process.env.DINGTALK_MOCK_URL;
assert.ok(mock, "run through scripts/with-mock.sh");
const env = { ...process.env, DINGTALK_TOKEN: "demo-access-token", DINGTALK_BASE_URL: mock };
// Workers' compatibility date: not newer than what the installed workerd supports (2026-07-30).
const COMPATIBILITY_DATE = "2026-07-01";

// One browser per engine (Chromium, Firefox, WebKit) for the whole file; every page runs in each.
const browsers = [];

before(async () => {
  await packTarball(work);
  rmSync(join(here, "node_modules"), { recursive: true, force: true });
  await run("npm", ["install", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: here });
  for (const engine of ENGINES) browsers.push(await launchBrowser(engine));
});

after(async () => {
  for (const browser of browsers) await browser.close();
});

async function resetMock() {
  const response = await fetch(`${mock}/__mock/reset`, { method: "POST" });
  assert.equal(response.status, 200);
}

/** What the mock holds now. */
async function mockState() {
  const response = await fetch(`${mock}/__mock/state`);
  assert.equal(response.status, 200);
  return response.json();
}

/**
 * The same outcome from every runtime: typed results and a DingTalkError with every field. A
 * server (`server: true`) also created, updated and subscribed to a calendar; a page, which
 * cannot send DingTalk a body, subscribed Carol back to the calendar she left.
 */
async function checkOutcome(outcome, { server }) {
  const { calendar, unsubscribed, deleted, error, isDingTalkError } = outcome;
  const calendars = (await mockState()).calendars;
  if (server) {
    assert.equal(outcome.calendarId, "cal-new-1");
    assert.deepEqual(outcome.updated, { result: true });
    const created = calendars.find((c) => c.calendarId === outcome.calendarId);
    assert.deepEqual(
      [created.name, created.description, created.author, created.subscribers],
      ["Release train", "Every other Tuesday", "user-alice", ["user-bob"]],
    );
  } else {
    const holidays = calendars.find((c) => c.calendarId === "cal-public-holidays");
    assert.ok(holidays.subscribers.includes("user-carol"), "subscribed again from the page");
  }
  assert.deepEqual(calendar, {
    calendarId: "cal-public-holidays",
    name: "Public Holidays",
    description: "Public holidays and make-up working days",
    author: "user-alice",
    managers: ["user-alice", "user-bob"],
    subscribeScope: {
      unionIds: ["user-carol"],
      openConversationIds: ["cid-team-chat"],
      corpIds: ["ding-corp-acme"],
    },
  });
  assert.deepEqual(unsubscribed, { result: true });
  assert.deepEqual(deleted, { result: true });
  assert.equal(isDingTalkError, true, "instanceof DingTalkError");
  assert.equal(error.name, "DingTalkError");
  assert.equal(error.kind, "api");
  assert.equal(error.status, 403);
  assert.equal(error.code, "permissionDenied");
  assert.equal(error.retryable, false);
  assert.equal(error.attempts, 1);
  assert.match(error.requestId, /^[0-9A-F-]{36}$/);
  assert.match(error.message, /permissionDenied: permission denied/);
}

/** Runs a command in a consumer folder; its last line of output is the outcome. */
async function runConsumer(command, args) {
  const { stdout } = await run(command, args, { cwd: here, env, timeout: 120_000 });
  const lines = stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1]);
}

/**
 * Opens the page in every engine, on its own origin with the mock on another (so each engine's
 * CORS preflight is in play), with fresh mock data each time; checks the outcome it puts in
 * #result and that nothing went wrong in it (console errors, uncaught errors).
 * `recorded: false`: a page our servers do not serve, which WebKit cannot watch (see browsers.mjs).
 */
async function runPageInEveryEngine(url, { recorded = true } = {}) {
  for (const browser of browsers) {
    await resetMock();
    await browser.goto(`${url}?baseUrl=${encodeURIComponent(mock)}`);
    const result = await browser.waitFor("return document.querySelector('#result')?.textContent", "#result");
    assert.deepEqual(await browser.problems({ recorded }), [], `${await browser.describe()}: ${url}`);
    await checkOutcome(JSON.parse(result), { server: false });
  }
}

/** serveStatic with the page-problem recorder WebKit needs in every page. */
const serveTestPages = (mounts) => serveStatic({ mounts, headScript: PAGE_PROBLEMS_SCRIPT });

/**
 * Whether a build in `out` ships the .wasm as its own file (webpack through bundler.js, Vite's
 * build through browser.js) or inline as base64 in the JS (every other bundler); never both.
 */
function checkWasmShipping(out, { asFile }) {
  const files = readdirSync(out, { recursive: true });
  const wasmFiles = files.filter((f) => f.endsWith(".wasm"));
  // "\0asm", the start of every wasm module, in base64.
  const inline = files.filter((f) => /\.m?js$/.test(f) && readFileSync(join(out, f), "utf8").includes("AGFzbQ"));
  assert.deepEqual([wasmFiles.length, inline.length], asFile ? [1, 0] : [0, 1], `in ${out}: .wasm files ${wasmFiles}, inline in ${inline}`);
}

/** Serves `out`, where a bundler put bundled/main.js, with bundled/index.html (the page Vite, webpack, Rollup and esbuild all build); checks the outcome. */
async function runBundledPage(out, { wasmAsFile }) {
  checkWasmShipping(out, { asFile: wasmAsFile });
  // appAccessToken (server-side) is left out of a page that does not use it.
  const shipped = readdirSync(out, { recursive: true }).filter((f) => /\.m?js$/.test(f));
  assert.ok(shipped.length > 0);
  for (const file of shipped) {
    assert.ok(!readFileSync(join(out, file), "utf8").includes("oauth2/accessToken"), `${file} ships appAccessToken`);
  }
  copyFileSync(join(here, "bundled", "index.html"), join(out, "index.html"));
  const server = await serveTestPages({ "/": out });
  try {
    await runPageInEveryEngine(`${server.url}/index.html`);
  } finally {
    await server.close();
  }
}

test("the three browser engines the pages run in, each the browser it is named for", async (t) => {
  const names = [];
  for (const browser of browsers) {
    const described = await browser.describe();
    t.diagnostic(`${browser.engine}: ${described}`);
    names.push(described.split(" ")[0]);
  }
  // WebKitGTK's MiniBrowser is WebKit, Safari's engine; its user agent says so too.
  assert.deepEqual(names, ["chrome", "firefox", "MiniBrowser"]);
  const webkit = browsers[2];
  await webkit.goto("about:blank");
  assert.match(await webkit.evaluate("return navigator.userAgent"), /AppleWebKit\/605/);
});

test("Node, ES module import", async () => {
  await resetMock();
  await checkOutcome(await runConsumer("node", ["node-esm/main.mjs"]), { server: true });
});

test("Node, CommonJS require", async () => {
  await resetMock();
  await checkOutcome(await runConsumer("node", ["node-cjs/main.cjs"]), { server: true });
});

test("Node, require and import in one program, and a second copy: one DingTalkError", async () => {
  assert.deepEqual(await runConsumer("node", ["node-mixed/main.cjs"]), {
    oneClassInNode: true,
    oneClientInNode: true,
    requireErrorIsImportClass: true,
    importErrorIsRequireClass: true,
    copyErrorIsOurClass: true,
    ourErrorIsCopyClass: true,
    copyIsAnotherClass: true,
    stillAnError: true,
    kinds: ["invalidArgument", "invalidArgument", "invalidArgument"],
    subclassIsDingTalkError: true,
    subclassCheckStaysOrdinary: true,
    notBranded: true,
  });
});

test("Deno", async () => {
  await resetMock();
  const allow = ["--allow-net=127.0.0.1", "--allow-env=DINGTALK_TOKEN,DINGTALK_BASE_URL", "--allow-read"];
  await checkOutcome(await runConsumer(bin("deno"), ["run", "--node-modules-dir=manual", ...allow, "deno/main.ts"]), { server: true });
});

test("Bun", async () => {
  await resetMock();
  await checkOutcome(await runConsumer(bin("bun"), ["run", "bun/main.ts"]), { server: true });
});

test("a browser page, plain ES modules with an import map, the .wasm fetched beside the module; in Chromium, Firefox and WebKit", async () => {
  const server = await serveTestPages({ "/": here });
  try {
    await runPageInEveryEngine(`${server.url}/browser/index.html`);
  } finally {
    await server.close();
  }
});

test("a Vite build, no plugin; in Chromium, Firefox and WebKit", async () => {
  const out = join(work, "vite-dist");
  await run(bin("vite"), ["build", "--logLevel", "warn", "--outDir", out, "--emptyOutDir"], { cwd: join(here, "bundled") });
  checkWasmShipping(out, { asFile: true });
  const server = await serveTestPages({ "/": out });
  try {
    await runPageInEveryEngine(`${server.url}/index.html`);
  } finally {
    await server.close();
  }
});

test("the Vite dev server, no plugin (dependency pre-bundling included); in Chromium, Firefox and WebKit", async () => {
  const vite = spawn(bin("vite"), ["--host", "127.0.0.1", "--port", "0", "--strictPort"], { cwd: here, stdio: ["ignore", "pipe", "pipe"] });
  try {
    const url = await new Promise((resolve, reject) => {
      let out = "";
      vite.stdout.on("data", (chunk) => {
        out += chunk;
        const match = /Local:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out.replace(/\x1b\[[0-9;]*m/g, ""));
        if (match) resolve(match[1]);
      });
      vite.on("exit", (code) => reject(new Error(`vite exited (${code}): ${out}`)));
    });
    // Vite serves this page itself: in WebKit its outcome is checked, its console cannot be.
    await runPageInEveryEngine(`${url}/bundled/index.html`, { recorded: false });
  } finally {
    vite.kill();
  }
});

test("an esbuild build, no plugin; in Chromium, Firefox and WebKit", async () => {
  const out = join(work, "esbuild-dist");
  mkdirSync(out, { recursive: true });
  await run(bin("esbuild"), ["main.js", "--bundle", "--format=esm", "--platform=browser", `--outfile=${join(out, "main.js")}`, "--log-level=warning"], { cwd: join(here, "bundled") });
  await runBundledPage(out, { wasmAsFile: false });
});

test("a webpack 5 production build, nothing to configure; in Chromium, Firefox and WebKit", async () => {
  const out = join(work, "webpack-dist");
  await run(
    bin("webpack"),
    ["--mode", "production", "--entry", "./main.js", "--output-path", out, "--output-filename", "main.js", "--stats", "errors-warnings"],
    { cwd: join(here, "bundled") },
  );
  await runBundledPage(out, { wasmAsFile: true });
});

test("a Rollup build with its usual node-resolve plugin; in Chromium, Firefox and WebKit", async () => {
  const out = join(work, "rollup-dist");
  const { rollup } = toolsRequire("rollup");
  const { nodeResolve } = toolsRequire("@rollup/plugin-node-resolve");
  // Rollup's ordinary setup for a page; nothing in it is about this package.
  const bundle = await rollup({ input: join(here, "bundled", "main.js"), plugins: [nodeResolve({ browser: true })] });
  await bundle.write({ dir: out, format: "es" });
  await bundle.close();
  await runBundledPage(out, { wasmAsFile: false });
});

test("Cloudflare Workers (workerd through Miniflare), the .wasm imported as a module", async () => {
  await resetMock();
  const out = join(work, "workers-dist");
  // What Wrangler does: bundle with the workerd conditions, keep .wasm imports as modules.
  await run(bin("esbuild"), [
    "worker.js", "--bundle", "--format=esm", "--platform=neutral", "--conditions=workerd,worker,browser",
    "--main-fields=module,main", "--loader:.wasm=copy", `--outdir=${out}`, "--log-level=warning",
  ], { cwd: join(here, "workers") });
  const { Miniflare } = toolsRequire("miniflare");
  const mf = new Miniflare({
    modules: true,
    scriptPath: join(out, "worker.js"),
    modulesRoot: out,
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: COMPATIBILITY_DATE,
    bindings: { DINGTALK_TOKEN: "demo-access-token", DINGTALK_BASE_URL: mock },
  });
  try {
    const response = await mf.dispatchFetch("http://worker.test/");
    assert.equal(response.status, 200);
    await checkOutcome(await response.json(), { server: true });
  } finally {
    await mf.dispose();
  }
});

test("TypeScript, strict: every public type, and wrong calls do not compile", async () => {
  await run(bin("tsc"), ["-p", "typescript/tsconfig.json"], { cwd: here });
  await run(bin("tsc"), ["-p", "typescript/node16/tsconfig.json"], { cwd: here });
});

test("TypeScript `using`: the client is freed at the end of its block", async () => {
  await run(bin("tsc"), ["-p", "typescript/disposable/tsconfig.json"], { cwd: here });
  const { freedAtTheEndOfTheBlock } = await import("./typescript/disposable/main.js");
  assert.match(await freedAtTheEndOfTheBlock(mock), /on a freed client/);
});

test("every JS and TS snippet in the README type-checks (strict, exactOptionalPropertyTypes)", async () => {
  // The Vitest files are left out: tests/frameworks/vitest.test.mjs runs them as they are shown.
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const blocks = [...readme.matchAll(/^```(js|ts)\n([\s\S]*?)^```/gm)].filter(([, , code]) => !/from "vitest[/"]/.test(code));
  assert.ok(blocks.length >= 9, `found ${blocks.length} snippets`);
  const dir = join(work, "readme-snippets");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  symlinkSync(join(here, "node_modules", "dingtalk-calendar"), join(dir, "node_modules", "dingtalk-calendar"));
  // What a snippet takes from its surroundings: the runtime's globals and the caller's values.
  writeFileSync(join(dir, "surroundings.d.ts"), [
    "declare const process: { env: Record<string, string | undefined> };",
    "declare const Deno: { env: { get(name: string): string | undefined } };",
    "declare const Bun: { env: Record<string, string | undefined> };",
    "declare const userId: string, calendarId: string, authorId: string, appKey: string, appSecret: string;",
  ].join("\n"));
  const names = { ts: [], js: [] };
  blocks.forEach(([, lang, code], i) => {
    const name = `snippet-${i + 1}.${lang === "ts" ? "mts" : code.includes("require(") ? "cjs" : "mjs"}`;
    writeFileSync(join(dir, name), code);
    names[lang].push(name);
  });
  const strict = { strict: true, exactOptionalPropertyTypes: true, noEmit: true, target: "ES2022", module: "NodeNext", lib: ["ES2022", "DOM"], types: [] };
  // JS has no annotations, so an unannotated parameter is not an error there; everything else is.
  writeFileSync(join(dir, "tsconfig.ts.json"), JSON.stringify({ compilerOptions: strict, files: [...names.ts, "surroundings.d.ts"] }));
  writeFileSync(join(dir, "tsconfig.js.json"), JSON.stringify({
    compilerOptions: { ...strict, allowJs: true, checkJs: true, noImplicitAny: false },
    files: [...names.js, "surroundings.d.ts"],
  }));
  for (const config of ["tsconfig.ts.json", "tsconfig.js.json"]) {
    const failed = await run(bin("tsc"), ["-p", config], { cwd: dir }).then(() => null, (e) => e.stdout || String(e));
    assert.equal(failed, null, `${config}:\n${failed}`);
  }
});

test("the README shows each runtime's code exactly as it is tested", () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  for (const file of ["node-esm/main.mjs", "node-cjs/main.cjs", "deno/main.ts", "bun/main.ts", "shared/page.js", "browser/index.html", "workers/worker.js"]) {
    const code = readFileSync(join(here, file), "utf8").trim();
    assert.ok(readme.includes(code), `README.md does not show tests/runtimes/${file} as it is`);
  }
  for (const file of ["src/index.js", "wrangler.toml"]) {
    const code = readFileSync(join(root, "examples", "worker", file), "utf8").trim();
    assert.ok(readme.includes(code), `README.md does not show examples/worker/${file} as it is`);
  }
});
