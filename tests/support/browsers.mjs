// The three browser engines for the page-level tests (runtimes, demo), driven by one WebDriver
// client, selenium-webdriver, each through its own driver from Debian or crates.io and never a
// downloaded browser or driver (a driver path given means Selenium Manager is never asked):
//   chromium  Debian's chromium + chromedriver, headless
//   firefox   Debian's firefox-esr + geckodriver (cargo install), headless
//   webkit    WebKitGTK's MiniBrowser (Safari's engine) through WebKitWebDriver, on an Xvfb display
//             started here, since MiniBrowser has no headless mode
// Chromium and Firefox report the page's console and uncaught errors over WebDriver BiDi; WebKit's
// driver has no BiDi, so the pages carry tests/support/page-problems.js (PAGE_PROBLEMS_SCRIPT, put
// in by the test's static server) and the list is read from the page (in every engine, for what
// BiDi leaves out: a script or stylesheet that failed to load).
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

const toolsRequire = createRequire(fileURLToPath(new URL("../../tools/package.json", import.meta.url)));
const { Builder, By, Capabilities, Key } = toolsRequire("selenium-webdriver");
const chrome = toolsRequire("selenium-webdriver/chrome");
const firefox = toolsRequire("selenium-webdriver/firefox");
const LogInspector = toolsRequire("selenium-webdriver/bidi/logInspector");

export const ENGINES = ["chromium", "firefox", "webkit"];
export const PAGE_PROBLEMS_FILE = fileURLToPath(new URL("page-problems.js", import.meta.url));
export const PAGE_PROBLEMS_SCRIPT = readFileSync(PAGE_PROBLEMS_FILE, "utf8");

const MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
// Keeps Chromium off the network and out of the sandbox a root container cannot give it.
const CHROMIUM_FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
];

