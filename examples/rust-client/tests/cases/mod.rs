//! The example against the real dingtalk-mock over real HTTP, as a user of the crate tests it.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use dingtalk_calendar::{AccessToken, Client, ErrorKind, RetryPolicy};
use js_sys::Reflect;
use rust_client_example::Calendars;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

#[path = "../../../../tests/support/mock.rs"]
mod support;
use support::{control, in_a_page, journal, mock_url, require_mock, reset};

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
    // Send + Sync, as AccessToken is (so a Client can go into Leptos context or axum State).
    let asked = Arc::new(AtomicU32::new(0));
    let counter = asked.clone();
    let token = AccessToken::provider(move |_request| {
        counter.fetch_add(1, Ordering::Relaxed);
        async { Ok::<_, String>(TOKEN.to_owned()) }
    });
    let alice = Calendars::with_token(mock_url(), token, "user-alice").expect("client");
    alice.title("cal-public-holidays").await.expect("first");
    alice.title("cal-public-holidays").await.expect("second");
    assert_eq!(asked.load(Ordering::Relaxed), 2);

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

fn send_sync_static<T: Send + Sync + 'static>() {}

/// What `anyhow::Error::from` and `?` into `Box<dyn Error + Send + Sync>` ask of an error.
fn boxed(
    err: dingtalk_calendar::Error,
) -> Result<(), Box<dyn std::error::Error + Send + Sync + 'static>> {
    Err(err)?
}

/// What `?` in a `#[wasm_bindgen]` function returning `Result<_, JsValue>` does.
fn to_js(err: dingtalk_calendar::Error) -> Result<(), JsValue> {
    Err(err)?
}

#[wasm_bindgen_test]
fn the_client_and_its_errors_go_anywhere_rust_values_go() {
    send_sync_static::<dingtalk_calendar::Client>();
    send_sync_static::<dingtalk_calendar::ClientBuilder>();
    send_sync_static::<AccessToken>();
    send_sync_static::<dingtalk_calendar::Error>();
    send_sync_static::<dingtalk_calendar::Call<dingtalk_calendar::SubscribedCalendar>>();

    let err = Calendars::connect("http://example.com", TOKEN, "user-alice").expect_err("http");
    let message = err.message().to_owned();
    let boxed = boxed(err.clone()).expect_err("boxed");
    assert_eq!(boxed.to_string(), message);
    assert!(boxed.downcast_ref::<dingtalk_calendar::Error>().is_some());

    let js = to_js(err).expect_err("a JS error");
    assert!(js.is_instance_of::<js_sys::Error>());
    let field = |key: &str| Reflect::get(&js, &JsValue::from_str(key)).expect("readable");
    assert_eq!(field("name").as_string().as_deref(), Some("DingTalkError"));
    assert_eq!(field("message").as_string(), Some(message));
    assert_eq!(
        field("kind").as_string().as_deref(),
        Some("invalidArgument")
    );
    assert_eq!(field("attempts").as_f64(), Some(0.0));
    assert!(field("status").is_undefined(), "no status before a request");
}

#[wasm_bindgen_test]
async fn a_call_owns_what_it_needs_and_per_call_settings_chain_on_it() {
    require_mock!();
    reset().await;
    let alice = Calendars::connect(mock_url(), TOKEN, "user-alice").expect("client");
    // The ids are gone before the call is awaited: the call holds its own copies.
    let call = {
        let user = String::from("user-alice");
        let calendar = String::from("cal-public-holidays");
        alice.client().get_subscribed_calendar(&user, &calendar)
    };
    let calendar = call.await.expect("the calendar");
    assert_eq!(calendar.calendar_id, "cal-public-holidays");

    // A per-call timeout, below the mock's delay: both attempts (the example retries once)
    // time out, in the Rust API's words.
    let slow = r#"{ "method": "GET", "delayMs": 3000, "times": 2 }"#;
    control("POST", "/__mock/faults", Some(slow)).await;
    let signal = web_sys::AbortController::new()
        .expect("controller")
        .signal();
    let err = alice
        .title_within("cal-public-holidays", Duration::from_millis(150), &signal)
        .await
        .expect_err("timed out");
    assert_eq!(
        (err.kind(), err.attempts()),
        (ErrorKind::Timeout, 2),
        "{err}"
    );
    assert_eq!(
        err.message(),
        "get_subscribed_calendar timed out after 150 ms"
    );
    reset().await;

    // An aborted signal sends nothing.
    let controller = web_sys::AbortController::new().expect("controller");
    controller.abort();
    let err = alice
        .title_within(
            "cal-public-holidays",
            Duration::from_secs(5),
            &controller.signal(),
        )
        .await
        .expect_err("aborted");
    assert_eq!(
        (err.kind(), err.attempts()),
        (ErrorKind::Aborted, 0),
        "{err}"
    );
    assert!(
        err.message()
            .starts_with("get_subscribed_calendar was aborted"),
        "{err}"
    );
    assert!(requests_as_text().await.is_empty(), "nothing was sent");
}

