//! The native client (`--features native`) against the real mock, started in-process on a free
//! loopback port for each test: the three calls, a timeout, a retry on 429, a refused token
//! refreshed, a redirect refused, and the bounds a server, an axum handler and anyhow put on it.
#![cfg(all(feature = "native", not(target_arch = "wasm32")))]

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use dingtalk_calendar::{
    AccessToken, Call, CallFuture, Client, ClientBuilder, Error, ErrorKind, RetryPolicy,
    SubscribedCalendar,
};
use dingtalk_mock::{RunningMock, SeedData};
use serde_json::Value;

const TOKEN: &str = "demo-access-token";

async fn mock() -> RunningMock {
    RunningMock::start(
        SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
        SeedData::builtin(),
    )
    .await
    .expect("the mock binds a loopback port")
}

fn client(mock: &RunningMock) -> ClientBuilder {
    Client::builder(AccessToken::fixed(TOKEN)).base_url(mock.base_url())
}

/// A request to the mock's control API, over plain reqwest.
async fn control(
    mock: &RunningMock,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> Value {
    let mut request = reqwest::Client::new().request(method, format!("{}{path}", mock.base_url()));
    if let Some(body) = body {
        request = request
            .header("content-type", "application/json")
            .body(body.to_string());
    }
    let text = request
        .send()
        .await
        .expect("control request")
        .text()
        .await
        .expect("body");
    serde_json::from_str(&text).expect("the control API answers JSON")
}

async fn fault(mock: &RunningMock, fault: Value) {
    control(mock, reqwest::Method::POST, "/__mock/faults", Some(fault)).await;
}

/// "METHOD path" of every request the mock received, in order.
async fn journal(mock: &RunningMock) -> Vec<String> {
    let entries = control(mock, reqwest::Method::GET, "/__mock/requests", None).await;
    entries
        .as_array()
        .expect("an array")
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                e["method"].as_str().unwrap_or("?"),
                e["path"].as_str().unwrap_or("?")
            )
        })
        .collect()
}

const HOLIDAYS: &str = "/v1.0/calendar/users/user-alice/subscribedCalendars/cal-public-holidays";

#[tokio::test]
async fn the_three_calls_over_loopback() {
    let mock = mock().await;
    let client = client(&mock).build().expect("client");

    let calendar = client
        .get_subscribed_calendar("user-alice", "cal-public-holidays")
        .await
        .expect("the calendar");
    assert_eq!(calendar.calendar_id, "cal-public-holidays");
    assert_eq!(calendar.name.as_deref(), Some("Public Holidays"));

    let left = client
        .unsubscribe_calendar("user-carol", "cal-public-holidays")
        .await
        .expect("unsubscribed");
    assert!(left.result);

    let deleted = client
        .delete_subscribed_calendar("user-bob", "cal-sprint-reviews")
        .await
        .expect("deleted");
    assert!(deleted.result);
    let gone = client
        .get_subscribed_calendar("user-bob", "cal-sprint-reviews")
        .await
        .expect_err("deleted calendars are gone");
    assert_eq!(
        (gone.kind(), gone.status()),
        (ErrorKind::Api, Some(400)),
        "{gone}"
    );
    assert!(gone.request_id().is_some(), "the mock's request id: {gone}");

    // An id is one path segment, encoded once; a blank one sends nothing.
    let err = client
        .get_subscribed_calendar("user-alice", "a/b")
        .await
        .expect_err("no such calendar");
    assert_eq!(err.kind(), ErrorKind::Api);
    let err = client
        .get_subscribed_calendar("user-alice", " ")
        .await
        .expect_err("blank");
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert_eq!(err.message(), "calendar_id must not be blank");
    assert_eq!(
        journal(&mock).await,
        [
            format!("GET {HOLIDAYS}"),
            "POST /v1.0/calendar/users/user-carol/calendars/cal-public-holidays/unsubscribe".into(),
            "DELETE /v1.0/calendar/users/user-bob/subscribedCalendars/cal-sprint-reviews".into(),
            "GET /v1.0/calendar/users/user-bob/subscribedCalendars/cal-sprint-reviews".into(),
            "GET /v1.0/calendar/users/user-alice/subscribedCalendars/a%2Fb".into(),
        ]
    );
}

