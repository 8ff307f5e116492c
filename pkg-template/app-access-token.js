// appAccessToken: an app's key and secret in, the token function `CalendarClient` takes out.
// JavaScript beside the wasm rather than Rust inside it: it is for servers only, and in the
// .wasm its bytes would reach every browser page, where an app secret must never be. The entries
// pass it their own DingTalkError class, so it has one copy for ES modules and one, made by
// esbuild at build time, for `require`; a bundle that does not call it leaves it out.

const DEFAULT_BASE_URL = "https://api.dingtalk.com";
const TOKEN_PATH = "/v1.0/oauth2/accessToken";
const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_TIMEOUT_MS = 600_000;
// A token is used until this long before DingTalk's `expireIn` runs out (at most a tenth of it):
// a request signed just before expiry must not reach DingTalk just after.
const EARLY_REFRESH_MS = 300_000;
// As in the wasm: no run of this many characters of the secret ever reaches a message or cause.
const MIN_PIECE = 8;
const MAX_MESSAGE = 200;
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function createAppAccessToken(options, DingTalkError) {
  const invalid = (message) =>
    new DingTalkError(`appAccessToken: ${message}`, { kind: "invalidArgument", retryable: false });
  if (options === null || typeof options !== "object") {
    throw invalid("options must be an object such as { appKey, appSecret }");
  }
  const { appKey, appSecret, dangerouslyAllowBrowser } = options;
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
  const url = tokenUrl(options.baseUrl, invalid);
  const send = options.fetch === undefined ? (request) => fetch(request) : options.fetch;
  if (typeof send !== "function") throw invalid("fetch must be a function");
  const timeoutMs = options.timeoutMs === undefined ? DEFAULT_TIMEOUT_MS : options.timeoutMs;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > MAX_TIMEOUT_MS) {
    throw invalid(`timeoutMs must be a whole number of ms from 1 to ${MAX_TIMEOUT_MS}`);
  }

  const failure = (message, fields) =>
    new DingTalkError(cut(redact(message, appSecret)), { kind: "auth", attempts: 1, ...fields });
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
      response = await Promise.race([send(new Request(url, init)), timedOut]);
      if (response === null || typeof response !== "object" || typeof response.text !== "function") {
        throw new TypeError("fetch resolved to something that is not a Response");
      }
      const text = await Promise.race([response.text(), timedOut]);
      return answer(response, text);
    } catch (cause) {
      if (cause instanceof DingTalkError) throw cause;
      const why = signal.aborted ? `timed out after ${timeoutMs} ms` : "failed (see cause)";
      // A custom fetch's error may quote the request body, secret included: then it is dropped.
      const safeCause = holdsPiece(describe(cause), appSecret) ? undefined : cause;
      throw failure(`the app token request ${why}`, { retryable: true, cause: safeCause });
    } finally {
      clearTimeout(timer);
    }
  }

  function answer(response, text) {
    const status = response.status;
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const raw = (name) => (body !== null && typeof body === "object" && typeof body[name] === "string" ? body[name] : undefined);
    // Every string from outside is redacted before use; the token in a good answer is never
    // put in a message.
    const field = (name) => (raw(name) === undefined ? undefined : redact(raw(name), appSecret));
    const header = response.headers?.get?.("x-acs-request-id");
    const requestId = field("requestid") ?? (typeof header === "string" ? redact(header, appSecret) : undefined);
    if (status >= 200 && status < 300) {
      const token = raw("accessToken");
      const expireIn = body?.expireIn;
      if (!token || /[\r\n\0]/.test(token) || !Number.isFinite(expireIn) || expireIn <= 0) {
        throw failure("the app token answer is not { accessToken, expireIn }", { status, requestId, retryable: false });
      }
      const lifetimeMs = expireIn * 1000;
      return { token, freshUntil: Date.now() + lifetimeMs - Math.min(EARLY_REFRESH_MS, lifetimeMs / 10) };
    }
    const code = field("code");
    const message = field("message");
    const said = code || message ? `: ${[code, message].filter(Boolean).join(": ")}` : "";
    const what = status >= 300 && status < 400 || status === 0 ? "redirected it (not followed)" : `answered ${status}`;
    throw failure(`the app token request failed: DingTalk ${what}${said}`, {
      status: status || undefined,
      code,
      requestId,
      retryable: status === 429 || status >= 500,
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

function tokenUrl(baseUrl, invalid) {
  const base = baseUrl === undefined ? DEFAULT_BASE_URL : baseUrl;
  let parsed;
  try {
    parsed = typeof base === "string" ? new URL(base) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== "https:" && parsed.protocol !== "http:")) {
    throw invalid("baseUrl must be an absolute http(s) URL");
  }
  if (parsed.protocol === "http:" && !LOOPBACK.has(parsed.hostname)) {
    throw invalid("baseUrl may use plain http only for localhost, 127.0.0.1 or [::1]");
  }
  if (parsed.username || parsed.password || parsed.search || parsed.hash) {
    throw invalid("baseUrl must not carry credentials, a query or a fragment");
  }
  return parsed.origin + parsed.pathname.replace(/\/+$/, "") + TOKEN_PATH;
}

function describe(value) {
  try {
    return value instanceof Error ? `${value.message} ${value.stack ?? ""} ${describe(value.cause)}` : String(value);
  } catch {
    return "";
  }
}

// The longest run of `text`, starting at `at`, that also occurs in `secret`.
function longestPiece(text, at, secret) {
  let longest = 0;
  for (let start = 0; start < secret.length; start++) {
    let n = 0;
    while (at + n < text.length && start + n < secret.length && text[at + n] === secret[start + n]) n++;
    if (n > longest) longest = n;
  }
  return longest;
}

// `text` with every run of MIN_PIECE or more characters of `secret` (or all of a shorter one)
// masked: applied to every outside string before it is cut, never after.
function redact(text, secret) {
  const needed = Math.min(MIN_PIECE, secret.length);
  let out = "";
  for (let at = 0; at < text.length; ) {
    const piece = longestPiece(text, at, secret);
    if (piece >= needed) {
      out += "[redacted]";
      at += piece;
    } else {
      out += text[at++];
    }
  }
  return out;
}

function holdsPiece(text, secret) {
  return redact(text, secret) !== text;
}

function cut(text) {
  return text.length <= MAX_MESSAGE ? text : `${text.slice(0, MAX_MESSAGE - 1)}…`;
}
