//! The `cause` an error from outside leaves (a caller's fetch's, its body's): a rebuilt copy
//! (name, masked message, code, and the same of its own cause), never the thrown object. A ky
//! `HTTPError` carries its `request`, whose headers hold the token; an ofetch `FetchError` its
//! `options`, whose body may hold an app secret; `util.inspect` and loggers print them all.

use alloc::string::String;
use js_sys::Reflect;
use wasm_bindgen::JsValue;

use crate::error_body::{MAX_CODE_CHARS, MAX_SERVER_MESSAGE_CHARS};
use crate::redact::redacted_within;
use crate::wasm::outside::get;

/// How many causes deep the copy goes: undici's `fetch failed` holds the socket error that says
/// what failed (`ECONNREFUSED`), and that may hold one more.
const MAX_DEPTH: u32 = 4;

/// A copy of `cause` safe to hand to the caller: `undefined` where `cause` is neither an object
/// nor a string. Every string is masked with `secret` before it is cut.
pub fn safe_cause(cause: &JsValue, secret: &str) -> JsValue {
    copy(cause, secret, MAX_DEPTH)
}

fn copy(value: &JsValue, secret: &str, depth: u32) -> JsValue {
    if depth == 0 {
        return JsValue::UNDEFINED;
    }
    let masked = |text: String, max_chars: usize| redacted_within(&text, secret, max_chars);
    if let Some(text) = value.as_string() {
        return js_sys::Error::new(&masked(text, MAX_SERVER_MESSAGE_CHARS)).into();
    }
    if !value.is_object() {
        return JsValue::UNDEFINED;
    }
    let string = |key: &'static str, max_chars: usize| {
        get(value, key)
            .ok()
            .and_then(|v| v.as_string())
            .map(|text| masked(text, max_chars))
    };
    let error =
        js_sys::Error::new(&string("message", MAX_SERVER_MESSAGE_CHARS).unwrap_or_default());
    if let Some(name) = string("name", MAX_CODE_CHARS) {
        error.set_name(&name);
    }
    // Node's and undici's codes are strings (`ECONNREFUSED`, `UND_ERR_SOCKET`); some are numbers.
    let code = match get(value, "code") {
        Ok(code) if code.as_f64().is_some() => Some(code),
        Ok(code) => code
            .as_string()
            .map(|text| JsValue::from_str(&masked(text, MAX_CODE_CHARS))),
        Err(_) => None,
    };
    if let Some(code) = code {
        let _ = Reflect::set(&error, &JsValue::from_str("code"), &code);
    }
    let inner = copy(&get(value, "cause").unwrap_or_default(), secret, depth - 1);
    if !inner.is_undefined() {
        let _ = Reflect::set(&error, &JsValue::from_str("cause"), &inner);
    }
    error.into()
}
