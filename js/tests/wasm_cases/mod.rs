//! The network cases, shared by the Node suite (`tests/node.rs`) and the browser suite
//! (`tests/browser.rs`, run in Chromium, Firefox and WebKit). They drive `CalendarClient` the way
//! JS does, against the real `dingtalk-mock` over real HTTP (its URL: `support/mock.rs`). In a
//! browser the test page and the mock are two origins, so every call also has to pass
//! DingTalk's CORS policy.

use dingtalk_calendar_js::CalendarClient;
use js_sys::{Array, Function, Object, Promise, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

const TOKEN: &str = "demo-access-token";

mod fault_matrix;
mod hostile;
mod lifecycle;
#[path = "../../../tests/support/mock.rs"]
mod support;
use support::{control, in_a_page, journal, mock_url as mock, require_mock, reset};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn schedule_timeout(handler: &Function, ms: f64) -> JsValue;
}

// ---- helpers ---------------------------------------------------------------------------------

fn json(text: &str) -> JsValue {
    JSON::parse(text).expect("test JSON")
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).expect("readable property")
}

fn has(value: &JsValue, key: &str) -> bool {
    Reflect::has(value, &JsValue::from_str(key)).expect("an object")
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    Reflect::set(target, &JsValue::from_str(key), value).expect("settable property");
}

fn string(value: &JsValue, key: &str) -> String {
    get(value, key)
        .as_string()
        .unwrap_or_else(|| panic!("`{key}` is not a string"))
}

async fn fault(spec: &str) {
    control("POST", "/__mock/faults", Some(spec)).await;
}

/// Options for the mock: the demo token and the mock's URL, plus `extra` (a JSON object).
fn options(extra: &str) -> JsValue {
    let opts = json(extra);
    if !has(&opts, "accessToken") {
        set(&opts, "accessToken", &JsValue::from_str(TOKEN));
    }
    if !has(&opts, "baseUrl") {
        set(&opts, "baseUrl", &JsValue::from_str(mock()));
    }
    opts
}

fn client(extra: &str) -> CalendarClient {
    CalendarClient::new(options(extra)).unwrap_or_else(|e| panic!("client: {:?}", e))
}

/// A client whose `accessToken` is the JS value `token` (a function, say), plus `extra`.
fn client_with_token(token: &JsValue, extra: &str) -> CalendarClient {
    let opts = options(extra);
    set(&opts, "accessToken", token);
    CalendarClient::new(opts).expect("client")
}

fn js(s: &str) -> JsValue {
    JsValue::from_str(s)
}

async fn settle(promise: Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(promise).await
}

async fn get_cal(c: &CalendarClient, user: &str, cal: &str) -> Result<JsValue, JsValue> {
    settle(c.get_subscribed_calendar(js(user), js(cal), None)).await
}

/// Alice's calendar read with `options` and a signal (set on `options`, which can then be used
/// again with the signal already aborted) that aborts after `ms`.
async fn read_aborted_after(
    c: &CalendarClient,
    options: &Object,
    ms: i32,
) -> Result<JsValue, JsValue> {
    let controller = web_sys::AbortController::new().expect("AbortController");
    set(options, "signal", &controller.signal());
    let pending = c.get_subscribed_calendar(
        js("user-alice"),
        js("cal-public-holidays"),
        Some(options.clone().into()),
    );
    sleep(ms).await;
    controller.abort();
    settle(pending).await
}

/// Checks the `DingTalkError` contract and returns the error for more checks.
fn dingtalk_error(outcome: Result<JsValue, JsValue>, kind: &str) -> JsValue {
    let err = match outcome {
        Ok(v) => panic!(
            "expected a {kind} DingTalkError, got {}",
            String::from(JSON::stringify(&v).unwrap())
        ),
        Err(e) => e,
    };
    assert!(err.is_instance_of::<js_sys::Error>(), "instanceof Error");
    assert_eq!(string(&err, "name"), "DingTalkError");
    let constructor = get(&err, "constructor");
    assert_eq!(string(&constructor, "name"), "DingTalkError");
    assert_eq!(
        string(&err, "kind"),
        kind,
        "message: {}",
        string(&err, "message")
    );
    assert!(
        get(&err, "retryable").as_bool().is_some(),
        "retryable is a boolean"
    );
    assert!(
        get(&err, "attempts").as_f64().is_some(),
        "attempts is a number"
    );
    let message = string(&err, "message");
    assert!(!message.is_empty());
    assert!(
        !message.contains(TOKEN),
        "the message must never hold the token: {message}"
    );
    err
}

