// One attempt over fetch, for src/wasm/transport.rs. This is event plumbing (a timer, an abort
// listener, a promise race); written against web-sys it cost 20 KB of wasm, here it is a page of
// JS. Decisions (what a status means, whether to retry) stay in Rust.
//
// fetchOnce never rejects: it resolves to the answer, or to { failure, what, cause } where
// failure is "timeout", "aborted", "network" or "auth".

const TOKEN_HEADER = "x-acs-dingtalk-access-token";

export async function fetchOnce(customFetch, url, method, token, timeoutMs, signal) {
  const controller = new AbortController();
  let fired;
  let wake;
  const interrupted = new Promise((resolve) => (wake = resolve));
  const fire = (why) => {
    if (fired === undefined) {
      fired = why;
      controller.abort();
      wake();
    }
  };
  const onAbort = () => fire("aborted");
  const timer = setTimeout(() => fire("timeout"), timeoutMs);
  if (signal) {
    if (signal.aborted) fire("aborted");
    else signal.addEventListener("abort", onAbort);
  }
  // Whichever settles first: the work, or the timeout or abort (even if a caller's fetch
  // ignores the signal).
  const race = (work) => Promise.race([work, interrupted]);
  const failure = (kind, what, cause) => ({ failure: fired || kind, what, cause });
  try {
    let request;
    try {
      // Exactly one header: anything else (Content-Type, a custom User-Agent) would fail
      // DingTalk's CORS preflight in a browser. Redirects are not followed, so the token goes
      // nowhere but the base URL.
      request = new Request(url, {
        method,
        headers: { [TOKEN_HEADER]: token },
        signal: controller.signal,
        redirect: "manual",
      });
    } catch {
      // The runtime's message would quote the header value, that is the token.
      return failure("auth", "the access token cannot be sent as a header value");
    }
    let response;
    try {
      // The global fetch is looked up now, not at load, so a polyfill installed later counts.
      response = await race(customFetch ? customFetch(request) : fetch(request));
    } catch (cause) {
      return failure("network", "the request did not complete", cause);
    }
    if (fired) return failure(fired);
    if (response === null || typeof response !== "object" || typeof response.status !== "number") {
      return failure("network", "fetch did not resolve to a Response");
    }
    const header = (name) => response.headers.get(name) || undefined;
    const answer = {
      status: response.status,
      opaqueRedirect: response.type === "opaqueredirect",
      requestId: header("x-acs-request-id"),
      retryAfter: header("retry-after"),
      contentType: header("content-type"),
      body: "empty",
    };
    if (answer.opaqueRedirect || (answer.status >= 300 && answer.status < 400)) return answer;
    let text;
    try {
      text = await race(response.text());
    } catch (cause) {
      return { ...failure("network", "the answer stopped before its end", cause), status: answer.status };
    }
    if (fired) return failure(fired);
    if (text.trim() !== "") {
      try {
        answer.json = JSON.parse(text);
        answer.body = "json";
      } catch {
        answer.body = "text";
      }
    }
    return answer;
  } finally {
    clearTimeout(timer);
    if (signal) signal.removeEventListener("abort", onAbort);
  }
}

// Waits ms milliseconds, or less if the signal aborts; resolves to whether it did.
export function sleep(ms, signal) {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      if (signal) signal.removeEventListener("abort", done);
      resolve(Boolean(signal && signal.aborted));
    };
    const timer = setTimeout(done, ms);
    if (signal) {
      if (signal.aborted) done();
      else signal.addEventListener("abort", done);
    }
  });
}
