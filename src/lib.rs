//! # dingtalk-calendar
//!
//! DingTalk's subscribed-calendar API (get, delete, unsubscribe) over `fetch`, for WebAssembly:
//! browsers, Cloudflare Workers, Node, Deno and Bun.
//!
//! The crate is layered so that the logic is plain Rust, tested natively:
//!
//! | module | layer |
//! |---|---|
//! | [`endpoint`], [`path`], [`base_url`], [`token`] | the requests: endpoints as data, id checks and single-segment encoding, base-URL and token checks |
//! | [`response`], [`model`], [`error`], [`retry`] | the answers: decoding, error classification, the retry policy |
//! | [`call`] | one call from start to end: attempts, retries, aborts, over any `Transport` |
//! | `wasm::transport` (+ `transport.js`) | one request through the global `fetch` (or the caller's), with timeout and abort |
//! | `wasm::client` | `Client`: the Rust API, for Rust code that itself targets wasm |
//! | `wasm::interop`, `wasm::facade` | the JS surface (`CalendarClient`, `DingTalkError`): conversions only |
//!
//! The `wasm` layers exist only when compiling for `wasm32`.
#![deny(missing_docs)]

pub mod base_url;
pub mod call;
pub mod endpoint;
pub mod error;
pub mod model;
pub mod path;
pub mod response;
pub mod retry;
mod text;
pub mod token;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use base_url::BaseUrl;
pub use endpoint::Endpoint;
pub use error::{Error, ErrorKind};
pub use model::{ResultResponse, SubscribeScope, SubscribedCalendar};
pub use retry::RetryPolicy;

#[cfg(target_arch = "wasm32")]
pub use wasm::client::{AccessToken, CallOptions, Client, ClientBuilder};
#[cfg(target_arch = "wasm32")]
pub use wasm::facade::CalendarClient;

// SAFETY: wasm32 without the `atomics` feature has one thread, which is all
// `AssumeSingleThreaded` asks for.
#[cfg(all(
    target_arch = "wasm32",
    not(target_feature = "atomics"),
    feature = "small-allocator"
))]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };
