//! Not API: what the npm package's JS facade (the `dingtalk-calendar-js` crate in `js/`, which
//! is not published) reaches inside this crate for, so that the facade applies this crate's
//! rules instead of copies of them. Hidden from the docs, with no semver promise: it changes
//! whenever the facade needs it to.

pub use crate::answer::{Answer, MAX_BODY_BYTES};
pub use crate::api::access_token::TokenFuture;
pub use crate::api::client::checked_base_url;
pub use crate::api::settings::{DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS};
pub use crate::base_url::BaseUrl;
pub use crate::endpoint::Endpoint;
pub use crate::error_body::{MAX_CODE_CHARS, MAX_SERVER_MESSAGE_CHARS};
pub use crate::redact::redacted_within;
pub use crate::request_body::{create_body, update_body};
pub use crate::response::decode_body;
pub use crate::retry::{RetryProblem, MAX_DELAY_LIMIT_MS, MAX_RETRIES_LIMIT};
pub use crate::status_rules::is_retryable_status;
pub use crate::text::{concat, decimal, truncate};
pub use crate::wasm::cause::safe_cause;
pub use crate::wasm::js_error::js_fields;
pub use crate::wasm::json::{has_lone_surrogate, ParsedJson};
pub use crate::wasm::outside::{call_function, get, get_own};
pub use crate::wasm::settled::Settled;

use alloc::string::String;
use core::future::Future;

use wasm_bindgen::JsValue;
use web_sys::AbortSignal;

use crate::api::access_token::{AccessToken, TokenRequest};
use crate::api::client::{Client, ClientBuilder};
use crate::error::{Error, ErrorKind};
use crate::retry::RetryPolicy;

/// A JS call's `options`, read and checked by the facade.
#[derive(Debug, Clone, Default)]
pub struct CallOptions {
    /// `timeoutMs`, already within 1 to [`MAX_TIMEOUT_MS`].
    pub timeout_ms: Option<u32>,
    /// `signal`.
    pub signal: Option<AbortSignal>,
}

/// Makes the client with errors in the core's (the JS) words; `timeout_ms` and the retry
/// policy were checked by the facade, with its names.
pub fn build(builder: ClientBuilder, timeout_ms: u32) -> Result<Client, Error> {
    builder.checked(timeout_ms)
}

/// The one rule for a policy's numbers ([`RetryPolicy`] words it for Rust).
pub fn check_retry_policy(policy: &RetryPolicy) -> Result<(), RetryProblem> {
    policy.check()
}

/// A policy's numbers as JS sees them (milliseconds).
#[derive(Debug, Clone, Copy)]
pub struct RetryNumbers {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// The first backoff, in ms.
    pub base_delay_ms: u32,
    /// The longest wait, in ms.
    pub max_delay_ms: u32,
}

/// `policy`'s numbers (the facade's defaults are the Rust API's).
pub fn retry_numbers(policy: &RetryPolicy) -> RetryNumbers {
    RetryNumbers {
        max_retries: policy.max_retries,
        base_delay_ms: policy.base_delay_ms,
        max_delay_ms: policy.max_delay_ms,
    }
}

/// A policy of these numbers, as JS gives them (milliseconds).
pub fn retry_policy(max_retries: u32, base_delay_ms: u32, max_delay_ms: u32) -> RetryPolicy {
    RetryPolicy {
        max_retries,
        base_delay_ms,
        max_delay_ms,
    }
}

/// A token function whose errors are already this crate's (the facade's JS provider makes its
/// own, with the JS value as `cause`), unlike [`AccessToken::provider`]'s, which it wraps.
pub fn token_from_provider(
    provider: impl Fn(TokenRequest) -> TokenFuture + Send + Sync + 'static,
) -> AccessToken {
    AccessToken::from_provider(provider)
}

/// Sends `endpoint` with retries and gives back the 2xx answer still to be decoded, with the
/// number of requests sent: the facade decodes per type itself (see its `run`).
pub fn send<'a>(
    client: &'a Client,
    endpoint: Endpoint,
    user_id: &'a str,
    calendar_id: &'a str,
    body: Option<&'a str>,
    options: &'a CallOptions,
) -> impl Future<Output = Result<(Answer<ParsedJson>, u32), Error>> + 'a {
    client.settings().send(
        endpoint,
        user_id,
        calendar_id,
        body,
        options.timeout_ms,
        options.signal.as_ref(),
    )
}

/// How the facade makes and completes errors, which Rust users only read.
pub trait ErrorParts: Sized {
    /// An error of `kind` with `message`.
    fn of_kind(kind: ErrorKind, message: impl Into<String>) -> Self;
    /// An argument refused before any request, named as the caller wrote it.
    fn invalid_argument(argument: &str, problem: &str) -> Self;
    /// Overrides whether asking again could succeed.
    fn with_retryable(self, retryable: bool) -> Self;
    /// The JS value that caused it, handed back as `cause`.
    fn with_cause(self, cause: JsValue) -> Self;
    /// How many requests the call sent.
    fn with_attempts(self, attempts: u32) -> Self;
}

impl ErrorParts for Error {
    fn of_kind(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error::new(kind, message)
    }
    fn invalid_argument(argument: &str, problem: &str) -> Self {
        Error::invalid_argument(argument, problem)
    }
    fn with_retryable(self, retryable: bool) -> Self {
        Error::with_retryable(self, retryable)
    }
    fn with_cause(self, cause: JsValue) -> Self {
        Error::with_cause(self, cause)
    }
    fn with_attempts(self, attempts: u32) -> Self {
        Error::with_attempts(self, attempts)
    }
}
