//! Every fault the mock can play, against every endpoint, through one client: what the call
//! says (`kind`, `status`, `code`, `requestId`, `attempts`) and, from the mock's journal,
//! exactly how many requests were sent. After the whole matrix the same client still works.

use super::support::{journal, require_mock, reset};
use super::*;

/// The endpoints without a body (create and update, which a page cannot send, are
/// lifecycle.rs's), each by its label, its HTTP method and a user and calendar it succeeds for.
const ENDPOINTS: [(&str, &str, &str, &str); 4] = [
    ("GET", "GET", "user-alice", "cal-public-holidays"),
    ("POST", "POST", "user-carol", "cal-public-holidays"),
    ("DELETE", "DELETE", "user-bob", "cal-sprint-reviews"),
    ("SUBSCRIBE", "POST", "user-alice", "cal-sprint-reviews"),
];

/// What a fault must come to.
#[derive(Debug)]
enum Expect {
    /// The call succeeds after this many requests.
    Success { requests: usize },
    /// A network error, or a success after the engine itself sent it again; the client sent it
    /// once either way.
    NetworkOrResentByTheEngine,
    /// A read the client retried: two requests, or in a page a third when the engine had also
    /// re-sent the dropped one itself (WebKit, whose re-send can land after the attempt's timeout).
    RetriedPerhapsResentByTheEngine,
    /// The call fails with this kind and status after one request.
    Failure {
        kind: &'static str,
        status: Option<f64>,
        code: Option<&'static str>,
    },
}

use Expect::{Failure, NetworkOrResentByTheEngine, RetriedPerhapsResentByTheEngine, Success};

async fn call(c: &CalendarClient, method: &str, user: &str, cal: &str) -> Result<JsValue, JsValue> {
    let pending = match method {
        "GET" => c.get_subscribed_calendar(js(user), js(cal), None),
        "POST" => c.unsubscribe_calendar(js(user), js(cal), None),
        "SUBSCRIBE" => c.subscribe_calendar(js(user), js(cal), None),
        _ => c.delete_subscribed_calendar(js(user), js(cal), None),
    };
    settle(pending).await
}

