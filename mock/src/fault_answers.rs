//! The answer a queued fault makes instead of DingTalk's: a status and body, a body cut
//! halfway, a redirect, or none at all (a dropped connection).

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::{json, Value};

use crate::faults::{FaultAction, FaultSpec};
use crate::responses::set_request_id;

/// The status the journal records for a fault's answer: none for a dropped connection.
pub(crate) fn answered_status(fault: &FaultSpec, response: &Response) -> Option<u16> {
    (fault.action != FaultAction::Drop).then(|| response.status().as_u16())
}

pub(crate) fn fault_name(fault: &FaultSpec) -> &'static str {
    match fault.action {
        FaultAction::Respond => "respond",
        FaultAction::Truncate => "truncate",
        FaultAction::Drop => "drop",
        FaultAction::Redirect => "redirect",
    }
}

/// The answer a fault makes, or `None` for a delay-only fault (the normal answer follows).
pub(crate) fn fault_response(fault: &FaultSpec, request_id: &str) -> Option<Response> {
    let (status, body, content_type) = match fault.action {
        FaultAction::Respond => {
            let status = fault.status?;
            let (body, ct) = fault_body(fault, request_id);
            (status, body, ct)
        }
        FaultAction::Truncate => {
            let (body, ct) = fault_body(fault, request_id);
            (fault.status.unwrap_or(200), body, ct)
        }
        FaultAction::Drop => (200, Vec::new(), None),
        FaultAction::Redirect => (fault.status.unwrap_or(302), Vec::new(), None),
    };
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = if fault.action == FaultAction::Truncate {
        // Announce the whole body, send half of it, then fail the stream: hyper closes the
        // connection and the client sees a body that stops halfway.
        let full = body.len();
        let half = Bytes::from(body[..full / 2].to_vec());
        // The pause lets hyper flush the head and the first half before the stream fails.
        let rest = futures_util::stream::once(async {
            tokio::time::sleep(Duration::from_millis(50)).await;
            Err::<Bytes, _>(std::io::Error::other("truncated by the mock"))
        });
        let stream = futures_util::StreamExt::chain(futures_util::stream::iter([Ok(half)]), rest);
        let mut r = Response::new(Body::from_stream(stream));
        r.headers_mut()
            .insert(header::CONTENT_LENGTH, HeaderValue::from(full));
        r
    } else {
        Response::new(Body::from(body))
    };
    *response.status_mut() = status;
    let headers = response.headers_mut();
    set_request_id(headers, request_id);
    if let Some(ct) = content_type
        .as_deref()
        .and_then(|v| HeaderValue::from_str(v).ok())
    {
        headers.insert(header::CONTENT_TYPE, ct);
    }
    if let Some(v) = fault
        .retry_after
        .as_deref()
        .and_then(|v| HeaderValue::from_str(v).ok())
    {
        headers.insert(header::RETRY_AFTER, v);
    }
    if let Some(v) = fault
        .location
        .as_deref()
        .and_then(|v| HeaderValue::from_str(v).ok())
    {
        headers.insert(header::LOCATION, v);
    }
    for (name, value) in &fault.headers {
        if let (Ok(n), Ok(v)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            headers.insert(n, v);
        }
    }
    Some(response)
}

/// The body of a fault answer and its content type.
fn fault_body(fault: &FaultSpec, request_id: &str) -> (Vec<u8>, Option<String>) {
    let explicit = fault.content_type.clone();
    if let (Some(code), Some(message)) = (&fault.code, &fault.message) {
        let body = json!({ "code": code, "message": message, "requestid": request_id });
        return (
            body.to_string().into_bytes(),
            explicit.or(Some("application/json".into())),
        );
    }
    match &fault.body {
        Some(Value::String(text)) => (
            text.clone().into_bytes(),
            explicit.or(Some("text/html".into())),
        ),
        Some(value) => (
            value.to_string().into_bytes(),
            explicit.or(Some("application/json".into())),
        ),
        None => (Vec::new(), explicit),
    }
}
