//! [`AccessToken`]: where a [`crate::Client`] gets the token for each attempt.

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use crate::error::{Error, ErrorKind};

pub(crate) type TokenFuture = Pin<Box<dyn Future<Output = Result<String, Error>>>>;

/// Where the access token comes from: one fixed token, or a function asked before every attempt.
#[derive(Clone)]
pub struct AccessToken(pub(crate) TokenSource);

#[derive(Clone)]
pub(crate) enum TokenSource {
    Fixed(String),
    Provider(Rc<dyn Fn() -> TokenFuture>),
}

impl AccessToken {
    /// One token for every request.
    pub fn fixed(token: impl Into<String>) -> Self {
        AccessToken(TokenSource::Fixed(token.into()))
    }

    /// A function asked before every attempt, so a refreshed token is picked up by the next
    /// request and by retries. Its error fails the call with [`ErrorKind::Auth`], kept as the
    /// error's [`source`](std::error::Error::source).
    pub fn provider<F, Fut, E>(provider: F) -> Self
    where
        F: Fn() -> Fut + 'static,
        Fut: Future<Output = Result<String, E>> + 'static,
        E: Into<Box<dyn StdError>>,
    {
        AccessToken::from_provider(move || {
            let pending = provider();
            Box::pin(async move {
                pending.await.map_err(|e| {
                    Error::new(ErrorKind::Auth, "the accessToken provider failed")
                        .with_retryable(true)
                        .with_source(e.into())
                })
            })
        })
    }

    pub(crate) fn from_provider(provider: impl Fn() -> TokenFuture + 'static) -> Self {
        AccessToken(TokenSource::Provider(Rc::new(provider)))
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
