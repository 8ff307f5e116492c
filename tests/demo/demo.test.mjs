// The demo end to end: `make demo`'s two servers (scripts/demo.mjs, on free ports here) and the
// page driven in Debian's headless Chromium by playwright-core. Fails on any console error or
// uncaught exception in the page. Screenshots of the main states go to tests/artifacts/demo/.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";

import { launchChromium, watchPage } from "../support/chromium.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const shots = join(root, "tests", "artifacts", "demo");
const TOKEN = "demo-access-token";

let demo;
let pageUrl;
let mockUrl;
let browser;
let page;
const problems = [];
const consoleText = [];

before(async () => {
  mkdirSync(shots, { recursive: true });
  demo = spawn("node", [join(root, "scripts", "demo.mjs"), "--mock-port", "0", "--www-port", "0"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  [pageUrl, mockUrl] = await new Promise((resolve, reject) => {
    let out = "";
    demo.stdout.on("data", (chunk) => {
      out += chunk;
      const page = /open (http\S+)/.exec(out);
      const mock = /mock at (http[^;]+);/.exec(out);
      if (page && mock) resolve([page[1], mock[1]]);
    });
    demo.on("exit", (code) => reject(new Error(`the demo exited early (${code})`)));
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  watchPage(page, mockUrl, problems, consoleText);
});

after(async () => {
  await browser?.close();
  if (demo && demo.exitCode === null) {
    const exited = new Promise((resolve) => demo.once("exit", resolve));
    demo.kill("SIGINT");
    await exited;
  }
});

async function call(button, user, calendar) {
  await page.fill("#user-id", user);
  await page.fill("#calendar-id", calendar);
  const rows = await page.locator("#log tr").count();
  await page.click(`#${button}`);
  await page.locator("#log tr").nth(rows).waitFor();
}

const answer = () => page.locator("#answer");

test("load: settings prefilled for the mock, choices offered, every control labelled", async () => {
  await page.goto(pageUrl);
  assert.equal(await page.inputValue("#base-url"), mockUrl);
  await page.locator("#users option").first().waitFor({ state: "attached" });
  const users = await page.$$eval("#users option", (options) => options.map((o) => o.value));
  assert.ok(users.includes("user-alice") && users.includes("user-erin"), String(users));
  const unlabelled = await page.$$eval("input", (inputs) => inputs.filter((i) => i.labels.length === 0).map((i) => i.id));
  assert.deepEqual(unlabelled, []);
  await page.screenshot({ path: join(shots, "01-loaded.png"), fullPage: true });
});

test("fetch a calendar and see it as a card", async () => {
  await call("get", "user-alice", "cal-public-holidays");
  await assert.doesNotReject(answer().locator(".card h3", { hasText: "Public Holidays" }).waitFor());
  const text = await answer().textContent();
  for (const part of ["user-alice", "user-bob", "cid-team-chat", "ding-corp-acme", "Raw JSON"]) assert.ok(text.includes(part), part);
  await page.screenshot({ path: join(shots, "02-calendar.png"), fullPage: true });
});

test("unsubscribe a subscriber", async () => {
  await call("unsubscribe", "user-carol", "cal-public-holidays");
  assert.equal((await answer().textContent()).trim(), "result: true");
});

test("delete as a non-author: the permissionDenied panel", async () => {
  await call("delete", "user-bob", "cal-public-holidays");
  const panel = answer().locator(".error[role=alert]");
  const text = await panel.textContent();
  for (const part of ["DingTalkError: api", "403", "permissionDenied", "requestId"]) assert.ok(text.includes(part), `${part} in ${text}`);
  await page.screenshot({ path: join(shots, "03-permission-denied.png"), fullPage: true });
});

test("delete as the author, then fetching again shows the error panel", async () => {
  await call("delete", "user-alice", "cal-public-holidays");
  assert.equal((await answer().textContent()).trim(), "result: true");
  await call("get", "user-alice", "cal-public-holidays");
  const text = await answer().locator(".error").textContent();
  assert.ok(text.includes("invalidParameter") && text.includes("calendar not found"), text);
  await page.screenshot({ path: join(shots, "04-deleted.png"), fullPage: true });
});

test("reset the demo data, then the calendar is back (by keyboard)", async () => {
  await page.click("#reset");
  await answer().getByText("Demo data reset.").waitFor();
  const rows = await page.locator("#log tr").count();
  await page.focus("#get");
  await page.keyboard.press("Enter");
  await page.locator("#log tr").nth(rows).waitFor();
  await answer().locator(".card h3", { hasText: "Public Holidays" }).waitFor();
});

test("the request log: method, path, status, duration, attempts", async () => {
  const first = await page.locator("#log tr").first().locator("td").allTextContents();
  assert.equal(first[1], "GET");
  assert.equal(first[2], "/v1.0/calendar/users/user-alice/subscribedCalendars/cal-public-holidays");
  assert.equal(first[3], "200");
  assert.match(first[4], /^\d+ ms$/);
  assert.equal(first[5], "1");
  assert.equal(await page.locator("#log tr").count(), 6);
});

test("readable on a phone-width screen", async () => {
  await page.setViewportSize({ width: 375, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  await page.screenshot({ path: join(shots, "05-phone.png"), fullPage: true });
});

test("the token never reaches the URL or the console, and nothing failed in the page", () => {
  assert.ok(!page.url().includes(TOKEN));
  assert.ok(!consoleText.some((t) => t.includes(TOKEN)));
  assert.deepEqual(problems, []);
});
