//! The example against the real dingtalk-mock over real HTTP, as a user of the crate tests it.

use std::cell::Cell;
use std::rc::Rc;

use dingtalk_calendar::{AccessToken, ErrorKind};
use js_sys::Reflect;
use rust_client_example::Calendars;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

#[path = "../../../../tests/support/mock.rs"]
mod support;
use support::{journal, mock_url, require_mock, reset};

const TOKEN: &str = "demo-access-token";

/// "METHOD /path" for each request the mock received since the last reset.
async fn requests_as_text() -> Vec<String> {
    journal()
        .await
        .iter()
        .map(|entry| {
            let field = |key: &str| {
                Reflect::get(entry, &JsValue::from_str(key))
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default()
            };
            format!("{} {}", field("method"), field("path"))
        })
        .collect()
}

#[wasm_bindgen_test]
async fn reads_a_calendar_title() {
    require_mock!();
    reset().await;
    let alice = Calendars::connect(mock_url(), TOKEN, "user-alice").expect("client");
    let title = alice
        .title("cal-public-holidays")
        .await
        .expect("the calendar");
    assert_eq!(title, "Public Holidays (managed by user-alice, user-bob)");
    assert_eq!(
        requests_as_text().await,
        ["GET /v1.0/calendar/users/user-alice/subscribedCalendars/cal-public-holidays"]
    );
}

#[wasm_bindgen_test]
async fn leaves_a_public_calendar_and_a_refusal_is_false() {
    require_mock!();
    reset().await;
    let carol = Calendars::connect(mock_url(), TOKEN, "user-carol").expect("client");
    assert!(carol
        .leave("cal-public-holidays")
        .await
        .expect("unsubscribed"));
    let erin = Calendars::connect(mock_url(), TOKEN, "user-erin").expect("client");
    assert!(!erin
        .leave("cal-public-holidays")
        .await
        .expect("a refusal, not an error"));
    assert_eq!(
        requests_as_text().await,
        [
            "POST /v1.0/calendar/users/user-carol/calendars/cal-public-holidays/unsubscribe",
            "POST /v1.0/calendar/users/user-erin/calendars/cal-public-holidays/unsubscribe",
        ]
    );
}

#[wasm_bindgen_test]
async fn deletes_a_calendar_its_author_wrote_and_then_it_is_gone() {
    require_mock!();
    reset().await;
    let bob = Calendars::connect(mock_url(), TOKEN, "user-bob").expect("client");
    assert!(bob.delete("cal-sprint-reviews").await.expect("deleted"));
    let err = bob.title("cal-sprint-reviews").await.expect_err("gone");
    assert_eq!((err.kind(), err.status()), (ErrorKind::Api, Some(400)));
    assert!(!err.message().contains(TOKEN), "{}", err.message());
}

#[wasm_bindgen_test]
async fn a_token_function_is_asked_before_every_request_and_a_bad_token_is_an_api_error() {
    require_mock!();
    reset().await;
    let asked = Rc::new(Cell::new(0));
    let counter = asked.clone();
    let token = AccessToken::provider(move |_request| {
        counter.set(counter.get() + 1);
        async { Ok::<_, String>(TOKEN.to_owned()) }
    });
    let alice = Calendars::with_token(mock_url(), token, "user-alice").expect("client");
    alice.title("cal-public-holidays").await.expect("first");
    alice.title("cal-public-holidays").await.expect("second");
    assert_eq!(asked.get(), 2);

    let stranger = Calendars::connect(mock_url(), "not-a-token", "user-alice").expect("client");
    let err = stranger
        .title("cal-public-holidays")
        .await
        .expect_err("refused");
    assert_eq!(err.kind(), ErrorKind::Api);
    assert!(err.code().is_some(), "DingTalk's code: {err}");
}

#[wasm_bindgen_test]
fn bad_settings_are_refused_before_any_request() {
    let err = Calendars::connect("http://example.com", TOKEN, "user-alice").expect_err("http");
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    let err = Calendars::connect(mock_url(), "", "user-alice").expect_err("empty token");
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
}
