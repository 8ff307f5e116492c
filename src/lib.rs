//! # dingtalk-calendar
//!
//! DingTalk's subscribed-calendar API (create, get, update, subscribe, unsubscribe, delete) for
//! Rust that runs in WebAssembly (a workers-rs Worker, a Leptos or Yew app: over `fetch`) or
//! natively with the `native` feature (an axum handler, a Leptos server function: over reqwest,
//! on tokio). The same `Client` on both:
//!
//! ```
//! # #[cfg(all(feature = "native", not(target_arch = "wasm32")))]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
//! # let mock = dingtalk_mock::RunningMock::start(
//! #     ([127, 0, 0, 1], 0).into(), dingtalk_mock::SeedData::builtin()).await?;
//! # let mock_url = mock.base_url();
//! use std::time::Duration;
//! use dingtalk_calendar::{AccessToken, Client};
//!
//! let client = Client::builder(AccessToken::fixed("demo-access-token"))
//!     .base_url(mock_url) // the mock (`make mock`); DingTalk's by default
//!     .timeout(Duration::from_secs(5))
//!     .build()?;
//! let calendar = client
//!     .get_subscribed_calendar("user-alice", "cal-public-holidays")
//!     .await?;
//! assert_eq!(calendar.calendar_id, "cal-public-holidays");
//! # Ok(()) }
//! # #[cfg(not(all(feature = "native", not(target_arch = "wasm32"))))]
//! # fn main() {}
//! ```
//!
//! The crate is layered so that the logic is plain Rust, tested natively:
//!
//! | module | layer |
//! |---|---|
//! | `endpoint`, `path`, `base_url`, `token` | the requests: endpoints as data, id checks and single-segment encoding, base-URL and token checks |
//! | `answer`, `json_node`, `json_value` | what a transport hands the core: an answer's status, headers and body, and read access to parsed JSON (serde_json's natively) |
//! | `response`, `model` | a 2xx answer decoded into the model (the serde derives name DingTalk's fields) |
//! | `classify`, `error_body`, `status_rules`, `retry_after` | any other answer: judged and worded, DingTalk's error body read, what a status or code means for the next attempt, `Retry-After`'s seconds or HTTP date |
//! | `error`, `redact` | the one error type, and masking secrets in outside text |
//! | `retry` | the retry policy: whether and how long to wait |
//! | `call`, `attempt_errors` | one call from start to end: attempts, retries, aborts, over any `Transport`, and how a transport words an attempt that got no answer |
//! | `api` | `Client` and its `Call`s: the Rust API, over one client's checked settings, the same on both targets |
//! | `wasm::transport` | one request through `fetch` (web-sys `RequestInit`), its answer read through `wasm::outside`, with timeout and abort (web-sys) |
//! | `wasm::outside`, `wasm::settled`, `wasm::cause` | reading a caller's JS objects without an escaped exception, awaiting their promises without a leak, and the masked copy of their errors |
//! | `native::transport` | one request through reqwest (rustls), its body read up to its bound, with tokio's timer (the `native` feature) |
//! | `rust_words` | the Rust API's names in its messages (the core writes the JS facade's) |
//!
//! Without `native`, natively the crate is its pure core and its model types. The npm
//! package's JS surface (`CalendarClient`, `DingTalkError`, its allocator) is another crate of
//! the workspace, `js/`, so none of it comes with this one: no JS export, no
//! `#[global_allocator]`, no `cdylib`. Its features: `native`, `worker`, which adds
//! `impl From<Error> for worker::Error`, for `?` in a workers-rs handler, and `std` (default),
//! without which the crate is `no_std` with `alloc` on wasm (the npm package's own build).
#![cfg_attr(not(feature = "std"), no_std)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]
// Natively only the tests drive the core; the wasm layers are its one caller.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

extern crate alloc;

mod answer;
#[cfg(any(target_arch = "wasm32", feature = "native"))]
mod api;
#[cfg(any(target_arch = "wasm32", feature = "native"))]
mod attempt_errors;
mod base_url;
mod call;
mod classify;
mod endpoint;
mod error;
mod error_body;
mod json_node;
#[cfg(any(test, all(feature = "native", not(target_arch = "wasm32"))))]
mod json_value;
mod model;
mod path;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties;
mod redact;
mod request_body;
mod response;
mod retry;
mod retry_after;
mod rust_words;
mod status_rules;
mod text;
mod token;

#[cfg(all(feature = "native", not(target_arch = "wasm32")))]
mod native;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use base_url::DEFAULT_BASE_URL;
pub use error::{Error, ErrorKind};
pub use model::{
    CreatedCalendar, NewSubscribedCalendar, ResultResponse, SubscribeScope, SubscribedCalendar,
    SubscribedCalendarUpdate,
};
pub use retry::RetryPolicy;

#[cfg(any(target_arch = "wasm32", feature = "native"))]
#[cfg_attr(docsrs, doc(cfg(any(target_arch = "wasm32", feature = "native"))))]
pub use api::{
    access_token::{AccessToken, TokenRequest},
    call_value::{Call, CallFuture},
    client::{Client, ClientBuilder},
    wasm_not_send::WasmNotSend,
};
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub use wasm::facade_support as __facade;
