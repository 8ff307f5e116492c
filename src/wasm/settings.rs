//! What a [`Client`](crate::Client) holds, checked, and how one call is sent with it: below
//! both the client and its [`Call`](crate::Call)s, so neither needs the other's file.

use std::time::Duration;

use js_sys::Function;
use web_sys::AbortSignal;

use crate::base_url::BaseUrl;
use crate::call::send;
use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::response::Answer;
use crate::retry::RetryPolicy;
use crate::wasm::access_token::TokenSource;
use crate::wasm::json::ParsedJson;
use crate::wasm::transport::FetchTransport;

/// The default per-attempt timeout.
pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;
/// The longest timeout `setTimeout` can hold (2^31 - 1 ms, about 24.8 days).
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
    pub fetch: Option<Function>,
}

impl Settings {
    /// Sends with retries and gives back the 2xx answer still to be decoded, with the number of
    /// requests sent (see [`crate::call::send`]). `timeout_ms`, this call's own, is checked by
    /// the caller.
    pub(crate) async fn send(
        &self,
        endpoint: Endpoint,
        user_id: &str,
        calendar_id: &str,
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
        )
        .await
    }
}
