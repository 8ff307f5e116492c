// The Rust Worker as worker-build built it (build/), run in workerd through Miniflare against
// dingtalk-mock (DINGTALK_MOCK_URL, or `make mock` on 127.0.0.1:8790). Built first by
// scripts/test-workers-rs-example.sh.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { after, before, beforeEach, test } from "node:test";
import { fileURLToPath } from "node:url";

const here = join(dirname(fileURLToPath(import.meta.url)), "..");
// Miniflare as the repository's tools/ pins it.
const { Miniflare } = createRequire(join(here, "..", "..", "tools", "package.json"))("miniflare");
const build = join(here, "build");
const mock = process.env.DINGTALK_MOCK_URL ?? "http://127.0.0.1:8790";
const TOKEN = "demo-access-token"; // the mock's demo token
// The same date as examples/worker's wrangler.toml: no newer than the installed workerd.
const COMPATIBILITY_DATE = "2026-07-01";

let worker;

before(() => {
  const files = readdirSync(build);
  assert.ok(files.includes("index.js"), `worker-build wrote ${files}`);
  worker = new Miniflare({
    modules: true,
    scriptPath: join(build, "index.js"),
    modulesRoot: build,
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: COMPATIBILITY_DATE,
    bindings: { DINGTALK_ACCESS_TOKEN: TOKEN, DINGTALK_BASE_URL: mock },
  });
});

after(() => worker?.dispose());

async function control(method, path) {
  const res = await fetch(mock + path, { method });
  assert.equal(res.status, 200);
  return res.json();
}
beforeEach(() => control("POST", "/__mock/reset"));
const journal = () => control("GET", "/__mock/requests");

/** A call to the Worker: status and JSON body; never the token in it. */
async function call(method, path, body = undefined) {
  const init = body === undefined ? { method } : { method, body, headers: { "content-type": "application/json" } };
  const res = await worker.dispatchFetch(`http://worker.test${path}`, init);
  const text = await res.text();
  assert.ok(!text.includes(TOKEN), text);
  return { status: res.status, body: text.startsWith("{") ? JSON.parse(text) : text };
}

test("the three calls through the Rust client", async () => {
  const got = await call("GET", "/calendars/user-alice/cal-public-holidays");
  assert.equal(got.status, 200);
  assert.equal(got.body.calendarId, "cal-public-holidays");
  assert.equal(got.body.author, "user-alice");
  const unsubscribed = await call("POST", "/calendars/user-carol/cal-public-holidays/unsubscribe");
  assert.deepEqual([unsubscribed.status, unsubscribed.body], [200, { result: true }]);
  const deleted = await call("DELETE", "/calendars/user-bob/cal-sprint-reviews");
  assert.deepEqual([deleted.status, deleted.body], [200, { result: true }]);
  const sent = (await journal()).map((e) => `${e.method} ${e.path}`);
  assert.deepEqual(sent, [
    "GET /v1.0/calendar/users/user-alice/subscribedCalendars/cal-public-holidays",
    "POST /v1.0/calendar/users/user-carol/calendars/cal-public-holidays/unsubscribe",
    "DELETE /v1.0/calendar/users/user-bob/subscribedCalendars/cal-sprint-reviews",
  ]);
});

test("a calendar's whole life through the Rust client: create, update, subscribe, read", async () => {
  const calendar = { name: "Release train", managers: ["user-bob"], subscribeScope: { corpIds: ["ding-corp-acme"] } };
  const created = await call("POST", "/calendars/user-alice", JSON.stringify(calendar));
  assert.deepEqual([created.status, created.body], [200, { calendarId: "cal-new-1" }]);
  const updated = await call("PUT", "/calendars/user-bob/cal-new-1", JSON.stringify({ description: "Every other Tuesday" }));
  assert.deepEqual([updated.status, updated.body], [200, { result: true }]);
  const subscribed = await call("POST", "/calendars/user-bob/cal-new-1/subscribe");
  assert.deepEqual([subscribed.status, subscribed.body], [200, "null"]);
  const got = await call("GET", "/calendars/user-alice/cal-new-1");
  assert.equal(got.body.description, "Every other Tuesday");
  const entries = await journal();
  assert.deepEqual(entries[1].body, { description: "Every other Tuesday" }, "only the field given");
  // serde refuses a field the type does not know; the client a blank name; nothing is sent.
  const typo = await call("PUT", "/calendars/user-bob/cal-new-1", JSON.stringify({ descriptoin: "x" }));
  assert.deepEqual([typo.status, typo.body.kind], [400, "invalidArgument"]);
  const blank = await call("POST", "/calendars/user-alice", JSON.stringify({ ...calendar, name: " " }));
  assert.deepEqual([blank.status, blank.body.message], [400, "NewSubscribedCalendar::name must not be blank"]);
  assert.equal((await journal()).length, entries.length);
});

test("DingTalk's errors and bad ids become HTTP statuses with kind and code", async () => {
  const denied = await call("GET", "/calendars/user-erin/cal-public-holidays");
  assert.deepEqual([denied.status, denied.body.kind, denied.body.code], [403, "api", "permissionDenied"]);
  assert.ok(denied.body.requestId, "DingTalk's request id");
  const blank = await call("GET", "/calendars/user-alice/%20");
  assert.deepEqual([blank.status, blank.body.kind], [400, "invalidArgument"]);
  assert.equal(blank.body.message, "calendar_id must not be blank", "in the Rust API's words");
  assert.equal((await journal()).length, 1, "the blank id sent nothing");
});

test("a route parameter arrives percent-encoded and is sent as one segment, not twice encoded", async () => {
  await call("GET", "/calendars/user-alice/cal%2Fx");
  const [entry] = await journal();
  assert.equal(entry.path, "/v1.0/calendar/users/user-alice/subscribedCalendars/cal%2Fx");
});

test("a bad setting is a worker::Error through ?: workerd answers 500, with no token", async () => {
  const broken = new Miniflare({
    modules: true,
    scriptPath: join(build, "index.js"),
    modulesRoot: build,
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: COMPATIBILITY_DATE,
    bindings: { DINGTALK_ACCESS_TOKEN: TOKEN, DINGTALK_BASE_URL: "http://calendar.example" },
  });
  try {
    const res = await broken.dispatchFetch("http://worker.test/calendars/user-alice/cal-public-holidays");
    const text = await res.text();
    assert.equal(res.status, 500);
    assert.ok(!text.includes(TOKEN), text);
    assert.equal((await journal()).length, 0, "nothing sent");
  } finally {
    await broken.dispose();
  }
});
