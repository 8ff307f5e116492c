//! Reading an answer: success bodies decoded into the model, error answers classified.
//!
//! Decoding works on any parsed-JSON tree through [`JsonNode`]: in wasm that is the runtime's own
//! `JSON.parse` result read field by field (no serde_json in the wasm, and only the documented
//! fields are ever looked at), natively a `serde_json::Value` in the tests.

use crate::endpoint::Endpoint;
use crate::error::{Error, ErrorKind};
use crate::model::{ResultResponse, SubscribeScope, SubscribedCalendar};
use crate::text::{concat, decimal};

/// Read access to a parsed JSON value.
pub trait JsonNode: Sized {
    /// The value as a string, if it is one.
    fn as_string(&self) -> Option<String>;
    /// The value as a boolean, if it is one.
    fn as_bool(&self) -> Option<bool>;
    /// Whether the value is a JSON object (not an array, not null).
    fn is_object(&self) -> bool;
    /// An object's member; `None` when absent or `null`.
    fn member(&self, key: &str) -> Option<Self>;
    /// An array's length, if the value is an array.
    fn array_len(&self) -> Option<usize>;
    /// An array's element (`None` for a hole, `null`, or past the end).
    fn element(&self, index: usize) -> Option<Self>;
}

/// A type decoded from a success body.
pub trait FromJson: Sized {
    /// Decodes `node`; the error names the offending field.
    fn from_json<J: JsonNode>(node: &J) -> Result<Self, String>;
}

fn optional_string<J: JsonNode>(node: &J, key: &str) -> Result<Option<String>, String> {
    match node.member(key) {
        None => Ok(None),
        Some(v) => v
            .as_string()
            .map(Some)
            .ok_or_else(|| concat(&["`", key, "` is not a string"])),
    }
}

fn optional_strings<J: JsonNode>(
    node: &J,
    key: &str,
    path: &str,
) -> Result<Option<Vec<String>>, String> {
    let Some(value) = node.member(key) else {
        return Ok(None);
    };
    let len = value
        .array_len()
        .ok_or_else(|| concat(&["`", path, key, "` is not an array"]))?;
    let mut strings = Vec::with_capacity(len);
    for i in 0..len {
        match value.element(i).and_then(|item| item.as_string()) {
            Some(item) => strings.push(item),
            None => {
                let index = decimal(i as u64);
                return Err(concat(&["`", path, key, "[", &index, "]` is not a string"]));
            }
        }
    }
    Ok(Some(strings))
}

impl FromJson for SubscribedCalendar {
    fn from_json<J: JsonNode>(node: &J) -> Result<Self, String> {
        if !node.is_object() {
            return Err("the body is not a JSON object".into());
        }
        let calendar_id = match node.member("calendarId") {
            None => return Err("`calendarId` is missing".into()),
            Some(v) => v.as_string().ok_or("`calendarId` is not a string")?,
        };
        let subscribe_scope = match node.member("subscribeScope") {
            None => None,
            Some(scope) if scope.is_object() => Some(SubscribeScope {
                union_ids: optional_strings(&scope, "unionIds", "subscribeScope.")?,
                open_conversation_ids: optional_strings(
                    &scope,
                    "openConversationIds",
                    "subscribeScope.",
                )?,
                corp_ids: optional_strings(&scope, "corpIds", "subscribeScope.")?,
            }),
            Some(_) => return Err("`subscribeScope` is not an object".into()),
        };
        Ok(SubscribedCalendar {
            calendar_id,
            name: optional_string(node, "name")?,
            description: optional_string(node, "description")?,
            author: optional_string(node, "author")?,
            managers: optional_strings(node, "managers", "")?,
            subscribe_scope,
        })
    }
}

impl FromJson for ResultResponse {
    fn from_json<J: JsonNode>(node: &J) -> Result<Self, String> {
        if !node.is_object() {
            return Err("the body is not a JSON object".into());
        }
        match node.member("result") {
            None => Err("`result` is missing".into()),
            Some(v) => v
                .as_bool()
                .map(|result| ResultResponse { result })
                .ok_or_else(|| "`result` is not a boolean".into()),
        }
    }
}

/// The body of an answer, as far as the transport could read it.
#[derive(Debug)]
pub enum Body<J> {
    /// The body parsed as JSON.
    Json(J),
    /// A body that is not JSON (an HTML error page, say); its content type, if any.
    NotJson {
        /// The `Content-Type` header.
        content_type: Option<String>,
    },
    /// No body at all.
    Empty,
}

