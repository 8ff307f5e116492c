//! The wasm layers, thin on purpose: decisions are made in the pure core (`call`, `classify`,
//! `retry`); these files only reach JS. Arrows point one way: the API (`crate::api`) →
//! transport → (alarm, json, outside, settled, cause) → (instance_local, core). The npm package's JS facade is a
//! crate of its own (`js/`), above the API, reaching in only through `facade_support`.

mod alarm;
mod cause;
pub mod facade_support;
mod instance_local;
pub(crate) mod js_error;
pub(crate) mod json;
mod outside;
mod settled;
pub(crate) mod transport;
#[cfg(feature = "worker")]
mod worker_error;
