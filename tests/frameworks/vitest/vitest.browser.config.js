import { defineConfig } from "vitest/config";
import { playwright } from "@vitest/browser-playwright";

// Vitest's browser mode in Chromium: the machine's own (Debian's /usr/bin/chromium, through
// playwright's launcher; CHROMIUM_PATH overrides it), headless, on loopback.
export default defineConfig({
  test: {
    include: ["test/**/*.browser.test.js"],
    provide: { mockUrl: process.env.DINGTALK_MOCK_URL ?? "" },
    browser: {
      enabled: true,
      headless: true,
      api: { host: "127.0.0.1", port: Number(process.env.VITEST_BROWSER_PORT ?? 63315) },
      provider: playwright({
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        },
      }),
      instances: [{ browser: "chromium" }],
    },
  },
});
