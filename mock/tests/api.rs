//! Drives the real mock over HTTP on a free loopback port.

use std::net::{Ipv4Addr, SocketAddr};
use std::time::{Duration, Instant};

use dingtalk_mock::{RunningMock, SeedData};
use reqwest::{Client, Method, Response, StatusCode};
use serde_json::{json, Value};

const TOKEN: &str = "demo-access-token";
const TOKEN_HEADER: &str = "x-acs-dingtalk-access-token";

struct Mock {
    running: RunningMock,
    http: Client,
}

impl Mock {
    async fn start() -> Mock {
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
        let running = RunningMock::start(addr, SeedData::builtin())
            .await
            .expect("bind loopback");
        let http = Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        Mock { running, http }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{}", self.running.base_url(), path)
    }

    async fn call(&self, method: Method, path: &str, token: Option<&str>) -> Response {
        let mut req = self.http.request(method, self.url(path));
        if let Some(token) = token {
            req = req.header(TOKEN_HEADER, token);
        }
        req.send().await.expect("request")
    }

    async fn get_cal(&self, user: &str, cal: &str) -> Response {
        self.call(Method::GET, &cal_path(user, cal), Some(TOKEN))
            .await
    }

    async fn delete_cal(&self, user: &str, cal: &str) -> Response {
        self.call(Method::DELETE, &cal_path(user, cal), Some(TOKEN))
            .await
    }

    async fn unsubscribe(&self, user: &str, cal: &str) -> Response {
        let path = format!("/v1.0/calendar/users/{user}/calendars/{cal}/unsubscribe");
        self.call(Method::POST, &path, Some(TOKEN)).await
    }

    async fn control(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = self.http.request(method, self.url(path));
        if let Some(body) = body {
            req = req.json(&body);
        }
        let res = req.send().await.expect("control request");
        let status = res.status();
        (status, res.json().await.expect("control answers JSON"))
    }

    async fn fault(&self, fault: Value) {
        let (status, body) = self
            .control(Method::POST, "/__mock/faults", Some(fault))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }

    async fn journal(&self) -> Vec<Value> {
        let (_, body) = self.control(Method::GET, "/__mock/requests", None).await;
        body.as_array().expect("journal is an array").clone()
    }
}

fn cal_path(user: &str, cal: &str) -> String {
    format!("/v1.0/calendar/users/{user}/subscribedCalendars/{cal}")
}

/// Checks DingTalk's error format: exactly code, message, requestid, the id also in the header.
async fn expect_error(res: Response, status: u16, code: &str, message: &str) {
    assert_eq!(res.status().as_u16(), status);
    let header_id = res
        .headers()
        .get("x-acs-request-id")
        .expect("x-acs-request-id on an error")
        .to_str()
        .expect("ascii id")
        .to_owned();
    let body: Value = res.json().await.expect("JSON error body");
    let obj = body.as_object().expect("object body");
    let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["code", "message", "requestid"], "{body}");
    assert_eq!(obj["code"], code, "{body}");
    assert_eq!(obj["message"], message, "{body}");
    assert_eq!(obj["requestid"], header_id.as_str());
}

/// DingTalk's answer to a missing, unknown or expired token.
async fn expect_invalid_authentication(res: Response) {
    expect_error(
        res,
        400,
        "InvalidAuthentication",
        "Access token is invalid or missing",
    )
    .await;
}

#[tokio::test]
async fn get_returns_the_documented_fields_to_author_and_managers() {
    let mock = Mock::start().await;
    for user in ["user-alice", "user-bob"] {
        let res = mock.get_cal(user, "cal-public-holidays").await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(res.headers().contains_key("x-acs-request-id"));
        let body: Value = res.json().await.unwrap();
        assert_eq!(
            body,
            json!({
                "calendarId": "cal-public-holidays",
                "name": "Public Holidays",
                "description": "Public holidays and make-up working days",
                "author": "user-alice",
                "managers": ["user-alice", "user-bob"],
                "subscribeScope": {
                    "unionIds": ["user-carol"],
                    "openConversationIds": ["cid-team-chat"],
                    "corpIds": ["ding-corp-acme"]
                }
            })
        );
    }
    // Fields the data lacks are left out, not null.
    let body: Value = mock
        .get_cal("user-bob", "cal-sprint-reviews")
        .await
        .json()
        .await
        .unwrap();
    assert!(body.get("description").is_none(), "{body}");
    assert_eq!(
        body["subscribeScope"],
        json!({ "unionIds": ["user-alice", "user-carol"] })
    );
}

#[tokio::test]
async fn get_by_a_non_editor_is_permission_denied() {
    let mock = Mock::start().await;
    let res = mock.get_cal("user-carol", "cal-public-holidays").await;
    expect_error(res, 403, "permissionDenied", "permission denied").await;
}

