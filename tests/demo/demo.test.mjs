// The demo end to end: `make demo`'s two servers (scripts/demo.mjs, on free ports here, the
// page's with the demo's backend for create and update) and the page, a calendar's whole life
// driven in each browser engine (Chromium, Firefox, WebKit; tests/support/browsers.mjs), on
// fresh mock data each. Fails on any console error or uncaught exception in the page.
// Screenshots of the main states go to tests/artifacts/demo/<engine>/.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";

import { ENGINES, PAGE_PROBLEMS_FILE, launchBrowser } from "../support/browsers.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const TOKEN = "demo-access-token";

let demo;
let pageUrl;
let mockUrl;

before(async () => {
  demo = spawn("node", [join(root, "scripts", "demo.mjs"), "--mock-port", "0", "--www-port", "0"], {
    stdio: ["ignore", "pipe", "inherit"],
    // WebKit's page cannot be watched without it (see tests/support/page-problems.js).
    env: { ...process.env, DEMO_HEAD_SCRIPT: PAGE_PROBLEMS_FILE },
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
});

after(async () => {
  if (demo && demo.exitCode === null) {
    const exited = new Promise((resolve) => demo.once("exit", resolve));
    demo.kill("SIGINT");
    await exited;
  }
});

for (const engine of ENGINES) {
  describe(`the demo in ${engine}`, () => {
    const shots = join(root, "tests", "artifacts", "demo", engine);
    let page;

    before(async () => {
      mkdirSync(shots, { recursive: true });
      const reset = await fetch(`${mockUrl}/__mock/reset`, { method: "POST" });
      assert.equal(reset.status, 200);
      page = await launchBrowser(engine, { width: 1100, height: 900 });
    });

    after(async () => {
      await page?.close();
    });

    const rowCount = () => page.evaluate("return document.querySelectorAll('#log tr').length");
    const answerText = () => page.text("#answer");

    /** Does `act` and waits for the request log to grow by a row. */
    async function logged(act, what) {
      const rows = await rowCount();
      await act();
      await page.waitFor("return document.querySelectorAll('#log tr').length > arguments[0]", `a new log row after ${what}`, 30_000, rows);
    }

    async function call(button, user, calendar) {
      await page.fill("#user-id", user);
      await page.fill("#calendar-id", calendar);
      await logged(() => page.click(`#${button}`), `#${button}`);
    }

    /** Waits for an element matching `selector` whose text includes `text`. */
    function waitForText(selector, text) {
      const script = "return [...document.querySelectorAll(arguments[0])].some((e) => e.textContent.includes(arguments[1]))";
      return page.waitFor(script, `"${text}" in ${selector}`, 30_000, selector, text);
    }

    test("load: settings prefilled for the mock, choices offered, every control labelled", async (t) => {
      t.diagnostic(await page.describe());
      await page.goto(pageUrl);
      await page.waitFor("return document.querySelectorAll('#users option').length > 0", "the user choices");
      assert.equal(await page.evaluate("return document.querySelector('#base-url').value"), mockUrl);
      const users = await page.evaluate("return [...document.querySelectorAll('#users option')].map((o) => o.value)");
      assert.ok(users.includes("user-alice") && users.includes("user-erin"), String(users));
      const unlabelled = await page.evaluate("return [...document.querySelectorAll('input')].filter((i) => i.labels.length === 0).map((i) => i.id)");
      assert.deepEqual(unlabelled, []);
      await page.screenshot(join(shots, "01-loaded.png"));
    });

    test("fetch a calendar and see it as a card", async () => {
      await call("get", "user-alice", "cal-public-holidays");
      await waitForText("#answer .card h3", "Public Holidays");
      const text = await answerText();
      for (const part of ["user-alice", "user-bob", "cid-team-chat", "ding-corp-acme", "Raw JSON"]) assert.ok(text.includes(part), part);
      await page.screenshot(join(shots, "02-calendar.png"));
    });

    test("unsubscribe a subscriber", async () => {
      await call("unsubscribe", "user-carol", "cal-public-holidays");
      assert.equal((await answerText()).trim(), "result: true");
    });

    test("delete as a non-author: the permissionDenied panel", async () => {
      await call("delete", "user-bob", "cal-public-holidays");
      const text = await page.text("#answer .error[role=alert]");
      assert.ok(text !== null, "an alert panel");
      for (const part of ["DingTalkError: api", "403", "permissionDenied", "requestId"]) assert.ok(text.includes(part), `${part} in ${text}`);
      await page.screenshot(join(shots, "03-permission-denied.png"));
    });

    test("delete as the author, then fetching again shows the error panel", async () => {
      await call("delete", "user-alice", "cal-public-holidays");
      assert.equal((await answerText()).trim(), "result: true");
      await call("get", "user-alice", "cal-public-holidays");
      const text = await page.text("#answer .error");
      assert.ok(text?.includes("invalidParameter") && text.includes("calendar not found"), text);
      await page.screenshot(join(shots, "04-deleted.png"));
    });

    test("reset the demo data, then the calendar is back (by keyboard)", async () => {
      await page.click("#reset");
      await waitForText("#answer", "Demo data reset.");
      await logged(() => page.pressEnterOn("#get"), "Enter on #get");
      await waitForText("#answer .card h3", "Public Holidays");
    });

    test("the request log: method, path, status, duration, attempts", async () => {
      const first = await page.evaluate("return [...document.querySelector('#log tr').querySelectorAll('td')].map((td) => td.textContent)");
      assert.equal(first[1], "GET");
      assert.equal(first[2], "/v1.0/calendar/users/user-alice/subscribedCalendars/cal-public-holidays");
      assert.equal(first[3], "200");
      assert.match(first[4], /^\d+ ms$/);
      assert.equal(first[5], "1");
      assert.equal(await rowCount(), 6);
    });

    test("create a calendar through the demo's server, then read it from the page", async () => {
      await page.fill("#user-id", "user-alice");
      await logged(() => page.click("#create"), "#create");
      await waitForText("#answer", "created: cal-new-1");
      assert.equal(await page.evaluate("return document.querySelector('#calendar-id').value"), "cal-new-1");
      const row = await page.evaluate("return [...document.querySelector('#log tr').querySelectorAll('td')].map((td) => td.textContent)");
      assert.deepEqual([row[1], row[2], row[3]], ["POST", "/api/users/user-alice/calendars (demo server)", "200"]);
      await logged(() => page.click("#get"), "#get");
      await waitForText("#answer .card h3", "Release train");
      const text = await answerText();
      for (const part of ["Every other Tuesday", "user-alice", "user-bob", "user-carol", "ding-corp-acme"]) assert.ok(text.includes(part), part);
      await page.screenshotOf("#answer", join(shots, "06-created.png"));
    });

    test("update it as a manager, then subscribe from the page", async () => {
      await page.fill("#cal-description", "Weekly from now on");
      await call("update", "user-bob", "cal-new-1");
      assert.equal((await answerText()).trim(), "result: true");
      await call("get", "user-alice", "cal-new-1");
      await waitForText("#answer .card", "Weekly from now on");
      await call("subscribe", "user-carol", "cal-new-1");
      assert.equal((await answerText()).trim(), "subscribed");
      const row = await page.evaluate("return [...document.querySelector('#log tr').querySelectorAll('td')].map((td) => td.textContent)");
      assert.deepEqual([row[1], row[2], row[3]], ["POST", "/v1.0/calendar/users/user-carol/calendars/cal-new-1/subscribe", "200"]);
      await page.screenshotOf("#log", join(shots, "07-updated-and-subscribed.png"));
    });

    test("bad input through the demo's server: the invalidArgument panel, nothing sent to DingTalk", async () => {
      await page.fill("#cal-name", "");
      await call("create", "user-alice", "");
      const text = await page.text("#answer .error[role=alert]");
      assert.ok(text?.includes("DingTalkError: invalidArgument") && text.includes("calendar.name is missing"), text);
      const state = await (await fetch(`${mockUrl}/__mock/state`)).json();
      assert.equal(state.calendars.filter((c) => c.calendarId.startsWith("cal-new-")).length, 1, "only the one created");
      await page.fill("#cal-name", "Release train");
    });

    test("the end of its life: unsubscribe, then delete as its author", async () => {
      await call("unsubscribe", "user-carol", "cal-new-1");
      assert.equal((await answerText()).trim(), "result: true");
      await call("delete", "user-alice", "cal-new-1");
      assert.equal((await answerText()).trim(), "result: true");
      const state = await (await fetch(`${mockUrl}/__mock/state`)).json();
      assert.ok(!state.calendars.some((c) => c.calendarId === "cal-new-1"));
    });

    // Firefox and MiniBrowser keep windows at least 450-500 px wide, so the phone is a 375 px
    // frame of the same page (media queries follow a frame's width as they do a window's).
    test("readable on a phone-width screen (a 375 px frame of the page)", async () => {
      await page.evaluate(`
        const frame = Object.assign(document.createElement("iframe"), { id: "phone", src: arguments[0] });
        frame.style.cssText = "position: fixed; inset: 0 auto auto 0; width: 375px; height: 800px; border: 0; background: white; z-index: 9";
        document.body.append(frame);
      `, pageUrl);
      const inFrame = (expression) => `const w = document.querySelector("#phone").contentWindow; return ${expression}`;
      await page.waitFor(inFrame("w.document.querySelectorAll('#users option').length > 0"), "the page in the frame");
      assert.equal(await page.evaluate(inFrame("w.innerWidth")), 375);
      const overflow = await page.evaluate(inFrame("w.document.documentElement.scrollWidth - w.innerWidth"));
      assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
      await page.screenshotOf("#phone", join(shots, "05-phone.png"));
      assert.deepEqual(await page.evaluate(inFrame("w.__pageProblems")), []);
      await page.evaluate('document.querySelector("#phone").remove()');
    });

    test("the token never reaches the URL or the console, and nothing failed in the page", async () => {
      assert.ok(!(await page.driver.getCurrentUrl()).includes(TOKEN));
      const lines = await page.consoleText();
      assert.ok(!lines.some((t) => t.includes(TOKEN)));
      assert.deepEqual(await page.problems(), []);
    });
  });
}
