//! What a status or an error code means for the next attempt: a refused token (ask for a new
//! one), a status worth asking again, DingTalk's rate limit.

use crate::error::{Error, ErrorKind};

/// Whether DingTalk refused the token itself (401, or 400 `InvalidAuthentication` or
/// `accesstoken.expired`): the request did not run, and a fresh token may succeed.
pub fn is_token_refused(error: &Error) -> bool {
    error.kind() == ErrorKind::Api
        && (error.status() == Some(401)
            || (error.status() == Some(400)
                && matches!(
                    error.code(),
                    Some("InvalidAuthentication" | "accesstoken.expired")
                )))
}

/// Whether an answer with this status may succeed when asked again later (a timeout, a server
/// error that may pass, a rate limit), whatever its body says.
pub fn is_retryable_status(status: u16) -> bool {
    matches!(status, 408 | 429 | 500 | 502 | 503 | 504)
}

/// Whether a 403 code is DingTalk's rate limit (`Forbidden.AccessDenied.QpsOverLimit`, `…Qpm…`).
pub fn is_rate_limit_code(code: &str) -> bool {
    code.starts_with("Forbidden.AccessDenied.Qps") || code.starts_with("Forbidden.AccessDenied.Qpm")
}