#[tokio::test]
async fn unknown_blank_and_wrong_type_calendars() {
    let mock = Mock::start().await;
    expect_error(
        mock.get_cal("user-alice", "nope").await,
        400,
        "invalidParameter",
        "calendar not found",
    )
    .await;
    expect_error(
        mock.get_cal("user-alice", "").await,
        400,
        "invalidParameter",
        "calendar id cannot be null",
    )
    .await;
    expect_error(
        mock.get_cal("user-alice", "%20").await,
        400,
        "invalidParameter",
        "calendar id cannot be null",
    )
    .await;
    expect_error(
        mock.get_cal("user-alice", "cal-alice-primary").await,
        400,
        "invalidParameter",
        "calendar type invalid",
    )
    .await;
    expect_error(
        mock.delete_cal("user-alice", "").await,
        400,
        "invalidParameter",
        "calendarId cannot be blank",
    )
    .await;
    expect_error(
        mock.get_cal("", "cal-public-holidays").await,
        400,
        "invalidParameter",
        "userId cannot be blank",
    )
    .await;
}

#[tokio::test]
async fn token_missing_or_unknown_is_invalid_authentication() {
    let mock = Mock::start().await;
    let path = cal_path("user-alice", "cal-public-holidays");
    for token in [None, Some("not-a-token")] {
        let res = mock.call(Method::GET, &path, token).await;
        expect_invalid_authentication(res).await;
    }
}

#[tokio::test]
async fn delete_is_for_the_author_only_and_removes_the_calendar_for_everyone() {
    let mock = Mock::start().await;
    expect_error(
        mock.delete_cal("user-bob", "cal-public-holidays").await,
        403,
        "permissionDenied",
        "permission denied",
    )
    .await;
    let res = mock.delete_cal("user-alice", "cal-public-holidays").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.json::<Value>().await.unwrap(),
        json!({ "result": true })
    );
    expect_error(
        mock.get_cal("user-alice", "cal-public-holidays").await,
        400,
        "invalidParameter",
        "calendar not found",
    )
    .await;
    expect_error(
        mock.unsubscribe("user-carol", "cal-public-holidays").await,
        400,
        "invalidParameter",
        "calendar not found",
    )
    .await;
    expect_error(
        mock.delete_cal("user-alice", "cal-public-holidays").await,
        400,
        "invalidParameter",
        "calendar not found",
    )
    .await;
    // Every subscription went with it.
    let (_, state) = mock.control(Method::GET, "/__mock/state", None).await;
    let ids: Vec<&str> = state["calendars"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["calendarId"].as_str().unwrap())
        .collect();
    assert!(!ids.contains(&"cal-public-holidays"));
}

#[tokio::test]
async fn unsubscribe_follows_the_subscription_scope() {
    let mock = Mock::start().await;
    // In scope by unionId, by group chat and by organisation.
    for user in ["user-carol", "user-dave", "user-bob"] {
        let res = mock.unsubscribe(user, "cal-public-holidays").await;
        assert_eq!(res.status(), StatusCode::OK, "{user}");
        assert_eq!(
            res.json::<Value>().await.unwrap(),
            json!({ "result": true })
        );
    }
    let (_, state) = mock.control(Method::GET, "/__mock/state", None).await;
    let cal = state["calendars"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["calendarId"] == "cal-public-holidays")
        .unwrap()
        .clone();
    assert_eq!(cal["subscribers"], json!([]));
    expect_error(
        mock.unsubscribe("user-erin", "cal-public-holidays").await,
        400,
        "permissionDenied",
        "The user is not within the subscription scope",
    )
    .await;
    expect_error(
        mock.unsubscribe("user-alice", "cal-alice-primary").await,
        400,
        "invalidParameter",
        "calendar type invalid",
    )
    .await;
    expect_error(
        mock.unsubscribe("user-alice", "").await,
        400,
        "invalidParameter",
        "calendarId cannot be blank",
    )
    .await;
}

