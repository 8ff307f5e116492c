// Debian's headless Chromium through playwright-core, for the browser tests (runtimes, demo):
// never a downloaded browser, and the flags that keep it off the network.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const { chromium } = createRequire(fileURLToPath(new URL("../../tools/package.json", import.meta.url)))("playwright-core");

const FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
];

export function launchChromium() {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: FLAGS });
}

/**
 * Collects what went wrong in `page` into `problems`: console errors and uncaught exceptions.
 * Chrome logs every 4xx answer as "Failed to load resource"; those from `mockUrl` are the mock's
 * deliberate API errors and are left out. `seen`, if given, gets every console line.
 */
export function watchPage(page, mockUrl, problems, seen = []) {
  page.on("console", (m) => {
    seen.push(m.text());
    const expectedApiError = m.text().startsWith("Failed to load resource") && m.location().url.startsWith(mockUrl);
    if (m.type() === "error" && !expectedApiError) problems.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => problems.push(`uncaught: ${e}`));
}
