//! The wasm layers, thin on purpose: decisions are made in the pure core (`call`, `classify`,
//! `retry`); these files only reach JS. Arrows point one way:
//! client → call_value → settings → transport → (alarm, json, access_token, outside, settled, cause) → core. The npm
//! package's JS facade is a crate of its own (`js/`), above `client`, reaching in only through
//! `facade_support`.

pub mod access_token;
mod alarm;
pub mod call_value;
mod cause;
pub mod client;
pub mod facade_support;
mod js_error;
mod json;
mod outside;
mod settings;
mod settled;
mod transport;
#[cfg(feature = "worker")]
mod worker_error;