#[tokio::test]
async fn unknown_paths_and_methods_are_not_found() {
    let mock = Mock::start().await;
    let res = mock
        .call(
            Method::PATCH,
            &cal_path("user-alice", "cal-public-holidays"),
            Some(TOKEN),
        )
        .await;
    expect_error(
        res,
        404,
        "InvalidAction.NotFound",
        "Specified api is not found, please check your url and method.",
    )
    .await;
    // An encoded slash never makes an extra segment, so this is not the unsubscribe path.
    let res = mock
        .call(
            Method::POST,
            "/v1.0/calendar/users/u/calendars/c%2Funsubscribe",
            Some(TOKEN),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn path_segments_are_decoded_once_and_whole() {
    let mock = Mock::start().await;
    let _ = mock.get_cal("a%2Fb", "x%3Fy%23z%2525").await;
    let _ = mock.get_cal("%E6%97%A5%F0%9F%93%85", "..%2F..").await;
    let journal = mock.journal().await;
    assert_eq!(journal.len(), 2);
    assert_eq!(
        journal[0]["params"],
        json!({ "userId": "a/b", "calendarId": "x?y#z%25" })
    );
    assert_eq!(
        journal[0]["path"],
        "/v1.0/calendar/users/a%2Fb/subscribedCalendars/x%3Fy%23z%2525"
    );
    assert_eq!(
        journal[1]["params"],
        json!({ "userId": "日📅", "calendarId": "../.." })
    );
    // Bytes that are not UTF-8 are refused, not mangled.
    expect_error(
        mock.get_cal("%FF", "c").await,
        400,
        "invalidParameter",
        "path parameter is not valid percent-encoded UTF-8",
    )
    .await;
}

#[tokio::test]
async fn cors_is_exactly_dingtalks() {
    let mock = Mock::start().await;
    let res = mock
        .http
        .request(
            Method::OPTIONS,
            mock.url(&cal_path("user-alice", "cal-public-holidays")),
        )
        .header("Origin", "http://127.0.0.1:1")
        .header("Access-Control-Request-Method", "GET")
        .header(
            "Access-Control-Request-Headers",
            "x-acs-dingtalk-access-token",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    for res in [
        res,
        mock.get_cal("user-alice", "cal-public-holidays").await,
        mock.get_cal("user-erin", "x").await,
    ] {
        let h = res.headers();
        assert_eq!(h["access-control-allow-origin"], "*");
        assert_eq!(
            h["access-control-allow-methods"],
            "POST, GET, OPTIONS, PUT, DELETE"
        );
        assert_eq!(
            h["access-control-allow-headers"],
            "X-Requested-With, X-Sequence, _aop_secret, _aop_signature, x-acs-dingtalk-access-token"
        );
        assert!(!h.contains_key("access-control-expose-headers"));
    }
    // A page on any origin gets DingTalk's answer on DingTalk's paths, as from DingTalk.
    let res = mock
        .http
        .get(mock.url(&cal_path("user-alice", "cal-public-holidays")))
        .header(TOKEN_HEADER, TOKEN)
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["access-control-allow-origin"], "*");
}

#[tokio::test]
async fn the_control_api_answers_pages_on_this_machine_only() {
    let mock = Mock::start().await;
    let send = |method: Method, path: &str, headers: &[(&str, &str)], body: Option<&str>| {
        let mut req = mock.http.request(method, mock.url(path));
        for (name, value) in headers {
            req = req.header(*name, *value);
        }
        if let Some(body) = body {
            req = req.body(body.to_owned());
        }
        req.send()
    };
    // A page of this machine's (a dev server, the demo, a wasm test page) may send JSON.
    let local = [("origin", "http://127.0.0.1:5173")];
    let res = send(Method::OPTIONS, "/__mock/faults", &local, None)
        .await
        .unwrap();
    assert!(res.status().is_success());
    assert_eq!(
        res.headers()["access-control-allow-origin"],
        "http://127.0.0.1:5173"
    );
    assert_eq!(
        res.headers()["access-control-allow-headers"],
        "Content-Type"
    );
    let res = send(
        Method::GET,
        "/__mock/state",
        &[("origin", "http://localhost:8080")],
        None,
    )
    .await
    .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()["access-control-allow-origin"],
        "http://localhost:8080"
    );
    // Any other page: no CORS headers (it cannot read), and refused before anything changes.
    let fault = r#"{ "status": 503 }"#;
    for (method, path, headers, body) in [
        (
            Method::GET,
            "/__mock/state",
            vec![("origin", "https://evil.example")],
            None,
        ),
        (
            Method::OPTIONS,
            "/__mock/faults",
            vec![("origin", "https://evil.example")],
            None,
        ),
        (
            Method::OPTIONS,
            "/__mock/faults",
            vec![("origin", "null")],
            None,
        ),
        (
            Method::POST,
            "/__mock/faults",
            vec![
                ("origin", "https://evil.example"),
                ("content-type", "application/json"),
            ],
            Some(fault),
        ),
        // A text/plain POST needs no preflight, so the mock refuses it itself.
        (
            Method::POST,
            "/__mock/faults",
            vec![("content-type", "text/plain")],
            Some(fault),
        ),
        (
            Method::POST,
            "/__mock/reset",
            vec![("content-type", "text/plain")],
            Some("x"),
        ),
        // DNS rebinding: a name of the attacker's that resolves to 127.0.0.1.
        (
            Method::GET,
            "/__mock/state",
            vec![("host", "rebind.evil.example:8790")],
            None,
        ),
    ] {
        let what = format!("{method} {path} {headers:?}");
        let res = send(method, path, &headers, body).await.unwrap();
        assert!(
            res.status() == StatusCode::FORBIDDEN
                || res.status() == StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{what}: {}",
            res.status()
        );
        assert!(
            !res.headers().contains_key("access-control-allow-origin"),
            "{what}"
        );
    }
    let (_, faults) = mock.control(Method::GET, "/__mock/faults", None).await;
    assert_eq!(faults, json!([]), "nothing was queued");
}

#[tokio::test]
async fn a_client_that_sends_half_its_body_is_let_go() {
    let rest = half_sent(
        b"POST /v1.0/oauth2/accessToken HTTP/1.1\r\nHost: 127.0.0.1\r\n\
          Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"appKey\"",
    )
    .await;
    let answer = String::from_utf8_lossy(&rest);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
}

/// Sends `bytes` on a connection of its own and reads until the mock closes it, which it must
/// do within its read timeout (without one this read would wait forever). Gives what it read.
async fn half_sent(bytes: &[u8]) -> Vec<u8> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mock = Mock::start().await;
    let addr = mock
        .running
        .base_url()
        .trim_start_matches("http://")
        .to_owned();
    let mut socket = tokio::net::TcpStream::connect(addr).await.expect("connect");
    socket.write_all(bytes).await.expect("half a request");
    let limit = dingtalk_mock::HEADER_READ_TIMEOUT + Duration::from_secs(10);
    let mut rest = Vec::new();
    tokio::time::timeout(limit, socket.read_to_end(&mut rest))
        .await
        .expect("the mock lets the connection go")
        .expect("a clean close");
    // Meanwhile and afterwards, everyone else is served.
    let res = mock.get_cal("user-alice", "cal-public-holidays").await;
    assert_eq!(res.status(), StatusCode::OK);
    rest
}

