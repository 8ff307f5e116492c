//! [`Client`]: the Rust API, for Rust code that itself runs in wasm (a workers-rs Worker, a
//! Leptos or Yew app).

use std::fmt;
use std::sync::Arc;

use js_sys::Function;
use web_sys::AbortSignal;

use crate::base_url::BaseUrl;
use crate::call::{decode_sent, send};
use crate::endpoint::Endpoint;
use crate::error::{Error, ErrorKind};
use crate::model::{ResultResponse, SubscribedCalendar};
use crate::response::{Answer, FromJson};
use crate::retry::RetryPolicy;
use crate::token::validate_access_token;
use crate::wasm::access_token::{AccessToken, TokenSource};
use crate::wasm::json::ParsedJson;
use crate::wasm::transport::FetchTransport;

/// The default per-attempt timeout.
pub(crate) const DEFAULT_TIMEOUT_MS: u32 = 10_000;
/// The longest timeout `setTimeout` can hold (2^31 - 1 ms, about 24.8 days).
pub const MAX_TIMEOUT_MS: u32 = i32::MAX as u32;

/// Per-call options.
#[derive(Debug, Clone, Default)]
pub struct CallOptions {
    /// Overrides the client's per-attempt timeout for this call.
    pub timeout_ms: Option<u32>,
    /// Cancels the call, waiting retries included.
    pub signal: Option<AbortSignal>,
}

/// Builds a [`Client`]; [`ClientBuilder::build`] checks everything at once.
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    token: AccessToken,
    base_url: Option<String>,
    timeout_ms: u32,
    retry: RetryPolicy,
    fetch: Option<Function>,
}

impl ClientBuilder {
    /// DingTalk's API by default; a proxy, or the mock (`http://127.0.0.1:8790`).
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// The per-attempt timeout, 10 s by default; 1 to 2,147,483,647 ms.
    pub fn timeout_ms(mut self, timeout_ms: u32) -> Self {
        self.timeout_ms = timeout_ms;
        self
    }

    /// The retry policy ([`RetryPolicy::disabled`] for none).
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// A `fetch`-like JS function `(Request) => Promise<Response>` used instead of the global one.
    pub fn fetch(mut self, fetch: Function) -> Self {
        self.fetch = Some(fetch);
        self
    }

    /// Checks the options and makes the client.
    pub fn build(self) -> Result<Client, Error> {
        if let TokenSource::Fixed(token) = &self.token.0 {
            validate_access_token(token, ErrorKind::InvalidArgument)?;
        }
        let base_url = checked_base_url(self.base_url.as_deref())?;
        check_timeout("timeoutMs", self.timeout_ms)?;
        self.retry.validate()?;
        Ok(Client {
            inner: Arc::new(Inner {
                base_url,
                token: self.token.0,
                timeout_ms: self.timeout_ms,
                retry: self.retry,
                fetch: self.fetch,
            }),
        })
    }
}

/// The base URL every request (and an app token request) goes to, checked by the one rule:
/// DingTalk's by default.
pub fn checked_base_url(input: Option<&str>) -> Result<BaseUrl, Error> {
    let base_url = match input {
        None => BaseUrl::default(),
        Some(url) => BaseUrl::parse(url)?,
    };
    // The runtime's own URL parser has the last word on what fetch will take: an invalid IP
    // literal (`https://[1]`, `https://999.1.1.1`) or a numeric last label (`https://a.09`)
    // is refused here, not at the first request.
    if web_sys::Url::new(base_url.as_str()).is_err() {
        return Err(Error::invalid_argument(
            "baseUrl",
            "is not a URL this runtime can parse (an invalid IP address?)",
        ));
    }
    Ok(base_url)
}

pub(crate) fn check_timeout(argument: &str, timeout_ms: u32) -> Result<(), Error> {
    if timeout_ms == 0 || timeout_ms > MAX_TIMEOUT_MS {
        return Err(Error::invalid_argument(
            argument,
            "must be a whole number of milliseconds from 1 to 2147483647",
        ));
    }
    Ok(())
}

/// A DingTalk subscribed-calendar client. Cheap to clone; clones share their settings.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    base_url: BaseUrl,
    token: TokenSource,
    timeout_ms: u32,
    retry: RetryPolicy,
    fetch: Option<Function>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url.as_str())
            .field("timeout_ms", &self.inner.timeout_ms)
            .field("retry", &self.inner.retry)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Starts a client with `token`; everything else has defaults.
    pub fn builder(token: AccessToken) -> ClientBuilder {
        ClientBuilder {
            token,
            base_url: None,
            timeout_ms: DEFAULT_TIMEOUT_MS,
            retry: RetryPolicy::default(),
            fetch: None,
        }
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        self.inner.base_url.as_str()
    }

    /// `GET /v1.0/calendar/users/{userId}/subscribedCalendars/{calendarId}`: the calendar, for
    /// its author or a manager.
    pub async fn get_subscribed_calendar(
        &self,
        user_id: &str,
        calendar_id: &str,
        options: &CallOptions,
    ) -> Result<SubscribedCalendar, Error> {
        self.call(
            Endpoint::GetSubscribedCalendar,
            user_id,
            calendar_id,
            options,
        )
        .await
    }

    /// `DELETE /v1.0/calendar/users/{userId}/subscribedCalendars/{calendarId}`: the author
    /// deletes the calendar, which unsubscribes everyone.
    pub async fn delete_subscribed_calendar(
        &self,
        user_id: &str,
        calendar_id: &str,
        options: &CallOptions,
    ) -> Result<ResultResponse, Error> {
        self.call(
            Endpoint::DeleteSubscribedCalendar,
            user_id,
            calendar_id,
            options,
        )
        .await
    }

    /// `POST /v1.0/calendar/users/{userId}/calendars/{calendarId}/unsubscribe`: the user leaves
    /// a public calendar.
    pub async fn unsubscribe_calendar(
        &self,
        user_id: &str,
        calendar_id: &str,
        options: &CallOptions,
    ) -> Result<ResultResponse, Error> {
        self.call(Endpoint::UnsubscribeCalendar, user_id, calendar_id, options)
            .await
    }

    async fn call<T: FromJson>(
        &self,
        endpoint: Endpoint,
        user_id: &str,
        calendar_id: &str,
        options: &CallOptions,
    ) -> Result<T, Error> {
        let sent = self.send(endpoint, user_id, calendar_id, options).await?;
        decode_sent(endpoint, sent)
    }

    /// Sends with retries and gives back the 2xx answer still to be decoded, with the number of
    /// requests sent (see [`crate::call::send`]).
    pub(crate) async fn send(
        &self,
        endpoint: Endpoint,
        user_id: &str,
        calendar_id: &str,
        options: &CallOptions,
    ) -> Result<(Answer<ParsedJson>, u32), Error> {
        let timeout_ms = options.timeout_ms.unwrap_or(self.inner.timeout_ms);
        check_timeout("options.timeoutMs", timeout_ms)?;
        let transport = FetchTransport {
            endpoint,
            token: &self.inner.token,
            fetch: self.inner.fetch.as_ref(),
            timeout_ms,
            signal: options.signal.as_ref(),
        };
        send(
            &transport,
            &self.inner.base_url,
            &self.inner.retry,
            endpoint,
            user_id,
            calendar_id,
        )
        .await
    }
}
