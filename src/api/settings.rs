//! What a [`Client`](crate::Client) holds, checked, and how one call is sent with it: below
//! both the client and its [`Call`](crate::Call)s, so neither needs the other's file.

use core::time::Duration;

#[cfg(target_arch = "wasm32")]
use js_sys::Function;
#[cfg(target_arch = "wasm32")]
use web_sys::AbortSignal;

use crate::answer::Answer;
use crate::api::access_token::TokenSource;
use crate::base_url::BaseUrl;
use crate::call::send;
use crate::endpoint::Endpoint;
use crate::error::Error;
#[cfg(not(target_arch = "wasm32"))]
use crate::native::{JsonValue, ReqwestTransport};
use crate::retry::RetryPolicy;
#[cfg(target_arch = "wasm32")]
use crate::wasm::json::ParsedJson;
#[cfg(target_arch = "wasm32")]
use crate::wasm::transport::FetchTransport;

/// The default per-attempt timeout.
pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;
/// The longest timeout `setTimeout` can hold (2^31 - 1 ms, about 24.8 days); natively the same,
/// so that one rule holds on both targets.
pub const MAX_TIMEOUT_MS: u32 = i32::MAX as u32;

/// `timeout` in whole milliseconds if a JS timer can hold it (1 to [`MAX_TIMEOUT_MS`]).
pub(crate) fn timeout_millis(timeout: Duration) -> Option<u32> {
    u32::try_from(timeout.as_millis())
        .ok()
        .filter(|ms| (1..=MAX_TIMEOUT_MS).contains(ms))
}

/// A client's settings, every one checked when it was built.
pub(crate) struct Settings {
    pub base_url: BaseUrl,
    pub token: TokenSource,
    pub timeout_ms: u32,
    pub retry: RetryPolicy,
    /// The caller's `fetch`, else the global one.
    #[cfg(target_arch = "wasm32")]
    pub fetch: Option<Function>,
    /// The client's own connection pool, which never follows a redirect.
    #[cfg(not(target_arch = "wasm32"))]
    pub http: reqwest::Client,
}

impl Settings {
    /// Sends with retries and gives back the 2xx answer still to be decoded, with the number of
    /// requests sent (see [`crate::call::send`]). `body` is create's or update's JSON;
    /// `timeout_ms`, this call's own, is checked by the caller.
    #[cfg(target_arch = "wasm32")]
    pub(crate) async fn send(
        &self,
        endpoint: Endpoint,
        user_id: &str,
        calendar_id: &str,
        body: Option<&str>,
        timeout_ms: Option<u32>,
        signal: Option<&AbortSignal>,
    ) -> Result<(Answer<ParsedJson>, u32), Error> {
        let transport = FetchTransport {
            endpoint,
            token: &self.token,
            fetch: self.fetch.as_ref(),
            timeout_ms: timeout_ms.unwrap_or(self.timeout_ms),
            signal,
        };
        send(
            &transport,
            &self.base_url,
            &self.retry,
            endpoint,
            user_id,
            calendar_id,
            body,
        )
        .await
    }

    /// Sends with retries and gives back the 2xx answer still to be decoded, with the number of
    /// requests sent (see [`crate::call::send`]). `body` is create's or update's JSON;
    /// `timeout_ms`, this call's own, is checked by the caller.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) async fn send(
        &self,
        endpoint: Endpoint,
        user_id: &str,
        calendar_id: &str,
        body: Option<&str>,
        timeout_ms: Option<u32>,
    ) -> Result<(Answer<JsonValue>, u32), Error> {
        let transport = ReqwestTransport {
            endpoint,
            token: &self.token,
            http: &self.http,
            timeout_ms: timeout_ms.unwrap_or(self.timeout_ms),
        };
        send(
            &transport,
            &self.base_url,
            &self.retry,
            endpoint,
            user_id,
            calendar_id,
            body,
        )
        .await
    }
}