#[tokio::test]
async fn request_ids_are_unique_and_match_the_journal() {
    let mock = Mock::start().await;
    let a = mock.get_cal("user-alice", "cal-public-holidays").await;
    let b = mock.get_cal("user-alice", "cal-public-holidays").await;
    let id = |r: &Response| r.headers()["x-acs-request-id"].to_str().unwrap().to_owned();
    let (ida, idb) = (id(&a), id(&b));
    assert_ne!(ida, idb);
    assert_eq!(ida.len(), 36);
    let journal = mock.journal().await;
    assert_eq!(journal[0]["requestId"], ida.as_str());
    assert_eq!(journal[1]["requestId"], idb.as_str());
}

#[tokio::test]
async fn journal_records_headers_and_token_presence_never_the_token() {
    let mock = Mock::start().await;
    let _ = mock.get_cal("user-alice", "cal-public-holidays").await;
    let _ = mock
        .call(
            Method::GET,
            &cal_path("user-alice", "cal-public-holidays"),
            None,
        )
        .await;
    let journal = mock.journal().await;
    assert_eq!(journal.len(), 2);
    assert_eq!(journal[0]["method"], "GET");
    assert_eq!(journal[0]["tokenPresent"], true);
    assert_eq!(journal[0]["status"], 200);
    assert!(journal[0]["headers"]
        .as_array()
        .unwrap()
        .contains(&json!(TOKEN_HEADER)));
    assert_eq!(journal[1]["tokenPresent"], false);
    assert_eq!(journal[1]["status"], 400);
    let text = serde_json::to_string(&journal).unwrap();
    assert!(
        !text.contains(TOKEN),
        "the journal must never hold the token"
    );
    // Control calls are not journaled.
    assert!(journal
        .iter()
        .all(|e| !e["path"].as_str().unwrap().starts_with("/__mock/")));
}