#[tokio::test]
async fn an_attempt_past_its_timeout_fails_in_rust_words() {
    let mock = mock().await;
    fault(
        &mock,
        serde_json::json!({ "method": "GET", "delayMs": 3000, "times": 2 }),
    )
    .await;
    let client = client(&mock)
        .retry(RetryPolicy::disabled())
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client");
    let err = client
        .get_subscribed_calendar("user-alice", "cal-public-holidays")
        .timeout(Duration::from_millis(150))
        .await
        .expect_err("timed out");
    assert_eq!(
        (err.kind(), err.attempts()),
        (ErrorKind::Timeout, 1),
        "{err}"
    );
    assert_eq!(
        err.message(),
        "get_subscribed_calendar timed out after 150 ms"
    );
}

#[tokio::test]
async fn a_throttled_call_is_retried_after_what_retry_after_asks() {
    let mock = mock().await;
    fault(
        &mock,
        serde_json::json!({
            "method": "GET", "status": 429, "code": "Throttling", "message": "slow down",
            "retryAfter": "0", "times": 1
        }),
    )
    .await;
    let client = client(&mock)
        .retry(RetryPolicy::default().base_delay(Duration::from_millis(10)))
        .build()
        .expect("client");
    let calendar = client
        .get_subscribed_calendar("user-alice", "cal-public-holidays")
        .await
        .expect("the second attempt");
    assert_eq!(calendar.calendar_id, "cal-public-holidays");
    assert_eq!(
        journal(&mock).await,
        [format!("GET {HOLIDAYS}"), format!("GET {HOLIDAYS}")]
    );

    // With retries off, the 429 is the answer.
    fault(
        &mock,
        serde_json::json!({ "method": "GET", "status": 429, "retryAfter": "7" }),
    )
    .await;
    let once = client_without_retries(&mock)
        .get_subscribed_calendar("user-alice", "cal-public-holidays")
        .await
        .expect_err("throttled");
    assert_eq!(
        (once.kind(), once.retry_after()),
        (ErrorKind::Throttled, Some(Duration::from_secs(7)))
    );
}

fn client_without_retries(mock: &RunningMock) -> Client {
    client(mock)
        .retry(RetryPolicy::disabled())
        .build()
        .expect("client")
}

#[tokio::test]
async fn a_refused_token_is_refreshed_once_and_the_request_sent_again() {
    let mock = mock().await;
    let asked = Arc::new(AtomicU32::new(0));
    let counter = Arc::clone(&asked);
    let token = AccessToken::provider(move |request| {
        counter.fetch_add(1, Ordering::Relaxed);
        async move {
            // A stale token first; the real one once DingTalk refused it.
            Ok::<_, std::io::Error>(
                if request.refresh {
                    TOKEN
                } else {
                    "stale-token"
                }
                .to_owned(),
            )
        }
    });
    let client = Client::builder(token)
        .base_url(mock.base_url())
        .build()
        .expect("client");
    let calendar = client
        .get_subscribed_calendar("user-alice", "cal-public-holidays")
        .await
        .expect("refreshed");
    assert_eq!(calendar.calendar_id, "cal-public-holidays");
    assert_eq!(asked.load(Ordering::Relaxed), 2);
    assert_eq!(journal(&mock).await.len(), 2);

    // A provider's error is the call's source, the call an auth error.
    let failing = AccessToken::provider(|_| async {
        Err::<String, _>(std::io::Error::other("the vault is sealed"))
    });
    let err = Client::builder(failing)
        .base_url(mock.base_url())
        .retry(RetryPolicy::disabled())
        .build()
        .expect("client")
        .get_subscribed_calendar("user-alice", "cal-public-holidays")
        .await
        .expect_err("no token");
    assert_eq!(err.kind(), ErrorKind::Auth);
    let source = std::error::Error::source(&err).expect("the provider's error");
    assert_eq!(source.to_string(), "the vault is sealed");
}

