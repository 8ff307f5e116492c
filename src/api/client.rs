//! [`Client`]: the Rust API, for Rust code that runs in wasm (a workers-rs Worker, a Leptos or
//! Yew app) or natively with the `native` feature (an axum handler, a Leptos server function).

use alloc::string::String;
use alloc::sync::Arc;
use core::fmt;
use core::time::Duration;

#[cfg(target_arch = "wasm32")]
use js_sys::Function;

use crate::api::access_token::{AccessToken, TokenSource};
use crate::api::call_value::Call;
use crate::api::settings::{timeout_millis, Settings, DEFAULT_TIMEOUT_MS};
use crate::base_url::BaseUrl;
use crate::endpoint::Endpoint;
use crate::error::{Error, ErrorKind};
use crate::model::{
    CreatedCalendar, NewSubscribedCalendar, ResultResponse, SubscribedCalendar,
    SubscribedCalendarUpdate,
};
use crate::request_body::{create_body, update_body};
use crate::retry::RetryPolicy;
use crate::rust_words::in_rust_words;
use crate::token::validate_access_token;

/// Builds a [`Client`]; [`ClientBuilder::build`] checks everything at once.
///
/// ```
/// # #[cfg(any(target_arch = "wasm32", feature = "native"))]
/// # fn demo() -> Result<(), dingtalk_calendar::Error> {
/// use std::time::Duration;
/// use dingtalk_calendar::{AccessToken, Client, ErrorKind, RetryPolicy};
///
/// let client = Client::builder(AccessToken::fixed("demo-access-token"))
///     .base_url("http://127.0.0.1:8790")
///     .timeout(Duration::from_secs(3))
///     .retry(RetryPolicy::disabled())
///     .build()?;
/// assert_eq!(client.base_url(), "http://127.0.0.1:8790");
/// let refused = Client::builder(AccessToken::fixed("t")).base_url("http://example.com").build();
/// assert_eq!(refused.unwrap_err().kind(), ErrorKind::InvalidArgument);
/// # Ok(()) }
/// # #[cfg(any(target_arch = "wasm32", feature = "native"))]
/// # demo().unwrap();
/// ```
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    token: AccessToken,
    base_url: Option<String>,
    timeout: Duration,
    retry: RetryPolicy,
    #[cfg(target_arch = "wasm32")]
    fetch: Option<Function>,
}

impl ClientBuilder {
    /// DingTalk's API by default; a proxy, or the mock (`http://127.0.0.1:8790`).
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// The per-attempt timeout, 10 s by default; from 1 ms to 2,147,483,647 ms (about 24.8
    /// days, what a JS timer holds), in whole milliseconds.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The retry policy ([`RetryPolicy::disabled`] for none).
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// A `fetch`-like JS function `(Request) => Promise<Response>` used instead of the global one.
    #[cfg(target_arch = "wasm32")]
    #[cfg_attr(docsrs, doc(cfg(target_arch = "wasm32")))]
    pub fn fetch(mut self, fetch: Function) -> Self {
        self.fetch = Some(fetch);
        self
    }

    /// Checks the options and makes the client.
    pub fn build(self) -> Result<Client, Error> {
        let timeout_ms = timeout_millis(self.timeout).ok_or_else(|| {
            Error::invalid_argument(
                "ClientBuilder::timeout",
                "must be from 1 ms to 2147483647 ms (about 24.8 days)",
            )
        })?;
        self.retry.validate()?;
        self.checked(timeout_ms).map_err(in_rust_words)
    }