#[tokio::test]
async fn reset_restores_the_seed_and_clears_faults_and_journal() {
    let mock = Mock::start().await;
    assert_eq!(
        mock.delete_cal("user-alice", "cal-public-holidays")
            .await
            .status(),
        StatusCode::OK
    );
    mock.fault(json!({ "status": 500, "body": "boom", "times": 5 }))
        .await;
    let (status, _) = mock.control(Method::POST, "/__mock/reset", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(mock.journal().await.is_empty());
    let (_, faults) = mock.control(Method::GET, "/__mock/faults", None).await;
    assert_eq!(faults, json!([]));
    assert_eq!(
        mock.get_cal("user-alice", "cal-public-holidays")
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn fault_status_with_dingtalk_body_and_retry_after() {
    let mock = Mock::start().await;
    mock.fault(json!({
        "method": "GET",
        "path": "/v1.0/calendar/users/*/subscribedCalendars/*",
        "times": 2,
        "status": 403,
        "code": "Forbidden.AccessDenied.QpsOverLimit",
        "message": "qps over limit",
        "retryAfter": "1"
    }))
    .await;
    // Another method does not use it up.
    assert_eq!(
        mock.unsubscribe("user-carol", "cal-public-holidays")
            .await
            .status(),
        StatusCode::OK
    );
    for _ in 0..2 {
        let res = mock.get_cal("user-alice", "cal-public-holidays").await;
        assert_eq!(res.headers()["retry-after"], "1");
        expect_error(
            res,
            403,
            "Forbidden.AccessDenied.QpsOverLimit",
            "qps over limit",
        )
        .await;
    }
    assert_eq!(
        mock.get_cal("user-alice", "cal-public-holidays")
            .await
            .status(),
        StatusCode::OK
    );
    let journal = mock.journal().await;
    let faults: Vec<&Value> = journal.iter().map(|e| &e["fault"]).collect();
    assert_eq!(
        faults,
        [
            &Value::Null,
            &json!("respond"),
            &json!("respond"),
            &Value::Null
        ]
    );
}

#[tokio::test]
async fn fault_html_page_and_non_json_bodies() {
    let mock = Mock::start().await;
    mock.fault(json!({ "status": 502, "body": "<html><body>502 Bad Gateway</body></html>" }))
        .await;
    mock.fault(json!({ "status": 200, "body": "not json", "contentType": "text/plain" }))
        .await;
    let res = mock.get_cal("user-alice", "cal-public-holidays").await;
    assert_eq!(res.status(), StatusCode::BAD_GATEWAY);
    assert_eq!(res.headers()["content-type"], "text/html");
    assert!(res.text().await.unwrap().contains("502 Bad Gateway"));
    let res = mock.get_cal("user-alice", "cal-public-holidays").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "text/plain");
    assert_eq!(res.text().await.unwrap(), "not json");
}

#[tokio::test]
async fn faults_are_used_up_in_the_order_posted() {
    let mock = Mock::start().await;
    mock.fault(json!([{ "status": 500, "body": {"n": 1} }, { "status": 503, "body": {"n": 2} }]))
        .await;
    let mut statuses = Vec::new();
    for _ in 0..3 {
        statuses.push(
            mock.get_cal("user-alice", "cal-public-holidays")
                .await
                .status()
                .as_u16(),
        );
    }
    assert_eq!(statuses, [500, 503, 200]);
}

#[tokio::test]
async fn fault_delay_then_normal_answer() {
    let mock = Mock::start().await;
    mock.fault(json!({ "delayMs": 300 })).await;
    let started = Instant::now();
    let res = mock.get_cal("user-alice", "cal-public-holidays").await;
    let waited = started.elapsed();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(waited >= Duration::from_millis(300), "{waited:?}");
    assert!(waited < Duration::from_secs(30), "{waited:?}");
    assert_eq!(mock.journal().await[0]["fault"], "delay");
}

#[tokio::test]
async fn fault_truncated_body() {
    let mock = Mock::start().await;
    mock.fault(json!({ "action": "truncate", "body": { "calendarId": "a-rather-long-calendar-id-to-cut" } })).await;
    let res = mock.get_cal("user-alice", "cal-public-holidays").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.bytes().await.is_err(), "the body must stop halfway");
    // The server carries on.
    assert_eq!(
        mock.get_cal("user-alice", "cal-public-holidays")
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn fault_dropped_connection() {
    let mock = Mock::start().await;
    mock.fault(json!({ "action": "drop" })).await;
    let err = mock
        .http
        .get(mock.url(&cal_path("user-alice", "cal-public-holidays")))
        .send()
        .await
        .expect_err("no answer at all");
    assert!(!err.is_status());
    assert_eq!(mock.journal().await[0]["status"], Value::Null);
    assert_eq!(
        mock.get_cal("user-alice", "cal-public-holidays")
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn fault_redirect() {
    let mock = Mock::start().await;
    let target = mock.url("/elsewhere");
    mock.fault(json!({ "action": "redirect", "location": target, "status": 307 }))
        .await;
    let res = mock.get_cal("user-alice", "cal-public-holidays").await;
    assert_eq!(res.status(), StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(res.headers()["location"], target.as_str());
    mock.fault(json!({ "action": "redirect", "location": "http://127.0.0.1:1/x" }))
        .await;
    assert_eq!(
        mock.get_cal("user-alice", "cal-public-holidays")
            .await
            .status(),
        StatusCode::FOUND
    );
}

#[tokio::test]
async fn malformed_fault_requests_are_refused_and_queue_nothing() {
    let mock = Mock::start().await;
    let bad = [
        json!("just a string"),
        json!({ "status": 42 }),
        json!({ "action": "explode" }),
        json!({ "action": "redirect" }),
        json!({ "code": "x" }),
        json!({ "times": 0 }),
        json!({ "delayMs": 99_999_999u64 }),
        json!({ "path": "no-slash" }),
        json!({ "unknownField": true }),
        json!([{ "status": 500 }, { "status": 1000 }]),
    ];
    for fault in bad {
        let (status, body) = mock
            .control(Method::POST, "/__mock/faults", Some(fault.clone()))
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{fault}");
        assert!(
            body["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{body}"
        );
    }
    let res = mock
        .http
        .post(mock.url("/__mock/faults"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let (_, faults) = mock.control(Method::GET, "/__mock/faults", None).await;
    assert_eq!(faults, json!([]));
    assert_eq!(
        mock.get_cal("user-alice", "cal-public-holidays")
            .await
            .status(),
        StatusCode::OK
    );
}

#[test]
fn the_builtin_data_parses_and_bad_data_is_explained() {
    let data = SeedData::parse(dingtalk_mock::data::DEFAULT_DATA).expect("built-in data");
    assert_eq!(data.tokens, ["demo-access-token"]);
    assert!(data
        .calendars
        .iter()
        .any(|c| c.calendar_type != "subscribed"));
    let err = SeedData::parse("{\"tokens\": 3}").unwrap_err();
    assert!(err.contains("not valid mock data"), "{err}");
    let dup = r#"{"tokens":["t"],"calendars":[{"calendarId":"a","author":"u"},{"calendarId":"a","author":"u"}]}"#;
    assert!(SeedData::parse(dup).unwrap_err().contains("listed twice"));
}

#[tokio::test]
async fn a_request_waiting_across_a_reset_changes_nothing_after_it() {
    let mock = Mock::start().await;
    mock.fault(json!({ "method": "DELETE", "delayMs": 400 }))
        .await;
    let waiting = {
        let http = mock.http.clone();
        let url = mock.url(&cal_path("user-alice", "cal-public-holidays"));
        tokio::spawn(async move {
            http.delete(url)
                .header(TOKEN_HEADER, TOKEN)
                .send()
                .await
                .map(|r| r.status())
        })
    };
    tokio::time::sleep(Duration::from_millis(100)).await;
    let (status, _) = mock.control(Method::POST, "/__mock/reset", None).await;
    assert_eq!(status, StatusCode::OK);
    let answered = waiting.await.unwrap().unwrap();
    assert_eq!(answered, StatusCode::SERVICE_UNAVAILABLE);
    assert!(mock.journal().await.is_empty());
    assert_eq!(
        mock.get_cal("user-alice", "cal-public-holidays")
            .await
            .status(),
        StatusCode::OK
    );
}

// Two workers, so that a matcher that stalled one would be caught by the timeouts, not hang.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_fault_patterns_are_refused_or_answered_in_bounded_time() {
    let mock = Mock::start().await;
    // Once a stack overflow: now refused with a clear message, nothing queued.
    let long = format!("/{}", "a".repeat(8_000));
    let (status, body) = mock
        .control(
            Method::POST,
            "/__mock/faults",
            Some(json!({ "path": long, "status": 500 })),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.to_string().contains("at most 1024 bytes"), "{body}");
    // Once a stall of the whole mock: `*a*a*a…b` against a long path.
    let stall = format!("/{}b", "*a".repeat(500));
    mock.fault(json!({ "path": stall, "status": 500 })).await;
    let long_path = format!("/{}", "a".repeat(8_000));
    let answer = tokio::time::timeout(
        Duration::from_secs(10),
        mock.call(Method::GET, &long_path, Some(TOKEN)),
    )
    .await
    .expect("the mock answers a path the pattern cannot match");
    assert_eq!(answer.status(), StatusCode::NOT_FOUND);
    let res = tokio::time::timeout(
        Duration::from_secs(10),
        mock.get_cal("user-alice", "cal-public-holidays"),
    )
    .await
    .expect("and everything else");
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_client_that_sends_half_its_headers_is_let_go() {
    half_sent(b"GET /__mock/state HTTP/1.1\r\nHost: 127.0.0.1\r\n").await;
}

/// Bob deletes his calendar, giving up after `timeout_ms`.
async fn impatient_delete(mock: &Mock, timeout_ms: u64) -> reqwest::Result<Response> {
    mock.http
        .delete(mock.url(&cal_path("user-bob", "cal-sprint-reviews")))
        .header(TOKEN_HEADER, TOKEN)
        .timeout(Duration::from_millis(timeout_ms))
        .send()
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delayed_request_finishes_and_is_journaled_when_its_client_hangs_up() {
    let mock = Mock::start().await;
    mock.fault(json!({ "method": "DELETE", "delayMs": 300 }))
        .await;
    assert!(
        impatient_delete(&mock, 50).await.is_err(),
        "the client gave up"
    );
    tokio::time::sleep(Duration::from_millis(600)).await;
    let journal = mock.journal().await;
    assert_eq!(journal.len(), 1, "{journal:?}");
    assert_eq!(journal[0]["method"], "DELETE");
    assert_eq!(journal[0]["status"], 200);
    let gone = mock.get_cal("user-bob", "cal-sprint-reviews").await;
    assert_eq!(
        gone.status(),
        StatusCode::BAD_REQUEST,
        "the DELETE happened"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn effect_before_applies_the_change_first_and_answers_late() {
    let mock = Mock::start().await;
    mock.fault(json!({ "method": "DELETE", "delayMs": 2000, "effect": "before" }))
        .await;
    let started = Instant::now();
    assert!(
        impatient_delete(&mock, 200).await.is_err(),
        "the answer comes after the client gave up"
    );
    // Well before the delay is over, the change is made and journaled.
    let journal = mock.journal().await;
    assert!(
        started.elapsed() < Duration::from_millis(1900),
        "checked within the delay"
    );
    assert_eq!(journal.len(), 1, "{journal:?}");
    assert_eq!(
        (journal[0]["status"].clone(), journal[0]["fault"].clone()),
        (json!(200), json!("delay"))
    );
    let gone = mock.get_cal("user-bob", "cal-sprint-reviews").await;
    assert_eq!(gone.status(), StatusCode::BAD_REQUEST);
    let (status, body) = mock
        .control(
            Method::POST,
            "/__mock/faults",
            Some(json!({ "effect": "later" })),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
}

const APP_KEY: &str = "demo-app-key";
const APP_SECRET: &str = "demo-app-secret-not-for-production";
const TOKEN_PATH: &str = "/v1.0/oauth2/accessToken";

async fn ask_token(mock: &Mock, body: &str) -> Response {
    mock.http
        .post(mock.url(TOKEN_PATH))
        .header("content-type", "application/json")
        .body(body.to_owned())
        .send()
        .await
        .expect("token request")
}

fn credentials(key: &str, secret: &str) -> String {
    json!({ "appKey": key, "appSecret": secret }).to_string()
}

#[tokio::test]
async fn the_demo_app_gets_a_token_the_calendar_endpoints_accept() {
    let mock = Mock::start().await;
    let res = ask_token(&mock, &credentials(APP_KEY, APP_SECRET)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.expect("JSON");
    assert_eq!(body["expireIn"], 7200, "{body}");
    let token = body["accessToken"].as_str().expect("a token").to_owned();
    let second: Value = ask_token(&mock, &credentials(APP_KEY, APP_SECRET))
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(
        second["accessToken"].as_str(),
        Some(token.as_str()),
        "asked again while it lives: the same token, as DingTalk answers"
    );

    let path = cal_path("user-alice", "cal-public-holidays");
    let res = mock.call(Method::GET, &path, Some(&token)).await;
    assert_eq!(res.status(), StatusCode::OK);

    // A reset forgets the tokens handed out: the next call is refused as DingTalk refuses.
    mock.control(Method::POST, "/__mock/reset", None).await;
    let res = mock.call(Method::GET, &path, Some(&token)).await;
    expect_invalid_authentication(res).await;

    // The journal counts token requests and holds no credential.
    ask_token(&mock, &credentials(APP_KEY, APP_SECRET)).await;
    let journal = mock.journal().await;
    let asked: Vec<&Value> = journal.iter().filter(|e| e["path"] == TOKEN_PATH).collect();
    assert_eq!(asked.len(), 1, "{journal:?}");
    assert_eq!(asked[0]["method"], "POST");
    assert_eq!(asked[0]["status"], 200);
    let text = serde_json::to_string(&journal).expect("serialises");
    assert!(
        !text.contains(APP_SECRET) && !text.contains("mock-app-token"),
        "{text}"
    );
}

#[tokio::test]
async fn wrong_credentials_get_dingtalks_error_format() {
    let mock = Mock::start().await;
    for (key, secret) in [("no-such-app", APP_SECRET), (APP_KEY, "wrong-secret")] {
        let res = ask_token(&mock, &credentials(key, secret)).await;
        expect_error(
            res,
            400,
            "invalidClientIdOrSecret",
            "invalid clientId or clientSecret",
        )
        .await;
    }
    for body in [
        "",
        "not json",
        r#"{"appKey":"demo-app-key"}"#,
        r#"{"appKey":1,"appSecret":2}"#,
    ] {
        let res = ask_token(&mock, body).await;
        expect_error(
            res,
            400,
            "invalidParameter",
            "the body must be JSON with string appKey and appSecret",
        )
        .await;
    }
    let res = mock.call(Method::GET, TOKEN_PATH, None).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "only POST");
    let too_large = "x".repeat(64 * 1024);
    let res = ask_token(&mock, &too_large).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_token_stops_being_accepted_when_its_lifetime_ends() {
    let data = r#"{"tokens":[],"apps":[{"appKey":"k","appSecret":"s","expireIn":1}],
        "users":[{"unionId":"u"}],"calendars":[{"calendarId":"c","author":"u"}]}"#;
    let running = RunningMock::start(
        SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
        SeedData::parse(data).expect("data"),
    )
    .await
    .expect("bind");
    let mock = Mock {
        running,
        http: Client::new(),
    };
    let body: Value = ask_token(&mock, &credentials("k", "s"))
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(body["expireIn"], 1);
    let token = body["accessToken"].as_str().expect("token").to_owned();
    let path = cal_path("u", "c");
    assert_eq!(
        mock.call(Method::GET, &path, Some(&token)).await.status(),
        200
    );
    // Asked again while it lives: the same token, its lifetime extended from now.
    tokio::time::sleep(Duration::from_millis(600)).await;
    let again: Value = ask_token(&mock, &credentials("k", "s"))
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(again["accessToken"].as_str(), Some(token.as_str()));
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(
        mock.call(Method::GET, &path, Some(&token)).await.status(),
        200,
        "1.2 s after it was first handed out, but 0.6 s after it was extended"
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    let res = mock.call(Method::GET, &path, Some(&token)).await;
    expect_invalid_authentication(res).await;
    // Once it expired, a new one.
    let fresh: Value = ask_token(&mock, &credentials("k", "s"))
        .await
        .json()
        .await
        .expect("JSON");
    assert_ne!(fresh["accessToken"].as_str(), Some(token.as_str()));
}

#[test]
fn apps_in_data_files_are_checked() {
    let parse = |apps: &str| SeedData::parse(&format!(r#"{{"tokens":[],"apps":{apps}}}"#));
    assert!(parse(r#"[{"appKey":"k","appSecret":"s"}]"#).is_ok());
    assert!(parse(r#"[{"appKey":" ","appSecret":"s"}]"#)
        .unwrap_err()
        .contains("blank"));
    assert!(parse(r#"[{"appKey":"k","appSecret":"s","expireIn":0}]"#)
        .unwrap_err()
        .contains("expireIn 0"));
    let twice = r#"[{"appKey":"k","appSecret":"s"},{"appKey":"k","appSecret":"t"}]"#;
    assert!(parse(twice).unwrap_err().contains("listed twice"));
}

impl Mock {
    async fn with_body(&self, method: Method, path: &str, body: &str) -> Response {
        self.http
            .request(method, self.url(path))
            .header(TOKEN_HEADER, TOKEN)
            .header("content-type", "application/json")
            .body(body.to_owned())
            .send()
            .await
            .expect("request")
    }
}

#[tokio::test]
async fn a_calendar_is_created_updated_subscribed_to_and_journaled_as_sent() {
    let mock = Mock::start().await;
    let create = "/v1.0/calendar/users/user-alice/subscribedCalendars";
    let res = mock
        .with_body(
            Method::POST,
            create,
            r#"{"name":"Release train","managers":["user-bob"],"subscribeScope":{"corpIds":["ding-corp-acme"]}}"#,
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let created: Value = res.json().await.expect("json");
    assert_eq!(created, json!({ "calendarId": "cal-new-1" }));
    let got: Value = mock
        .get_cal("user-bob", "cal-new-1")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(
        got,
        json!({ "calendarId": "cal-new-1", "name": "Release train", "author": "user-alice",
                "managers": ["user-bob"], "subscribeScope": { "corpIds": ["ding-corp-acme"] } })
    );

    // A manager updates; the fields given replace, the others stay; the scope as a whole.
    let path = cal_path("user-bob", "cal-new-1");
    let res = mock
        .with_body(Method::PUT, &path, r#"{"description":"Tuesdays","subscribeScope":{"corpIds":["ding-corp-acme"],"unionIds":["user-erin"]}}"#)
        .await;
    assert_eq!(
        res.json::<Value>().await.expect("json"),
        json!({ "result": true })
    );
    let got: Value = mock
        .get_cal("user-alice", "cal-new-1")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(got["name"], "Release train");
    assert_eq!(got["description"], "Tuesdays");
    assert_eq!(
        got["subscribeScope"],
        json!({ "unionIds": ["user-erin"], "corpIds": ["ding-corp-acme"] })
    );
    // Someone else may not.
    let res = mock
        .with_body(
            Method::PUT,
            &cal_path("user-carol", "cal-new-1"),
            r#"{"name":"x"}"#,
        )
        .await;
    expect_error(res, 403, "permissionDenied", "permission denied").await;

    // Subscribe: 200 with no body for a user in the scope (erin, by unionId now).
    let subscribe = "/v1.0/calendar/users/user-erin/calendars/cal-new-1/subscribe";
    let res = mock.call(Method::POST, subscribe, Some(TOKEN)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers().get("x-acs-request-id").is_some());
    assert_eq!(res.bytes().await.expect("body").len(), 0);
    let state = mock.control(Method::GET, "/__mock/state", None).await.1;
    let new = state["calendars"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["calendarId"] == "cal-new-1")
        .cloned()
        .unwrap();
    assert_eq!(new["subscribers"], json!(["user-erin"]));
    // Out of scope: 400 (not 403); not a subscribed calendar: calendar type invalid.
    let res = mock
        .call(
            Method::POST,
            "/v1.0/calendar/users/user-carol/calendars/cal-new-1/subscribe",
            Some(TOKEN),
        )
        .await;
    expect_error(
        res,
        400,
        "permissionDenied",
        "The user is not within the subscription scope",
    )
    .await;
    let res = mock
        .call(
            Method::POST,
            "/v1.0/calendar/users/user-alice/calendars/cal-alice-primary/subscribe",
            Some(TOKEN),
        )
        .await;
    expect_error(res, 400, "invalidParameter", "calendar type invalid").await;

    // The journal keeps a calendar's body as it came, and no params.calendarId for create.
    let journal = mock.journal().await;
    assert_eq!(journal[0]["params"], json!({ "userId": "user-alice" }));
    assert_eq!(journal[0]["body"]["managers"], json!(["user-bob"]));
    assert_eq!(journal[0]["body"].get("description"), None);
}

#[tokio::test]
async fn create_and_update_answer_dingtalks_documented_errors() {
    let mock = Mock::start().await;
    let create = "/v1.0/calendar/users/user-alice/subscribedCalendars";
    let scope = r#""subscribeScope":{"corpIds":["ding-corp-acme"]}"#;
    for (body, message) in [
        (
            format!(r#"{{"name":" ",{scope}}}"#),
            "calendar name cannot be blank",
        ),
        (format!(r#"{{{scope}}}"#), "calendar name cannot be blank"),
        (
            format!(r#"{{"name":"{}",{scope}}}"#, "n".repeat(128)),
            "calendar name length must less than 128",
        ),
        (
            r#"{"name":"x"}"#.to_owned(),
            "subscribe range cannot be null",
        ),
        (
            r#"{"name":"x","subscribeScope":{"corpIds":["ding-corp-globex"]}}"#.to_owned(),
            "current user must in range",
        ),
        (
            r#"{"name":"x","subscribeScope":{"unionIds":["user-alice"]}}"#.to_owned(),
            "current user must in range",
        ),
        (
            r#"{"name":1}"#.to_owned(),
            "a field of the request body has the wrong type",
        ),
        ("[]".to_owned(), "the request body is not a JSON object"),
    ] {
        let res = mock.with_body(Method::POST, create, &body).await;
        expect_error(res, 400, "invalidParameter", message).await;
    }
    let name = "n".repeat(127);
    let res = mock
        .with_body(
            Method::POST,
            create,
            &format!(r#"{{"name":"{name}",{scope}}}"#),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK, "127 characters are taken");
    let res = mock
        .with_body(
            Method::PUT,
            &cal_path("user-alice", "cal-alice-primary"),
            r#"{"name":"x"}"#,
        )
        .await;
    expect_error(res, 400, "invalidParameter", "calendar type invalid").await;
}

#[tokio::test]
async fn subscriptions_stop_at_the_datas_limit() {
    let mut data = SeedData::builtin();
    data.subscription_limit = 2; // carol is subscribed to two already
    let running = RunningMock::start(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), data)
        .await
        .expect("bind");
    let http = Client::new();
    let mock = Mock { running, http };
    let create = "/v1.0/calendar/users/user-alice/subscribedCalendars";
    let res = mock
        .with_body(Method::POST, create, r#"{"name":"x","subscribeScope":{"corpIds":["ding-corp-acme"],"unionIds":["user-carol"]}}"#)
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = mock
        .call(
            Method::POST,
            "/v1.0/calendar/users/user-carol/calendars/cal-new-1/subscribe",
            Some(TOKEN),
        )
        .await;
    expect_error(res, 400, "exceedSubscribeLimit", "exceed subscribe limit").await;
    // Subscribing again to one she has is not past the limit.
    let res = mock
        .call(
            Method::POST,
            "/v1.0/calendar/users/user-carol/calendars/cal-sprint-reviews/subscribe",
            Some(TOKEN),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
}
