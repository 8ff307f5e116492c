//! The mock for the wasm suites: where it is, whether it answers, and its control API. Shared by
//! the crate's suites and by `examples/rust-client`'s, which include this file by path.
//!
//! Its URL is `DINGTALK_MOCK_URL` when that is set at build time (`make test` starts a mock on
//! a free port and sets it), otherwise `make mock`'s address, so `wasm-pack test --node` and
//! `wasm-pack test --headless --chrome` work as typed with `make mock` running.

use std::cell::Cell;

use js_sys::{Array, Object, Promise, Reflect, JSON};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Whether the suite runs in a browser page (rather than Node), where `fetch` is bound by CORS.
pub fn in_a_page() -> bool {
    Reflect::has(&js_sys::global(), &JsValue::from_str("document")).unwrap_or(false)
}

/// `make mock`'s address.
pub const DEFAULT_MOCK_URL: &str = "http://127.0.0.1:8790";

/// The mock's base URL.
pub fn mock_url() -> &'static str {
    option_env!("DINGTALK_MOCK_URL").unwrap_or(DEFAULT_MOCK_URL)
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_name = fetch)]
    fn fetch_url(url: &str, init: &JsValue) -> Result<Promise, JsValue>;
}

thread_local! {
    static ANSWERED: Cell<Option<bool>> = const { Cell::new(None) };
}

/// Whether the mock answers, asked once a run. The first case to ask fails with one line that
/// says how to start it; the cases after it return at once, so a missing mock is one failure
/// (the run still fails), not a wall of them. Used through `require_mock!()`.
pub async fn mock_answers() -> bool {
    if let Some(answered) = ANSWERED.get() {
        return answered;
    }
    let url = format!("{}/__mock/state", mock_url());
    let answered = match fetch_url(&url, &Object::new()) {
        Ok(pending) => JsFuture::from(pending).await.is_ok(),
        Err(_) => false,
    };
    ANSWERED.set(Some(answered));
    assert!(
        answered,
        "dingtalk-mock is not answering at {}: start it with `make mock` in another terminal, \
         or build the suites with DINGTALK_MOCK_URL=http://127.0.0.1:PORT to use another",
        mock_url()
    );
    true
}

/// Ends the case at once when an earlier case already found no mock (see [`mock_answers`]).
macro_rules! require_mock {
    () => {
        if !support::mock_answers().await {
            return;
        }
    };
}
pub(crate) use require_mock;

/// A call to the mock's control API. A body goes as JSON, which the mock takes only from a page
/// of this machine (the test page's origin is loopback), after a preflight.
pub async fn control(method: &str, path: &str, body: Option<&str>) -> JsValue {
    let init = Object::new();
    Reflect::set(&init, &"method".into(), &method.into()).expect("an object");
    if let Some(body) = body {
        Reflect::set(&init, &"body".into(), &body.into()).expect("an object");
        let headers = Object::new();
        Reflect::set(&headers, &"content-type".into(), &"application/json".into())
            .expect("an object");
        Reflect::set(&init, &"headers".into(), &headers).expect("an object");
    }
    let pending = fetch_url(&format!("{}{path}", mock_url()), &init).expect("fetch");
    let response: web_sys::Response = JsFuture::from(pending)
        .await
        .expect("the mock answers")
        .unchecked_into();
    let body = JsFuture::from(response.json().expect("json()"))
        .await
        .expect("a JSON answer");
    assert!(
        response.ok(),
        "control {method} {path}: {}",
        String::from(JSON::stringify(&body).expect("JSON"))
    );
    body
}

/// Puts the mock's data back as it started and empties its journal and fault queue.
pub async fn reset() {
    control("POST", "/__mock/reset", None).await;
}

/// The requests the mock has received since the last reset.
pub async fn journal() -> Vec<JsValue> {
    control("GET", "/__mock/requests", None)
        .await
        .unchecked_into::<Array>()
        .iter()
        .collect()
}
