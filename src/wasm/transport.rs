//! One request through `fetch`, with a per-attempt timeout and the caller's `AbortSignal`, both
//! through an `AbortController`; redirects are never followed.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Function, JsString, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, AbortSignal, Headers, RequestInit, RequestRedirect, Response, ResponseType,
};

use crate::call::{Request, Transport};
use crate::endpoint::Endpoint;
use crate::error::{Error, ErrorKind};
use crate::response::{Answer, Body};
use crate::token::{validate_access_token, TOKEN_HEADER};
use crate::wasm::client::TokenSource;

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    // The global `fetch`, `setTimeout` and `clearTimeout`, not `window.*`: there is no `window`
    // in Node, Workers, Web Workers or Deno, and a bare call keeps `this` right in workerd.
    #[wasm_bindgen(catch, js_name = fetch)]
    fn global_fetch(request: &web_sys::Request) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: i32) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
    // Takes the JS string as it is, so the body is never copied into Rust memory and back.
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    fn json_parse(text: &JsValue) -> Result<JsValue, JsValue>;
}

/// What a [`FetchTransport`] needs from the client and the call.
pub(crate) struct FetchTransport<'a> {
    pub endpoint: Endpoint,
    pub token: &'a TokenSource,
    pub fetch: Option<&'a Function>,
    pub timeout_ms: u32,
    pub signal: Option<&'a AbortSignal>,
}

/// Why an [`Interrupt`] fired.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fired {
    Timeout,
    Aborted,
}

/// Fires once, when `ms` have passed or the caller's signal aborts, whichever comes first: it
/// aborts `controller` (cancelling the fetch) and resolves `promise`. Dropping it clears the
/// timer and removes the listener, so nothing outlives the call.
struct Interrupt {
    promise: Promise,
    fired: Rc<Cell<Option<Fired>>>,
    timer: Option<(JsValue, Closure<dyn FnMut()>)>,
    listener: Option<(AbortSignal, Closure<dyn FnMut()>)>,
}

impl Interrupt {
    fn new(
        ms: u64,
        signal: Option<&AbortSignal>,
        controller: Option<&AbortController>,
    ) -> Interrupt {
        let mut resolve: Option<Function> = None;
        let promise = Promise::new(&mut |res, _rej| resolve = Some(res));
        let fired = Rc::new(Cell::new(None));
        let fire = {
            let fired = fired.clone();
            let controller = controller.cloned();
            move |why: Fired| {
                if fired.get().is_none() {
                    fired.set(Some(why));
                    if let Some(c) = &controller {
                        c.abort();
                    }
                    if let Some(resolve) = &resolve {
                        let _ = resolve.call0(&JsValue::UNDEFINED);
                    }
                }
            }
        };
        let fire = Rc::new(fire);
        let mut interrupt = Interrupt {
            promise,
            fired,
            timer: None,
            listener: None,
        };
        if let Some(signal) = signal {
            let on_abort = fire.clone();
            let closure: Closure<dyn FnMut()> = Closure::new(move || on_abort(Fired::Aborted));
            if signal.aborted() {
                fire(Fired::Aborted);
            } else if signal
                .add_event_listener_with_callback("abort", closure.as_ref().unchecked_ref())
                .is_ok()
            {
                interrupt.listener = Some((signal.clone(), closure));
            }
        }
        let on_time = fire.clone();
        let closure: Closure<dyn FnMut()> = Closure::new(move || on_time(Fired::Timeout));
        // setTimeout takes a 32-bit delay; longer ones are refused when options are read.
        let ms = i32::try_from(ms).unwrap_or(i32::MAX);
        let id = set_timeout(closure.as_ref().unchecked_ref(), ms);
        interrupt.timer = Some((id, closure));
        interrupt
    }

    /// Waits for `work` or the interrupt, whichever settles first.
    async fn race(&self, work: Promise) -> Result<JsValue, JsValue> {
        let both = js_sys::Array::of2(&work, &self.promise);
        JsFuture::from(Promise::race(&both)).await
    }

    fn fired(&self) -> Option<Fired> {
        self.fired.get()
    }
}

impl Drop for Interrupt {
    fn drop(&mut self) {
        if let Some((id, _closure)) = self.timer.take() {
            clear_timeout(&id);
        }
        if let Some((signal, closure)) = self.listener.take() {
            let _ = signal
                .remove_event_listener_with_callback("abort", closure.as_ref().unchecked_ref());
        }
    }
}

