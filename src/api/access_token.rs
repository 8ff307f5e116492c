//! [`AccessToken`]: where a [`crate::Client`] gets the token for each attempt.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::sync::Arc;
use core::error::Error as StdError;
use core::fmt;
use core::future::Future;
use core::pin::Pin;

use crate::api::wasm_not_send::WasmNotSend;
use crate::error::{Error, ErrorKind};

/// What a token function returns: the token, or why there is none. On wasm it awaits JS
/// promises, which belong to the one thread a wasm program has; natively it is `Send`, so a
/// call can move between a runtime's threads.
#[cfg(target_arch = "wasm32")]
pub type TokenFuture = Pin<Box<dyn Future<Output = Result<String, Error>>>>;
/// What a token function returns: the token, or why there is none.
#[cfg(not(target_arch = "wasm32"))]
pub type TokenFuture = Pin<Box<dyn Future<Output = Result<String, Error>> + Send>>;

/// Where the access token comes from: one fixed token, or a function asked before every attempt.
///
/// ```
/// use std::sync::{Arc, Mutex};
/// use dingtalk_calendar::AccessToken;
///
/// // A cache in front of wherever tokens come from; a refused token is fetched anew.
/// let cached: Arc<Mutex<Option<String>>> = Arc::default();
/// let token = AccessToken::provider(move |request| {
///     let cached = Arc::clone(&cached);
///     async move {
///         let mut slot = cached.lock().map_err(|_| "the token cache is poisoned")?;
///         if request.refresh || slot.is_none() {
///             *slot = Some("a-fresh-token".to_owned()); // ask your token service here
///         }
///         Ok::<_, &'static str>(slot.clone().unwrap_or_default())
///     }
/// });
/// # let _ = token;
/// ```
#[derive(Clone)]
pub struct AccessToken(pub(crate) TokenSource);

#[derive(Clone)]
pub(crate) enum TokenSource {
    Fixed(String),
    Provider(Arc<dyn Fn(TokenRequest) -> TokenFuture + Send + Sync>),
}

/// What a token provider is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct TokenRequest {
    /// True when DingTalk refused the token the provider gave last: a caching provider should
    /// fetch a new one rather than hand back the same.
    pub refresh: bool,
}

impl TokenRequest {
    pub(crate) fn new(refresh: bool) -> Self {
        TokenRequest { refresh }
    }
}

impl AccessToken {
    /// One token for every request.
    pub fn fixed(token: impl Into<String>) -> Self {
        AccessToken(TokenSource::Fixed(token.into()))
    }

    /// A function asked before every attempt, so a refreshed token is picked up by the next
    /// request and by retries. When DingTalk refuses its token (401, `InvalidAuthentication`,
    /// `accesstoken.expired`) it is asked once more with [`TokenRequest::refresh`] set, and the
    /// request is sent again, once per call. Its error fails the call with
    /// [`ErrorKind::Auth`], kept as the error's [`source`](std::error::Error::source).
    pub fn provider<F, Fut, E>(provider: F) -> Self
    where
        F: Fn(TokenRequest) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<String, E>> + WasmNotSend + 'static,
        E: Into<Box<dyn StdError + Send + Sync>>,
    {
        AccessToken::from_provider(move |request| {
            let pending = provider(request);
            Box::pin(async move {
                pending.await.map_err(|e| {
                    Error::new(ErrorKind::Auth, "the access token provider failed")
                        .with_retryable(true)
                        .with_source(e.into())
                })
            })
        })
    }

    pub(crate) fn from_provider(
        provider: impl Fn(TokenRequest) -> TokenFuture + Send + Sync + 'static,
    ) -> Self {
        AccessToken(TokenSource::Provider(Arc::new(provider)))
    }
}

impl fmt::Debug for AccessToken {
    // Never prints the token.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            TokenSource::Fixed(_) => f.write_str("AccessToken::Fixed(..)"),
            TokenSource::Provider(_) => f.write_str("AccessToken::Provider(..)"),
        }
    }
}
