// The Worker as `wrangler deploy` would upload it: bundled by `wrangler deploy --dry-run`, then
// run in workerd (through Miniflare) against dingtalk-mock. The mock: DINGTALK_MOCK_URL, or
// `make mock` on 127.0.0.1:8790.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync, readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, before, beforeEach, test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Miniflare } from "miniflare";

const here = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(here, "dist");
const mock = process.env.DINGTALK_MOCK_URL ?? "http://127.0.0.1:8790";
const appKey = "demo-app-key"; // the mock's demo app
const appSecret = "demo-app-secret-not-for-production";
const toml = readFileSync(join(here, "wrangler.toml"), "utf8");
const setting = (name) => toml.match(new RegExp(`^${name} = "(.*)"$`, "m"))[1];
const origin = setting("ALLOWED_ORIGIN");
const TOKEN_PATH = "/v1.0/oauth2/accessToken";

let worker;

function start(secret) {
  return new Miniflare({
    modules: true,
    scriptPath: join(dist, "index.js"),
    modulesRoot: dist,
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: setting("compatibility_date"),
    bindings: { DINGTALK_APP_KEY: appKey, DINGTALK_APP_SECRET: secret, DINGTALK_BASE_URL: mock, ALLOWED_ORIGIN: origin },
  });
}

before(async () => {
  rmSync(dist, { recursive: true, force: true });
  await promisify(execFile)(join(here, "node_modules", ".bin", "wrangler"), ["deploy", "--dry-run", "--outdir", dist], {
    cwd: here,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1" },
  });
  const files = readdirSync(dist);
  assert.ok(files.includes("index.js"), `wrangler wrote ${files}`);
  assert.ok(files.some((f) => f.endsWith(".wasm")), "the package's .wasm is a module of its own");
  worker = start(appSecret);
});

after(() => worker?.dispose());

async function control(method, path) {
  const res = await fetch(mock + path, { method });
  assert.equal(res.status, 200);
  return res.json();
}
beforeEach(() => control("POST", "/__mock/reset"));
const journal = () => control("GET", "/__mock/requests");

