// `make bench`: every comparison in bench/README.md, against the release dingtalk-mock in
// DINGTALK_MOCK_URL (scripts/with-mock.sh), loopback only. Writes bench/results/latest.json,
// latest.md and latest.svg, and prints a summary. Timing lives here, never in the tests.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { CalendarClient } from "../pkg/node.js";
import { serveStatic } from "../scripts/static-server.mjs";
import { launchBrowser } from "../tests/support/browsers.mjs";
import { bundles, measure } from "./lib/bytes.mjs";
import { coldStart } from "./lib/cold-start.mjs";
import { sequential, throughput } from "./lib/loopback.mjs";
import { SDK_VERSION, installOfficialSdk } from "./lib/official-sdk.mjs";
import { ownCost } from "./lib/own-cost.js";
import { report } from "./lib/report.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const mock = process.env.DINGTALK_MOCK_URL;
if (!mock) throw new Error("run through scripts/with-mock.sh (make bench does)");
const step = (what) => console.log(`==> ${what}`);

// The official SDK, for comparison only: into bench/.sdk (ignored), never a dependency.
installOfficialSdk(step);

const results = {
  when: new Date().toISOString(),
  machine: `${cpus().length} × ${cpus()[0]?.model.trim()}`,
  node: process.version,
  sdk: SDK_VERSION,
};

step("own cost with fetch stubbed, in Node");
results.ownCostNode = await ownCost(CalendarClient, { floor: createRequire(import.meta.url)("../target/bench-floor/nodejs/wasm_bindgen_floor.js") });

step("own cost with fetch stubbed, in headless Chromium");
{
  const server = await serveStatic({ mounts: { "/pkg/": join(root, "pkg"), "/bench/": join(root, "bench"), "/floor/": join(root, "target", "bench-floor", "web") } });
  const browser = await launchBrowser("chromium");
  try {
    await browser.goto(`${server.url}/bench/page/own-cost.html`);
    const { userAgent, rows } = JSON.parse(await browser.waitFor("return document.querySelector('#result').textContent", "the page's figures", 600_000));
    results.chromium = /Chrome\/[\d.]+/.exec(userAgent)?.[0] ?? userAgent;
    results.ownCostChromium = rows;
  } finally {
    await browser.close();
    await server.close();
  }
}

step("sequential GETs over loopback");
results.sequential = await sequential(mock);

step("throughput with 1, 16, 64 and 256 calls in flight");
results.throughput = await throughput(mock);

step("the native client (feature native) beside a plain reqwest GET, over loopback");
{
  const out = execFileSync("cargo", ["run", "--quiet", "--release", "-p", "native-bench"], { cwd: root, encoding: "utf8" });
  results.native = JSON.parse(out.trim().split("\n").pop()).native;
}

step("cold start in fresh Node processes");
const cold = coldStart();
results.coldStart = cold.map(({ files, ...row }) => row);

step("bytes: what each runtime loads, and Vite and webpack builds of a one-call page");
const pkgFile = (...parts) => join(root, "pkg", ...parts);
const loaded = Object.fromEntries(cold.map(({ name, files }) => [name, files]));
results.nodeBytes = [
  { name: "dingtalk-calendar (node.js + index.cjs + glue + .wasm)", ...measure([pkgFile("node.js"), ...loaded["dingtalk-calendar"], pkgFile("cjs", "dingtalk_calendar_bg.wasm")]) },
  { name: "hand-written fetch", ...measure([join(root, "bench", "lib", "hand-written.js")]) },
  { name: `@alicloud/dingtalk ${SDK_VERSION} (the files Node loads)`, ...measure(loaded["@alicloud/dingtalk (official SDK)"]) },
];
results.browserBytes = bundles();

mkdirSync(join(root, "bench", "results"), { recursive: true });
const { markdown, svg, summary } = report(results);
writeFileSync(join(root, "bench", "results", "latest.json"), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(root, "bench", "results", "latest.md"), markdown);
writeFileSync(join(root, "bench", "results", "latest.svg"), svg);
console.log(`\n${summary}\nbench/results/latest.md, latest.svg and latest.json written`);