fn number(value: &JsValue, key: &str) -> f64 {
    get(value, key)
        .as_f64()
        .unwrap_or_else(|| panic!("`{key}` is not a number"))
}

/// A promise that resolves after `ms`.
async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        schedule_timeout(&resolve, f64::from(ms));
    });
    let _ = JsFuture::from(promise).await;
}

// ---- the three endpoints ------------------------------------------------------------------

#[wasm_bindgen_test]
async fn get_returns_a_typed_calendar_with_absent_fields_left_off() {
    require_mock!();
    reset().await;
    let c = client("{}");
    let cal = get_cal(&c, "user-alice", "cal-public-holidays")
        .await
        .expect("the calendar");
    assert_eq!(string(&cal, "calendarId"), "cal-public-holidays");
    assert_eq!(string(&cal, "name"), "Public Holidays");
    assert_eq!(string(&cal, "author"), "user-alice");
    let managers: Vec<String> = get(&cal, "managers")
        .unchecked_into::<Array>()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    assert_eq!(managers, ["user-alice", "user-bob"]);
    let scope = get(&cal, "subscribeScope");
    for key in ["unionIds", "openConversationIds", "corpIds"] {
        assert!(Array::is_array(&get(&scope, key)), "{key}");
    }
    let other = get_cal(&c, "user-bob", "cal-sprint-reviews")
        .await
        .expect("the calendar");
    assert!(!has(&other, "description"), "an absent field is not a key");
    let scope = get(&other, "subscribeScope");
    assert!(!has(&scope, "corpIds") && !has(&scope, "openConversationIds"));
    // Plain objects, not class instances.
    assert_eq!(
        Object::get_prototype_of(&cal),
        Object::get_prototype_of(&Object::new())
    );
}

#[wasm_bindgen_test]
async fn unsubscribe_and_its_documented_errors() {
    require_mock!();
    reset().await;
    let c = client("{}");
    let ok = settle(c.unsubscribe_calendar(js("user-carol"), js("cal-public-holidays"), None))
        .await
        .expect("unsubscribed");
    assert_eq!(get(&ok, "result"), JsValue::TRUE);
    let err = dingtalk_error(
        settle(c.unsubscribe_calendar(js("user-erin"), js("cal-public-holidays"), None)).await,
        "api",
    );
    assert_eq!(number(&err, "status"), 400.0);
    assert_eq!(string(&err, "code"), "permissionDenied");
    assert!(string(&err, "message").contains("The user is not within the subscription scope"));
    assert_eq!(get(&err, "retryable"), JsValue::FALSE);
    assert_eq!(number(&err, "attempts"), 1.0);
    assert!(!string(&err, "requestId").is_empty());
    let err = dingtalk_error(
        settle(c.unsubscribe_calendar(js("user-alice"), js("cal-alice-primary"), None)).await,
        "api",
    );
    assert_eq!(string(&err, "code"), "invalidParameter");
    assert!(string(&err, "message").contains("calendar type invalid"));
}

#[wasm_bindgen_test]
async fn delete_by_the_author_only_then_the_calendar_is_gone() {
    require_mock!();
    reset().await;
    let c = client("{}");
    let err = dingtalk_error(
        settle(c.delete_subscribed_calendar(js("user-alice"), js("cal-sprint-reviews"), None))
            .await,
        "api",
    );
    assert_eq!(
        (number(&err, "status"), string(&err, "code")),
        (403.0, "permissionDenied".to_owned())
    );
    let ok = settle(c.delete_subscribed_calendar(js("user-bob"), js("cal-sprint-reviews"), None))
        .await
        .expect("deleted");
    assert_eq!(get(&ok, "result"), JsValue::TRUE);
    let err = dingtalk_error(get_cal(&c, "user-bob", "cal-sprint-reviews").await, "api");
    assert_eq!(string(&err, "code"), "invalidParameter");
    reset().await;
}

