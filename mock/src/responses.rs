//! DingTalk's answers: JSON with the request id in `x-acs-request-id`, and its error format.

use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::state::REQUEST_ID_HEADER;

pub(crate) fn set_request_id(headers: &mut HeaderMap, request_id: &str) {
    if let Ok(v) = HeaderValue::from_str(request_id) {
        headers.insert(REQUEST_ID_HEADER, v);
    }
}

pub(crate) fn json_response(status: StatusCode, body: &Value, request_id: &str) -> Response {
    let mut response = (status, Json(body)).into_response();
    set_request_id(response.headers_mut(), request_id);
    response
}

/// DingTalk's error answer: exactly `{code, message, requestid}`, the id also in the header.
pub(crate) fn error_response(status: u16, code: &str, message: &str, request_id: &str) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST);
    json_response(
        status,
        &json!({ "code": code, "message": message, "requestid": request_id }),
        request_id,
    )
}

/// 200 with no body (subscribe's answer), the request id in its header.
pub(crate) fn empty_response(request_id: &str) -> Response {
    let mut response = StatusCode::OK.into_response();
    set_request_id(response.headers_mut(), request_id);
    response
}
