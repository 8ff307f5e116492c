// The release build (opt-level "z", LTO, wasm-opt -Oz from npm's binaryen) loads and works:
// pkg/ as Node imports and requires it, one real call each to dingtalk-mock. Run through
// scripts/with-mock.sh, which sets DINGTALK_MOCK_URL. (Debian's binaryen 108 wrote wasm that
// failed right here, at instantiation.)
import assert from "node:assert/strict";
import { getEventListeners } from "node:events";
import { createRequire } from "node:module";
import { test } from "node:test";

const baseUrl = process.env.DINGTALK_MOCK_URL;
assert.ok(baseUrl, "run through scripts/with-mock.sh");
const options = { accessToken: "demo-access-token", baseUrl };

test("ES module build: a call and a DingTalkError", async () => {
  const { CalendarClient, DingTalkError } = await import("../../pkg/node.js");
  const client = new CalendarClient(options);
  const cal = await client.getSubscribedCalendar("user-alice", "cal-public-holidays");
  assert.equal(cal.name, "Public Holidays");
  const err = await client.getSubscribedCalendar("user-erin", "cal-public-holidays").catch((e) => e);
  assert.ok(err instanceof DingTalkError && err instanceof Error);
  assert.equal(err.kind, "api");
  assert.equal(err.code, "permissionDenied");
});

test("CommonJS build: a call and a DingTalkError", async () => {
  const require = createRequire(import.meta.url);
  const { CalendarClient, DingTalkError } = require("../../pkg/index.cjs");
  const client = new CalendarClient(options);
  const result = await client.unsubscribeCalendar("user-carol", "cal-public-holidays");
  assert.deepEqual(result, { result: true });
  assert.throws(() => new CalendarClient({ accessToken: "" }), (e) => e instanceof DingTalkError && e.kind === "invalidArgument");
});

test("a settled call leaves no timer and no abort listener behind", async () => {
  const { CalendarClient } = await import("../../pkg/node.js");
  const client = new CalendarClient({ ...options, timeoutMs: 60_000 });
  const controller = new AbortController();
  const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
  const before = timers();
  await client.getSubscribedCalendar("user-alice", "cal-public-holidays", { signal: controller.signal });
  await client.getSubscribedCalendar("user-erin", "cal-public-holidays", { signal: controller.signal }).catch(() => {});
  assert.equal(getEventListeners(controller.signal, "abort").length, 0);
  assert.equal(timers(), before, "the 60 s attempt timers were cleared");
});

test("a call never throws: detached from its client, or after free(), it rejects", async () => {
  const { CalendarClient, DingTalkError } = await import("../../pkg/node.js");
  const client = new CalendarClient(options);
  for (const name of ["getSubscribedCalendar", "deleteSubscribedCalendar", "unsubscribeCalendar"]) {
    const detached = client[name];
    let pending;
    assert.doesNotThrow(() => {
      pending = detached("user-alice", "cal-public-holidays");
    }, name);
    const error = await pending.then(() => null, (e) => e);
    assert.ok(error instanceof DingTalkError, `${name}: ${error}`);
    assert.equal(error.kind, "invalidArgument");
    assert.match(error.message, /without its client \(detached\)/);
  }
  client.free();
  let pending;
  assert.doesNotThrow(() => {
    pending = client.getSubscribedCalendar("user-alice", "cal-public-holidays");
  });
  const error = await pending.then(() => null, (e) => e);
  assert.ok(error instanceof DingTalkError);
  assert.match(error.message, /on a freed client/);
  // A new client still works.
  const cal = await new CalendarClient(options).getSubscribedCalendar("user-alice", "cal-public-holidays");
  assert.equal(cal.calendarId, "cal-public-holidays");
});

test("Symbol.dispose frees the client (`using`), after which a call rejects", async () => {
  const { CalendarClient, DingTalkError } = await import("../../pkg/node.js");
  const client = new CalendarClient(options);
  assert.equal(typeof Symbol.dispose, "symbol", "Node 20 has Symbol.dispose");
  client[Symbol.dispose]();
  const error = await client.getSubscribedCalendar("user-alice", "cal-public-holidays").then(() => null, (e) => e);
  assert.ok(error instanceof DingTalkError);
  assert.match(error.message, /on a freed client/);
});

test("DingTalkError.from makes a real DingTalkError for test doubles, of a documented kind only", async () => {
  const { DingTalkError } = await import("../../pkg/node.js");
  const error = DingTalkError.from({ kind: "api", status: 403, code: "permissionDenied", requestId: "r-1", attempts: 1 });
  assert.ok(error instanceof DingTalkError && error instanceof Error);
  assert.deepEqual(
    [error.name, error.kind, error.status, error.code, error.requestId, error.retryable, error.attempts],
    ["DingTalkError", "api", 403, "permissionDenied", "r-1", false, 1],
  );
  assert.match(error.message, /api/);
  assert.equal(DingTalkError.from({ kind: "timeout", message: "slow", retryable: true }).message, "slow");
  assert.throws(() => DingTalkError.from({ kind: "teapot" }), TypeError);
  assert.throws(() => DingTalkError.from(undefined), TypeError);
});
