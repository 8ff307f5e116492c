//! `dingtalk-mock`: a local emulator of DingTalk's subscribed-calendar API.
//!
//! It serves DingTalk's subscribed-calendar endpoints and its token endpoint with DingTalk's
//! rules, CORS and error format, over state seeded from a JSON file, plus a control API under
//! `/__mock/` (reset, journal, faults) for tests, benchmarks and the demo. `mock/README.md`
//! documents all of it.
//!
//! The core ([`Mock`]: a request in, a reply out) has no HTTP server and builds for wasm, where
//! it is the npm package's mock; the `server` feature (on by default) adds the axum server
//! behind the `dingtalk-mock` binary and [`RunningMock`].

mod control;
mod cors;
pub mod data;
mod dingtalk_api;
mod exchange;
mod fault_answers;
pub mod faults;
pub mod journal;
mod mock;
pub mod oauth;
pub mod request_id;
mod responses;
pub mod rules;
#[cfg(feature = "server")]
mod server;
mod state;

pub use data::{SeedData, MAX_TOKEN_LIFETIME_SECS};
pub use dingtalk_api::{decode_segment, Handled, Pending};
pub use exchange::{
    Ending, MockAnswer, MockRequest, Reply, HEADER_READ_TIMEOUT, MAX_REQUEST_BODY,
    REQUEST_ID_HEADER, TOKEN_HEADER,
};
pub use mock::{BodyRefused, Mock};
#[cfg(feature = "server")]
pub use server::{serve, RunningMock};