/// What came back for one request.
#[derive(Debug)]
pub struct Answer<J> {
    /// The HTTP status (0 for a browser's opaque redirect).
    pub status: u16,
    /// Whether the runtime reported an opaque redirect (`redirect: "manual"` in a browser).
    pub opaque_redirect: bool,
    /// The `x-acs-request-id` header, where the runtime lets us read it.
    pub request_id: Option<String>,
    /// The `Retry-After` header.
    pub retry_after: Option<String>,
    /// The body.
    pub body: Body<J>,
}

/// The most of DingTalk's own message kept in an error message.
const MAX_SERVER_MESSAGE_CHARS: usize = 300;

/// Turns an answer into the decoded result or a classified [`Error`].
pub fn read_answer<T: FromJson, J: JsonNode>(
    endpoint: Endpoint,
    answer: Answer<J>,
) -> Result<T, Error> {
    check_status(endpoint, answer).and_then(|success| decode_body(endpoint, success))
}

/// Passes a 2xx answer on for decoding; turns every other answer into a classified [`Error`].
///
/// Kept apart from [`decode_body`] so that the retry loop, which only needs this, is compiled
/// once rather than once per result type.
pub fn check_status<J: JsonNode>(
    endpoint: Endpoint,
    answer: Answer<J>,
) -> Result<Answer<J>, Error> {
    let status = answer.status;
    if answer.opaque_redirect || (300..400).contains(&status) {
        let mut message = String::from(endpoint.operation());
        message.push_str(" failed: the server answered with a redirect");
        if !answer.opaque_redirect {
            message.push_str(" (HTTP ");
            message.push_str(&decimal(u64::from(status)));
            message.push(')');
        }
        message.push_str(
            ", which is not followed so the access token goes nowhere else; check baseUrl",
        );
        let error = Error::new(ErrorKind::Network, message)
            .with_retryable(false)
            .with_request_id(answer.request_id);
        return Err(if answer.opaque_redirect {
            error
        } else {
            error.with_status(status)
        });
    }
    if (200..300).contains(&status) {
        return Ok(answer);
    }
    Err(classify_error(endpoint, answer))
}

/// Decodes the body of a 2xx answer (see [`check_status`]).
pub fn decode_body<T: FromJson, J: JsonNode>(
    endpoint: Endpoint,
    answer: Answer<J>,
) -> Result<T, Error> {
    let problem = match &answer.body {
        Body::Json(node) => match T::from_json(node) {
            Ok(value) => return Ok(value),
            Err(problem) => problem,
        },
        Body::NotJson {
            content_type: Some(ct),
        } => {
            let mut p = String::from("the body is not JSON (");
            p.push_str(&truncate(ct, 60));
            p.push(')');
            p
        }
        Body::NotJson { content_type: None } => "the body is not JSON".to_owned(),
        Body::Empty => "the body is empty".to_owned(),
    };
    let mut message = String::from(endpoint.operation());
    message.push_str(" failed: DingTalk answered HTTP ");
    message.push_str(&decimal(u64::from(answer.status)));
    message.push_str(" but ");
    message.push_str(&problem);
    Err(Error::new(ErrorKind::Decode, message)
        .with_status(answer.status)
        .with_request_id(answer.request_id)
        .with_retryable(false))
}

/// DingTalk's error body fields, where the body is of that shape.
struct ErrorBody {
    code: Option<String>,
    message: Option<String>,
    request_id: Option<String>,
}

fn error_body<J: JsonNode>(body: &Body<J>) -> ErrorBody {
    let field = |node: &J, key: &str| {
        node.member(key)
            .and_then(|v| v.as_string())
            .filter(|s| !s.is_empty())
    };
    match body {
        Body::Json(node) if node.is_object() => ErrorBody {
            code: field(node, "code"),
            message: field(node, "message"),
            request_id: field(node, "requestid").or_else(|| field(node, "requestId")),
        },
        _ => ErrorBody {
            code: None,
            message: None,
            request_id: None,
        },
    }
}

/// Whether a 403 code is DingTalk's rate limit (`Forbidden.AccessDenied.QpsOverLimit`, `…Qpm…`).
pub fn is_rate_limit_code(code: &str) -> bool {
    code.starts_with("Forbidden.AccessDenied.Qps") || code.starts_with("Forbidden.AccessDenied.Qpm")
}