function onPath(command) {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (existsSync(join(dir, command))) return join(dir, command);
  }
  throw new Error(`${command} is not on PATH; run scripts/setup.sh --browser`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts a process and resolves once `ready(child)` does; kills it if that fails or takes 20 s. */
async function start(command, args, options, ready) {
  const child = spawn(command, args, options);
  const exited = new Promise((_, reject) => child.once("exit", (code) => reject(new Error(`${command} exited (${code}) while starting`))));
  let timer;
  const late = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${command} was not ready in 20 s`)), 20_000)));
  try {
    await Promise.race([ready(child), exited, late]);
    return child;
  } catch (error) {
    child.kill();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Xvfb on the first free display (it writes the number to fd 3): MiniBrowser's screen. */
function startXvfb() {
  let display;
  return start("Xvfb", ["-displayfd", "3", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"], { stdio: ["ignore", "ignore", "pipe", "pipe"] }, (child) =>
    new Promise((resolve) => {
      let out = "";
      child.stdio[3].on("data", (chunk) => {
        out += chunk;
        if (out.includes("\n")) {
          display = `:${out.trim()}`;
          resolve();
        }
      });
    }),
  ).then((child) => ({ child, display }));
}

async function startWebKitWebDriver(display) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let stopped = false;
  const child = await start(onPath("WebKitWebDriver"), [`--port=${port}`], { stdio: "ignore", env: { ...process.env, DISPLAY: display } }, async () => {
    while (!stopped) {
      const up = await fetch(`${url}/status`).then((r) => r.ok, () => false);
      if (up) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }).finally(() => (stopped = true));
  return { child, url };
}

async function buildDriver(engine, { width, height }, helpers) {
  if (engine === "chromium") {
    const options = new chrome.Options().setChromeBinaryPath("/usr/bin/chromium").addArguments(...CHROMIUM_FLAGS, `--window-size=${width},${height}`).enableBidi();
    return new Builder().forBrowser("chrome").setChromeOptions(options).setChromeService(new chrome.ServiceBuilder(onPath("chromedriver"))).build();
  }
  if (engine === "firefox") {
    const options = new firefox.Options().setBinary("/usr/bin/firefox-esr").addArguments("-headless").windowSize({ width, height }).enableBidi();
    return new Builder().forBrowser("firefox").setFirefoxOptions(options).setFirefoxService(new firefox.ServiceBuilder(onPath("geckodriver"))).build();
  }
  if (engine === "webkit") {
    const xvfb = await startXvfb();
    helpers.push(xvfb.child);
    const webdriver = await startWebKitWebDriver(xvfb.display);
    helpers.push(webdriver.child);
    const capabilities = new Capabilities({
      browserName: "MiniBrowser",
      "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] },
    });
    const driver = await new Builder().usingServer(webdriver.url).withCapabilities(capabilities).build();
    await driver.manage().window().setRect({ width, height });
    return driver;
  }
  throw new Error(`unknown engine ${engine}; one of ${ENGINES.join(", ")}`);
}

/** One engine's browser with one window; its methods act on whatever page the window shows. */
class EngineBrowser {
  constructor(engine, driver, helpers) {
    this.engine = engine;
    this.driver = driver;
    this.helpers = helpers;
    this.bidiProblems = [];
    this.bidiConsole = [];
  }

  /** Its name and version from the session's capabilities, e.g. "firefox 153.8.0". */
  async describe() {
    const capabilities = await this.driver.getCapabilities();
    return `${capabilities.getBrowserName()} ${capabilities.getBrowserVersion()}`;
  }

  async listen() {
    if (this.engine === "webkit") return;
    const inspector = await LogInspector(this.driver);
    await inspector.onConsoleEntry((entry) => {
      this.bidiConsole.push(entry.text);
      if (entry.level === "error") this.bidiProblems.push(`console: ${entry.text}`);
    });
    await inspector.onJavascriptLog((entry) => this.bidiProblems.push(`uncaught: ${entry.text}`));
  }

  /** Opens `url`; problems and console lines start afresh. */
  async goto(url) {
    this.bidiProblems.length = 0;
    this.bidiConsole.length = 0;
    await this.driver.get(url);
  }

  evaluate(script, ...args) {
    return this.driver.executeScript(script, ...args);
  }

  /** Waits until `script` (a function body) returns something truthy, and returns it. */
  async waitFor(script, what, timeout = 30_000, ...args) {
    try {
      return await this.driver.wait(() => this.driver.executeScript(script, ...args), timeout);
    } catch (error) {
      throw new Error(`${this.engine}: waited ${timeout} ms for ${what}; page problems: ${JSON.stringify(await this.problems().catch(() => "unreadable"))}`, { cause: error });
    }
  }

  $(selector) {
    return this.driver.findElement(By.css(selector));
  }

  async fill(selector, value) {
    const input = await this.$(selector);
    await input.clear();
    // WebKitWebDriver refuses to send no keys at all ("Missing text parameter").
    if (value !== "") await input.sendKeys(value);
  }

  async click(selector) {
    await (await this.$(selector)).click();
  }

  /** Focuses `selector` and presses Enter on the keyboard. */
  async pressEnterOn(selector) {
    await this.evaluate("document.querySelector(arguments[0]).focus()", selector);
    await this.driver.actions().sendKeys(Key.ENTER).perform();
  }

  text(selector) {
    return this.evaluate("return document.querySelector(arguments[0])?.textContent ?? null", selector);
  }

  /**
   * What went wrong in the page: console errors, uncaught errors and rejections. In WebKit the
   * page must carry PAGE_PROBLEMS_SCRIPT; one that does not is itself a problem, unless
   * `recorded: false` says this page cannot (then WebKit checks the outcome only).
   */
  async problems({ recorded = true } = {}) {
    const problems = await this.evaluate("return window.__pageProblems ?? null");
    // BiDi does not report a <script> or <link> that failed to load; the recorder does.
    if (this.engine !== "webkit") return [...this.bidiProblems, ...(problems ?? []).filter((p) => p.startsWith("failed to load:"))];
    if (problems !== null) return problems;
    return recorded ? [`no problem recorder in ${await this.driver.getCurrentUrl()}: serve it with PAGE_PROBLEMS_SCRIPT`] : [];
  }

  /** Every console line the page wrote since it was opened. */
  async consoleText() {
    if (this.engine !== "webkit") return [...this.bidiConsole];
    return (await this.evaluate("return window.__pageConsole ?? null")) ?? [];
  }

  async screenshot(path) {
    writeFileSync(path, Buffer.from(await this.driver.takeScreenshot(), "base64"));
  }

  async screenshotOf(selector, path) {
    writeFileSync(path, Buffer.from(await (await this.$(selector)).takeScreenshot(), "base64"));
  }

  async close() {
    try {
      await this.driver.quit();
    } finally {
      for (const helper of this.helpers.reverse()) helper.kill();
    }
  }
}

/** Launches `engine` ("chromium", "firefox" or "webkit") with a `width`×`height` window. */
export async function launchBrowser(engine, { width = 1100, height = 900 } = {}) {
  const helpers = [];
  try {
    const driver = await buildDriver(engine, { width, height }, helpers);
    const browser = new EngineBrowser(engine, driver, helpers);
    await browser.listen().catch(async (error) => {
      await browser.close();
      throw error;
    });
    return browser;
  } catch (error) {
    for (const helper of helpers.reverse()) helper.kill();
    throw error;
  }
}