    /// Makes the client with the token and base URL checked, and errors in the core's words:
    /// the JS facade has checked the numbers already, with its own names.
    pub(crate) fn checked(self, timeout_ms: u32) -> Result<Client, Error> {
        if let TokenSource::Fixed(token) = &self.token.0 {
            validate_access_token(token, ErrorKind::InvalidArgument)?;
        }
        let base_url = checked_base_url(self.base_url.as_deref())?;
        Ok(Client {
            inner: Arc::new(Settings {
                base_url,
                token: self.token.0,
                timeout_ms,
                retry: self.retry,
                #[cfg(target_arch = "wasm32")]
                fetch: self.fetch,
                #[cfg(not(target_arch = "wasm32"))]
                http: crate::native::http_client()?,
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
    // is refused here, not at the first request. Natively, reqwest's (the WHATWG rules too).
    #[cfg(target_arch = "wasm32")]
    let parses = web_sys::Url::new(base_url.as_str()).is_ok();
    #[cfg(not(target_arch = "wasm32"))]
    let parses = reqwest::Url::parse(base_url.as_str()).is_ok();
    if !parses {
        return Err(Error::invalid_argument(
            "baseUrl",
            "is not a URL this runtime can parse (an invalid IP address?)",
        ));
    }
    Ok(base_url)
}

/// A DingTalk subscribed-calendar client. Cheap to clone; clones share their settings, so one
/// client serves a whole app (`Send + Sync`: Leptos context, axum `State`).
///
/// ```
/// # #[cfg(any(target_arch = "wasm32", feature = "native"))]
/// # async fn demo(token: String) -> Result<(), dingtalk_calendar::Error> {
/// use dingtalk_calendar::{AccessToken, Client, ErrorKind};
///
/// let client = Client::builder(AccessToken::fixed(token)).build()?;
/// match client.get_subscribed_calendar("user-alice", "cal-public-holidays").await {
///     Ok(calendar) => println!("{:?}", calendar.name),
///     Err(e) if e.kind() == ErrorKind::Api && e.code() == Some("permissionDenied") => {}
///     Err(e) => return Err(e),
/// }
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Settings>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url.as_str())
            .field(
                "timeout",
                &Duration::from_millis(u64::from(self.inner.timeout_ms)),
            )
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
            timeout: Duration::from_millis(u64::from(DEFAULT_TIMEOUT_MS)),
            retry: RetryPolicy::default(),
            #[cfg(target_arch = "wasm32")]
            fetch: None,
        }
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        self.inner.base_url.as_str()
    }

    /// `GET /v1.0/calendar/users/{userId}/subscribedCalendars/{calendarId}`: the calendar, for
    /// its author or a manager. Sent when awaited.
    pub fn get_subscribed_calendar(
        &self,
        user_id: impl Into<String>,
        calendar_id: impl Into<String>,
    ) -> Call<SubscribedCalendar> {
        Call::new(
            &self.inner,
            Endpoint::GetSubscribedCalendar,
            user_id,
            calendar_id,
            Ok(None),
        )
    }

    /// `DELETE /v1.0/calendar/users/{userId}/subscribedCalendars/{calendarId}`: the author
    /// deletes the calendar, which unsubscribes everyone. Sent when awaited.
    pub fn delete_subscribed_calendar(
        &self,
        user_id: impl Into<String>,
        calendar_id: impl Into<String>,
    ) -> Call<ResultResponse> {
        Call::new(
            &self.inner,
            Endpoint::DeleteSubscribedCalendar,
            user_id,
            calendar_id,
            Ok(None),
        )
    }

    /// `POST /v1.0/calendar/users/{userId}/calendars/{calendarId}/unsubscribe`: the user leaves
    /// a public calendar. Sent when awaited.
    pub fn unsubscribe_calendar(
        &self,
        user_id: impl Into<String>,
        calendar_id: impl Into<String>,
    ) -> Call<ResultResponse> {
        Call::new(
            &self.inner,
            Endpoint::UnsubscribeCalendar,
            user_id,
            calendar_id,
            Ok(None),
        )
    }

    /// `POST /v1.0/calendar/users/{userId}/subscribedCalendars`: `user_id` (who must be inside
    /// the calendar's scope) creates it and becomes its author. Sent when awaited; after an
    /// unclear failure (a timeout, a 5xx) it is never sent again, since a second create would
    /// make a second calendar.
    pub fn create_subscribed_calendar(
        &self,
        user_id: impl Into<String>,
        calendar: NewSubscribedCalendar,
    ) -> Call<CreatedCalendar> {
        Call::new(
            &self.inner,
            Endpoint::CreateSubscribedCalendar,
            user_id,
            String::new(),
            create_body(&calendar).map(Some),
        )
    }

    /// `PUT /v1.0/calendar/users/{userId}/subscribedCalendars/{calendarId}`: the author or a
    /// manager changes the fields `update` gives. Sent when awaited (and again after an unclear
    /// failure: the same update twice is the same outcome).
    pub fn update_subscribed_calendar(
        &self,
        user_id: impl Into<String>,
        calendar_id: impl Into<String>,
        update: SubscribedCalendarUpdate,
    ) -> Call<ResultResponse> {
        Call::new(
            &self.inner,
            Endpoint::UpdateSubscribedCalendar,
            user_id,
            calendar_id,
            update_body(&update).map(Some),
        )
    }

    /// `POST /v1.0/calendar/users/{userId}/calendars/{calendarId}/subscribe`: the user, who
    /// must be inside the calendar's scope, subscribes to it. Sent when awaited.
    pub fn subscribe_calendar(
        &self,
        user_id: impl Into<String>,
        calendar_id: impl Into<String>,
    ) -> Call<()> {
        Call::new(
            &self.inner,
            Endpoint::SubscribeCalendar,
            user_id,
            calendar_id,
            Ok(None),
        )
    }

    /// What it was built with, which its calls send with.
    pub(crate) fn settings(&self) -> &Arc<Settings> {
        &self.inner
    }
}
