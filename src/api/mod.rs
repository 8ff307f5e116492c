//! The Rust API, the same on both targets: [`Client`](crate::Client) and its
//! [`Call`](crate::Call)s over one client's checked settings. Only the transport underneath
//! differs: `fetch` on wasm (`crate::wasm`), reqwest natively (`crate::native`, the `native`
//! feature). Arrows point one way: client → call_value → settings → a transport → the core.

pub mod access_token;
pub mod call_value;
pub mod client;
pub mod settings;
pub mod wasm_not_send;