#[tokio::test]
async fn a_redirect_is_refused_and_not_followed_and_the_token_never_in_an_error() {
    let mock = mock().await;
    let elsewhere = format!("{}/elsewhere", mock.base_url());
    fault(
        &mock,
        serde_json::json!({ "method": "GET", "action": "redirect", "location": elsewhere }),
    )
    .await;
    let err = client_without_retries(&mock)
        .get_subscribed_calendar("user-alice", "cal-public-holidays")
        .await
        .expect_err("refused");
    assert_eq!(err.kind(), ErrorKind::Network, "{err}");
    assert_eq!(journal(&mock).await, [format!("GET {HOLIDAYS}")]);

    // A port nothing listens on: a network error whose words and source hold no token.
    let closed = {
        let listener = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind");
        listener.local_addr().expect("addr")
    };
    let err = Client::builder(AccessToken::fixed(TOKEN))
        .base_url(format!("http://{closed}"))
        .retry(RetryPolicy::disabled())
        .build()
        .expect("client")
        .get_subscribed_calendar("user-alice", "cal-public-holidays")
        .await
        .expect_err("refused");
    assert_eq!(err.kind(), ErrorKind::Network);
    assert!(
        err.message()
            .starts_with("get_subscribed_calendar failed: the request did not complete ("),
        "{err}"
    );
    let everything = format!("{err:?} {:?}", std::error::Error::source(&err));
    assert!(!everything.contains(TOKEN), "{everything}");
}

#[tokio::test]
async fn a_call_is_send_for_tokio_spawn_and_its_error_goes_into_anyhow() {
    fn send_sync_static<T: Send + Sync + 'static>() {}
    fn send_static<T: Send + 'static>() {}
    send_sync_static::<Client>();
    send_sync_static::<ClientBuilder>();
    send_sync_static::<AccessToken>();
    send_sync_static::<Error>();
    send_static::<Call<SubscribedCalendar>>();
    send_static::<CallFuture<SubscribedCalendar>>();

    let mock = mock().await;
    let client = client(&mock).build().expect("client");
    // As an axum handler or a Leptos server function would: on another task.
    let shared = client.clone();
    let title = tokio::spawn(async move {
        shared
            .get_subscribed_calendar("user-alice", "cal-public-holidays")
            .await
            .map(|calendar| calendar.name)
    })
    .await
    .expect("the task")
    .expect("the calendar");
    assert_eq!(title.as_deref(), Some("Public Holidays"));

    async fn with_anyhow(client: &Client) -> anyhow::Result<String> {
        let calendar = client.get_subscribed_calendar("user-alice", "nope").await?;
        Ok(calendar.calendar_id)
    }
    let err = with_anyhow(&client).await.expect_err("no such calendar");
    let ours = err
        .downcast_ref::<Error>()
        .expect("our error inside anyhow's");
    assert_eq!(ours.kind(), ErrorKind::Api);
}

#[tokio::test]
async fn a_bad_base_url_or_timeout_is_refused_at_build_in_rust_words() {
    let err = Client::builder(AccessToken::fixed(TOKEN))
        .base_url("http://999.1.1.1")
        .build()
        .expect_err("not a URL reqwest takes");
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert!(
        err.message().starts_with("ClientBuilder::base_url"),
        "{err}"
    );
    let err = Client::builder(AccessToken::fixed(TOKEN))
        .timeout(Duration::ZERO)
        .build()
        .expect_err("zero");
    assert!(err.message().starts_with("ClientBuilder::timeout"), "{err}");
}

// What README-rust.md shows, as it is there: a client in axum's `State`, a call awaited in a
// handler (axum takes only `Send` handler futures), its error mapped to a status.
#[path = "support/axum_handler.rs"]
mod axum_handler;

#[tokio::test]
async fn a_client_in_axum_state_serves_a_handler() {
    let mock = mock().await;
    let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .await
        .expect("bind");
    let app = format!("http://{}", listener.local_addr().expect("addr"));
    let router = axum_handler::router(client(&mock).build().expect("client"));
    let server = tokio::spawn(async move { axum::serve(listener, router).await });

    let answer = reqwest::get(format!("{app}/calendars/user-alice/cal-public-holidays"))
        .await
        .expect("the app answers");
    assert_eq!(answer.status().as_u16(), 200);
    assert_eq!(answer.text().await.expect("body"), "Public Holidays");
    let missing = reqwest::get(format!("{app}/calendars/user-alice/nope"))
        .await
        .expect("the app answers");
    assert_eq!(missing.status().as_u16(), 404);
    server.abort();
}

