//! One request through `fetch` (the global one, or the caller's): built from web-sys's
//! `RequestInit` (see `build` for why not gloo-net's builder), its answer read through
//! [`outside`](crate::wasm::outside) (every member of a caller's `Response` can throw), the body
//! read as a stream up to [`MAX_BODY_BYTES`], with a per-attempt timeout and the caller's
//! `AbortSignal` through an `AbortController` and an [`Alarm`]. Redirects are never followed.

use alloc::string::String;
use js_sys::{Array, ArrayBuffer, Function, JsString, Uint8Array};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    AbortController, AbortSignal, Headers, ReadableStream, RequestInit, RequestRedirect,
};

use crate::answer::{Answer, Body, MAX_BODY_BYTES};
use crate::api::access_token::{TokenRequest, TokenSource};
use crate::attempt_errors::{failed, network_error, timed_out, with_cors_hint};
use crate::call::{Request, Transport};
use crate::endpoint::Endpoint;
use crate::error::{Error, ErrorKind};
use crate::text::concat;
use crate::token::{validate_access_token, TOKEN_HEADER};
use crate::wasm::alarm::{Alarm, Ring};
use crate::wasm::cause::safe_cause;
use crate::wasm::json::ParsedJson;
use crate::wasm::outside::{call_function, call_method, get, js_key};
use crate::wasm::settled::{settle_quietly, Settled};

#[wasm_bindgen]
extern "C" {
    // The global `fetch`, looked up at each call so a polyfill installed later counts; `catch`,
    // as a polyfill or a test double may throw.
    #[wasm_bindgen(catch, js_name = fetch)]
    fn global_fetch(request: &web_sys::Request) -> Result<JsValue, JsValue>;

    // js-sys's `JSON::parse` takes a Rust `&str`; this one takes the JS string as it is.
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    fn json_parse(text: &JsString) -> Result<JsValue, JsValue>;

    // web-sys's `decode` gives a Rust `String`; the body stays a JS string for `JSON.parse`.
    type TextDecoder;
    #[wasm_bindgen(constructor, catch)]
    fn new() -> Result<TextDecoder, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn decode(this: &TextDecoder, bytes: &Uint8Array) -> Result<JsString, JsValue>;
}

/// The body as far as it was read: its text, or the fact that it went on past the cap.
enum BodyText {
    Text(JsString),
    TooLarge,
}

/// What a [`FetchTransport`] needs from the client and the call.
pub(crate) struct FetchTransport<'a> {
    pub endpoint: Endpoint,
    pub token: &'a TokenSource,
    pub fetch: Option<&'a Function>,
    pub timeout_ms: u32,
    pub signal: Option<&'a AbortSignal>,
}

/// Aborts the attempt's request when the attempt ends before its body was read to the end: a
/// fetch that lost the race stops, and an unread body (a redirect's) is cancelled so its
/// connection is freed. A body read to the end needs nothing, and an abort costs: Node builds a
/// DOMException and runs undici's listeners, a visible share of a stubbed call in a CPU profile.
struct AbortOnDrop {
    controller: AbortController,
    done: bool,
}

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if !self.done {
            self.controller.abort();
        }
    }
}