fn classify_error<J: JsonNode>(endpoint: Endpoint, answer: Answer<J>) -> Error {
    let status = answer.status;
    let parsed = error_body(&answer.body);
    let throttled = status == 429
        || parsed
            .code
            .as_deref()
            .is_some_and(|c| (status == 403 && is_rate_limit_code(c)) || c == "system.busy");
    let kind = if throttled {
        ErrorKind::Throttled
    } else {
        ErrorKind::Api
    };
    let retryable = throttled || matches!(status, 408 | 500 | 502 | 503 | 504);
    let mut sentence = concat(&[
        endpoint.operation(),
        " failed: DingTalk answered HTTP ",
        &decimal(u64::from(status)),
    ]);
    let server_message = parsed
        .message
        .as_deref()
        .map(|m| truncate(m, MAX_SERVER_MESSAGE_CHARS));
    match (&parsed.code, &server_message) {
        (Some(code), Some(message)) => sentence.push_str(&concat(&[" ", code, ": ", message])),
        (Some(code), None) => sentence.push_str(&concat(&[" ", code])),
        (None, Some(message)) => sentence.push_str(&concat(&[": ", message])),
        (None, None) => match &answer.body {
            Body::NotJson {
                content_type: Some(ct),
            } => sentence.push_str(&concat(&[
                " with a non-JSON body (",
                &truncate(ct, 60),
                ")",
            ])),
            Body::NotJson { content_type: None } => sentence.push_str(" with a non-JSON body"),
            Body::Empty => sentence.push_str(" with an empty body"),
            Body::Json(_) => sentence.push_str(" with a body that is not DingTalk's error format"),
        },
    }
    if throttled {
        sentence.push_str(" (rate limited)");
    }
    let request_id = parsed.request_id.or(answer.request_id);
    if let Some(id) = &request_id {
        sentence.push_str(&concat(&[" [requestId ", id, "]"]));
    }
    Error::new(kind, sentence)
        .with_status(status)
        .with_code(parsed.code)
        .with_request_id(request_id)
        .with_retryable(retryable)
        .with_retry_after_ms(answer.retry_after.as_deref().and_then(parse_retry_after_ms))
}

/// `Retry-After` in its delta-seconds form, in milliseconds. (The HTTP-date form is ignored: the
/// retry then uses its own backoff.)
pub fn parse_retry_after_ms(value: &str) -> Option<u64> {
    let value = value.trim();
    if value.is_empty() || value.len() > 9 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    value.parse::<u64>().ok().map(|s| s * 1000)
}

