// Vitest 4 in jsdom, testing a user's component that uses dingtalk-calendar from the packed
// tarball: tests/frameworks/vitest/ copied to target/frameworks-vitest and `vitest run` there
// (a stubbed fetch, MSW, DingTalkError.from, the mock). Run through scripts/with-mock.sh.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cpSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { packTarball } from "../support/tarball.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const work = join(here, "..", "..", "target", "frameworks-vitest");
const project = join(work, "vitest");
const run = promisify(execFile);

assert.ok(process.env.DINGTALK_MOCK_URL, "run through scripts/with-mock.sh");

test("a user's component tested with Vitest in jsdom: every way passes", async () => {
  await packTarball(work);
  cpSync(join(here, "vitest"), project, { recursive: true });
  await run("npm", ["install", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: project });
  const { stdout } = await run(join(project, "node_modules", ".bin", "vitest"), ["run", "--reporter=verbose"], {
    cwd: project,
    env: { ...process.env, NO_COLOR: "1" },
  });
  // Each of the five ran and passed (none skipped: the mock's URL is set), in both files.
  assert.match(stdout, /Test Files\s+2 passed \(2\)/, stdout);
  assert.match(stdout, /Tests\s+5 passed \(5\)/, stdout);
});

test("the README shows the Vitest file exactly as it is run", () => {
  const readme = readFileSync(join(here, "..", "..", "README.md"), "utf8");
  for (const name of ["calendar-card.test.js", "calendar-card.msw.test.js"]) {
    const file = readFileSync(join(here, "vitest", "test", name), "utf8").trim();
    assert.ok(readme.includes(file), `README.md does not show tests/frameworks/vitest/test/${name} as it is`);
  }
});
