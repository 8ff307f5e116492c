// Vitest 4 testing a user's component that uses dingtalk-calendar from the packed tarball:
// tests/frameworks/vitest/ copied to target/frameworks-vitest, then `vitest run` there in jsdom (a
// stubbed fetch, MSW, DingTalkError.from, the mock) and in browser mode in Chromium (a stubbed
// fetch, the mock; Vitest's server on a free loopback port). Run through scripts/with-mock.sh.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cpSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { freePort } from "../support/server-process.mjs";
import { packTarball } from "../support/tarball.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const work = join(here, "..", "..", "target", "frameworks-vitest");
const project = join(work, "vitest");
const run = promisify(execFile);

assert.ok(process.env.DINGTALK_MOCK_URL, "run through scripts/with-mock.sh");

before(async () => {
  await packTarball(work);
  cpSync(join(here, "vitest"), project, { recursive: true });
  // playwright's launcher only: the browser is the machine's Chromium.
  await run("npm", ["install", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: project,
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" },
  });
});

test("a user's component tested with Vitest in jsdom: every way passes", async () => {
  const { stdout } = await run(join(project, "node_modules", ".bin", "vitest"), ["run", "--reporter=verbose"], {
    cwd: project,
    env: { ...process.env, NO_COLOR: "1" },
  });
  // Each of the five ran and passed (none skipped: the mock's URL is set), in both files.
  assert.match(stdout, /Test Files\s+2 passed \(2\)/, stdout);
  assert.match(stdout, /Tests\s+5 passed \(5\)/, stdout);
});

test("the same component tested in Vitest's browser mode, in Chromium", async () => {
  const { stdout } = await run(join(project, "node_modules", ".bin", "vitest"), ["run", "--config", "vitest.browser.config.js", "--reporter=verbose"], {
    cwd: project,
    env: { ...process.env, NO_COLOR: "1", VITEST_BROWSER_PORT: String(await freePort()) },
  });
  assert.match(stdout, /Tests\s+2 passed \(2\)/, stdout);
  assert.match(stdout, /✓ \|chromium\| test\/calendar-card\.browser\.test\.js > against the mock/, stdout);
});

test("the README shows the Vitest files exactly as they are run", () => {
  const readme = readFileSync(join(here, "..", "..", "README.md"), "utf8");
  for (const name of ["test/calendar-card.test.js", "test/calendar-card.msw.test.js", "test/calendar-card.browser.test.js", "vitest.browser.config.js"]) {
    const file = readFileSync(join(here, "vitest", name), "utf8").trim();
    assert.ok(readme.includes(file), `README.md does not show tests/frameworks/vitest/${name} as it is`);
  }
});