/// At most `max` characters of `text`, with `…` when cut.
fn truncate(text: &str, max: usize) -> String {
    match text
        .char_indices()
        .nth(max)
        .and_then(|(cut, _)| text.get(..cut))
    {
        None => text.to_owned(),
        Some(kept) => {
            let mut cut = String::from(kept);
            cut.push('…');
            cut
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    impl JsonNode for Value {
        fn as_string(&self) -> Option<String> {
            self.as_str().map(str::to_owned)
        }
        fn as_bool(&self) -> Option<bool> {
            Value::as_bool(self)
        }
        fn is_object(&self) -> bool {
            Value::is_object(self)
        }
        fn member(&self, key: &str) -> Option<Self> {
            self.get(key).filter(|v| !v.is_null()).cloned()
        }
        fn array_len(&self) -> Option<usize> {
            self.as_array().map(Vec::len)
        }
        fn element(&self, index: usize) -> Option<Self> {
            self.as_array()?
                .get(index)
                .filter(|v| !v.is_null())
                .cloned()
        }
    }

    const GET: Endpoint = Endpoint::GetSubscribedCalendar;
    const DELETE: Endpoint = Endpoint::DeleteSubscribedCalendar;

    fn answer(status: u16, body: Body<Value>) -> Answer<Value> {
        Answer {
            status,
            opaque_redirect: false,
            request_id: Some("HDR-ID".into()),
            retry_after: None,
            body,
        }
    }

    fn json_answer(status: u16, body: Value) -> Answer<Value> {
        answer(status, Body::Json(body))
    }

    #[test]
    fn decodes_the_documented_example() {
        let body = json!({
            "calendarId": "M5MjkxNDUxQHVzZXJzLmRpbmd0YWxrLmNv",
            "name": "Traditional Chinese Calendar",
            "description": "Traditional Chinese Calendar",
            "author": "iiiP35sJadba8aBSgjrwPRKgiEiF",
            "managers": ["iiiP35sJadba8aBSgjrwPRKgiEiF"],
            "subscribeScope": {
                "unionIds": ["iiiP35sJadba8aBSgjrwPRKgiEiF"],
                "openConversationIds": ["cidvrURjEqVe8xxxxxxx"],
                "corpIds": ["dingz0xc7v89789asasdf"]
            },
            "someFutureField": { "ignored": true }
        });
        let cal: SubscribedCalendar = read_answer(GET, json_answer(200, body)).unwrap();
        assert_eq!(cal.calendar_id, "M5MjkxNDUxQHVzZXJzLmRpbmd0YWxrLmNv");
        assert_eq!(
            cal.managers.as_deref(),
            Some(&["iiiP35sJadba8aBSgjrwPRKgiEiF".to_owned()][..])
        );
        let scope = cal.subscribe_scope.unwrap();
        assert_eq!(
            scope.corp_ids,
            Some(vec!["dingz0xc7v89789asasdf".to_owned()])
        );
    }

    #[test]
    fn absent_and_null_fields_stay_none() {
        let body = json!({ "calendarId": "c", "name": null, "subscribeScope": { "unionIds": [] } });
        let cal: SubscribedCalendar = read_answer(GET, json_answer(200, body)).unwrap();
        assert_eq!(
            cal,
            SubscribedCalendar {
                calendar_id: "c".into(),
                subscribe_scope: Some(SubscribeScope {
                    union_ids: Some(vec![]),
                    ..Default::default()
                }),
                ..Default::default()
            }
        );
        #[cfg(feature = "serde")]
        assert_eq!(
            serde_json::to_value(&cal).unwrap(),
            json!({ "calendarId": "c", "subscribeScope": { "unionIds": [] } })
        );
    }

    #[test]
    fn bodies_of_the_wrong_shape_are_decode_errors_naming_the_field() {
        let cases = [
            (json!([1, 2]), "not a JSON object"),
            (json!("text"), "not a JSON object"),
            (json!({}), "`calendarId` is missing"),
            (json!({ "calendarId": 7 }), "`calendarId` is not a string"),
            (
                json!({ "calendarId": "c", "name": false }),
                "`name` is not a string",
            ),
            (
                json!({ "calendarId": "c", "managers": "a" }),
                "`managers` is not an array",
            ),
            (
                json!({ "calendarId": "c", "managers": ["a", 1] }),
                "`managers[1]` is not a string",
            ),
            (
                json!({ "calendarId": "c", "subscribeScope": [] }),
                "`subscribeScope` is not an object",
            ),
            (
                json!({ "calendarId": "c", "subscribeScope": { "corpIds": [null] } }),
                "`subscribeScope.corpIds[0]` is not a string",
            ),
        ];
        for (body, why) in cases {
            let err = read_answer::<SubscribedCalendar, _>(GET, json_answer(200, body.clone()))
                .unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Decode, "{body}");
            assert_eq!(err.status(), Some(200));
            assert_eq!(err.request_id(), Some("HDR-ID"));
            assert!(!err.retryable());
            assert!(err.message().contains(why), "{body}: {}", err.message());
            assert!(
                err.message().starts_with("getSubscribedCalendar failed"),
                "{}",
                err.message()
            );
        }
        let err = read_answer::<ResultResponse, _>(
            DELETE,
            answer(
                200,
                Body::NotJson {
                    content_type: Some("text/plain".into()),
                },
            ),
        )
        .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Decode);
        assert!(
            err.message().contains("not JSON (text/plain)"),
            "{}",
            err.message()
        );
        let err = read_answer::<ResultResponse, _>(DELETE, answer(204, Body::Empty)).unwrap_err();
        assert!(err.message().contains("empty"), "{}", err.message());
        for (body, why) in [
            (json!({}), "`result` is missing"),
            (json!({ "result": "true" }), "not a boolean"),
        ] {
            let err = read_answer::<ResultResponse, _>(DELETE, json_answer(200, body)).unwrap_err();
            assert!(err.message().contains(why), "{}", err.message());
        }
    }

    #[test]
    fn result_bodies() {
        let ok: ResultResponse =
            read_answer(DELETE, json_answer(200, json!({ "result": true }))).unwrap();
        assert!(ok.result);
        let not: ResultResponse =
            read_answer(DELETE, json_answer(200, json!({ "result": false }))).unwrap();
        assert!(!not.result);
    }

    fn dingtalk_error(status: u16, code: &str, message: &str) -> Error {
        let body = json!({ "code": code, "message": message, "requestid": "BODY-ID" });
        read_answer::<SubscribedCalendar, _>(GET, json_answer(status, body)).unwrap_err()
    }

    #[test]
    fn documented_errors_are_api_errors_with_every_field() {
        for (status, code, message) in [
            (400, "invalidParameter", "calendar id cannot be null"),
            (403, "permissionDenied", "permission denied"),
            (
                400,
                "permissionDenied",
                "The user is not within the subscription scope",
            ),
            (400, "InvalidAuthentication", "token invalid"),
            (400, "accesstoken.expired", "expired"),
        ] {
            let err = dingtalk_error(status, code, message);
            assert_eq!(err.kind(), ErrorKind::Api);
            assert_eq!(err.status(), Some(status));
            assert_eq!(err.code(), Some(code));
            assert_eq!(
                err.request_id(),
                Some("BODY-ID"),
                "the body's id wins over the header's"
            );
            assert!(!err.retryable());
            assert_eq!(
                err.message(),
                format!("getSubscribedCalendar failed: DingTalk answered HTTP {status} {code}: {message} [requestId BODY-ID]")
            );
        }
    }

    #[test]
    fn throttling_is_recognised() {
        for (status, code) in [
            (403, "Forbidden.AccessDenied.QpsOverLimit"),
            (403, "Forbidden.AccessDenied.QpmOverLimit"),
            (429, "system.busy"),
            (429, "anything"),
            (503, "system.busy"),
        ] {
            let err = dingtalk_error(status, code, "slow down");
            assert_eq!(err.kind(), ErrorKind::Throttled, "{status} {code}");
            assert!(err.retryable());
            assert!(err.message().contains("rate limited"));
        }
        assert_eq!(
            dingtalk_error(400, "Forbidden.AccessDenied.QpsOverLimit", "x").kind(),
            ErrorKind::Api
        );
        assert_eq!(
            dingtalk_error(403, "Forbidden.AccessDenied.Other", "x").kind(),
            ErrorKind::Api
        );
    }

    #[test]
    fn retryable_statuses() {
        for (status, retryable) in [
            (500, true),
            (502, true),
            (503, true),
            (504, true),
            (408, true),
            (501, false),
            (404, false),
            (401, false),
        ] {
            let err =
                read_answer::<ResultResponse, _>(DELETE, answer(status, Body::Empty)).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Api);
            assert_eq!(err.retryable(), retryable, "{status}");
        }
    }

    #[test]
    fn non_json_and_odd_error_bodies() {
        let html = answer(
            502,
            Body::NotJson {
                content_type: Some("text/html".into()),
            },
        );
        let err = read_answer::<SubscribedCalendar, _>(GET, html).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Api);
        assert_eq!(err.status(), Some(502));
        assert_eq!(err.code(), None);
        assert_eq!(err.request_id(), Some("HDR-ID"));
        assert!(err.retryable());
        assert_eq!(err.message(), "getSubscribedCalendar failed: DingTalk answered HTTP 502 with a non-JSON body (text/html) [requestId HDR-ID]");
        let odd = json_answer(400, json!({ "error": "x" }));
        let err = read_answer::<SubscribedCalendar, _>(GET, odd).unwrap_err();
        assert!(
            err.message().contains("not DingTalk's error format"),
            "{}",
            err.message()
        );
        let long = "m".repeat(1_000);
        let err = dingtalk_error(400, "invalidParameter", &long);
        assert!(
            err.message().chars().count() < 400,
            "a server message is cut short"
        );
    }

    #[test]
    fn redirects_are_refused() {
        let mut a = answer(302, Body::Empty);
        a.request_id = None;
        let err = read_answer::<SubscribedCalendar, _>(GET, a).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Network);
        assert_eq!(err.status(), Some(302));
        assert!(!err.retryable());
        assert!(err.message().contains("not followed"), "{}", err.message());
        let opaque = Answer {
            status: 0,
            opaque_redirect: true,
            request_id: None,
            retry_after: None,
            body: Body::<Value>::Empty,
        };
        let err = read_answer::<SubscribedCalendar, _>(GET, opaque).unwrap_err();
        assert_eq!(err.status(), None);
        assert!(err.message().contains("redirect"));
    }

    #[test]
    fn retry_after_seconds() {
        assert_eq!(parse_retry_after_ms("2"), Some(2_000));
        assert_eq!(parse_retry_after_ms(" 0 "), Some(0));
        assert_eq!(parse_retry_after_ms("Wed, 21 Oct 2015 07:28:00 GMT"), None);
        assert_eq!(parse_retry_after_ms("-1"), None);
        assert_eq!(parse_retry_after_ms("1.5"), None);
        assert_eq!(parse_retry_after_ms("99999999999999999999"), None);
        let mut a = json_answer(429, json!({ "code": "system.busy", "message": "busy" }));
        a.retry_after = Some("3".into());
        let err = read_answer::<SubscribedCalendar, _>(GET, a).unwrap_err();
        assert_eq!(err.retry_after_ms(), Some(3_000));
    }
}
