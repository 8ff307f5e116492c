//! Where the wasm suites find dingtalk-mock: shared by the crate's suites and by
//! `examples/rust-client`'s (which include this file by path).
//!
//! `DINGTALK_MOCK_URL` when it is set at build time (`make test` starts a mock on a free port
//! and sets it), otherwise `make mock`'s address, so `wasm-pack test --node` and
//! `wasm-pack test --headless --chrome` work as typed with `make mock` running.

use std::cell::Cell;

use js_sys::Promise;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// `make mock`'s address.
pub const DEFAULT_MOCK_URL: &str = "http://127.0.0.1:8790";

/// The mock's base URL.
pub fn mock_url() -> &'static str {
    option_env!("DINGTALK_MOCK_URL").unwrap_or(DEFAULT_MOCK_URL)
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_name = fetch)]
    fn fetch_state(url: &str) -> Result<Promise, JsValue>;
}

thread_local! {
    static ANSWERED: Cell<Option<bool>> = const { Cell::new(None) };
}

/// Whether the mock answers, asked once a run. The first case to ask fails with one line that
/// says how to start it; the cases after it return at once, so a missing mock is one failure
/// (the run still fails), not a wall of them. Use it through `require_mock!()`.
pub async fn mock_answers() -> bool {
    if let Some(answered) = ANSWERED.get() {
        return answered;
    }
    let url = format!("{}/__mock/state", mock_url());
    let answered = match fetch_state(&url) {
        Ok(pending) => JsFuture::from(pending).await.is_ok(),
        Err(_) => false,
    };
    ANSWERED.set(Some(answered));
    if !answered {
        panic!(
            "dingtalk-mock is not answering at {}: start it with `make mock` in another terminal, \
             or build the suites with DINGTALK_MOCK_URL=http://127.0.0.1:PORT to use another",
            mock_url()
        );
    }
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