impl FetchTransport<'_> {
    fn failed(&self, what: &str) -> String {
        failed(self.endpoint, what)
    }

    fn aborted_error(&self) -> Error {
        let error = Error::new(
            ErrorKind::Aborted,
            concat(&[
                self.endpoint.operation(),
                " was aborted by the caller's AbortSignal",
            ]),
        )
        .with_retryable(false);
        // The caller's own reason, kept as it is (it is theirs, not the server's or a fetch's).
        match self.signal.and_then(|signal| get(signal, "reason").ok()) {
            Some(reason) => error.with_cause(reason),
            None => error,
        }
    }

    fn rang(&self, ring: Ring) -> Error {
        match ring {
            Ring::Abort => self.aborted_error(),
            Ring::Timer => timed_out(self.endpoint, self.timeout_ms),
        }
    }

    /// A network error; the runtime's own words ("fetch failed", "terminated") help, masked and
    /// cut. The cause is a rebuilt copy, never the thrown object: its other properties (a
    /// `Request`, an options object) may hold the token.
    fn network_error(&self, what: &str, cause: JsValue, token: &str) -> Error {
        let detail = match cause.as_string() {
            Some(text) => Some(text),
            None if cause.is_object() => get(&cause, "message").ok().and_then(|m| m.as_string()),
            None => None,
        };
        network_error(self.endpoint, what, detail.as_deref(), token)
            .with_cause(safe_cause(&cause, token))
    }

    /// What a call into a caller's object came to: the promise it returned (or the value) once
    /// settled, or what it threw. The outer `Err` is the alarm's: a timeout or abort ends the wait
    /// even where the promise never settles.
    async fn settled(
        &self,
        alarm: &mut Alarm<'_>,
        started: Result<JsValue, JsValue>,
    ) -> Result<Result<JsValue, JsValue>, Error> {
        match started {
            Ok(pending) => alarm
                .guard(Settled::new(&pending))
                .await
                .map_err(|ring| self.rang(ring)),
            Err(thrown) => Ok(Err(thrown)),
        }
    }

    /// Reads the body of `response` up to [`MAX_BODY_BYTES`]: as a stream where it is one (a
    /// body that goes on is cancelled at the cap, never buffered whole), else through `text()`.
    /// The outer `Err` is the alarm's; the inner one what the body threw or rejected with.
    async fn read_body(
        &self,
        response: &JsValue,
        alarm: &mut Alarm<'_>,
    ) -> Result<Result<BodyText, JsValue>, Error> {
        let body = get(response, "body").unwrap_or_default();
        if !body.is_instance_of::<ReadableStream>() {
            let text = self
                .settled(alarm, call_method(response, "text", &[]))
                .await?;
            return Ok(text.and_then(|text| match text.dyn_into::<JsString>() {
                Ok(text) if text.length() as usize > MAX_BODY_BYTES => Ok(BodyText::TooLarge),
                Ok(text) => Ok(BodyText::Text(text)),
                Err(other) => Err(other),
            }));
        }
        let reader = match call_method(&body, "getReader", &[]) {
            Ok(reader) => reader,
            Err(thrown) => return Ok(Err(thrown)),
        };
        let chunks = Array::new();
        let mut total: usize = 0;
        loop {
            let step = match self
                .settled(alarm, call_method(&reader, "read", &[]))
                .await?
            {
                Ok(step) => step,
                Err(thrown) => return Ok(Err(thrown)),
            };
            if get(&step, "done").ok().and_then(|d| d.as_bool()) == Some(true) {
                break;
            }
            let chunk = match get(&step, "value").map(JsCast::dyn_into::<Uint8Array>) {
                Ok(Ok(chunk)) => chunk,
                // Bytes of another realm (Vitest's jsdom environment puts jsdom's typed-array
                // classes on the global object, while the body's chunks are Node's): copied.
                Ok(Err(other)) if ArrayBuffer::is_view(&other) => Uint8Array::new(&other),
                Ok(Err(other)) | Err(other) => return Ok(Err(other)),
            };
            total = total.saturating_add(chunk.length() as usize);
            if total > MAX_BODY_BYTES {
                if let Ok(pending) = call_method(&reader, "cancel", &[]) {
                    settle_quietly(&pending);
                }
                return Ok(Ok(BodyText::TooLarge));
            }
            chunks.push(&chunk);
        }
        Ok(decode_utf8(&chunks, total as u32).map(BodyText::Text))
    }

    fn not_a_response(&self) -> Error {
        Error::new(
            ErrorKind::Network,
            self.failed("fetch did not resolve to a Response"),
        )
    }

    fn build(
        &self,
        request: &Request<'_>,
        token: &str,
        signal: &AbortSignal,
    ) -> Result<web_sys::Request, Error> {
        // web-sys's RequestInit, not gloo-net's RequestBuilder: its `build` constructs the
        // Request twice and parses the URL in between (to merge query parameters, which these
        // requests never have), and costs 1,962 B of gzipped wasm.
        // Exactly one header on a bodiless call: anything else (Content-Type, a custom
        // User-Agent) would fail DingTalk's CORS preflight in a browser. Redirects are not followed, so the token goes
        // nowhere but the base URL.
        let init = RequestInit::new();
        init.set_method(request.method.as_str());
        init.set_redirect(RequestRedirect::Manual);
        init.set_signal(Some(signal));
        if let Some(body) = request.body {
            init.set_body(&JsValue::from_str(body));
        }
        Headers::new()
            .and_then(|headers| {
                headers.set(TOKEN_HEADER, token)?;
                if request.body.is_some() {
                    // The one more header a body needs; a page's preflight to DingTalk refuses
                    // it (see `network_error`).
                    headers.set("content-type", "application/json")?;
                }
                init.set_headers(&headers);
                web_sys::Request::new_with_str_and_init(&request.url, &init)
            })
            // The runtime's message is not kept: it could quote the request.
            .map_err(|_| {
                Error::new(
                    ErrorKind::Network,
                    self.failed("the runtime could not build a request for this URL"),
                )
                .with_retryable(false)
            })
    }
}

