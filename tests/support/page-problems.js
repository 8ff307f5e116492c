// Put first in every page's <head> by the test servers (serveStatic's headScript), for WebKit:
// WebKitGTK's WebKitWebDriver gives the tests neither the page's console nor its uncaught errors
// (no WebDriver BiDi in Debian's build; MiniBrowser's console-to-stdout setting is silent under
// automation), so the page records them where the test can read them (tests/support/browsers.mjs).
// Chromium and Firefox report the same through BiDi, which leaves out only failed script loads.
(() => {
  const problems = [];
  const lines = [];
  window.__pageProblems = problems;
  window.__pageConsole = lines;
  for (const level of ["log", "info", "warn", "error", "debug"]) {
    const original = console[level];
    console[level] = function (...args) {
      const text = args.map(String).join(" ");
      lines.push(text);
      if (level === "error") problems.push(`console: ${text}`);
      return original.apply(this, args);
    };
  }
  // Capture phase: a <script> or <link> that fails to load fires `error` on itself, not window.
  addEventListener(
    "error",
    (event) => {
      const source = event.target?.src ?? event.target?.href;
      problems.push(event.error !== undefined || !source ? `uncaught: ${event.error ?? event.message}` : `failed to load: ${source}`);
    },
    true,
  );
  addEventListener("unhandledrejection", (event) => problems.push(`unhandled rejection: ${event.reason}`));
})();
