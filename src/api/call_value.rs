//! [`Call`]: one call of a [`Client`](crate::Client), not sent yet. Per-call settings chain on it and `.await`
//! sends it, so a call reads as written and its future owns what it needs (`'static`).

use alloc::boxed::Box;
use alloc::string::String;
use alloc::sync::Arc;
use core::fmt;
use core::future::{Future, IntoFuture};
use core::marker::PhantomData;
use core::pin::Pin;
use core::task::{Context, Poll};
use core::time::Duration;

#[cfg(target_arch = "wasm32")]
use web_sys::AbortSignal;

use crate::api::settings::{timeout_millis, Settings};
use crate::call::decode_sent;
use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::model::{CreatedCalendar, ResultResponse, SubscribedCalendar};
use crate::rust_words::in_rust_words;

/// A call of a [`Client`](crate::Client), sent when awaited, resolving to `T`. Dropping it, or
/// its future, cancels it. On wasm an `AbortSignal` can cancel it too:
///
/// ```no_run
/// # #[cfg(target_arch = "wasm32")]
/// # async fn demo(client: dingtalk_calendar::Client, signal: web_sys::AbortSignal)
/// # -> Result<(), dingtalk_calendar::Error> {
/// use std::time::Duration;
///
/// let calendar = client
///     .get_subscribed_calendar("user-alice", "cal-public-holidays")
///     .timeout(Duration::from_secs(3))
///     .signal(&signal)
///     .await?;
/// # Ok(()) }
/// ```
#[must_use = "a call sends nothing until it is awaited"]
pub struct Call<T> {
    settings: Arc<Settings>,
    endpoint: Endpoint,
    user_id: String,
    calendar_id: String,
    /// Create's or update's JSON, or why it could not be made (reported when awaited, as
    /// every other refusal is).
    body: Result<Option<String>, Error>,
    timeout: Option<Duration>,
    #[cfg(target_arch = "wasm32")]
    signal: Option<AbortSignal>,
    answer: PhantomData<fn() -> T>,
}

impl<T> Call<T> {
    pub(crate) fn new(
        settings: &Arc<Settings>,
        endpoint: Endpoint,
        user_id: impl Into<String>,
        calendar_id: impl Into<String>,
        body: Result<Option<String>, Error>,
    ) -> Self {
        Call {
            settings: Arc::clone(settings),
            endpoint,
            user_id: user_id.into(),
            calendar_id: calendar_id.into(),
            body,
            timeout: None,
            #[cfg(target_arch = "wasm32")]
            signal: None,
            answer: PhantomData,
        }
    }

    /// This call's per-attempt timeout instead of the client's; the same range as
    /// [`ClientBuilder::timeout`](crate::ClientBuilder::timeout).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Cancels the call when `signal` aborts, waiting retries included; the error is
    /// [`ErrorKind::Aborted`](crate::ErrorKind::Aborted) with the signal's reason as its
    /// [`js_cause`](Error::js_cause).
    #[cfg(target_arch = "wasm32")]
    #[cfg_attr(docsrs, doc(cfg(target_arch = "wasm32")))]
    pub fn signal(mut self, signal: &AbortSignal) -> Self {
        self.signal = Some(signal.clone());
        self
    }

    async fn send(self) -> Result<T, Error>
    where
        T: crate::response::FromJson,
    {
        let timeout_ms = match self.timeout {
            None => None,
            Some(timeout) => Some(timeout_millis(timeout).ok_or_else(|| {
                Error::invalid_argument(
                    "Call::timeout",
                    "must be from 1 ms to 2147483647 ms (about 24.8 days)",
                )
            })?),
        };
        let body = self.body.map_err(in_rust_words)?;
        #[cfg(target_arch = "wasm32")]
        let sent = self.settings.send(
            self.endpoint,
            &self.user_id,
            &self.calendar_id,
            body.as_deref(),
            timeout_ms,
            self.signal.as_ref(),
        );
        #[cfg(not(target_arch = "wasm32"))]
        let sent = self.settings.send(
            self.endpoint,
            &self.user_id,
            &self.calendar_id,
            body.as_deref(),
            timeout_ms,
        );
        let sent = sent.await.map_err(in_rust_words)?;
        decode_sent(self.endpoint, sent).map_err(in_rust_words)
    }
}

impl<T> fmt::Debug for Call<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("endpoint", &self.endpoint.method().as_str())
            .field("user_id", &self.user_id)
            .field("calendar_id", &self.calendar_id)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// The future of an awaited [`Call`]. `Send` natively, so an axum handler or `tokio::spawn`
/// takes it; not on wasm, where it awaits JS promises, which belong to the one thread a wasm
/// program has.
#[must_use = "futures do nothing unless polled"]
pub struct CallFuture<T>(BoxedCall<T>);

#[cfg(target_arch = "wasm32")]
type BoxedCall<T> = Pin<Box<dyn Future<Output = Result<T, Error>>>>;
#[cfg(not(target_arch = "wasm32"))]
type BoxedCall<T> = Pin<Box<dyn Future<Output = Result<T, Error>> + Send>>;

impl<T> Future for CallFuture<T> {
    type Output = Result<T, Error>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.0.as_mut().poll(cx)
    }
}

impl<T> fmt::Debug for CallFuture<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CallFuture(..)")
    }
}

// One impl per answer type, rather than one over the crate's private decoding trait.
macro_rules! into_future_for {
    ($($answer:ty),*) => {$(
        impl IntoFuture for Call<$answer> {
            type Output = Result<$answer, Error>;
            type IntoFuture = CallFuture<$answer>;

            fn into_future(self) -> Self::IntoFuture {
                CallFuture(Box::pin(self.send()))
            }
        }
    )*};
}

into_future_for!(SubscribedCalendar, ResultResponse, CreatedCalendar, ());
