//! The answer a queued fault makes instead of DingTalk's: a status and body, a body cut
//! halfway, a redirect, or none at all (a dropped connection).

use serde_json::{json, Value};

use crate::exchange::{Ending, MockAnswer, Reply};
use crate::faults::{FaultAction, FaultSpec};
use crate::responses::set_request_id;

pub(crate) fn fault_name(fault: &FaultSpec) -> &'static str {
    match fault.action {
        FaultAction::Respond => "respond",
        FaultAction::Truncate => "truncate",
        FaultAction::Drop => "drop",
        FaultAction::Redirect => "redirect",
    }
}

/// What a fault does instead of the normal answer, or `None` for a delay-only fault (the
/// normal answer follows).
pub(crate) fn fault_reply(fault: &FaultSpec, request_id: &str) -> Option<Reply> {
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
        FaultAction::Drop => return Some(Reply::Drop),
        FaultAction::Redirect => (fault.status.unwrap_or(302), Vec::new(), None),
    };
    let mut answer = MockAnswer::new(status, body);
    if fault.action == FaultAction::Truncate {
        answer.ending = Ending::Truncated;
    }
    set_request_id(&mut answer, request_id);
    // Every value was checked as a header value when the fault was queued (FaultSpec::validate).
    if let Some(ct) = content_type {
        answer.set_header("content-type", &ct);
    }
    if let Some(v) = &fault.retry_after {
        answer.set_header("retry-after", v);
    }
    if let Some(v) = &fault.location {
        answer.set_header("location", v);
    }
    for (name, value) in &fault.headers {
        answer.set_header(&name.to_ascii_lowercase(), value);
    }
    Some(Reply::Answer(answer))
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
