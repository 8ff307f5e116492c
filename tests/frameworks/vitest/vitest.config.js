import { configDefaults, defineConfig } from "vitest/config";

// jsdom; the *.browser.test.js files run in a real browser (vitest.browser.config.js).
export default defineConfig({ test: { environment: "jsdom", exclude: [...configDefaults.exclude, "**/*.browser.test.js"] } });