#[wasm_bindgen_test]
async fn errors_name_what_a_rust_caller_wrote() {
    let zero = Client::builder(AccessToken::fixed(TOKEN))
        .timeout(Duration::ZERO)
        .build()
        .expect_err("no zero timeout");
    assert!(
        zero.message().starts_with("ClientBuilder::timeout must be"),
        "{zero}"
    );
    let retries = Client::builder(AccessToken::fixed(TOKEN))
        .retry(RetryPolicy::default().max_retries(11))
        .build()
        .expect_err("too many retries");
    assert_eq!(
        retries.message(),
        "RetryPolicy::max_retries must be at most 10"
    );
    let url = Client::builder(AccessToken::fixed(TOKEN))
        .base_url("ftp://calendar.example")
        .build()
        .expect_err("not http");
    assert!(
        url.message().starts_with("ClientBuilder::base_url "),
        "{url}"
    );
    let token = Client::builder(AccessToken::fixed(" "))
        .build()
        .expect_err("blank token");
    assert!(token.message().starts_with("the access token "), "{token}");

    let client = Client::builder(AccessToken::fixed(TOKEN))
        .base_url(mock_url())
        .build()
        .expect("client");
    let blank = client
        .get_subscribed_calendar(" ", "cal-public-holidays")
        .await
        .expect_err("a blank id");
    assert_eq!(blank.message(), "user_id must not be blank");
    let long = client
        .delete_subscribed_calendar("user-bob", "c".repeat(300))
        .await
        .expect_err("a long id");
    assert!(long.message().starts_with("calendar_id "), "{long}");
    let call_timeout = client
        .unsubscribe_calendar("user-carol", "cal-public-holidays")
        .timeout(Duration::from_secs(30 * 24 * 3600))
        .await
        .expect_err("a month");
    assert!(
        call_timeout.message().starts_with("Call::timeout must be"),
        "{call_timeout}"
    );
    for err in [zero, retries, url, token, blank, long, call_timeout] {
        assert_eq!(err.kind(), ErrorKind::InvalidArgument);
        for js_name in [
            "timeoutMs",
            "maxRetries",
            "baseUrl",
            "accessToken",
            "userId",
            "calendarId",
        ] {
            assert!(!err.message().contains(js_name), "{err}");
        }
    }
}

#[wasm_bindgen_test]
async fn a_client_of_its_own_and_a_token_functions_error_as_its_source() {
    require_mock!();
    reset().await;
    let client = Client::builder(AccessToken::fixed(TOKEN))
        .base_url(mock_url())
        .build()
        .expect("client");
    let cal = client
        .get_subscribed_calendar("user-alice", "cal-public-holidays")
        .await
        .expect("calendar");
    assert_eq!(cal.name.as_deref(), Some("Public Holidays"));
    let err = client
        .unsubscribe_calendar("user-erin", "cal-public-holidays")
        .await
        .expect_err("outside the scope");
    assert_eq!(
        (err.kind(), err.status(), err.code()),
        (ErrorKind::Api, Some(400), Some("permissionDenied"))
    );
    let provider = Client::builder(AccessToken::provider(|_| async {
        Err::<String, _>("no token today")
    }))
    .base_url(mock_url())
    .build()
    .expect("client");
    let err = provider
        .get_subscribed_calendar("user-alice", "cal-public-holidays")
        .await
        .expect_err("the provider fails");
    assert_eq!(err.kind(), ErrorKind::Auth);
    let source = std::error::Error::source(&err).expect("the provider's error as the source");
    assert_eq!(source.to_string(), "no token today");
}

#[wasm_bindgen_test]
async fn a_calendar_is_created_renamed_and_joined_where_a_body_can_go() {
    require_mock!();
    reset().await;
    let alice = Calendars::connect(mock_url(), TOKEN, "user-alice").expect("client");
    let bob = Calendars::connect(mock_url(), TOKEN, "user-bob").expect("client");
    if in_a_page() {
        // DingTalk's CORS policy refuses the JSON body before it is sent; the error says so.
        let err = alice
            .create("Release train", "ding-corp-acme")
            .await
            .expect_err("refused by the preflight");
        assert_eq!(err.kind(), ErrorKind::Network);
        assert!(err.message().contains("CORS"), "{err}");
        assert!(
            err.message()
                .starts_with("create_subscribed_calendar failed"),
            "{err}"
        );
        assert_eq!(requests_as_text().await, Vec::<String>::new());
        // Subscribing has no body: it works from a page.
        assert!(alice.join("cal-sprint-reviews").await.expect("joined"));
        return;
    }
    let id = alice
        .create("Release train", "ding-corp-acme")
        .await
        .expect("created");
    assert!(
        bob.rename(&id, "Release train (weekly)").await.is_err(),
        "bob is no manager"
    );
    assert!(alice
        .rename(&id, "Release train (weekly)")
        .await
        .expect("renamed"));
    assert_eq!(
        alice.title(&id).await.expect("title"),
        "Release train (weekly)"
    );
    assert!(
        bob.join(&id).await.expect("joined"),
        "bob is in ding-corp-acme"
    );
    let erin = Calendars::connect(mock_url(), TOKEN, "user-erin").expect("client");
    assert!(
        !erin.join(&id).await.expect("an answer"),
        "erin is outside the scope"
    );
    assert_eq!(
        requests_as_text().await,
        [
            "POST /v1.0/calendar/users/user-alice/subscribedCalendars".to_owned(),
            format!("PUT /v1.0/calendar/users/user-bob/subscribedCalendars/{id}"),
            format!("PUT /v1.0/calendar/users/user-alice/subscribedCalendars/{id}"),
            format!("GET /v1.0/calendar/users/user-alice/subscribedCalendars/{id}"),
            format!("POST /v1.0/calendar/users/user-bob/calendars/{id}/subscribe"),
            format!("POST /v1.0/calendar/users/user-erin/calendars/{id}/subscribe"),
        ]
    );
}
