// appAccessToken: an app's key and secret in, the token function `CalendarClient` takes out.
// The request's flow is JavaScript beside the wasm, so that a page that never calls it leaves it
// out; every rule it applies (the base-URL check, masking outside strings and how much of each
// is kept, the rebuilt `cause`, the body cap, which statuses may pass, the default and the
// longest timeout) is the wasm's own, handed in by
// the package's entries with the wasm module itself. It has one copy for ES modules and one,
// made by esbuild at build time, for `require`.

const TOKEN_PATH = "/v1.0/oauth2/accessToken";
// A token is used until this long before DingTalk's `expireIn` runs out (at most a tenth of it):
// a request signed just before expiry must not reach DingTalk just after.
const EARLY_REFRESH_MS = 300_000;
// A token longer than this is no token of DingTalk's (theirs are 32 characters).
const MAX_TOKEN_CHARS = 4_096;

// `glue`: the entry's wasm-bindgen module, whose DingTalkError class and `__` rules are used.
export function createAppAccessToken(options, glue) {
  const {
    DingTalkError,
    __joinBaseUrl: joinBaseUrl,
    __redact: redact,
    __safeCause: safeCause,
    __limit: limit,
    __isRetryableStatus: isRetryableStatus,
  } = glue;
  // The client's own bounds: the most of a body read, the longest and the default timeout, the
  // most of DingTalk's message and of a code or request id kept.
  const [maxBodyBytes, maxTimeoutMs, DEFAULT_TIMEOUT_MS, MAX_MESSAGE_CHARS, MAX_CODE_CHARS] = [0, 1, 2, 3, 4].map(limit);
  const invalid = (message) =>
    new DingTalkError(`appAccessToken: ${message}`, { kind: "invalidArgument", retryable: false });
  if (options === null || typeof options !== "object") {
    throw invalid("options must be an object such as { appKey, appSecret }");
  }
  // Own properties only, as the client reads its options; a getter that throws is bad input,
  // never taken as absent (an absent baseUrl is DingTalk's host, which the caller never chose).
  const option = (name) => {
    try {
      return Object.hasOwn(options, name) ? options[name] : undefined;
    } catch {
      throw invalid(`${name} could not be read (its getter threw)`);
    }
  };
  const [appKey, appSecret, dangerouslyAllowBrowser] = ["appKey", "appSecret", "dangerouslyAllowBrowser"].map(option);
  for (const [name, value] of [["appKey", appKey], ["appSecret", appSecret]]) {
    if (typeof value !== "string" || value.trim() === "") throw invalid(`${name} must be a non-empty string`);
  }
  if (typeof window !== "undefined" && typeof document !== "undefined" && dangerouslyAllowBrowser !== true) {
    throw invalid(
      "refused in a browser: whoever loads the page can read the app secret and act as your app. " +
        "Get tokens on a server (a Worker, say) and give the page only what it needs; " +
        "{ dangerouslyAllowBrowser: true } overrides this for tools that never leave your machine",
    );
  }
  let url;
  try {
    // The client's own rule, so the secret goes to no host the client would refuse.
    url = joinBaseUrl(option("baseUrl") ?? undefined, TOKEN_PATH);
  } catch (error) {
    throw invalid(error instanceof DingTalkError ? error.message : "baseUrl could not be checked");
  }
  const customFetch = option("fetch");
  const send = customFetch === undefined ? (request) => fetch(request) : customFetch;
  if (typeof send !== "function") throw invalid("fetch must be a function");
  const timeoutMs = option("timeoutMs") ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > maxTimeoutMs) {
    throw invalid(`timeoutMs must be a whole number of ms from 1 to ${maxTimeoutMs}`);
  }

  // Every string from outside is masked with the secret, then cut.
  const masked = (text, maxChars) => redact(text, appSecret, maxChars);
  const failure = (message, fields) =>
    new DingTalkError(masked(message, MAX_MESSAGE_CHARS), { kind: "auth", attempts: 1, ...fields });
  let cached; // { token, freshUntil }
  let pending; // the one token request under way, shared by every caller

  async function request() {
    // A timer of its own rather than AbortSignal.timeout, whose timer Node does not wait for.
    // The race also ends the wait for a custom fetch that ignores its signal: every caller
    // shares this request, so it must not hang for them all.
    const controller = new AbortController();
    const signal = controller.signal;
    let timer;
    const timedOut = new Promise((_, reject) => {
      timer = setTimeout(() => {
        const reason = new DOMException(`timed out after ${timeoutMs} ms`, "TimeoutError");
        controller.abort(reason);
        reject(reason);
      }, timeoutMs);
    });
    timedOut.catch(() => {});
    let response;
    try {
      const init = {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ appKey, appSecret }),
        redirect: "manual",
        signal,
      };
      const race = (promise) => Promise.race([promise, timedOut]);
      response = await race(send(new Request(url, init)));
      if (response === null || typeof response !== "object" || typeof response.text !== "function") {
        throw new TypeError("fetch resolved to something that is not a Response");
      }
      const text = await readCapped(response, maxBodyBytes, race);
      return answer(response, text);
    } catch (cause) {
      if (cause instanceof DingTalkError) throw cause;
      const why = signal.aborted ? `timed out after ${timeoutMs} ms` : "failed (see cause)";
      // Never the thrown object: a wrapper's error may carry the request, whose body holds the
      // secret. A rebuilt, masked copy.
      throw failure(`the app token request ${why}`, { retryable: true, cause: safeCause(cause, appSecret) });
    } finally {
      clearTimeout(timer);
    }
  }

  function answer(response, text) {
    const status = response.status;
    if (text === undefined) {
      throw failure(`the app token answer is larger than ${maxBodyBytes} bytes, the most read`, {
        status,
        retryable: false,
      });
    }
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    // Own members only: what another library put on Object.prototype is not DingTalk's.
    const own = (name) => (body !== null && typeof body === "object" && Object.hasOwn(body, name) ? body[name] : undefined);
    const raw = (name) => (typeof own(name) === "string" ? own(name) : undefined);
    // The token in a good answer is never put in a message.
    const field = (name, maxChars) => (raw(name) ? masked(raw(name), maxChars) : undefined);
    let header;
    try {
      // A header read may throw (SvelteKit's fetch does for headers a load did not allow).
      header = response.headers?.get?.("x-acs-request-id");
    } catch {
      header = undefined;
    }
    const requestId = field("requestid", MAX_CODE_CHARS) ?? (typeof header === "string" && header ? masked(header, MAX_CODE_CHARS) : undefined);
    if (status >= 200 && status < 300) {
      const token = raw("accessToken");
      const expireIn = own("expireIn");
      if (!token || token.length > MAX_TOKEN_CHARS || /[\r\n\0]/.test(token) || !Number.isFinite(expireIn) || expireIn <= 0) {
        throw failure("the app token answer is not { accessToken, expireIn }", { status, requestId, retryable: false });
      }
      const lifetimeMs = expireIn * 1000;
      return { token, freshUntil: Date.now() + lifetimeMs - Math.min(EARLY_REFRESH_MS, lifetimeMs / 10) };
    }
    const code = field("code", MAX_CODE_CHARS);
    const message = field("message", MAX_MESSAGE_CHARS);
    const said = code || message ? `: ${[code, message].filter(Boolean).join(": ")}` : "";
    const what = status >= 300 && status < 400 || status === 0 ? "redirected it (not followed)" : `answered ${status}`;
    throw failure(`the app token request failed: DingTalk ${what}${said}`, {
      status: status || undefined,
      code,
      requestId,
      retryable: isRetryableStatus(status),
    });
  }

  // `{ refresh: true }` (DingTalk refused the token given last) drops the cached token, unless a
  // request for a new one is under way: then the caller shares it. (Which token was refused is
  // not known here, so a refusal that arrives after the new token came fetches another: one
  // extra token request, never a failed call.)
  return async function accessToken(asked) {
    if (asked?.refresh === true && pending === undefined) cached = undefined;
    if (cached !== undefined && Date.now() < cached.freshUntil) return cached.token;
    if (pending === undefined) {
      pending = request().then(
        (fresh) => {
          cached = fresh;
          pending = undefined;
          return fresh.token;
        },
        (error) => {
          pending = undefined;
          throw error;
        },
      );
    }
    return pending;
  };
}

// The body as text, read up to `maxBytes` (a body that goes on is cancelled there, never held
// whole); undefined past that. `race` ends each wait at the request's timeout.
async function readCapped(response, maxBytes, race) {
  const body = response.body;
  if (typeof ReadableStream === "undefined" || !(body instanceof ReadableStream)) {
    const text = await race(response.text());
    if (typeof text !== "string") throw new TypeError("text() did not give a string");
    return text.length > maxBytes ? undefined : text;
  }
  const reader = body.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await race(reader.read());
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