/// What a `Response` (a real one, one from another realm, or a caller's look-alike) says before
/// its body is read. Every member is read through [`outside`](crate::wasm::outside).
struct Head {
    status: u16,
    opaque_redirect: bool,
    headers: JsValue,
}

impl Head {
    /// `None` when `value` is not something a `Response` could be.
    fn read(value: &JsValue) -> Option<Head> {
        if !value.is_object() {
            return None;
        }
        let status = get(value, "status").ok()?.as_f64()?;
        // A whole number in 0..=999 (NaN is not in the range); `f64::fract` is std's.
        if !(0.0..=999.0).contains(&status) || f64::from(status as u16) != status {
            return None;
        }
        let headers = get(value, "headers").ok()?;
        if !get(&headers, "get").ok()?.is_function() {
            return None;
        }
        let opaque_redirect = get(value, "type")
            .ok()
            .and_then(|t| t.as_string())
            .is_some_and(|t| t == "opaqueredirect");
        Some(Head {
            status: status as u16,
            opaque_redirect,
            headers,
        })
    }

    /// A header, or `None` where it is absent or reading it throws (SvelteKit's server-side
    /// fetch throws for every header a `load` did not allow): each header read is optional.
    fn header(&self, name: &'static str) -> Option<String> {
        call_method(&self.headers, "get", &[&js_key(name)])
            .ok()?
            .as_string()
    }
}

/// Cancels a body that will not be read, so its connection is freed. A rejection of the cancel
/// is handled, so it never surfaces as an unhandled one.
fn cancel_body(response: &JsValue) {
    let Ok(body) = get(response, "body") else {
        return;
    };
    if body.is_instance_of::<ReadableStream>()
        && get(&body, "locked").ok().and_then(|l| l.as_bool()) == Some(false)
    {
        if let Ok(pending) = call_method(&body, "cancel", &[]) {
            settle_quietly(&pending);
        }
    }
}

/// Whether this runs in a page (a `document` on the global object), where `fetch` is bound by
/// CORS: not in Node, Deno, Bun or a Worker.
fn in_a_page() -> bool {
    get(&js_sys::global(), "document").is_ok_and(|document| document.is_object())
}

/// `chunks` (`Uint8Array`s, `total` bytes in all) decoded as UTF-8, as `text()` decodes a body.
fn decode_utf8(chunks: &Array, total: u32) -> Result<JsString, JsValue> {
    let bytes = if chunks.length() == 1 {
        chunks.get(0).unchecked_into::<Uint8Array>()
    } else {
        let joined = Uint8Array::new_with_length(total);
        let mut at = 0;
        for chunk in chunks.iter() {
            let chunk = chunk.unchecked_into::<Uint8Array>();
            joined.set(&chunk, at);
            at += chunk.length();
        }
        joined
    };
    TextDecoder::new()?.decode(&bytes)
}

