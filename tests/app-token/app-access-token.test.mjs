// appAccessToken from the release package in Node, against the real mock over HTTP. The mock
// runs with --token-lifetime (see test.sh) so expiry shows within the test.
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { CalendarClient, DingTalkError, appAccessToken } from "../../pkg/node.js";

const base = process.env.DINGTALK_MOCK_URL;
const lifetimeS = Number(process.env.DINGTALK_MOCK_TOKEN_LIFETIME);
assert.ok(base, "run under scripts/with-mock.sh");
assert.ok(lifetimeS >= 2, "DINGTALK_MOCK_TOKEN_LIFETIME: the mock's --token-lifetime");

const appKey = "demo-app-key";
const appSecret = "demo-app-secret-not-for-production";
const TOKEN_PATH = "/v1.0/oauth2/accessToken";
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function control(method, path, body) {
  const headers = body ? { "content-type": "application/json" } : {};
  const res = await fetch(base + path, { method, headers, body: body && JSON.stringify(body) });
  assert.equal(res.status, 200, `${method} ${path}`);
  return res.json();
}
const journal = () => control("GET", "/__mock/requests");
const tokenRequests = async () => (await journal()).filter((e) => e.path === TOKEN_PATH);
const fault = (spec) => control("POST", "/__mock/faults", spec);

// No run of 8 characters of the secret in `text`.
function assertNoSecret(text) {
  for (let i = 0; i + 8 <= appSecret.length; i++) {
    assert.ok(!text.includes(appSecret.slice(i, i + 8)), `a piece of the secret in: ${text}`);
  }
}
function assertErrorKeepsSecret(error) {
  assertNoSecret(`${error.message} ${error.stack} ${JSON.stringify(error)} ${inspect(error, { depth: 5 })}`);
}

beforeEach(() => control("POST", "/__mock/reset"));

test("one token request for concurrent callers and for many calls; the calls succeed", async () => {
  const token = appAccessToken({ appKey, appSecret, baseUrl: base });
  const tokens = await Promise.all([token(), token(), token({ refresh: false }), token()]);
  assert.equal(new Set(tokens).size, 1);
  assert.match(tokens[0], /^mock-app-token-/);
  const client = new CalendarClient({ accessToken: token, baseUrl: base });
  const calendar = await client.getSubscribedCalendar("user-alice", "cal-public-holidays");
  assert.equal(calendar.calendarId, "cal-public-holidays");
  assert.deepEqual(await client.unsubscribeCalendar("user-carol", "cal-public-holidays"), { result: true });
  assert.deepEqual(await client.deleteSubscribedCalendar("user-bob", "cal-sprint-reviews"), { result: true });
  assert.equal((await tokenRequests()).length, 1);
  const calls = (await journal()).filter((e) => e.path !== TOKEN_PATH);
  assert.deepEqual(calls.map((e) => e.status), [200, 200, 200]);
});

test("a token is used until shortly before expireIn runs out, then a new one is fetched", async () => {
  const token = appAccessToken({ appKey, appSecret, baseUrl: base });
  const first = await token();
  await sleep(lifetimeS * 1000 * 0.5);
  assert.equal(await token(), first, "still fresh at half its lifetime");
  assert.equal((await tokenRequests()).length, 1);
  await sleep(lifetimeS * 1000 * 0.45);
  // Past 90% of the lifetime: asked again before DingTalk would refuse it. DingTalk answers the
  // same token, its lifetime extended from now: it is still accepted past the first lifetime.
  const second = await token();
  assert.equal(second, first);
  assert.equal((await tokenRequests()).length, 2);
  await sleep(lifetimeS * 1000 * 0.2);
  const client = new CalendarClient({ accessToken: token, baseUrl: base });
  assert.equal((await client.getSubscribedCalendar("user-alice", "cal-public-holidays")).calendarId, "cal-public-holidays");
  assert.equal((await tokenRequests()).length, 2, "the extended token is used as it is");
});

test("a token DingTalk refuses is replaced once ({ refresh: true }) and the call goes through", async () => {
  const token = appAccessToken({ appKey, appSecret, baseUrl: base });
  const client = new CalendarClient({ accessToken: token, baseUrl: base });
  await client.getSubscribedCalendar("user-alice", "cal-public-holidays");
  // A reset makes the mock forget the tokens it handed out: the cached one is now refused.
  await control("POST", "/__mock/reset");
  const calendar = await client.getSubscribedCalendar("user-alice", "cal-public-holidays");
  assert.equal(calendar.calendarId, "cal-public-holidays");
  const entries = await journal();
  assert.deepEqual(
    entries.map((e) => [e.method, e.path === TOKEN_PATH ? "token" : "calendar", e.status]),
    [["GET", "calendar", 400], ["POST", "token", 200], ["GET", "calendar", 200]],
  );
  // Calls refused while the new token is being fetched (the mock answers it 1 s late) share
  // that one request.
  await control("POST", "/__mock/reset");
  await fault({ path: TOKEN_PATH, delayMs: 1000 });
  await Promise.all([1, 2, 3].map(() => client.getSubscribedCalendar("user-alice", "cal-public-holidays")));
  assert.equal((await tokenRequests()).length, 1);
});

