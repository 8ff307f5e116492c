//! `Error` → `JsValue`, so `?` in a `#[wasm_bindgen]` function returning `Result<_, JsValue>`
//! hands JS a real `Error`: its name `DingTalkError`, its message, and `kind`, `status`,
//! `code`, `requestId`, `retryable`, `attempts` and `cause` as the npm package's error has them.
//! Never the token: the message and fields are the already-masked ones.

use js_sys::Reflect;
use wasm_bindgen::JsValue;

use crate::error::Error;

/// The fields a JS `DingTalkError` carries, by their JS names; `None` where it has none. The
/// one list, for this conversion and the npm package's own error class.
pub fn js_fields(error: &Error) -> [(&'static str, Option<JsValue>); 7] {
    [
        ("kind", Some(JsValue::from_str(error.kind().as_str()))),
        ("status", error.status().map(JsValue::from)),
        ("code", error.code().map(JsValue::from_str)),
        ("requestId", error.request_id().map(JsValue::from_str)),
        ("retryable", Some(JsValue::from_bool(error.retryable()))),
        ("attempts", Some(JsValue::from(error.attempts()))),
        ("cause", error.js_cause().cloned()),
    ]
}

impl From<Error> for JsValue {
    fn from(error: Error) -> JsValue {
        let js = js_sys::Error::new(error.message());
        js.set_name("DingTalkError");
        for (key, value) in js_fields(&error) {
            if let Some(value) = value {
                // A fresh Error is extensible and has none of these keys: setting cannot fail.
                let _ = Reflect::set(&js, &JsValue::from_str(key), &value);
            }
        }
        js.into()
    }
}
