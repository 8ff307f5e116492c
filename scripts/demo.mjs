// `make demo`: dingtalk-mock and a static server for www/ (and the built package under /pkg/) on
// two loopback ports, so the page and the API are two origins, as in real life. Prints the one
// URL to open; Ctrl-C stops both.
//
//   node scripts/demo.mjs [--mock-port 8790] [--www-port 8080]     (0 picks a free port)
//   or DEMO_MOCK_PORT / DEMO_WWW_PORT in the environment
//   (tests: DEMO_HEAD_SCRIPT=FILE puts that script first in the page's head)
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { demoBackend } from "./demo-backend.mjs";
import { serveStatic } from "./static-server.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
function option(name, envName, fallback) {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? process.argv[at + 1] : process.env[envName] ?? String(fallback);
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    fail(`${name} must be a port number from 0 to 65535, not "${value}"`);
  }
  return port;
}

function fail(message) {
  console.error(`make demo: ${message}`);
  process.exit(1);
}

const mockPort = option("--mock-port", "DEMO_MOCK_PORT", 8790);
const wwwPort = option("--www-port", "DEMO_WWW_PORT", 8080);
const mockBinary = join(root, "target", "debug", "dingtalk-mock");
if (!existsSync(mockBinary)) fail("dingtalk-mock is not built; run `make demo`, which builds it");
if (!existsSync(join(root, "pkg", "web.js"))) fail("pkg/ is not built; run `make demo`, which builds it");

// 1. The mock: its first line gives its URL; a busy port is its own clear message.
const mock = spawn(mockBinary, ["--host", "127.0.0.1", "--port", String(mockPort)], {
  stdio: ["ignore", "pipe", "pipe"],
});
const mockUrl = await new Promise((resolve) => {
  let out = "";
  let err = "";
  mock.stdout.on("data", (chunk) => {
    out += chunk;
    const match = /dingtalk-mock listening on (\S+)/.exec(out);
    if (match) resolve(match[1]);
  });
  mock.stderr.on("data", (chunk) => (err += chunk));
  mock.on("exit", () => {
    const why = err.includes("already in use")
      ? `port ${mockPort} (the mock) is already in use; pick another: make demo DEMO_MOCK_PORT=8791`
      : `dingtalk-mock stopped: ${err.trim()}`;
    fail(why);
  });
});

// 2. The page: www/ at /, the package at /pkg/, /config.js telling the page where the mock is,
// and the backend under /api/ (create and update, which a page cannot send DingTalk itself).
let page;
try {
  page = await serveStatic({
    mounts: { "/": join(root, "www"), "/pkg/": join(root, "pkg") },
    generated: { "/config.js": () => ["text/javascript; charset=utf-8", `export const MOCK_URL = ${JSON.stringify(mockUrl)};\n`] },
    port: wwwPort,
    headScript: process.env.DEMO_HEAD_SCRIPT ? readFileSync(process.env.DEMO_HEAD_SCRIPT, "utf8") : undefined,
    handle: demoBackend({ baseUrl: mockUrl, accessToken: "demo-access-token", packageEntry: join(root, "pkg", "index.cjs") }),
  });
} catch (error) {
  mock.removeAllListeners("exit");
  mock.kill();
  fail(
    error.code === "EADDRINUSE"
      ? `port ${wwwPort} (the page) is already in use; pick another: make demo DEMO_WWW_PORT=8081`
      : `the page server could not start: ${error.message}`,
  );
}
console.log(`dingtalk-calendar demo: open ${page.url}/`);
console.log(`(mock at ${mockUrl}; Ctrl-C stops both)`);

async function stop() {
  mock.removeAllListeners("exit");
  mock.kill("SIGTERM");
  await page.close();
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
