//! DingTalk's answers: JSON with the request id in `x-acs-request-id`, and its error format.

use serde_json::{json, Value};

use crate::exchange::{MockAnswer, REQUEST_ID_HEADER};

pub(crate) fn set_request_id(answer: &mut MockAnswer, request_id: &str) {
    if !request_id.is_empty() {
        answer.set_header(REQUEST_ID_HEADER, request_id);
    }
}

pub(crate) fn json_response(status: u16, body: &Value, request_id: &str) -> MockAnswer {
    let mut answer = MockAnswer::json(status, body);
    set_request_id(&mut answer, request_id);
    answer
}

/// DingTalk's error answer: exactly `{code, message, requestid}`, the id also in the header.
pub fn error_response(status: u16, code: &str, message: &str, request_id: &str) -> MockAnswer {
    json_response(
        status,
        &json!({ "code": code, "message": message, "requestid": request_id }),
        request_id,
    )
}

/// 200 with no body (subscribe's answer), the request id in its header.
pub(crate) fn empty_response(request_id: &str) -> MockAnswer {
    let mut answer = MockAnswer::new(200, Vec::new());
    set_request_id(&mut answer, request_id);
    answer
}
