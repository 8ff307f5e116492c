//! Judging an answer's status: a 2xx passed on, a redirect refused, DingTalk's error answers
//! classified into an [`Error`] (kind, code, request id, whether to retry, `Retry-After`) and
//! worded in one sentence.

use crate::answer::{Answer, Body};
use crate::endpoint::Endpoint;
use crate::error::{Error, ErrorKind};
use crate::error_body::{error_body, ErrorBody, MAX_CODE_CHARS};
use crate::json_node::JsonNode;
use crate::redact::redacted_within;
use crate::retry_after::parse_retry_after_ms;
use crate::status_rules::{is_rate_limit_code, is_retryable_status};
use crate::text::{concat, decimal};
use alloc::string::String;

/// The most of a `Content-Type` kept in a message.
const MAX_CONTENT_TYPE_CHARS: usize = 60;

/// What an answer is read against: the token that was sent (every string from outside is
/// redacted with it before it is cut to length) and the time (for a `Retry-After` date).
#[derive(Debug, Clone, Copy)]
pub struct Received<'a> {
    /// The access token the request carried.
    pub token: &'a str,
    /// Milliseconds since the Unix epoch, when the answer came.
    pub now_ms: u64,
}

/// Passes a 2xx answer on for decoding; turns every other answer into a classified [`Error`].
/// The answer's headers come back redacted.
///
/// Kept apart from [`crate::response::decode_body`] so that the retry loop, which only needs
/// this, is compiled once rather than once per result type.
pub fn check_status<J: JsonNode>(
    endpoint: Endpoint,
    mut answer: Answer<J>,
    received: Received<'_>,
) -> Result<Answer<J>, Error> {
    let token = received.token;
    // `Retry-After` is only ever parsed, never shown: it needs no mask.
    answer.request_id = answer
        .request_id
        .map(|id| redacted_within(&id, token, MAX_CODE_CHARS));
    if let Body::NotJson {
        content_type: Some(ct),
    } = &mut answer.body
    {
        *ct = redacted_within(ct, token, MAX_CONTENT_TYPE_CHARS);
    }
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
    let parsed = error_body(&answer.body, token);
    if (200..300).contains(&status) {
        if parsed.is_dingtalk_error() {
            // DingTalk's error format instead of the answer: a decode error that keeps its code,
            // request id and message.
            return Err(classify_error(endpoint, answer, parsed, received.now_ms).into_decode());
        }
        return Ok(answer);
    }
    Err(classify_error(endpoint, answer, parsed, received.now_ms))
}