#[wasm_bindgen_test]
async fn permission_denied_and_a_rejected_token() {
    require_mock!();
    reset().await;
    let err = dingtalk_error(
        get_cal(&client("{}"), "user-carol", "cal-public-holidays").await,
        "api",
    );
    assert_eq!(
        (number(&err, "status"), string(&err, "code")),
        (403.0, "permissionDenied".to_owned())
    );
    let bad = client(r#"{ "accessToken": "not-the-token" }"#);
    let err = dingtalk_error(
        get_cal(&bad, "user-alice", "cal-public-holidays").await,
        "api",
    );
    assert_eq!(
        (number(&err, "status"), string(&err, "code")),
        (400.0, "InvalidAuthentication".to_owned())
    );
    assert_eq!(get(&err, "retryable"), JsValue::FALSE);
    assert!(!string(&err, "message").contains("not-the-token"));
    // The body's request id is read even where CORS hides the header.
    let ids: Vec<String> = journal()
        .await
        .iter()
        .filter_map(|e| get(e, "requestId").as_string())
        .collect();
    assert!(ids.contains(&string(&err, "requestId")));
}

// ---- what goes over the wire ----------------------------------------------------------------

#[wasm_bindgen_test]
async fn special_character_ids_arrive_as_one_segment() {
    require_mock!();
    reset().await;
    let c = client(r#"{ "retry": false }"#);
    let ids = [
        "a/b", "x?y=1", "h#1", "100%", "%2F", "../x", "a b+c", "日历", "📅", "...", "a\\b",
    ];
    for id in ids {
        let _ = get_cal(&c, id, id).await;
    }
    let entries = journal().await;
    assert_eq!(entries.len(), ids.len());
    for (entry, id) in entries.iter().zip(ids) {
        let params = get(entry, "params");
        assert_eq!(string(&params, "userId"), id);
        assert_eq!(string(&params, "calendarId"), id);
        assert_eq!(
            string(entry, "path").matches('/').count(),
            6,
            "{}",
            string(entry, "path")
        );
    }
}

#[wasm_bindgen_test]
async fn only_the_token_header_is_sent() {
    require_mock!();
    reset().await;
    let _ = get_cal(&client("{}"), "user-alice", "cal-public-holidays")
        .await
        .expect("ok");
    let entries = journal().await;
    let entry = entries.last().expect("one request");
    assert_eq!(get(entry, "tokenPresent"), JsValue::TRUE);
    let headers: Vec<String> = get(entry, "headers")
        .unchecked_into::<Array>()
        .iter()
        .filter_map(|h| h.as_string())
        .collect();
    assert!(headers.contains(&"x-acs-dingtalk-access-token".to_owned()));
    for forbidden in ["content-type", "x-requested-with", "authorization"] {
        assert!(
            !headers.contains(&forbidden.to_owned()),
            "{forbidden} in {headers:?}"
        );
    }
}

// ---- failures on the way --------------------------------------------------------------------

#[wasm_bindgen_test]
async fn a_timeout_rejects_with_its_own_kind() {
    require_mock!();
    reset().await;
    fault(r#"{ "method": "DELETE", "delayMs": 3000 }"#).await;
    let c = client(r#"{ "timeoutMs": 5000 }"#);
    let opts = json(r#"{ "timeoutMs": 150 }"#);
    let outcome =
        settle(c.delete_subscribed_calendar(js("user-bob"), js("cal-sprint-reviews"), Some(opts)))
            .await;
    let err = dingtalk_error(outcome, "timeout");
    assert_eq!(
        number(&err, "attempts"),
        1.0,
        "a delete is not repeated after a timeout"
    );
    assert_eq!(get(&err, "retryable"), JsValue::TRUE);
    assert!(string(&err, "message").contains("150 ms"));
    reset().await;
}

#[wasm_bindgen_test]
async fn a_read_that_times_out_is_retried() {
    require_mock!();
    reset().await;
    fault(r#"{ "method": "GET", "delayMs": 3000 }"#).await;
    let c = client(r#"{ "timeoutMs": 200, "retry": { "baseDelayMs": 1, "maxDelayMs": 5 } }"#);
    let cal = get_cal(&c, "user-alice", "cal-public-holidays")
        .await
        .expect("the second attempt succeeds");
    assert_eq!(string(&cal, "calendarId"), "cal-public-holidays");
    reset().await;
}

#[wasm_bindgen_test]
async fn the_callers_abort_signal() {
    require_mock!();
    reset().await;
    fault(r#"{ "delayMs": 3000 }"#).await;
    let c = client("{}");
    let opts = Object::new();
    let err = dingtalk_error(read_aborted_after(&c, &opts, 100).await, "aborted");
    assert_eq!(number(&err, "attempts"), 1.0);
    assert_eq!(get(&err, "retryable"), JsValue::FALSE);
    reset().await;
    // An already aborted signal sends nothing.
    let err = dingtalk_error(
        settle(c.get_subscribed_calendar(
            js("user-alice"),
            js("cal-public-holidays"),
            Some(opts.into()),
        ))
        .await,
        "aborted",
    );
    assert_eq!(number(&err, "attempts"), 0.0);
    assert!(journal().await.is_empty());
}

#[wasm_bindgen_test]
async fn an_abort_during_a_retry_wait_ends_the_call() {
    require_mock!();
    reset().await;
    fault(r#"{ "status": 429, "code": "system.busy", "message": "busy", "times": 5 }"#).await;
    let c = client(r#"{ "retry": { "maxRetries": 5, "baseDelayMs": 5000, "maxDelayMs": 5000 } }"#);
    let err = dingtalk_error(read_aborted_after(&c, &Object::new(), 200).await, "aborted");
    assert_eq!(number(&err, "attempts"), 1.0);
    assert_eq!(journal().await.len(), 1);
}

#[wasm_bindgen_test]
async fn a_redirect_is_refused_and_the_token_goes_nowhere_else() {
    require_mock!();
    reset().await;
    let target = format!(
        "{}/v1.0/calendar/users/leak/subscribedCalendars/leak",
        mock()
    );
    fault(&format!(
        r#"{{ "action": "redirect", "status": 307, "location": "{target}" }}"#
    ))
    .await;
    let err = dingtalk_error(
        get_cal(&client("{}"), "user-alice", "cal-public-holidays").await,
        "network",
    );
    assert_eq!(get(&err, "retryable"), JsValue::FALSE);
    assert!(string(&err, "message").contains("redirect"));
    let entries = journal().await;
    assert_eq!(entries.len(), 1, "the redirect target was never called");
    assert_eq!(string(&get(&entries[0], "params"), "userId"), "user-alice");
}

#[wasm_bindgen_test]
async fn an_html_error_page() {
    require_mock!();
    reset().await;
    fault(r#"{ "method": "POST", "status": 502, "body": "<html><body><h1>502 Bad Gateway</h1></body></html>" }"#).await;
    let c = client("{}");
    let err = dingtalk_error(
        settle(c.unsubscribe_calendar(js("user-carol"), js("cal-public-holidays"), None)).await,
        "api",
    );
    assert_eq!(number(&err, "status"), 502.0);
    assert!(get(&err, "code").is_undefined());
    assert_eq!(get(&err, "retryable"), JsValue::TRUE);
    assert_eq!(
        number(&err, "attempts"),
        1.0,
        "an unsubscribe is not repeated after a 5xx"
    );
    assert!(string(&err, "message").contains("non-JSON"));
}

#[wasm_bindgen_test]
async fn a_non_json_success_is_a_decode_error() {
    require_mock!();
    reset().await;
    fault(r#"{ "status": 200, "body": "OK", "contentType": "text/plain" }"#).await;
    let err = dingtalk_error(
        get_cal(&client("{}"), "user-alice", "cal-public-holidays").await,
        "decode",
    );
    assert_eq!(number(&err, "status"), 200.0);
    fault(r#"{ "status": 200, "body": { "calendarId": 42 } }"#).await;
    let err = dingtalk_error(
        get_cal(&client("{}"), "user-alice", "cal-public-holidays").await,
        "decode",
    );
    assert!(string(&err, "message").contains("calendarId"));
}

#[wasm_bindgen_test]
async fn a_body_that_stops_halfway_or_a_dropped_connection() {
    require_mock!();
    reset().await;
    fault(r#"{ "method": "DELETE", "action": "truncate", "times": 3, "body": { "result": true, "padding": "xxxxxxxxxxxxxxxxxxxxxxxxxxxx" } }"#).await;
    let c = client("{}");
    dingtalk_error(
        settle(c.delete_subscribed_calendar(js("user-bob"), js("cal-sprint-reviews"), None)).await,
        "network",
    );
    reset().await;
    // Browsers silently resend a request whose reused connection closed without an answer,
    // below fetch: Chromium once; WebKit (libsoup) again for each reused connection that turns
    // out dead, seen here reaching a fourth send. The fault outlasts any of those.
    fault(r#"{ "method": "DELETE", "action": "drop", "times": 10 }"#).await;
    let err = dingtalk_error(
        settle(c.delete_subscribed_calendar(js("user-bob"), js("cal-sprint-reviews"), None)).await,
        "network",
    );
    assert_eq!(get(&err, "retryable"), JsValue::TRUE);
    assert!(get(&err, "status").is_undefined());
    reset().await;
}

// ---- retries --------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn throttling_is_retried_until_it_succeeds() {
    require_mock!();
    reset().await;
    fault(r#"{ "method": "POST", "status": 429, "code": "system.busy", "message": "busy", "times": 2 }"#).await;
    let c = client(r#"{ "retry": { "baseDelayMs": 5, "maxDelayMs": 20 } }"#);
    let ok = settle(c.unsubscribe_calendar(js("user-carol"), js("cal-public-holidays"), None))
        .await
        .expect("the third attempt");
    assert_eq!(get(&ok, "result"), JsValue::TRUE);
    assert_eq!(journal().await.len(), 3);
}

#[wasm_bindgen_test]
async fn throttled_when_the_retries_are_spent() {
    require_mock!();
    reset().await;
    fault(r#"{ "status": 403, "code": "Forbidden.AccessDenied.QpsOverLimit", "message": "qps limit", "times": 3 }"#).await;
    let c = client(r#"{ "retry": { "maxRetries": 2, "baseDelayMs": 1, "maxDelayMs": 10 } }"#);
    let err = dingtalk_error(
        get_cal(&c, "user-alice", "cal-public-holidays").await,
        "throttled",
    );
    assert_eq!(number(&err, "attempts"), 3.0);
    assert_eq!(number(&err, "status"), 403.0);
    assert_eq!(string(&err, "code"), "Forbidden.AccessDenied.QpsOverLimit");
    assert_eq!(get(&err, "retryable"), JsValue::TRUE);
    // With retry off, the first 429 is final.
    reset().await;
    fault(r#"{ "status": 429, "code": "system.busy", "message": "busy" }"#).await;
    let err = dingtalk_error(
        get_cal(
            &client(r#"{ "retry": false }"#),
            "user-alice",
            "cal-public-holidays",
        )
        .await,
        "throttled",
    );
    assert_eq!(number(&err, "attempts"), 1.0);
}

// ---- bad input --------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn bad_arguments_reject_before_any_request_and_the_client_stays_usable() {
    require_mock!();
    reset().await;
    let c = client("{}");
    let long = "x".repeat(257);
    let bad_ids: Vec<(JsValue, &str)> = vec![
        (JsValue::UNDEFINED, "userId is missing"),
        (JsValue::NULL, "userId must be a string"),
        (JsValue::from(42), "userId must be a string"),
        (js(""), "userId must not be blank"),
        (js("  \t"), "userId must not be blank"),
        (js(&long), "userId is longer than 256"),
        (js("."), "userId cannot be"),
        (js(".."), "userId cannot be"),
        (JsValue::from(Array::new()), "userId must be a string"),
    ];
    for (id, why) in bad_ids {
        // A rejected promise, never a synchronous throw.
        let promise = c.get_subscribed_calendar(id, js("cal-public-holidays"), None);
        let err = dingtalk_error(settle(promise).await, "invalidArgument");
        assert!(
            string(&err, "message").contains(why),
            "{}",
            string(&err, "message")
        );
        assert_eq!(number(&err, "attempts"), 0.0);
    }
    let err = dingtalk_error(
        settle(c.unsubscribe_calendar(js("user-carol"), JsValue::UNDEFINED, None)).await,
        "invalidArgument",
    );
    assert!(string(&err, "message").contains("calendarId"));
    for (opts, why) in [
        ("5", "options must be an object"),
        (r#"{ "timeoutMs": -1 }"#, "options.timeoutMs"),
        (r#"{ "timeoutMs": 1.5 }"#, "options.timeoutMs"),
        (r#"{ "signal": {} }"#, "options.signal"),
    ] {
        let promise = c.get_subscribed_calendar(
            js("user-alice"),
            js("cal-public-holidays"),
            Some(json(opts)),
        );
        let err = dingtalk_error(settle(promise).await, "invalidArgument");
        assert!(
            string(&err, "message").contains(why),
            "{}",
            string(&err, "message")
        );
    }
    assert!(journal().await.is_empty(), "nothing was sent");
    assert!(
        get_cal(&c, "user-alice", "cal-public-holidays")
            .await
            .is_ok(),
        "the client still works"
    );
}

#[wasm_bindgen_test]
fn bad_client_options_throw_a_dingtalk_error() {
    let cases = [
        (r#"{ "accessToken": null }"#, "accessToken is missing"),
        (r#"{ "accessToken": 5 }"#, "accessToken must be"),
        (r#"{ "accessToken": "" }"#, "accessToken is empty"),
        (r#"{ "accessToken": "tok-SECRET\r\nX-Evil: 1" }"#, "CR, LF"),
        (
            r#"{ "baseUrl": "http://example.com" }"#,
            "baseUrl must use https",
        ),
        (
            r#"{ "baseUrl": "ftp://127.0.0.1" }"#,
            "baseUrl must use https",
        ),
        (
            r#"{ "baseUrl": "/relative" }"#,
            "baseUrl must be an absolute URL",
        ),
        (r#"{ "baseUrl": 7 }"#, "baseUrl must be a string"),
        // What the runtime's own URL parser refuses: invalid IP literals, a numeric last label.
        (
            r#"{ "baseUrl": "https://[1]" }"#,
            "baseUrl is not a URL this runtime",
        ),
        (
            r#"{ "baseUrl": "https://999.1.1.1" }"#,
            "baseUrl is not a URL this runtime",
        ),
        (
            r#"{ "baseUrl": "https://a.09" }"#,
            "baseUrl is not a URL this runtime",
        ),
        (
            r#"{ "baseUrl": "https://api.dingtalk.com/a/%2e%2e" }"#,
            "baseUrl has a path",
        ),
        (r#"{ "timeoutMs": 0 }"#, "timeoutMs"),
        (r#"{ "retry": { "maxRetries": 99 } }"#, "retry.maxRetries"),
        (r#"{ "retry": "yes" }"#, "retry must be"),
        (r#"{ "fetch": 3 }"#, "fetch must be a function"),
    ];
    for (opts, why) in cases {
        let err = CalendarClient::new(options(opts))
            .err()
            .unwrap_or_else(|| panic!("{opts} must be refused"));
        let err = dingtalk_error(Err(err), "invalidArgument");
        assert!(
            string(&err, "message").contains(why),
            "{opts}: {}",
            string(&err, "message")
        );
        assert!(!string(&err, "message").contains("tok-SECRET"));
    }
    let err = CalendarClient::new(JsValue::UNDEFINED)
        .err()
        .expect("no options");
    assert!(string(&dingtalk_error(Err(err), "invalidArgument"), "message").starts_with("options"));
    // Missing retry fields take the defaults; http is fine to loopback.
    assert!(CalendarClient::new(options(r#"{ "retry": { "maxRetries": 0 } }"#)).is_ok());
    assert!(CalendarClient::new(options(r#"{ "baseUrl": "http://localhost:1/" }"#)).is_ok());
}

// ---- token providers and a caller's fetch -------------------------------------------------------

#[wasm_bindgen_test]
async fn a_token_provider_is_asked_before_every_attempt() {
    require_mock!();
    reset().await;
    fault(r#"{ "status": 429, "code": "system.busy", "message": "busy" }"#).await;
    let counter = Object::new();
    set(&counter, "n", &JsValue::from(0));
    let provider = Function::new_with_args(
        "counter",
        "return () => { counter.n += 1; return Promise.resolve('demo-access-token'); };",
    )
    .call1(&JsValue::UNDEFINED, &counter)
    .unwrap();
    let c = client_with_token(
        &provider,
        r#"{ "retry": { "baseDelayMs": 1, "maxDelayMs": 5 } }"#,
    );
    get_cal(&c, "user-alice", "cal-public-holidays")
        .await
        .expect("ok after one retry");
    assert_eq!(number(&counter, "n"), 2.0);
}

/// A token function that records each `{ refresh }` it is asked with and answers from `tokens`
/// in turn (the last one again when they run out).
fn token_function(tokens: &[&str]) -> (JsValue, Array) {
    let asked = Array::new();
    let list: Array = tokens.iter().map(|t| JsValue::from_str(t)).collect();
    let function = Function::new_with_args(
        "asked, tokens",
        "return (request) => { asked.push(request.refresh); \
         return Promise.resolve(tokens[Math.min(asked.length, tokens.length) - 1]); };",
    )
    .call2(&JsValue::UNDEFINED, &asked, &list)
    .unwrap();
    (function, asked)
}

#[wasm_bindgen_test]
async fn a_refused_token_is_refreshed_once_on_every_endpoint() {
    require_mock!();
    // Create and update carry a JSON body, which a page cannot send DingTalk (see lifecycle.rs).
    let mut calls = vec![
        ("GET", "user-alice", "cal-public-holidays"),
        ("POST", "user-carol", "cal-public-holidays"),
        ("DELETE", "user-bob", "cal-sprint-reviews"),
        ("SUBSCRIBE", "user-alice", "cal-sprint-reviews"),
    ];
    if !in_a_page() {
        calls.extend([
            ("CREATE", "user-alice", ""),
            ("PUT", "user-alice", "cal-public-holidays"),
        ]);
    }
    for (method, user, cal) in calls {
        reset().await;
        let (function, asked) = token_function(&["stale-token", TOKEN]);
        let c = client_with_token(&function, r#"{ "retry": false }"#);
        let pending = match method {
            "GET" => c.get_subscribed_calendar(js(user), js(cal), None),
            "POST" => c.unsubscribe_calendar(js(user), js(cal), None),
            "SUBSCRIBE" => c.subscribe_calendar(js(user), js(cal), None),
            "CREATE" => c.create_subscribed_calendar(
                js(user),
                json(r#"{ "name": "x", "subscribeScope": { "corpIds": ["ding-corp-acme"] } }"#),
                None,
            ),
            "PUT" => {
                c.update_subscribed_calendar(js(user), js(cal), json(r#"{ "name": "x" }"#), None)
            }
            _ => c.delete_subscribed_calendar(js(user), js(cal), None),
        };
        settle(pending).await.expect("the fresh token works");
        let refreshes: Vec<bool> = asked.iter().filter_map(|v| v.as_bool()).collect();
        assert_eq!(
            refreshes,
            [false, true],
            "{method}: asked again with refresh: true"
        );
        assert_eq!(
            journal().await.len(),
            2,
            "{method}: the request was sent twice"
        );
    }
    // A second refusal ends the call: two requests, DingTalk's error.
    reset().await;
    let (function, asked) = token_function(&["stale-token"]);
    let c = client_with_token(&function, "{}");
    let err = dingtalk_error(
        get_cal(&c, "user-alice", "cal-public-holidays").await,
        "api",
    );
    assert_eq!(string(&err, "code"), "InvalidAuthentication");
    assert_eq!(number(&err, "attempts"), 2.0);
    assert_eq!(asked.length(), 2);
    assert_eq!(journal().await.len(), 2);
    // A fixed token is never sent again for this.
    reset().await;
    let c = client(r#"{ "accessToken": "stale-token" }"#);
    let err = dingtalk_error(
        get_cal(&c, "user-alice", "cal-public-holidays").await,
        "api",
    );
    assert_eq!(number(&err, "attempts"), 1.0);
    assert_eq!(journal().await.len(), 1);
}

#[wasm_bindgen_test]
async fn a_failing_token_provider_is_an_auth_error_with_its_cause() {
    require_mock!();
    reset().await;
    let throwing = Function::new_no_args("throw new Error('vault unreachable')");
    let rejecting = Function::new_no_args("return Promise.reject(new TypeError('nope'))");
    let returning_bad = Function::new_no_args("return 'tok-SECRET\\n'");
    let returning_number = Function::new_no_args("return 12");
    for (provider, has_cause) in [
        (throwing, true),
        (rejecting, true),
        (returning_bad, false),
        (returning_number, false),
    ] {
        let c = client_with_token(&provider, "{}");
        let err = dingtalk_error(
            get_cal(&c, "user-alice", "cal-public-holidays").await,
            "auth",
        );
        assert_eq!(number(&err, "attempts"), 0.0);
        assert_eq!(has(&err, "cause"), has_cause);
        assert!(!string(&err, "message").contains("tok-SECRET"));
    }
    assert!(journal().await.is_empty());
}

#[wasm_bindgen_test]
async fn a_token_function_that_never_answers_ends_at_the_timeout_or_the_abort() {
    require_mock!();
    reset().await;
    let never = Function::new_no_args("return new Promise(() => {})");
    let c = client_with_token(&never, r#"{ "timeoutMs": 100, "retry": false }"#);
    let err = dingtalk_error(
        get_cal(&c, "user-alice", "cal-public-holidays").await,
        "timeout",
    );
    assert_eq!(number(&err, "attempts"), 0.0);
    let call_options = Object::new();
    set(&call_options, "timeoutMs", &JsValue::from(60_000));
    dingtalk_error(read_aborted_after(&c, &call_options, 30).await, "aborted");
    assert!(journal().await.is_empty(), "nothing was sent");
}

/// A client whose `fetch` option is the JS function made from `body` (its one argument is the
/// `Request`), and the object the function may record into, as `record`.
fn client_with_fetch(body: &str) -> (CalendarClient, JsValue) {
    let record = Object::new();
    let fetch = Function::new_with_args("record", &format!("return (request) => {{ {body} }};"))
        .call1(&JsValue::UNDEFINED, &record)
        .expect("a fetch function");
    let opts = options(r#"{ "retry": false }"#);
    set(&opts, "fetch", &fetch);
    (CalendarClient::new(opts).expect("client"), record.into())
}

#[wasm_bindgen_test]
async fn a_broken_transport_is_a_network_error() {
    require_mock!();
    for body in [
        "return Response.error();",
        "return { status: 0, headers: new Headers(), text: async () => '' };",
        "return { status: 200, text: async () => '{}' };",
        "return Promise.resolve(undefined);",
        "throw new TypeError('no network here');",
    ] {
        let (c, _) = client_with_fetch(body);
        let err = dingtalk_error(
            get_cal(&c, "user-alice", "cal-public-holidays").await,
            "network",
        );
        assert!(get(&err, "status").is_undefined(), "{body}: no status");
        assert_eq!(number(&err, "attempts"), 1.0, "{body}");
    }
}

#[wasm_bindgen_test]
async fn a_redirects_body_is_cancelled_and_a_cause_never_holds_the_token() {
    require_mock!();
    let (c, record) = client_with_fetch(
        "const body = new ReadableStream({ cancel() { record.cancelled = true; } }); \
         return new Response(body, { status: 302, headers: { location: 'https://elsewhere.example/' } });",
    );
    dingtalk_error(
        get_cal(&c, "user-alice", "cal-public-holidays").await,
        "network",
    );
    assert_eq!(
        get(&record, "cancelled"),
        JsValue::TRUE,
        "the unread body was cancelled"
    );
    // A caller's fetch whose error quotes the request's token: the cause is a masked copy.
    let (c, _) = client_with_fetch(
        "throw new Error('refused ' + request.headers.get('x-acs-dingtalk-access-token'));",
    );
    let err = dingtalk_error(
        get_cal(&c, "user-alice", "cal-public-holidays").await,
        "network",
    );
    assert_eq!(
        string(&get(&err, "cause"), "message"),
        "refused [redacted]",
        "the cause is a copy with the token masked"
    );
    assert!(
        string(&err, "message").contains("refused [redacted]"),
        "the runtime's words stay, masked: {}",
        string(&err, "message")
    );
    // A cause without the token keeps its words.
    let (c, _) = client_with_fetch("throw new TypeError('offline');");
    let err = dingtalk_error(
        get_cal(&c, "user-alice", "cal-public-holidays").await,
        "network",
    );
    assert_eq!(string(&get(&err, "cause"), "message"), "offline");
}

#[wasm_bindgen_test]
async fn a_callers_fetch_gets_a_request_with_only_the_token_header() {
    require_mock!();
    reset().await;
    let seen = Array::new();
    let fetch = Function::new_with_args(
        "seen",
        "return (request) => { seen.push(request); return fetch(request); };",
    )
    .call1(&JsValue::UNDEFINED, &seen)
    .unwrap();
    let opts = options("{}");
    set(&opts, "fetch", &fetch);
    let c = CalendarClient::new(opts).expect("client");
    get_cal(&c, "user-alice", "cal-public-holidays")
        .await
        .expect("ok through the caller's fetch");
    assert_eq!(seen.length(), 1);
    let request: web_sys::Request = seen.get(0).unchecked_into();
    assert_eq!(request.method(), "GET");
    assert_eq!(
        request.url(),
        format!(
            "{}/v1.0/calendar/users/user-alice/subscribedCalendars/cal-public-holidays",
            mock()
        )
    );
    assert_eq!(
        request
            .headers()
            .get("x-acs-dingtalk-access-token")
            .unwrap()
            .as_deref(),
        Some(TOKEN)
    );
    assert_eq!(request.headers().get("content-type").unwrap(), None);
    assert_eq!(request.redirect(), web_sys::RequestRedirect::Manual);
    // A fetch that resolves to something else is a clear error, not a panic.
    let opts = options("{}");
    set(
        &opts,
        "fetch",
        &Function::new_no_args("return Promise.resolve(42)"),
    );
    let err = dingtalk_error(
        get_cal(
            &CalendarClient::new(opts).unwrap(),
            "user-alice",
            "cal-public-holidays",
        )
        .await,
        "network",
    );
    assert!(string(&err, "message").contains("Response"));
}
