//! `make bench`'s floor: the least any client on dingtalk-calendar's stack (wasm-bindgen,
//! wasm-bindgen-futures, js-sys, web-sys) does per GET, and nothing more: no argument checks, no
//! retries, no caller's signal, no typed result. Its own cost and cold start show how much of
//! ours the stack itself takes, and so how low a wasm client can go (bench/README.md).
#![deny(missing_docs)]
#![cfg(target_arch = "wasm32")]

use js_sys::{Function, JsString, Promise};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::{AbortController, Headers, RequestInit, RequestRedirect};

#[wasm_bindgen]
extern "C" {
    // Global in every runtime; web-sys binds them only on Window and WorkerGlobalScope.
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    fn json_parse(text: &JsString) -> Result<JsValue, JsValue>;
}

/// GET `url` through `fetch` with the token header, `redirect: "manual"`, a per-attempt timer
/// and an `AbortController`'s signal, as dingtalk-calendar sends it; resolves to the parsed body.
#[wasm_bindgen]
pub fn get(fetch: Function, url: String, token: String) -> Promise {
    future_to_promise(async move {
        let controller = AbortController::new()?;
        let init = RequestInit::new();
        init.set_method("GET");
        init.set_redirect(RequestRedirect::Manual);
        init.set_signal(Some(&controller.signal()));
        let headers = Headers::new()?;
        headers.set("x-acs-dingtalk-access-token", &token)?;
        init.set_headers(&headers);
        let request = web_sys::Request::new_with_str_and_init(&url, &init)?;
        // Cleared before it could fire, as a timeout is after an answer: any function will do.
        let timer = set_timeout(&fetch, 10_000.0);
        let sent = fetch.call1(&JsValue::UNDEFINED, &request)?;
        let response: web_sys::Response =
            JsFuture::from(Promise::resolve(&sent)).await?.dyn_into()?;
        let text: JsString = JsFuture::from(response.text()?).await?.dyn_into()?;
        clear_timeout(&timer);
        json_parse(&text)
    })
}
