//! # dingtalk-calendar
//!
//! DingTalk's subscribed-calendar API (get, delete, unsubscribe) over `fetch`, for WebAssembly:
//! browsers, Cloudflare Workers, Node, Deno and Bun. From Rust code that itself targets wasm (a
//! workers-rs Worker, a Leptos or Yew app), use `Client` (it exists only there):
//!
//! ```no_run
//! # #[cfg(target_arch = "wasm32")]
//! # async fn demo() -> Result<(), dingtalk_calendar::Error> {
//! use std::time::Duration;
//! use dingtalk_calendar::{AccessToken, Client};
//!
//! let client = Client::builder(AccessToken::fixed("demo-access-token"))
//!     .base_url("http://127.0.0.1:8790")
//!     .timeout(Duration::from_secs(5))
//!     .build()?;
//! let calendar = client
//!     .get_subscribed_calendar("user-alice", "cal-public-holidays")
//!     .await?;
//! assert_eq!(calendar.calendar_id, "cal-public-holidays");
//! # Ok(()) }
//! ```
//!
//! The crate is layered so that the logic is plain Rust, tested natively:
//!
//! | module | layer |
//! |---|---|
//! | `endpoint`, `path`, `base_url`, `token` | the requests: endpoints as data, id checks and single-segment encoding, base-URL and token checks |
//! | `response`, `classify`, `retry_after`, `model`, `error`, `redact`, `retry` | the answers: decoding (serde), error classification, `Retry-After`'s seconds or HTTP date, masking secrets in outside text, the retry policy |
//! | `call` | one call from start to end: attempts, retries, aborts, over any `Transport` |
//! | `wasm::transport` | one request through `fetch` (web-sys `RequestInit`), its answer read through `wasm::outside`, with timeout and abort (web-sys) |
//! | `wasm::outside`, `wasm::settled`, `wasm::cause` | reading a caller's JS objects without an escaped exception, awaiting their promises without a leak, and the masked copy of their errors |
//! | `wasm::client`, `wasm::call_value`, `wasm::settings` | `Client` and its `Call`s: the Rust API, over one client's checked settings |
//! | `rust_words` | the Rust API's names in its messages (the core writes the JS facade's) |
//!
//! The `wasm` layers exist only when compiling for `wasm32`; natively the crate is its pure core
//! and its model types. The npm package's JS surface (`CalendarClient`, `DingTalkError`, its
//! allocator) is another crate of the workspace, `js/`, so none of it comes with this one: no
//! JS export, no `#[global_allocator]`, no `cdylib`. Its one optional feature, `worker`, adds
//! `impl From<Error> for worker::Error`, for `?` in a workers-rs handler.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]
// Natively only the tests drive the core; the wasm layers are its one caller.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

mod base_url;
mod call;
mod classify;
mod endpoint;
mod error;
mod model;
mod path;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties;
mod redact;
mod response;
mod retry;
mod retry_after;
mod rust_words;
mod text;
mod token;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use base_url::DEFAULT_BASE_URL;
pub use error::{Error, ErrorKind};
pub use model::{ResultResponse, SubscribeScope, SubscribedCalendar};
pub use retry::RetryPolicy;

#[cfg(target_arch = "wasm32")]
#[cfg_attr(docsrs, doc(cfg(target_arch = "wasm32")))]
pub use wasm::access_token::{AccessToken, TokenRequest};
#[cfg(target_arch = "wasm32")]
#[cfg_attr(docsrs, doc(cfg(target_arch = "wasm32")))]
pub use wasm::call_value::{Call, CallFuture};
#[cfg(target_arch = "wasm32")]
#[cfg_attr(docsrs, doc(cfg(target_arch = "wasm32")))]
pub use wasm::client::{Client, ClientBuilder};
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub use wasm::facade_support as __facade;
