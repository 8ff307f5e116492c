//! The wasm layers, thin on purpose: decisions are made in the pure core (`call`, `classify`,
//! `retry`); these files only reach JS. Arrows point one way:
//! facade → interop → client → transport → (alarm, json, access_token) → core.

pub mod access_token;
mod alarm;
mod cause;
pub mod client;
#[cfg(feature = "npm")]
pub mod facade;
#[cfg(feature = "npm")]
mod interop;
mod json;
mod outside;
mod settled;
#[cfg(feature = "npm")]
mod shared_rules;
mod transport;
