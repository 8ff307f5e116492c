//! `?` from `dingtalk_calendar::Error` into workers-rs's `worker::Error` (the `worker` feature),
//! in Node: `wasm-pack test --node . --features worker --test worker_error`.
#![cfg(all(target_arch = "wasm32", feature = "worker"))]

use dingtalk_calendar::{AccessToken, Client, ErrorKind};
use js_sys::Reflect;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

/// A handler's step as a Worker writes it.
fn step(outcome: Result<(), dingtalk_calendar::Error>) -> worker::Result<()> {
    outcome?;
    Ok(())
}

#[wasm_bindgen_test]
fn an_error_goes_into_worker_error_with_question_mark_and_back_to_js_whole() {
    let err = Client::builder(AccessToken::fixed("tok-SECRET-0123456789"))
        .base_url("http://calendar.example")
        .build()
        .expect_err("plain http to a remote host");
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    let message = err.message().to_owned();

    let worker_error = step(Err(err)).expect_err("converted");
    assert!(
        matches!(worker_error, worker::Error::Internal(_)),
        "{worker_error:?}"
    );
    // What workers-rs gives JS when a handler fails: the DingTalkError itself.
    let js = JsValue::from(worker_error);
    let field = |key: &str| Reflect::get(&js, &JsValue::from_str(key)).expect("readable");
    assert_eq!(field("name").as_string().as_deref(), Some("DingTalkError"));
    assert_eq!(
        field("kind").as_string().as_deref(),
        Some("invalidArgument")
    );
    assert_eq!(field("message").as_string(), Some(message));
    let everything = format!("{:?}", js_sys::JSON::stringify(&js));
    assert!(!everything.contains("SECRET"), "{everything}");
}
