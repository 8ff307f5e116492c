//! The wasm layers: transport, Rust client, and the JS surface. Thin on purpose: decisions are
//! made in the pure core (`call`, `response`, `retry`), these files only reach JS.

pub mod client;
pub mod facade;
mod interop;
mod transport;