test("wrong credentials: DingTalkError kind auth with DingTalk's code and requestId, no secret anywhere", async () => {
  const wrongSecret = "wrong-secret-0123456789";
  const token = appAccessToken({ appKey, appSecret: wrongSecret, baseUrl: base });
  const results = await Promise.allSettled([token(), token(), token()]);
  assert.equal((await tokenRequests()).length, 1, "concurrent callers share the failed request too");
  const error = results[0].reason;
  assert.ok(results.every((r) => r.status === "rejected" && r.reason === error));
  assert.ok(error instanceof DingTalkError);
  assert.equal(error.kind, "auth");
  assert.equal(error.status, 400);
  assert.equal(error.code, "invalidClientIdOrSecret");
  assert.equal(error.requestId, (await tokenRequests())[0].requestId);
  assert.equal(error.retryable, false);
  assert.match(error.message, /invalidClientIdOrSecret/);
  for (let i = 0; i + 8 <= wrongSecret.length; i++) assert.ok(!JSON.stringify(error).includes(wrongSecret.slice(i, i + 8)));

  // The next call tries again rather than keeping the failure.
  await token().catch(() => {});
  assert.equal((await tokenRequests()).length, 2);

  // Through a client: its auth error keeps the token request's error as `cause`.
  const client = new CalendarClient({ accessToken: token, baseUrl: base });
  const failed = await client.getSubscribedCalendar("user-alice", "cal-public-holidays").catch((e) => e);
  assert.equal(failed.kind, "auth");
  assert.equal(failed.cause.code, "invalidClientIdOrSecret");
  assert.equal((await journal()).filter((e) => e.path !== TOKEN_PATH).length, 0, "no calendar request sent");

  const unknown = await appAccessToken({ appKey: "nope", appSecret, baseUrl: base })().catch((e) => e);
  assert.equal(unknown.code, "invalidClientIdOrSecret");
  assertErrorKeepsSecret(unknown);
});

test("the secret never leaves: not in the function, nor in a custom fetch's error that quotes it", async () => {
  const token = appAccessToken({
    appKey,
    appSecret,
    baseUrl: base,
    fetch: async (request) => {
      throw new Error(`could not send ${await request.text()}`);
    },
  });
  assertNoSecret(`${inspect(token, { showHidden: true })} ${JSON.stringify({ token })} ${String(token)}`);
  const error = await token().catch((e) => e);
  assert.equal(error.kind, "auth");
  assert.match(error.cause.message, /could not send .*\[redacted\]/, "a cause quoting the secret is a masked copy");
  assertErrorKeepsSecret(error);

  // A server message that quotes it is redacted.
  await fault({ path: TOKEN_PATH, status: 400, code: "invalidAppSecret", message: `bad secret ${appSecret}` });
  const quoted = await appAccessToken({ appKey, appSecret, baseUrl: base })().catch((e) => e);
  assert.match(quoted.message, /bad secret \[redacted\]/);
  assertErrorKeepsSecret(quoted);

  // A cause that does not quote it keeps its name, words and code, as a copy.
  const plain = Object.assign(new TypeError("offline"), { code: "ENETUNREACH" });
  const kept = await appAccessToken({ appKey, appSecret, baseUrl: base, fetch: () => Promise.reject(plain) })().catch((e) => e);
  assert.notEqual(kept.cause, plain);
  assert.deepEqual([kept.cause.name, kept.cause.message, kept.cause.code], ["TypeError", "offline", "ENETUNREACH"]);
  assert.equal(kept.retryable, true);
});