/** A call to the Worker: status, headers and JSON body; no token or secret in any of it. */
async function call(method, path, headers = {}, body = undefined) {
  const res = await worker.dispatchFetch(`http://worker.test${path}`, { method, headers, body });
  const text = await res.text();
  assert.ok(!text.includes("mock-app-token") && !text.includes(appSecret.slice(0, 8)), text);
  for (const [, value] of res.headers) assert.ok(!value.includes("mock-app-token"));
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

test("three calls, one token request for many calls", async () => {
  const got = await call("GET", "/calendars/user-alice/cal-public-holidays");
  assert.equal(got.status, 200);
  assert.equal(got.body.calendarId, "cal-public-holidays");
  assert.equal(got.body.author, "user-alice");
  const unsubscribed = await call("POST", "/calendars/user-carol/cal-public-holidays/unsubscribe");
  assert.deepEqual([unsubscribed.status, unsubscribed.body], [200, { result: true }]);
  const deleted = await call("DELETE", "/calendars/user-bob/cal-sprint-reviews");
  assert.deepEqual([deleted.status, deleted.body], [200, { result: true }]);
  for (let i = 0; i < 5; i++) assert.equal((await call("GET", "/calendars/user-alice/cal-public-holidays")).status, 200);
  const entries = await journal();
  assert.equal(entries.filter((e) => e.path === TOKEN_PATH).length, 1, "one token for 8 calls");
  assert.equal(entries.filter((e) => e.path !== TOKEN_PATH).length, 8);
});

test("a calendar's whole life through the Worker: create, update, subscribe, unsubscribe, delete", async () => {
  const send = (method, path, fields) =>
    call(method, path, { "Content-Type": "application/json", Origin: origin }, JSON.stringify(fields));
  const created = await send("POST", "/calendars/user-alice", {
    name: "Release train",
    managers: ["user-bob"],
    subscribeScope: { corpIds: ["ding-corp-acme"] },
  });
  assert.deepEqual([created.status, created.body], [200, { calendarId: "cal-new-1" }]);
  assert.equal(created.headers.get("access-control-allow-origin"), origin);
  const updated = await send("PUT", "/calendars/user-bob/cal-new-1", { description: "Every other Tuesday" });
  assert.deepEqual([updated.status, updated.body], [200, { result: true }]);
  const subscribed = await call("POST", "/calendars/user-carol/cal-new-1/subscribe");
  // Carol is not in the new calendar's scope: DingTalk's 400 permissionDenied passes through.
  assert.deepEqual([subscribed.status, subscribed.body.error.code], [400, "permissionDenied"]);
  const bob = await call("POST", "/calendars/user-bob/cal-new-1/subscribe");
  assert.deepEqual([bob.status, bob.body], [200, {}]);
  const calendar = await call("GET", "/calendars/user-alice/cal-new-1");
  assert.equal(calendar.body.description, "Every other Tuesday");
  assert.deepEqual((await call("POST", "/calendars/user-bob/cal-new-1/unsubscribe")).body, { result: true });
  assert.deepEqual((await call("DELETE", "/calendars/user-alice/cal-new-1")).body, { result: true });
  // Bad bodies are the client's invalidArgument, as a 400; nothing reaches DingTalk for them.
  const before = (await journal()).length;
  const typo = await send("PUT", "/calendars/user-bob/cal-public-holidays", { nmae: "x" });
  assert.deepEqual([typo.status, typo.body.error.kind], [400, "invalidArgument"]);
  assert.match(typo.body.error.message, /`nmae`/);
  const notJson = await call("POST", "/calendars/user-alice", { "Content-Type": "application/json" }, "{");
  assert.deepEqual([notJson.status, notJson.body.error.message], [400, "calendar must be an object such as { name, subscribeScope }"]);
  assert.equal((await journal()).length, before);
  // The preflight for them lets the frontend send its JSON.
  const preflight = await call("OPTIONS", "/calendars/user-alice", { Origin: origin });
  assert.match(preflight.headers.get("access-control-allow-headers"), /Content-Type/);
  assert.match(preflight.headers.get("access-control-allow-methods"), /PUT/);
});

test("a refused token is refreshed once and the call goes through", async () => {
  assert.equal((await call("GET", "/calendars/user-alice/cal-public-holidays")).status, 200);
  await control("POST", "/__mock/reset"); // the mock forgets the token the Worker holds
  assert.equal((await call("GET", "/calendars/user-alice/cal-public-holidays")).status, 200);
  const entries = await journal();
  assert.deepEqual(
    entries.map((e) => [e.method, e.path === TOKEN_PATH ? "token" : "calendar", e.status]),
    [["GET", "calendar", 400], ["POST", "token", 200], ["GET", "calendar", 200]],
  );
});

test("DingTalk's errors become HTTP answers with kind, code and request id", async () => {
  const denied = await call("GET", "/calendars/user-erin/cal-public-holidays");
  assert.equal(denied.status, 403);
  assert.equal(denied.body.error.kind, "api");
  assert.equal(denied.body.error.code, "permissionDenied");
  // (After the reset, the Worker's cached token is refused first and replaced.)
  const calendarCall = (await journal()).find((e) => e.path.startsWith("/v1.0/calendar/") && e.status === 403);
  assert.equal(denied.body.error.requestId, calendarCall.requestId);
  const gone = await call("GET", "/calendars/user-alice/no-such-calendar");
  assert.deepEqual([gone.status, gone.body.error.code], [400, "invalidParameter"]);
  const blank = await call("GET", "/calendars/user-alice/%20");
  assert.deepEqual([blank.status, blank.body.error.kind], [400, "invalidArgument"]);
  assert.equal((await call("GET", "/calendars/user-alice")).status, 404);
  assert.equal((await call("PATCH", "/calendars/user-alice/cal-public-holidays")).status, 404);
  assert.equal((await call("GET", "/calendars/user-alice/%E0%A4%A")).status, 404);
});

test("CORS for the configured origin only", async () => {
  const preflight = await call("OPTIONS", "/calendars/user-alice/cal-public-holidays", { Origin: origin });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get("access-control-allow-origin"), origin);
  assert.match(preflight.headers.get("access-control-allow-methods"), /DELETE/);
  const allowed = await call("GET", "/calendars/user-alice/cal-public-holidays", { Origin: origin });
  assert.equal(allowed.headers.get("access-control-allow-origin"), origin);
  const other = await call("GET", "/calendars/user-alice/cal-public-holidays", { Origin: "https://evil.example" });
  assert.equal(other.status, 200);
  assert.equal(other.headers.get("access-control-allow-origin"), null);
});

test("wrong app credentials: 502 with DingTalk's code, never the secret", async () => {
  const wrong = start("wrong-secret-0123456789");
  try {
    const res = await wrong.dispatchFetch("http://worker.test/calendars/user-alice/cal-public-holidays");
    const text = await res.text();
    assert.equal(res.status, 502);
    assert.ok(!text.includes("wrong-se") && !text.includes(appSecret.slice(0, 8)), text);
    const { error } = JSON.parse(text);
    assert.equal(error.kind, "auth");
    const entries = await journal();
    assert.deepEqual(entries.map((e) => [e.path, e.status]), [[TOKEN_PATH, 400]], "no calendar call without a token");
  } finally {
    await wrong.dispose();
  }
});
