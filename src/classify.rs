//! Reading an answer that is not a success: redirects refused, DingTalk's error answers
//! classified into an [`Error`] (kind, code, request id, whether to retry, `Retry-After`).

use crate::endpoint::Endpoint;
use crate::error::{Error, ErrorKind};
use crate::response::{Answer, Body, JsonNode};
use crate::text::{concat, decimal, truncate};

/// The most of DingTalk's own message kept in an error message.
const MAX_SERVER_MESSAGE_CHARS: usize = 300;

/// Passes a 2xx answer on for decoding; turns every other answer into a classified [`Error`].
///
/// Kept apart from [`crate::response::decode_body`] so that the retry loop, which only needs this, is compiled
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

/// DingTalk's error body fields, where the body is of that shape; empty strings count as absent.
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
    let throttled =
        status == 429 || (status == 403 && parsed.code.as_deref().is_some_and(is_rate_limit_code));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ResultResponse, SubscribedCalendar};
    use crate::response::decode_body;
    use crate::response::tests::answer;
    use serde_json::{json, Value};

    const GET: Endpoint = Endpoint::GetSubscribedCalendar;
    const DELETE: Endpoint = Endpoint::DeleteSubscribedCalendar;

    /// Classifies, then decodes a success: what a call does with one answer.
    fn read_answer<T: crate::response::FromJson>(
        endpoint: Endpoint,
        answer: Answer<Value>,
    ) -> Result<T, Error> {
        check_status(endpoint, answer).and_then(|ok| decode_body(endpoint, ok))
    }

    fn json_answer(status: u16, body: Value) -> Answer<Value> {
        answer(status, Body::Json(body))
    }

    fn dingtalk_error(status: u16, code: &str, message: &str) -> Error {
        let body = json!({ "code": code, "message": message, "requestid": "BODY-ID" });
        read_answer::<SubscribedCalendar>(GET, json_answer(status, body)).unwrap_err()
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
        // Decided by status first: a 500 `system.busy` may have run, so it is not throttling.
        assert_eq!(
            dingtalk_error(500, "system.busy", "x").kind(),
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
                read_answer::<ResultResponse>(DELETE, answer(status, Body::Empty)).unwrap_err();
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
        let err = read_answer::<SubscribedCalendar>(GET, html).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Api);
        assert_eq!(err.status(), Some(502));
        assert_eq!(err.code(), None);
        assert_eq!(err.request_id(), Some("HDR-ID"));
        assert!(err.retryable());
        assert_eq!(err.message(), "getSubscribedCalendar failed: DingTalk answered HTTP 502 with a non-JSON body (text/html) [requestId HDR-ID]");
        let odd = json_answer(400, json!({ "error": "x" }));
        let err = read_answer::<SubscribedCalendar>(GET, odd).unwrap_err();
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
        let err = read_answer::<SubscribedCalendar>(GET, a).unwrap_err();
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
        let err = read_answer::<SubscribedCalendar>(GET, opaque).unwrap_err();
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
        let err = read_answer::<SubscribedCalendar>(GET, a).unwrap_err();
        assert_eq!(err.retry_after_ms(), Some(3_000));
    }
}