test("answers that are not a token: throttled, 5xx, bad shape, redirect, timeout", async () => {
  const ask = (options) => appAccessToken({ appKey, appSecret, baseUrl: base, ...options })().catch((e) => e);
  await fault({ path: TOKEN_PATH, status: 429, code: "Forbidden.AccessDenied.QpsLimitForApi", message: "too many" });
  let error = await ask();
  assert.deepEqual([error.kind, error.status, error.code, error.retryable], ["auth", 429, "Forbidden.AccessDenied.QpsLimitForApi", true]);
  await fault({ path: TOKEN_PATH, status: 502, body: "<html>bad gateway</html>" });
  error = await ask();
  assert.deepEqual([error.kind, error.status, error.code, error.retryable], ["auth", 502, undefined, true]);
  await fault({ path: TOKEN_PATH, status: 200, body: { accessToken: "", expireIn: 7200 } });
  error = await ask();
  assert.match(error.message, /not \{ accessToken, expireIn \}/);
  await fault({ path: TOKEN_PATH, status: 200, body: { accessToken: "t", expireIn: "7200" } });
  assert.match((await ask()).message, /not \{ accessToken, expireIn \}/);
  await fault({ path: TOKEN_PATH, action: "redirect", status: 302, location: "http://127.0.0.1:9/steal" });
  error = await ask();
  assert.match(error.message, /redirected/);
  await fault({ path: TOKEN_PATH, delayMs: 2000 });
  error = await ask({ timeoutMs: 200 });
  assert.deepEqual([error.kind, error.retryable], ["auth", true]);
  assert.match(error.message, /timed out after 200 ms/);
  // A custom fetch that never answers still ends at the timeout.
  error = await ask({ timeoutMs: 100, fetch: () => new Promise(() => {}) });
  assert.match(error.message, /timed out after 100 ms/);
});

test("bad options are refused at once and send nothing; a browser page is refused", async () => {
  const refused = (options) => {
    try {
      appAccessToken(options);
    } catch (error) {
      assert.ok(error instanceof DingTalkError);
      assert.equal(error.kind, "invalidArgument");
      assertErrorKeepsSecret(error);
      return error.message;
    }
    assert.fail("accepted");
  };
  assert.match(refused(undefined), /options must be an object/);
  assert.match(refused({ appSecret }), /appKey must be a non-empty string/);
  assert.match(refused({ appKey, appSecret: "  " }), /appSecret must be a non-empty string/);
  assert.match(refused({ appKey, appSecret, baseUrl: "http://example.com" }), /plain http is allowed only/);
  assert.match(refused({ appKey, appSecret, baseUrl: "ftp://127.0.0.1" }), /must use https/);
  assert.match(refused({ appKey, appSecret, fetch: "no" }), /fetch must be a function/);
  assert.match(refused({ appKey, appSecret, timeoutMs: 0 }), /timeoutMs/);

  globalThis.window = {};
  globalThis.document = {};
  try {
    assert.match(refused({ appKey, appSecret, baseUrl: base }), /refused in a browser/);
    const allowed = appAccessToken({ appKey, appSecret, baseUrl: base, dangerouslyAllowBrowser: true });
    assert.match(await allowed(), /^mock-app-token-/);
  } finally {
    delete globalThis.window;
    delete globalThis.document;
  }
  assert.equal((await tokenRequests()).length, 1, "only the allowed one asked");
});

// browser.js (the `browser` condition's entry but webpack's) loads in Node too: it takes the
// base64 copy of the wasm where `import.meta.env.PROD` is not true.
test("a bundler's page build refuses whatever it is given, also dangerouslyAllowBrowser, and sends nothing; the default entry has it all", async () => {
  const page = await import("../../pkg/browser.js");
  for (const options of [{ appKey, appSecret, baseUrl: base }, { appKey, appSecret, baseUrl: base, dangerouslyAllowBrowser: true }]) {
    assert.throws(
      () => page.appAccessToken(options),
      (error) => error instanceof DingTalkError && error.kind === "invalidArgument" && /refused in a browser build/.test(error.message),
    );
  }
  const fallback = await import("../../pkg/default.js");
  assert.match(await fallback.appAccessToken({ appKey, appSecret, baseUrl: base })(), /^mock-app-token-/);
  assert.equal((await tokenRequests()).length, 1, "only the default entry's asked");
});

test("a base URL with a path prefix (a proxy) keeps it", async () => {
  const seen = [];
  const token = appAccessToken({
    appKey,
    appSecret,
    baseUrl: `${base}/proxy/`,
    fetch: (request) => {
      seen.push(request.url);
      return fetch(request.url.replace("/proxy", ""), { method: request.method, headers: request.headers, body: request.body, duplex: "half" });
    },
  });
  assert.match(await token(), /^mock-app-token-/);
  assert.deepEqual(seen, [`${base}/proxy${TOKEN_PATH}`]);
});