/// Each fault, once, with what a read (`GET`) and what a change (`POST`, `DELETE`) must come to.
fn faults(mock: &str) -> Vec<(&'static str, String, Expect, Expect)> {
    let retried = || Success { requests: 2 };
    let api = |status: f64, code: Option<&'static str>| Failure {
        kind: "api",
        status: Some(status),
        code,
    };
    let network = || Failure {
        kind: "network",
        status: None,
        code: None,
    };
    let busy = r#""status": 429, "code": "system.busy", "message": "busy""#;
    // A page cannot read `Retry-After` on a cross-origin answer: it is not a CORS-safelisted
    // header and DingTalk exposes none. There the client backs off as if it were absent.
    let too_long = || {
        if in_a_page() {
            Success { requests: 2 }
        } else {
            Failure {
                kind: "throttled",
                status: Some(429.0),
                code: Some("system.busy"),
            }
        }
    };
    vec![
        (
            "500",
            r#"{ "status": 500, "code": "ServiceUnavailable", "message": "x" }"#.into(),
            retried(),
            api(500.0, Some("ServiceUnavailable")),
        ),
        (
            "503",
            r#"{ "status": 503, "code": "system.busy", "message": "x" }"#.into(),
            retried(),
            api(503.0, Some("system.busy")),
        ),
        ("429", format!("{{ {busy} }}"), retried(), retried()),
        (
            "429, Retry-After in seconds",
            format!(r#"{{ {busy}, "retryAfter": "0" }}"#),
            retried(),
            retried(),
        ),
        (
            "429, Retry-After as a past date",
            format!(r#"{{ {busy}, "retryAfter": "Wed, 21 Oct 2015 07:28:00 GMT" }}"#),
            retried(),
            retried(),
        ),
        (
            "429, Retry-After past maxDelayMs",
            format!(r#"{{ {busy}, "retryAfter": "Fri, 31 Dec 2100 23:59:59 GMT" }}"#),
            too_long(),
            too_long(),
        ),
        (
            "403 QPS limit",
            r#"{ "status": 403, "code": "Forbidden.AccessDenied.QpsOverLimit", "message": "x" }"#
                .into(),
            retried(),
            retried(),
        ),
        (
            "HTML 502",
            r#"{ "status": 502, "body": "<html>bad gateway</html>", "contentType": "text/html" }"#
                .into(),
            retried(),
            api(502.0, None),
        ),
        (
            "cut body",
            r#"{ "action": "truncate", "body": { "result": true, "padding": "xxxxxxxxxxxxxxxxxxxx" } }"#
                .into(),
            retried(),
            network(),
        ),
        (
            "dropped connection",
            r#"{ "action": "drop" }"#.into(),
            RetriedPerhapsResentByTheEngine,
            // A browser engine (Chromium, WebKit) may re-send a request, whatever its method,
            // when a reused keep-alive connection closes with no answer at all: its own retry,
            // below fetch, which no page can turn off. The client sent it once; the engine may
            // have sent it again.
            if in_a_page() {
                NetworkOrResentByTheEngine
            } else {
                network()
            },
        ),
        (
            "slow answer past the timeout",
            r#"{ "delayMs": 400 }"#.into(),
            retried(),
            Failure {
                kind: "timeout",
                status: None,
                code: None,
            },
        ),
        (
            "redirect elsewhere",
            format!(
                r#"{{ "action": "redirect", "status": 302, "location": "{}/elsewhere" }}"#,
                mock.replace("127.0.0.1", "localhost")
            ),
            Failure {
                kind: "network",
                status: None,
                code: None,
            },
            Failure {
                kind: "network",
                status: None,
                code: None,
            },
        ),
    ]
}

fn check_failure(err: &JsValue, name: &str, kind: &str, status: Option<f64>, code: Option<&str>) {
    assert_eq!(
        string(err, "kind"),
        kind,
        "{name}: {}",
        string(err, "message")
    );
    // A browser reports a refused redirect as an opaque one, with no status to read.
    if kind != "network" {
        assert_eq!(get(err, "status").as_f64(), status, "{name}");
    }
    assert_eq!(get(err, "code").as_string().as_deref(), code, "{name}");
    assert_eq!(number(err, "attempts"), 1.0, "{name}");
}

#[wasm_bindgen_test]
async fn every_fault_against_every_endpoint() {
    require_mock!();
    let c = client(
        r#"{ "timeoutMs": 150, "retry": { "maxRetries": 2, "baseDelayMs": 1, "maxDelayMs": 50 } }"#,
    );
    for (name, spec, read, change) in faults(mock()) {
        for (method, http_method, user, cal) in ENDPOINTS {
            reset().await;
            fault(&spec.replacen('{', &format!(r#"{{ "method": "{http_method}", "#), 1)).await;
            let outcome = call(&c, method, user, cal).await;
            // A delayed request is still handled after its client gave up: let it finish.
            if name.starts_with("slow") {
                sleep(500).await;
            }
            let sent = journal().await;
            let expected = if method == "GET" { &read } else { &change };
            match expected {
                Success { requests } => {
                    assert!(
                        outcome.is_ok(),
                        "{name} {method}: {:?}",
                        outcome.err().map(|e| string(&e, "message"))
                    );
                    assert_eq!(sent.len(), *requests, "{name} {method}: requests sent");
                }
                RetriedPerhapsResentByTheEngine => {
                    assert!(outcome.is_ok(), "{name} {method}: retried to a success");
                    let most = if in_a_page() { 3 } else { 2 };
                    assert!(
                        (2..=most).contains(&sent.len()),
                        "{name} {method}: {} requests sent",
                        sent.len()
                    );
                }
                // The client sent it once (`attempts` is 1); what reached the mock beyond that
                // the engine sent. WebKit has been seen re-sending and still reporting the
                // network error, and re-sending twice.
                NetworkOrResentByTheEngine => match outcome {
                    Ok(_) => assert!(
                        (2..=3).contains(&sent.len()),
                        "{name} {method}: {} requests sent, the engine's re-sends among them",
                        sent.len()
                    ),
                    Err(e) => {
                        let err = dingtalk_error(Err(e), "network");
                        check_failure(&err, name, "network", None, None);
                        assert!(
                            (1..=2).contains(&sent.len()),
                            "{name} {method}: {} sent",
                            sent.len()
                        );
                    }
                },
                Failure { kind, status, code } => {
                    assert!(outcome.is_err(), "{name} {method}: expected a {kind} error");
                    let err = dingtalk_error(outcome, kind);
                    check_failure(&err, &format!("{name} {method}"), kind, *status, *code);
                    assert_eq!(sent.len(), 1, "{name} {method}: sent once, never again");
                    if code.is_some() {
                        let last = sent.last().expect("a request");
                        assert_eq!(
                            string(&err, "requestId"),
                            string(last, "requestId"),
                            "{name}"
                        );
                    }
                }
            }
            let elsewhere = sent
                .iter()
                .filter(|e| string(e, "path") == "/elsewhere")
                .count();
            assert_eq!(elsewhere, 0, "{name} {method}: nothing followed a redirect");
        }
    }
    // The DELETE that takes effect and answers late: a timeout, never re-sent, and done.
    reset().await;
    fault(r#"{ "method": "DELETE", "delayMs": 400, "effect": "before" }"#).await;
    let err = dingtalk_error(
        call(&c, "DELETE", "user-bob", "cal-sprint-reviews").await,
        "timeout",
    );
    assert_eq!(number(&err, "attempts"), 1.0);
    let sent = journal().await;
    assert_eq!(sent.len(), 1, "the DELETE was sent once");
    assert_eq!(get(&sent[0], "status").as_f64(), Some(200.0), "and it ran");
    sleep(500).await;
    // The same client still works.
    reset().await;
    call(&c, "GET", "user-alice", "cal-public-holidays")
        .await
        .expect("the client still works after every fault");
}
