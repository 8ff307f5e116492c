// SvelteKit 2 with adapter-node and zero configuration, from the packed tarball:
// tests/frameworks/sveltekit/ copied to target/frameworks/sveltekit, `vite build`, then
// `node build` (the server adapter-node makes) on a free loopback port. A universal `load` passes
// SvelteKit's `fetch` to the client (on the server that fetch throws from `headers.get` for
// every header a load did not allow, which once killed the server), a server route uses
// appAccessToken, and a client-side navigation runs the `load` in Chromium, Firefox and WebKit.
// Run through scripts/with-mock.sh (DINGTALK_MOCK_URL); the server is always stopped.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cpSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { ENGINES, launchBrowser } from "../support/browsers.mjs";
import { checkPackageShare, loadedResources, packageShare } from "../support/page-bytes.mjs";
import { freePort, startServer } from "../support/server-process.mjs";
import { packTarball } from "../support/tarball.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const work = join(root, "target", "frameworks-sveltekit");
const app = join(work, "sveltekit");
const run = promisify(execFile);

const mock = process.env.DINGTALK_MOCK_URL;
assert.ok(mock, "run through scripts/with-mock.sh");

const browsers = [];
let server;
let url;

before(async () => {
  await packTarball(work);
  cpSync(join(here, "sveltekit"), app, { recursive: true });
  await run("npm", ["install", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: app });
  const { stdout, stderr } = await run(join(app, "node_modules", ".bin", "vite"), ["build"], { cwd: app });
  // Vite's warnings start with "(!)" or say "warning"; its file listing names the package's .wasm.
  assert.doesNotMatch(`${stdout}${stderr}`, /\(!\)|warn/i, `vite build warned:\n${stdout}${stderr}`);
  const port = await freePort();
  server = await startServer(process.execPath, ["build"], {
    cwd: app,
    env: {
      ...process.env,
      HOST: "127.0.0.1",
      PORT: String(port),
      ORIGIN: `http://127.0.0.1:${port}`,
      PUBLIC_DINGTALK_BASE_URL: mock,
      DINGTALK_BASE_URL: mock,
      DINGTALK_APP_KEY: "demo-app-key",
      DINGTALK_APP_SECRET: "demo-app-secret-not-for-production",
    },
    ready: /Listening on/,
    port,
  });
  url = server.url;
  for (const engine of ENGINES) browsers.push(await launchBrowser(engine));
});

after(async () => {
  for (const browser of browsers) await browser.close();
  await server?.stop();
});

test("a universal load with SvelteKit's fetch renders on the server", async () => {
  const response = await fetch(`${url}/`);
  const html = await response.text();
  assert.equal(response.status, 200, html);
  assert.match(html, /<h1 id="name">Public Holidays<\/h1>/);
  assert.match(html, /<p id="where">server<\/p>/);
});

test("a server route calls DingTalk with appAccessToken", async () => {
  const response = await fetch(`${url}/api/calendar`);
  const body = await response.json();
  assert.equal(response.status, 200, JSON.stringify(body));
  assert.equal(body.calendarId, "cal-public-holidays");
});

for (const engine of ENGINES) {
  test(`a client-side navigation runs the load in ${engine}`, async () => {
    const browser = browsers[ENGINES.indexOf(engine)];
    await browser.goto(`${url}/`);
    // Hydrated (the page's onMount marks it): SvelteKit's router takes the link over.
    await browser.waitFor("return document.body.dataset.hydrated === 'true'", "the page hydrated");
    // Hydrating runs the universal load again, in the browser (SvelteKit replays the server's
    // fetches to it).
    assert.equal(await browser.evaluate("return document.querySelector('#name').textContent"), "Public Holidays");
    await browser.click("#next");
    const name = await browser.waitFor(
      "const name = document.querySelector('#name')?.textContent; return name !== 'Public Holidays' && document.querySelector('#where').textContent === 'browser' ? name : null",
      "the page loaded in the browser",
    );
    assert.equal(name, "Sprint Reviews");
    assert.deepEqual(await browser.problems({ recorded: false }), []);
  });
}

test("the package's share of the page: one .wasm as its own file, no base64 copy, within the no-bundler page's bytes", async () => {
  const browser = browsers[ENGINES.indexOf("chromium")];
  await browser.goto(`${url}/plain`);
  await browser.waitFor("return document.body.dataset.hydrated === 'true'", "the plain page hydrated");
  const without = await loadedResources(browser);
  await browser.goto(`${url}/`);
  // Hydrating runs the load in the browser, and with it the client: the .wasm is fetched.
  await browser.waitFor("return performance.getEntriesByType('resource').some((e) => e.name.endsWith('.wasm'))", "the .wasm loaded");
  const share = await packageShare(await loadedResources(browser), without);
  checkPackageShare("SvelteKit 2.70.4 (Vite 8.3.8)", share, join(app, "node_modules", "dingtalk-calendar"));
});

test("the server printed nothing about the package", () => {
  const printed = server.output();
  assert.doesNotMatch(printed.replace(/Listening on \S+/, ""), /dingtalk|error|warn/i, printed);
});