test("one base-URL rule with the client's: the secret goes to no host the client would refuse", async () => {
  for (const baseUrl of [
    "https://api.dingtalk.com\t.evil.example",
    "https://api.dingtalk.com\n.evil.example",
    "https://evil.example\\.api.dingtalk.com",
    "https://a/../b",
    "https://bücher.example",
    "https://user:pass@api.dingtalk.com",
  ]) {
    assert.throws(() => appAccessToken({ appKey, appSecret, baseUrl }), (e) => e.kind === "invalidArgument", JSON.stringify(baseUrl));
    assert.throws(() => new CalendarClient({ accessToken: "t", baseUrl }), (e) => e.kind === "invalidArgument", JSON.stringify(baseUrl));
  }
  // A getter that throws is bad input, not "absent" (which would mean DingTalk's own host).
  const options = { appKey, appSecret };
  Object.defineProperty(options, "baseUrl", { get() { throw new Error("getter"); }, enumerable: true });
  assert.throws(() => appAccessToken(options), /baseUrl could not be read/);
  // An inherited baseUrl (a polluted prototype) is not an option.
  const inherited = Object.assign(Object.create({ baseUrl: "https://evil.example" }), { appKey, appSecret, fetch: (r) => Promise.reject(new Error(r.url)) });
  const error = await appAccessToken(inherited)().catch((e) => e);
  assert.match(error.cause.message, /^https:\/\/api\.dingtalk\.com\//);
  assert.equal((await tokenRequests()).length, 0);
});

test("a wrapper's error never carries the secret or the token out through cause", async () => {
  // ofetch keeps its options (the body with the secret) and ky its Request on the error.
  const wrapper = async (request) => {
    const body = await request.clone().text();
    throw Object.assign(new Error("[POST] request failed"), { options: { body }, request, code: "E_WRAPPER", cause: new Error(`body was ${body}`) });
  };
  const token = appAccessToken({ appKey, appSecret, baseUrl: base, fetch: wrapper });
  const error = await token().catch((e) => e);
  assert.equal(error.kind, "auth");
  assert.equal(error.cause.code, "E_WRAPPER");
  assert.equal(error.cause.options, undefined);
  assert.equal(error.cause.request, undefined);
  assertErrorKeepsSecret(error);
  // Through a client that takes its token from it.
  const client = new CalendarClient({ accessToken: token, baseUrl: base });
  const failed = await client.getSubscribedCalendar("user-alice", "cal-public-holidays").catch((e) => e);
  assert.equal(failed.kind, "auth");
  assertErrorKeepsSecret(failed);
  // The client's own calls through a ky-style fetch: its error's Request would print the token.
  const kyLike = async (request) => {
    throw Object.assign(new Error("Request failed"), { request, response: undefined });
  };
  const fixed = new CalendarClient({ accessToken: "demo-access-token", baseUrl: base, fetch: kyLike, retry: false });
  const network = await fixed.getSubscribedCalendar("user-alice", "cal-public-holidays").catch((e) => e);
  assert.equal(network.kind, "network");
  assert.equal(network.cause.request, undefined);
  assert.ok(!inspect(network, { depth: 10 }).includes("demo-access-token"), inspect(network, { depth: 10 }));
});

test("huge, endless, polluted or unreadable answers: bounded work, bounded errors", async () => {
  const answering = (make) => appAccessToken({ appKey, appSecret, baseUrl: base, fetch: async () => make() });
  // A code, message and request id of 300,000 characters each, the secret inside (just under the
  // body cap; before the cap, 1.5 MB fields blocked the event loop for seconds): cut, masked.
  const huge = "x".repeat(300_000);
  const hugeError = await answering(() => Response.json({ code: `${huge}${appSecret}`, message: `${appSecret}${huge}`, requestid: huge }, { status: 400 }))().catch((e) => e);
  assert.equal(hugeError.kind, "auth");
  assert.ok(hugeError.message.length < 600, `${hugeError.message.length} characters`);
  assert.ok(hugeError.code.length <= 101 && hugeError.requestId.length <= 101);
  assertErrorKeepsSecret(hugeError);
  // A body that never ends is cut at the cap and cancelled.
  let cancelled = false;
  const endless = () =>
    new Response(new ReadableStream({ pull(c) { c.enqueue(new Uint8Array(65_536)); }, cancel() { cancelled = true; } }), { status: 200 });
  const endlessError = await answering(endless)().catch((e) => e);
  assert.match(endlessError.message, /larger than 1048576 bytes/);
  assert.ok(cancelled);
  // Fields another library put on Object.prototype are not DingTalk's answer.
  Object.prototype.accessToken = "polluter-token";
  Object.prototype.expireIn = 7200;
  try {
    const polluted = await answering(() => Response.json({}))().catch((e) => e);
    assert.match(polluted.message, /not \{ accessToken, expireIn \}/);
  } finally {
    delete Object.prototype.accessToken;
    delete Object.prototype.expireIn;
  }
  // Headers that refuse to be read (SvelteKit's fetch) still give the token.
  const guarded = appAccessToken({
    appKey,
    appSecret,
    baseUrl: base,
    fetch: async (request) => {
      const response = await fetch(request);
      return Object.defineProperty(response, "headers", { value: { get() { throw new Error("not allowed"); } } });
    },
  });
  assert.match(await guarded(), /^mock-app-token-/);
});