impl Transport for FetchTransport<'_> {
    type Json = ParsedJson;

    fn can_refresh_token(&self) -> bool {
        matches!(self.token, TokenSource::Provider(_))
    }

    async fn access_token(&self, refresh: bool) -> Result<String, Error> {
        let provider = match self.token {
            TokenSource::Fixed(token) => return Ok(token.clone()),
            TokenSource::Provider(provider) => provider,
        };
        // A token function that never answers must not hang the call past its timeout or abort.
        let mut alarm = Alarm::set(f64::from(self.timeout_ms), self.signal);
        let token = alarm
            .guard(provider(TokenRequest::new(refresh)))
            .await
            .map_err(|ring| self.rang(ring))??;
        validate_access_token(&token, ErrorKind::Auth)?;
        Ok(token)
    }

    async fn send(&self, request: &Request<'_>, token: &str) -> Result<Answer<ParsedJson>, Error> {
        let mut alarm = Alarm::set(f64::from(self.timeout_ms), self.signal);
        let controller = AbortController::new()
            .map_err(|cause| self.network_error("AbortController is not available", cause, ""))?;
        let mut controller = AbortOnDrop {
            controller,
            done: false,
        };
        let web_request = self.build(request, token, &controller.controller.signal())?;
        let started = match self.fetch {
            Some(fetch) => call_function(fetch, &[&web_request]),
            None => global_fetch(&web_request),
        };
        // Whichever settles first: the fetch, or the timeout or abort (even if a caller's fetch
        // ignores the signal).
        let value = self.settled(&mut alarm, started).await?.map_err(|cause| {
            let error = self.network_error("the request did not complete", cause, token);
            if request.body.is_some() && in_a_page() {
                with_cors_hint(error, self.endpoint)
            } else {
                error
            }
        })?;
        let head = Head::read(&value).ok_or_else(|| self.not_a_response())?;
        let status = head.status;
        if status == 0 && !head.opaque_redirect {
            // `Response.error()`, or what a broken fetch resolves to: no answer at all.
            return Err(Error::new(
                ErrorKind::Network,
                self.failed("fetch resolved to a network error (a Response with status 0)"),
            ));
        }
        let mut answer = Answer {
            status,
            opaque_redirect: head.opaque_redirect,
            request_id: head.header("x-acs-request-id"),
            retry_after: head.header("retry-after"),
            body: Body::Empty,
        };
        if head.opaque_redirect || (300..400).contains(&status) {
            // Never read: cancelled, so its connection is freed at once (dropping the
            // controller does the same for a body of the global fetch, not for a caller's).
            cancel_body(&value);
            return Ok(answer);
        }
        let cut_short = |cause: JsValue| {
            self.network_error("the answer stopped before its end", cause, token)
                .with_status(status)
        };
        let text = match self.read_body(&value, &mut alarm).await? {
            Ok(BodyText::Text(text)) => text,
            Ok(BodyText::TooLarge) => {
                answer.body = Body::TooLarge;
                return Ok(answer);
            }
            Err(cause) => return Err(cut_short(cause)),
        };
        controller.done = true;
        // Parsed where it is, in JS: a copy into wasm memory and back would cost two UTF-8
        // conversions of the whole body.
        if text.trim().length() > 0 {
            answer.body = match json_parse(&text) {
                Ok(json) => Body::Json(ParsedJson(json)),
                Err(_) => Body::NotJson {
                    content_type: head.header("content-type"),
                },
            };
        }
        Ok(answer)
    }

    async fn sleep(&self, ms: u64) -> Result<(), Error> {
        // Waits are capped by RetryPolicy at 10 minutes, so f64 holds them exactly.
        match Alarm::set(ms as f64, self.signal).rings().await {
            Ring::Timer => Ok(()),
            Ring::Abort => Err(self.aborted_error()),
        }
    }

    fn aborted(&self) -> Option<Error> {
        self.signal
            .filter(|signal| crate::wasm::alarm::is_aborted(signal))
            .map(|_| self.aborted_error())
    }

    fn random(&self) -> f64 {
        js_sys::Math::random()
    }

    fn now_ms(&self) -> u64 {
        // Date.now() is a whole, non-negative number of milliseconds for any real clock.
        js_sys::Date::now().max(0.0) as u64
    }
}
