// Next.js 16 with zero configuration, from the packed tarball: tests/frameworks/next/ (a client
// component, a Route Handler on the Node runtime and one on the Edge runtime, both with
// appAccessToken) copied to target/frameworks/next, built with Turbopack (Next's default) and
// with webpack, started with `next start`, and driven over HTTP and in Chromium, Firefox and
// WebKit. Neither the build nor the server may print a warning about the package. Run through
// scripts/with-mock.sh (DINGTALK_MOCK_URL); servers on free loopback ports, always stopped.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cpSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { ENGINES, launchBrowser } from "../support/browsers.mjs";
import { checkPackageShare, loadedResources, packageShare } from "../support/page-bytes.mjs";
import { loadTheCalendar } from "../support/one-call-page.mjs";
import { freePort, startServer } from "../support/server-process.mjs";
import { packTarball } from "../support/tarball.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const work = join(root, "target", "frameworks");
const app = join(work, "next");
const run = promisify(execFile);

const mock = process.env.DINGTALK_MOCK_URL;
assert.ok(mock, "run through scripts/with-mock.sh");
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  DINGTALK_BASE_URL: mock,
  DINGTALK_APP_KEY: "demo-app-key",
  DINGTALK_APP_SECRET: "demo-app-secret-not-for-production",
};
// What the package must never make Next say, at build or at run time.
const WARNINGS = /dingtalk|DynamicWasmCodeGeneration|instantiateStreaming|application\/wasm|Module not found|\bwarn/i;
// Not about the package: Next's notice that the Edge runtime is deprecated.
const NEXTS_OWN = /Edge Runtime is deprecated|edge runtime on a page/i;
// Left (see the issue): Next's webpack client target claims no async/await, so webpack warns on
// bundler.js's top-level await (which every engine Next supports runs). Each line of that one
// warning, and only with webpack.
const WEBPACK_TOP_LEVEL_AWAIT = /Compiled with warnings|dingtalk-calendar\/bundler\.js|topLevelAwait|async\/await|code may not run as expected|Import trace|app\/calendar\.js/;

// React has hydrated the button (the component marks it in an effect). Next's router being up
// (window.next) came too early once: a click in Firefox on a loaded CI machine was lost.
const HYDRATED = "return document.querySelector('#load[data-hydrated=true]')";

const browsers = [];

before(async () => {
  await packTarball(work);
  cpSync(join(here, "next"), app, { recursive: true });
  await run("npm", ["install", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: app, env });
  for (const engine of ENGINES) browsers.push(await launchBrowser(engine));
});

after(async () => {
  for (const browser of browsers) await browser.close();
});

/** `next start` on a free port. */
async function start() {
  const port = await freePort();
  return startServer(join(app, "node_modules", ".bin", "next"), ["start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: app,
    env,
    ready: /Ready in/,
    port,
  });
}

for (const bundler of ["turbopack", "webpack"]) {
  describe(`Next.js with ${bundler}`, () => {
    let server;

    before(async () => {
      rmSync(join(app, ".next"), { recursive: true, force: true });
      const args = ["build", ...(bundler === "webpack" ? ["--webpack"] : [])];
      const { stdout, stderr } = await run(join(app, "node_modules", ".bin", "next"), args, { cwd: app, env });
      const printed = `${stdout}\n${stderr}`;
      const known = (line) => NEXTS_OWN.test(line) || (bundler === "webpack" && WEBPACK_TOP_LEVEL_AWAIT.test(line));
      const lines = printed.split("\n").filter((line) => WARNINGS.test(line) && !known(line));
      assert.deepEqual(lines, [], `next build ${bundler} warned:\n${printed}`);
      server = await start();
    });

    after(async () => {
      await server?.stop();
    });

    for (const runtime of ["node", "edge"]) {
      test(`a Route Handler on the ${runtime} runtime calls DingTalk with appAccessToken`, async () => {
        const response = await fetch(`${server.url}/api/${runtime}`);
        const body = await response.json();
        assert.equal(response.status, 200, JSON.stringify(body));
        assert.equal(body.calendarId, "cal-public-holidays");
        assert.equal(body.name, "Public Holidays");
      });
    }

    for (const engine of ENGINES) {
      test(`a client component calls the client in ${engine}`, async () => {
        const browser = browsers[ENGINES.indexOf(engine)];
        const result = await loadTheCalendar(browser, server.url, mock, HYDRATED);
        assert.equal(result, "Public Holidays");
        assert.deepEqual(await browser.problems({ recorded: false }), []);
      });
    }

    test("the package's share of the page: one .wasm as its own file, no base64 copy, within the no-bundler page's bytes", async () => {
      const browser = browsers[ENGINES.indexOf("chromium")];
      await browser.goto(`${server.url}/plain`);
      await browser.waitFor("return document.readyState === 'complete' && !!window.next", "the plain page");
      const without = await loadedResources(browser);
      assert.equal(await loadTheCalendar(browser, server.url, mock, HYDRATED), "Public Holidays");
      const share = await packageShare(await loadedResources(browser), without);
      checkPackageShare(`Next.js 16.4.6 (${bundler})`, share, join(app, "node_modules", "dingtalk-calendar"));
    });

    test("the server printed no warning about the package", () => {
      const lines = server.output().split("\n").filter((line) => WARNINGS.test(line));
      assert.deepEqual(lines, [], server.output());
    });
  });
}
