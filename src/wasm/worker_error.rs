//! `Error` → `worker::Error` (the `worker` feature), so `?` in a workers-rs handler returning
//! `worker::Result` works. The error travels as the JS `DingTalkError` of [`JsValue::from`]
//! (`worker::Error::Internal`), which workers-rs hands back to JS as it is: kind, status, code
//! and request id survive the trip, and never the token.

use wasm_bindgen::JsValue;

use crate::error::Error;

impl From<Error> for worker::Error {
    fn from(error: Error) -> worker::Error {
        worker::Error::Internal(JsValue::from(error))
    }
}
