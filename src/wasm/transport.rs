//! One request through `fetch` (the global one, or the caller's), with a per-attempt timeout and
//! the caller's `AbortSignal` through an `AbortController`; redirects are never followed.
//!
//! The event plumbing lives in `transport.js` beside this file (see its header for why); this
//! side turns what it reports into an [`Answer`] or an [`Error`].

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

use crate::call::{Request, Transport};
use crate::endpoint::Endpoint;
use crate::error::{Error, ErrorKind};
use crate::response::{Answer, Body};
use crate::token::validate_access_token;
use crate::wasm::client::TokenSource;
use crate::wasm::interop::get;

#[wasm_bindgen(module = "/src/wasm/transport.js")]
extern "C" {
    #[wasm_bindgen(js_name = fetchOnce)]
    fn fetch_once(
        custom_fetch: Option<&Function>,
        url: &str,
        method: &str,
        token: &str,
        timeout_ms: u32,
        signal: Option<&AbortSignal>,
    ) -> Promise;

    #[wasm_bindgen(js_name = sleep)]
    fn sleep_for(ms: f64, signal: Option<&AbortSignal>) -> Promise;
}

/// What a [`FetchTransport`] needs from the client and the call.
pub(crate) struct FetchTransport<'a> {
    pub endpoint: Endpoint,
    pub token: &'a TokenSource,
    pub fetch: Option<&'a Function>,
    pub timeout_ms: u32,
    pub signal: Option<&'a AbortSignal>,
}

impl FetchTransport<'_> {
    fn sentence(&self, what: &str) -> String {
        let mut s = String::from(self.endpoint.operation());
        s.push_str(what);
        s
    }

    fn aborted_error(&self) -> Error {
        let error = Error::new(
            ErrorKind::Aborted,
            self.sentence(" was aborted by the caller's AbortSignal"),
        )
        .with_retryable(false);
        match self.signal {
            Some(signal) => error.with_cause(get(signal, "reason")),
            None => error,
        }
    }

    /// The error for a `{ failure, what, cause }` report of `transport.js`.
    fn failure(&self, kind: &str, report: &JsValue) -> Error {
        let cause = get(report, "cause");
        match kind {
            "aborted" => self.aborted_error(),
            "timeout" => {
                let mut message = self.sentence(" timed out after ");
                message.push_str(&crate::text::decimal(u64::from(self.timeout_ms)));
                message.push_str(" ms");
                Error::new(ErrorKind::Timeout, message)
            }
            "auth" => Error::new(
                ErrorKind::Auth,
                "accessToken cannot be sent as a header value",
            )
            .with_retryable(false),
            _ => {
                let mut message = self.sentence(" failed: ");
                message.push_str(&get(report, "what").as_string().unwrap_or_default());
                // The runtime's own words ("fetch failed", "terminated") help; they never hold
                // the token, which is only ever in a header.
                if let Some(detail) = cause
                    .dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
                {
                    if !detail.is_empty() {
                        message.push_str(" (");
                        message.push_str(&detail);
                        message.push(')');
                    }
                }
                let error = Error::new(ErrorKind::Network, message).with_cause(cause);
                match get(report, "status").as_f64() {
                    Some(status) => error.with_status(status as u16),
                    None => error,
                }
            }
        }
    }
}

impl Transport for FetchTransport<'_> {
    type Json = JsValue;

    async fn access_token(&self) -> Result<String, Error> {
        let token = match self.token {
            TokenSource::Fixed(token) => return Ok(token.clone()),
            TokenSource::Provider(provider) => provider().await?,
        };
        validate_access_token(&token, ErrorKind::Auth)?;
        Ok(token)
    }

    async fn send(&self, request: &Request, token: &str) -> Result<Answer<JsValue>, Error> {
        let pending = fetch_once(
            self.fetch,
            &request.url,
            request.method.as_str(),
            token,
            self.timeout_ms,
            self.signal,
        );
        // fetchOnce reports failures in its result; a rejection would be a bug in it.
        let report = JsFuture::from(pending).await.unwrap_or_else(|cause| cause);
        if let Some(kind) = get(&report, "failure").as_string() {
            return Err(self.failure(&kind, &report));
        }
        let status = get(&report, "status").as_f64().unwrap_or(0.0);
        let content_type = get(&report, "contentType").as_string();
        let body = match get(&report, "body").as_string().as_deref() {
            Some("json") => Body::Json(get(&report, "json")),
            Some("text") => Body::NotJson { content_type },
            _ => Body::Empty,
        };
        Ok(Answer {
            // Statuses are 0 to 999; anything else is clamped rather than wrapped.
            status: status.clamp(0.0, 999.0) as u16,
            opaque_redirect: get(&report, "opaqueRedirect").is_truthy(),
            request_id: get(&report, "requestId").as_string(),
            retry_after: get(&report, "retryAfter").as_string(),
            body,
        })
    }

    async fn sleep(&self, ms: u64) -> Result<(), Error> {
        // Waits are capped by RetryPolicy at 10 minutes, so f64 holds them exactly.
        let aborted = JsFuture::from(sleep_for(ms as f64, self.signal)).await;
        match aborted {
            Ok(flag) if flag.is_truthy() => Err(self.aborted_error()),
            _ => Ok(()),
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
}
