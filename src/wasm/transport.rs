//! One request through `fetch` (the global one, or the caller's): built from web-sys's
//! `RequestInit` (see `build` for why not gloo-net's builder), read through gloo-net's `Response`,
//! with a per-attempt timeout and the caller's `AbortSignal` through an `AbortController` and an
//! [`Alarm`]. Redirects are never followed.

use gloo_net::http::Response;
use js_sys::{Function, JsString, Promise, Reflect};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, AbortSignal, Headers, ReadableStream, RequestInit, RequestRedirect,
    ResponseType,
};

use crate::call::{Request, Transport};
use crate::endpoint::Endpoint;
use crate::error::{holds_piece, Error, ErrorKind};
use crate::response::{Answer, Body};
use crate::text::{concat, decimal};
use crate::token::{validate_access_token, TOKEN_HEADER};
use crate::wasm::access_token::{TokenRequest, TokenSource};
use crate::wasm::alarm::{Alarm, Ring};
use crate::wasm::json::ParsedJson;

#[wasm_bindgen]
extern "C" {
    // The global `fetch`, looked up at each call so a polyfill installed later counts. gloo-net's
    // `Request::send` calls it too, but panics when it resolves to something that is not a
    // Response or rejects with something that is not an Error, which a polyfill or a test double
    // can do; outside data must never panic the wasm. So both fetches, the global one and the
    // caller's, take this one path.
    #[wasm_bindgen(catch, js_name = fetch)]
    fn global_fetch(request: &web_sys::Request) -> Result<JsValue, JsValue>;

    // js-sys's `JSON::parse` takes a Rust `&str`; this one takes the JS string as it is.
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    fn json_parse(text: &JsString) -> Result<JsValue, JsValue>;
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
/// DOMException and runs undici's listeners, 13% of a stubbed call's time in a CPU profile.
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
        concat(&[self.endpoint.operation(), " failed: ", what])
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
        match self.signal {
            Some(signal) => error.with_cause(signal.reason()),
            None => error,
        }
    }

    fn rang(&self, ring: Ring) -> Error {
        match ring {
            Ring::Abort => self.aborted_error(),
            Ring::Timer => Error::new(
                ErrorKind::Timeout,
                concat(&[
                    self.endpoint.operation(),
                    " timed out after ",
                    &decimal(u64::from(self.timeout_ms)),
                    " ms",
                ]),
            ),
        }
    }

    /// A network error; the runtime's own words ("fetch failed", "terminated") help. The token
    /// is masked in them by the call loop, and in the cause here (a caller's fetch may quote
    /// the request it was given).
    fn network_error(&self, what: &str, cause: JsValue, token: &str) -> Error {
        let mut message = self.failed(what);
        if let Some(detail) = cause.dyn_ref::<js_sys::Error>().map(js_sys::Error::message) {
            if detail.length() > 0 {
                message.push_str(" (");
                message.push_str(&String::from(detail));
                message.push(')');
            }
        }
        Error::new(ErrorKind::Network, message).with_cause(without_token(cause, token))
    }

    fn build(
        &self,
        request: &Request,
        token: &str,
        signal: &AbortSignal,
    ) -> Result<web_sys::Request, Error> {
        // web-sys's RequestInit, not gloo-net's RequestBuilder: its `build` constructs the
        // Request twice and parses the URL in between (to merge query parameters, which these
        // requests never have): 7-8 µs of a stubbed GET's 94 in Node, and 1,962 B of gzipped wasm.
        // Exactly one header: anything else (Content-Type, a custom User-Agent) would fail
        // DingTalk's CORS preflight in a browser. Redirects are not followed, so the token goes
        // nowhere but the base URL.
        let init = RequestInit::new();
        init.set_method(request.method.as_str());
        init.set_redirect(RequestRedirect::Manual);
        init.set_signal(Some(signal));
        Headers::new()
            .and_then(|headers| {
                headers.set(TOKEN_HEADER, token)?;
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

/// `cause`, unless it holds a piece of `token` (a caller's fetch may quote the request it was
/// given): then none, and the error's message, masked, still carries the runtime's words.
fn without_token(cause: JsValue, token: &str) -> JsValue {
    let text = |key: &str| {
        Reflect::get(&cause, &JsValue::from_str(key))
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
    let holds = match cause.as_string() {
        Some(string) => holds_piece(&string, token),
        None => holds_piece(&text("message"), token) || holds_piece(&text("stack"), token),
    };
    if holds {
        JsValue::UNDEFINED
    } else {
        cause
    }
}

/// Cancels a body that will not be read. A rejection of the cancel is handled (a dropped
/// `JsFuture` still catches it), so it never surfaces as an unhandled one.
fn cancel_body(response: &web_sys::Response) {
    if let Some(body) = response
        .body()
        .filter(|b| b.is_instance_of::<ReadableStream>())
    {
        if !body.locked() {
            drop(JsFuture::from(body.cancel()));
        }
    }
}

/// Whether `value` can be read as a `Response`: a real one, or one from another realm or a
/// polyfill (a caller's fetch may return either).
fn looks_like_response(value: &JsValue) -> bool {
    // One `instanceof` for the usual case; three property reads only for the others.
    if value.is_instance_of::<web_sys::Response>() {
        return true;
    }
    let member = |key: &str| Reflect::get(value, &JsValue::from_str(key)).unwrap_or_default();
    // (A missing `text` is found when the body is read: a network error too.)
    value.is_object()
        && member("status").as_f64().is_some()
        && Reflect::get(&member("headers"), &JsValue::from_str("get"))
            .is_ok_and(|get| get.is_function())
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

    async fn send(&self, request: &Request, token: &str) -> Result<Answer<ParsedJson>, Error> {
        let mut alarm = Alarm::set(f64::from(self.timeout_ms), self.signal);
        let controller = AbortController::new()
            .map_err(|cause| self.network_error("AbortController is not available", cause, ""))?;
        let mut controller = AbortOnDrop {
            controller,
            done: false,
        };
        let web_request = self.build(request, token, &controller.controller.signal())?;
        let started = match self.fetch {
            Some(fetch) => fetch.call1(&JsValue::UNDEFINED, &web_request),
            None => global_fetch(&web_request),
        };
        // Whichever settles first: the fetch, or the timeout or abort (even if a caller's fetch
        // ignores the signal).
        let settled = match started {
            Ok(pending) => alarm
                .guard(JsFuture::from(Promise::resolve(&pending)))
                .await
                .map_err(|ring| self.rang(ring))?,
            Err(thrown) => Err(thrown),
        };
        let value = settled
            .map_err(|cause| self.network_error("the request did not complete", cause, token))?;
        if !looks_like_response(&value) {
            return Err(Error::new(
                ErrorKind::Network,
                self.failed("fetch did not resolve to a Response"),
            ));
        }
        let response = Response::from(value.clone().unchecked_into::<web_sys::Response>());
        let status = response.status();
        let opaque_redirect = response.type_() == ResponseType::Opaqueredirect;
        if status == 0 && !opaque_redirect {
            // `Response.error()`, or what a broken fetch resolves to: no answer at all.
            return Err(Error::new(
                ErrorKind::Network,
                self.failed("fetch resolved to a network error (a Response with status 0)"),
            ));
        }
        let headers = response.headers();
        let mut answer = Answer {
            status,
            opaque_redirect,
            request_id: headers.get("x-acs-request-id"),
            retry_after: headers.get("retry-after"),
            body: Body::Empty,
        };
        if opaque_redirect || (300..400).contains(&status) {
            // Never read: cancelled, so its connection is freed at once (dropping the
            // controller does the same for a body of the global fetch, not for a caller's).
            cancel_body(value.unchecked_ref());
            return Ok(answer);
        }
        // web-sys, not gloo-net's `text()`: that one panics when the body was already used or
        // its stream fails with something that is not an Error.
        let text = match value.unchecked_ref::<web_sys::Response>().text() {
            Ok(pending) => alarm
                .guard(JsFuture::from(pending))
                .await
                .map_err(|ring| self.rang(ring))?,
            Err(thrown) => Err(thrown),
        };
        let cut_short = |cause: JsValue| {
            self.network_error("the answer stopped before its end", cause, token)
                .with_status(status)
        };
        let text = text
            .map_err(cut_short)?
            .dyn_into::<JsString>()
            .map_err(cut_short)?;
        controller.done = true;
        // Parsed where it is, in JS: a copy into wasm memory and back would cost two UTF-8
        // conversions of the whole body.
        if text.trim().length() > 0 {
            answer.body = match json_parse(&text) {
                Ok(json) => Body::Json(ParsedJson(json)),
                Err(_) => Body::NotJson {
                    content_type: headers.get("content-type"),
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
            .filter(|s| s.aborted())
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
