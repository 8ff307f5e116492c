//! The rules `appAccessToken` (JavaScript beside the wasm, see `pkg-template/app-access-token.js`)
//! takes from the wasm instead of keeping copies of its own: the base-URL check, masking and
//! cutting outside strings (and how much of each is kept), the rebuilt `cause`, the body cap,
//! which statuses may pass, the default and the longest timeout. Exported under `__` names for the package's entries only; no entry
//! re-exports them and no type declares them.

use alloc::string::String;
use js_sys::JsString;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use dingtalk_calendar::__facade::{
    checked_base_url, is_retryable_status, redacted_within, safe_cause, ErrorParts,
    DEFAULT_TIMEOUT_MS, MAX_BODY_BYTES, MAX_CODE_CHARS, MAX_SERVER_MESSAGE_CHARS, MAX_TIMEOUT_MS,
};
use dingtalk_calendar::Error;

use crate::interop::error_to_js;

/// `baseUrl` (`undefined` for DingTalk's) joined with `path`, or the client's own
/// `invalidArgument` error for a base URL it would refuse.
#[wasm_bindgen(js_name = "__joinBaseUrl", skip_typescript)]
pub fn join_base_url(base_url: JsValue, path: &str) -> Result<String, JsValue> {
    let input = match base_url.as_string() {
        Some(url) => Some(url),
        None if base_url.is_undefined() => None,
        None => {
            let error = Error::invalid_argument("baseUrl", "must be a string");
            return Err(error_to_js(&error));
        }
    };
    checked_base_url(input.as_deref())
        .map(|base| base.join(path))
        .map_err(|e| error_to_js(&e))
}

/// At most `max_chars` characters of `text`, every piece of `secret` masked first. Only a
/// window of the JS string crosses into the wasm (twice the characters needed, as UTF-16 units).
#[wasm_bindgen(js_name = "__redact", skip_typescript)]
pub fn redact(text: &JsString, secret: &str, max_chars: u32) -> String {
    let window = (max_chars as usize)
        .saturating_add(secret.len())
        .saturating_mul(2);
    let window = u32::try_from(window).unwrap_or(u32::MAX);
    let head = String::from(text.slice(0, window));
    redacted_within(&head, secret, max_chars as usize)
}

/// A rebuilt, masked copy of `cause` (see `cause.rs`).
#[wasm_bindgen(js_name = "__safeCause", skip_typescript)]
pub fn shared_safe_cause(cause: JsValue, secret: &str) -> JsValue {
    safe_cause(&cause, secret)
}

/// One of the client's bounds, by its place in `[maxBodyBytes, maxTimeoutMs, defaultTimeoutMs,
/// maxMessageChars, maxCodeChars]` (the most of a body read, the longest and the default
/// timeout, the most of DingTalk's message and of a code or request id kept); 0 past the end.
/// One export by index: a `Vec` would bring wasm-bindgen's array glue, five exports their own.
#[wasm_bindgen(js_name = "__limit", skip_typescript)]
pub fn limit(which: u32) -> u32 {
    match which {
        0 => MAX_BODY_BYTES as u32,
        1 => MAX_TIMEOUT_MS,
        2 => DEFAULT_TIMEOUT_MS,
        3 => MAX_SERVER_MESSAGE_CHARS as u32,
        4 => MAX_CODE_CHARS as u32,
        _ => 0,
    }
}

/// Whether an answer with `status` may succeed when asked again later.
#[wasm_bindgen(js_name = "__isRetryableStatus", skip_typescript)]
pub fn shared_is_retryable_status(status: u16) -> bool {
    is_retryable_status(status)
}