#[test]
fn the_rust_readme_shows_the_handler_and_the_worker_as_they_are_tested() {
    let readme = include_str!("../README-rust.md");
    assert!(
        readme.contains(include_str!("support/axum_handler.rs")),
        "README-rust.md does not show tests/support/axum_handler.rs as it is"
    );
    let worker = include_str!("../examples/workers-rs/src/lib.rs");
    let start = worker
        .find("#[event(fetch)]")
        .expect("the Worker's fetch handler");
    let end = start + worker[start..].find("\n}\n").expect("its end") + 3;
    assert!(
        readme.contains(&worker[start..end]),
        "README-rust.md does not show examples/workers-rs/src/lib.rs's fetch handler as it is"
    );
    // examples/rust-client's methods, from `with_token` to `title_within`, out of their `impl`.
    let example = include_str!("../examples/rust-client/src/lib.rs");
    let start = example
        .find("        /// The same with any [`AccessToken`]")
        .expect("with_token");
    let end = example
        .find("        /// The client, for a caller")
        .expect("client");
    let shown: String = example[start..end]
        .trim_end()
        .lines()
        .map(|line| format!("{}\n", line.strip_prefix("        ").unwrap_or(line)))
        .collect();
    assert!(
        readme.contains(&format!("```rust\n{shown}```")),
        "README-rust.md does not show examples/rust-client/src/lib.rs's Calendars as it is"
    );
}

#[tokio::test]
async fn a_calendar_from_birth_to_deletion() {
    use dingtalk_calendar::{NewSubscribedCalendar, SubscribeScope, SubscribedCalendarUpdate};
    let mock = mock().await;
    let client = client(&mock).build().expect("client");
    let scope = SubscribeScope {
        corp_ids: Some(vec!["ding-corp-acme".into()]),
        ..Default::default()
    };
    let created = client
        .create_subscribed_calendar(
            "user-alice",
            NewSubscribedCalendar::new("Release train", scope).managers(["user-bob"]),
        )
        .await
        .expect("created");
    let id = created.calendar_id;
    let updated = client
        .update_subscribed_calendar(
            "user-bob",
            &id,
            SubscribedCalendarUpdate::default().description("Every other Tuesday"),
        )
        .await
        .expect("updated");
    assert!(updated.result);
    let calendar = client
        .get_subscribed_calendar("user-alice", &id)
        .await
        .expect("read");
    assert_eq!(calendar.description.as_deref(), Some("Every other Tuesday"));
    client
        .subscribe_calendar("user-bob", &id)
        .await
        .expect("subscribed");
    client
        .unsubscribe_calendar("user-bob", &id)
        .await
        .expect("left");
    client
        .delete_subscribed_calendar("user-alice", &id)
        .await
        .expect("deleted");

    // Only the fields given went, as JSON; a bad body is refused in Rust's words, nothing sent.
    let entries = control(&mock, reqwest::Method::GET, "/__mock/requests", None).await;
    assert_eq!(
        entries[1]["body"],
        serde_json::json!({ "description": "Every other Tuesday" })
    );
    assert!(entries[0]["headers"]
        .as_array()
        .expect("headers")
        .contains(&Value::from("content-type")));
    let err = client
        .update_subscribed_calendar("user-bob", &id, SubscribedCalendarUpdate::default())
        .await
        .expect_err("nothing to change");
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert!(
        err.message()
            .starts_with("SubscribedCalendarUpdate must change"),
        "{err}"
    );
    let err = client
        .create_subscribed_calendar(
            "user-alice",
            NewSubscribedCalendar::new(" ", SubscribeScope::default()),
        )
        .await
        .expect_err("blank");
    assert_eq!(
        err.message(),
        "NewSubscribedCalendar::name must not be blank"
    );
    assert_eq!(
        journal(&mock).await.len(),
        6,
        "the two refused bodies sent nothing"
    );
}

#[tokio::test]
async fn a_create_is_never_sent_twice_after_an_unclear_failure_an_update_is() {
    use dingtalk_calendar::{NewSubscribedCalendar, SubscribeScope, SubscribedCalendarUpdate};
    let mock = mock().await;
    let client = client(&mock)
        .retry(RetryPolicy::default().base_delay(Duration::from_millis(1)))
        .build()
        .expect("client");
    fault(&mock, serde_json::json!({ "status": 503, "times": 2 })).await;
    let scope = SubscribeScope {
        corp_ids: Some(vec!["ding-corp-acme".into()]),
        ..Default::default()
    };
    let err = client
        .create_subscribed_calendar("user-alice", NewSubscribedCalendar::new("x", scope))
        .await
        .expect_err("503");
    assert_eq!((err.status(), err.attempts()), (Some(503), 1));
    let updated = client
        .update_subscribed_calendar(
            "user-alice",
            "cal-public-holidays",
            SubscribedCalendarUpdate::default().name("Holidays"),
        )
        .await
        .expect("the second attempt");
    assert!(updated.result);
    assert_eq!(journal(&mock).await.len(), 3);
}