fn classify_error<J: JsonNode>(
    endpoint: Endpoint,
    answer: Answer<J>,
    parsed: ErrorBody,
    now_ms: u64,
) -> Error {
    let status = answer.status;
    let throttled =
        status == 429 || (status == 403 && parsed.code.as_deref().is_some_and(is_rate_limit_code));
    let kind = if throttled {
        ErrorKind::Throttled
    } else {
        ErrorKind::Api
    };
    let retryable = throttled || is_retryable_status(status);
    let mut sentence = concat(&[
        endpoint.operation(),
        " failed: DingTalk answered HTTP ",
        &decimal(u64::from(status)),
    ]);
    match (&parsed.code, &parsed.message) {
        (Some(code), Some(message)) => sentence.push_str(&concat(&[" ", code, ": ", message])),
        (Some(code), None) => sentence.push_str(&concat(&[" ", code])),
        (None, Some(message)) => sentence.push_str(&concat(&[": ", message])),
        (None, None) => match &answer.body {
            Body::NotJson {
                content_type: Some(ct),
            } => sentence.push_str(&concat(&[" with a non-JSON body (", ct, ")"])),
            Body::NotJson { content_type: None } => sentence.push_str(" with a non-JSON body"),
            Body::Empty => sentence.push_str(" with an empty body"),
            Body::TooLarge => sentence.push_str(" with a body larger than 1 MiB (not read)"),
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
        .with_retry_after_ms(
            answer
                .retry_after
                .as_deref()
                .and_then(|value| parse_retry_after_ms(value, now_ms)),
        )
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
    const TOKEN: &str = "tok-0123456789abcdefSECRET";
    /// Mon, 21 Sep 2026 14:13:20 GMT.
    const NOW_MS: u64 = 1_790_000_000_000;
    const RECEIVED: Received<'static> = Received {
        token: TOKEN,
        now_ms: NOW_MS,
    };

    /// Classifies, then decodes a success: what a call does with one answer.
    fn read_answer<T: crate::response::FromJson>(
        endpoint: Endpoint,
        answer: Answer<Value>,
    ) -> Result<T, Error> {
        check_status(endpoint, answer, RECEIVED).and_then(|ok| decode_body(endpoint, ok))
    }

    fn json_answer(status: u16, body: Value) -> Answer<Value> {
        answer(status, Body::Json(body))
    }

    fn dingtalk_error(status: u16, code: &str, message: &str) -> Error {
        let body = json!({ "code": code, "message": message, "requestid": "BODY-ID" });
        read_answer::<SubscribedCalendar>(GET, json_answer(status, body)).unwrap_err()
    }

    #[test]
    fn a_retry_after_date_reaches_the_error_as_its_wait() {
        let mut a = json_answer(429, json!({ "code": "system.busy", "message": "busy" }));
        a.retry_after = Some("Mon, 21 Sep 2026 14:13:25 GMT".into());
        let err = read_answer::<SubscribedCalendar>(GET, a).unwrap_err();
        assert_eq!(err.retry_after_ms(), Some(5_000));
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
    fn the_token_is_redacted_before_anything_is_cut() {
        // A server that echoes the token where the 300-character cut falls.
        let message = format!("{}{TOKEN}", "m".repeat(290));
        let err = dingtalk_error(400, "InvalidAuthentication", &message);
        assert!(!err.message().contains(&TOKEN[..8]), "{}", err.message());
        assert!(err.message().contains("[redacted]"));
        let mut a = json_answer(
            500,
            json!({ "code": TOKEN, "message": "x", "requestid": format!("id-{TOKEN}") }),
        );
        a.request_id = Some(TOKEN.into());
        let err = read_answer::<SubscribedCalendar>(GET, a).unwrap_err();
        for field in [Some(err.message()), err.code(), err.request_id()] {
            assert!(!field.unwrap_or("").contains(&TOKEN[..8]), "{field:?}");
        }
        // A 2xx whose headers carry it: the decode error does not.
        let mut a = answer(
            200,
            Body::NotJson {
                content_type: Some(format!("text/{TOKEN}")),
            },
        );
        a.request_id = Some(format!("{TOKEN}-id"));
        let err = read_answer::<ResultResponse>(DELETE, a).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Decode);
        assert!(!err.message().contains(&TOKEN[..8]), "{}", err.message());
        assert!(!err.request_id().unwrap_or("").contains(&TOKEN[..8]));
    }

    #[test]
    fn a_2xx_with_dingtalks_error_body_is_a_decode_error_with_its_code() {
        let body = json!({ "code": "invalidParameter", "message": "bad id", "requestid": "R-1" });
        let err = read_answer::<SubscribedCalendar>(GET, json_answer(200, body)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Decode);
        assert_eq!(err.status(), Some(200));
        assert_eq!(err.code(), Some("invalidParameter"));
        assert_eq!(err.request_id(), Some("R-1"));
        assert!(!err.retryable());
        assert!(
            err.message().contains("invalidParameter: bad id"),
            "{}",
            err.message()
        );
        // A success that merely has a `code` member is still a success.
        let ok = json!({ "calendarId": "c", "code": "x" });
        assert!(read_answer::<SubscribedCalendar>(GET, json_answer(200, ok)).is_ok());
    }
}