impl FetchTransport<'_> {
    fn aborted_error(&self) -> Error {
        let error = Error::new(
            ErrorKind::Aborted,
            format!(
                "{} was aborted by the caller's AbortSignal",
                self.endpoint.operation()
            ),
        )
        .with_retryable(false);
        match self
            .signal
            .and_then(|s| Reflect::get(s, &JsValue::from_str("reason")).ok())
        {
            Some(reason) => error.with_cause(reason),
            None => error,
        }
    }

    fn interrupted(&self, fired: Fired) -> Error {
        match fired {
            Fired::Aborted => self.aborted_error(),
            Fired::Timeout => Error::new(
                ErrorKind::Timeout,
                format!(
                    "{} timed out after {} ms",
                    self.endpoint.operation(),
                    self.timeout_ms
                ),
            ),
        }
    }

    fn network(&self, what: &str, cause: JsValue) -> Error {
        let detail = cause
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .filter(|m| !m.is_empty())
            .map(|m| format!(" ({m})"))
            .unwrap_or_default();
        Error::new(
            ErrorKind::Network,
            format!("{} failed: {what}{detail}", self.endpoint.operation()),
        )
        .with_cause(cause)
    }

    fn build_request(
        &self,
        request: &Request,
        token: &str,
        signal: &AbortSignal,
    ) -> Result<web_sys::Request, Error> {
        // Exactly one header: anything else (Content-Type, a custom User-Agent) would fail
        // DingTalk's CORS preflight in a browser.
        let headers = Headers::new().map_err(|e| self.network("cannot create Headers", e))?;
        headers
            .set(TOKEN_HEADER, token)
            // The runtime's message would quote the value; ours never does.
            .map_err(|_| {
                Error::new(
                    ErrorKind::Auth,
                    "accessToken cannot be sent as a header value",
                )
                .with_retryable(false)
            })?;
        let init = RequestInit::new();
        init.set_method(request.method.as_str());
        init.set_headers(&headers);
        init.set_signal(Some(signal));
        init.set_redirect(RequestRedirect::Manual);
        web_sys::Request::new_with_str_and_init(&request.url, &init).map_err(|e| {
            self.network("cannot create the Request", e)
                .with_retryable(false)
        })
    }
}

/// Reads `name` from a Response's headers, if the runtime lets us (CORS may hide it).
fn header(headers: &Headers, name: &str) -> Option<String> {
    headers.get(name).ok().flatten().filter(|v| !v.is_empty())
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
        let controller = AbortController::new()
            .map_err(|e| self.network("cannot create an AbortController", e))?;
        let js_request = self.build_request(request, token, &controller.signal())?;
        let interrupt = Interrupt::new(u64::from(self.timeout_ms), self.signal, Some(&controller));
        if let Some(fired) = interrupt.fired() {
            return Err(self.interrupted(fired));
        }
        let started = match self.fetch {
            None => global_fetch(&js_request),
            Some(fetch) => fetch
                .call1(&JsValue::UNDEFINED, &js_request)
                .map(|v| Promise::resolve(&v)),
        };
        let pending = started.map_err(|e| self.network("fetch threw", e))?;
        let settled = interrupt.race(pending).await;
        if let Some(fired) = interrupt.fired() {
            return Err(self.interrupted(fired));
        }
        let value = settled.map_err(|e| self.network("the request did not complete", e))?;
        let is_response = value.is_object()
            && Reflect::get(&value, &JsValue::from_str("status"))
                .is_ok_and(|s| s.as_f64().is_some());
        if !is_response {
            return Err(self
                .network("fetch did not resolve to a Response", JsValue::UNDEFINED)
                .with_retryable(false));
        }
        // Duck-typed on purpose: a caller's fetch may return another realm's or a polyfill's Response.
        let response: Response = value.unchecked_into();
        let status = response.status();
        let headers = response.headers();
        let opaque_redirect = response.type_() == ResponseType::Opaqueredirect;
        let mut answer = Answer {
            status,
            opaque_redirect,
            request_id: header(&headers, "x-acs-request-id"),
            retry_after: header(&headers, "retry-after"),
            body: Body::Empty,
        };
        if opaque_redirect || (300..400).contains(&status) {
            return Ok(answer);
        }
        let text_promise = response
            .text()
            .map_err(|e| self.network("cannot read the answer", e))?;
        let text = interrupt.race(text_promise).await;
        if let Some(fired) = interrupt.fired() {
            return Err(self.interrupted(fired));
        }
        let text = text.map_err(|e| {
            self.network("the answer stopped before its end", e)
                .with_status(status)
        })?;
        let blank = text
            .dyn_ref::<JsString>()
            .is_none_or(|t| t.trim().length() == 0);
        answer.body = if blank {
            Body::Empty
        } else {
            match json_parse(&text) {
                Ok(json) => Body::Json(json),
                Err(_) => Body::NotJson {
                    content_type: header(&headers, "content-type"),
                },
            }
        };
        Ok(answer)
    }

    async fn sleep(&self, ms: u64) -> Result<(), Error> {
        let interrupt = Interrupt::new(ms, self.signal, None);
        let _ = JsFuture::from(interrupt.promise.clone()).await;
        match interrupt.fired() {
            Some(Fired::Aborted) => Err(self.aborted_error()),
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
