//! The one error type: what went wrong, in the fields the JS `DingTalkError` carries.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::sync::Arc;
use core::error::Error as StdError;
use core::fmt;
use core::time::Duration;

use crate::redact::mask;

/// What kind of failure an [`Error`] is; JS sees it as `error.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Bad input, caught before any request was sent.
    InvalidArgument,
    /// DingTalk (or whatever answered at the base URL) answered with an error.
    Api,
    /// DingTalk rate-limited the call and the retries are spent.
    Throttled,
    /// The access-token provider failed or gave something that is not a token.
    Auth,
    /// No usable answer: the connection failed, the body stopped halfway, or a redirect was refused.
    Network,
    /// An attempt took longer than its timeout.
    Timeout,
    /// The caller's `AbortSignal` fired.
    Aborted,
    /// An answer that is not of the documented shape.
    Decode,
}

impl ErrorKind {
    /// The name JS code compares `error.kind` with.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidArgument => "invalidArgument",
            ErrorKind::Api => "api",
            ErrorKind::Throttled => "throttled",
            ErrorKind::Auth => "auth",
            ErrorKind::Network => "network",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Aborted => "aborted",
            ErrorKind::Decode => "decode",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A failed call. Every failure of this crate is one of these; the message is one readable
/// sentence and never holds the access token. `Send + Sync + 'static`, so `?` turns it into an
/// `anyhow::Error` or a `Box<dyn Error + Send + Sync>`, and `From<Error> for JsValue` into a JS
/// `Error` (wasm-bindgen's `JsValue` is `Send + Sync` on wasm without threads).
///
/// ```
/// use std::time::Duration;
/// use dingtalk_calendar::{Error, ErrorKind};
///
/// fn what_to_do(error: &Error) -> String {
///     match error.kind() {
///         ErrorKind::Throttled => format!("later, in {:?}", error.retry_after()),
///         ErrorKind::Api if error.code() == Some("permissionDenied") => "ask the author".into(),
///         ErrorKind::InvalidArgument => format!("fix the call: {error}"),
///         _ if error.retryable() => "try again".into(),
///         _ => format!("give up ({} requests sent)", error.attempts()),
///     }
/// }
/// # let _ = (what_to_do, Duration::ZERO);
/// ```
#[derive(Clone)]
pub struct Error {
    // Boxed, as std's io::Error is: results stay a pointer wide, which keeps the async state
    // machines (and so the wasm) markedly smaller.
    inner: Box<ErrorInner>,
}

#[derive(Clone)]
struct ErrorInner {
    kind: ErrorKind,
    message: String,
    status: Option<u16>,
    code: Option<String>,
    request_id: Option<String>,
    retryable: bool,
    attempts: u32,
    retry_after_ms: Option<u64>,
    /// The JS value behind a failure (fetch's `TypeError`, the token provider's rejection):
    /// kept so the JS error's `cause` is the original, as workers-rs does.
    #[cfg(target_arch = "wasm32")]
    cause: Option<wasm_bindgen::JsValue>,
    /// The Rust error behind a failure (a token provider's), for [`StdError::source`].
    source: Option<Arc<dyn StdError + Send + Sync>>,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error::with_message(kind, message.into())
    }

    #[inline(never)]
    fn with_message(kind: ErrorKind, message: String) -> Self {
        let inner = ErrorInner {
            kind,
            message,
            status: None,
            code: None,
            request_id: None,
            retryable: matches!(
                kind,
                ErrorKind::Throttled | ErrorKind::Network | ErrorKind::Timeout
            ),
            attempts: 0,
            retry_after_ms: None,
            #[cfg(target_arch = "wasm32")]
            cause: None,
            source: None,
        };
        Error {
            inner: Box::new(inner),
        }
    }

    /// An argument refused before any request; `argument` names it as the caller wrote it.
    pub(crate) fn invalid_argument(argument: &str, problem: &str) -> Self {
        Error::new(
            ErrorKind::InvalidArgument,
            crate::text::concat(&[argument, " ", problem]),
        )
    }

    pub(crate) fn with_status(mut self, status: u16) -> Self {
        self.inner.status = Some(status);
        self
    }

    pub(crate) fn with_code(mut self, code: Option<String>) -> Self {
        self.inner.code = code;
        self
    }

    pub(crate) fn with_request_id(mut self, request_id: Option<String>) -> Self {
        self.inner.request_id = request_id;
        self
    }

    pub(crate) fn with_retryable(mut self, retryable: bool) -> Self {
        self.inner.retryable = retryable;
        self
    }

    pub(crate) fn with_retry_after_ms(mut self, retry_after_ms: Option<u64>) -> Self {
        self.inner.retry_after_ms = retry_after_ms;
        self
    }

    /// The same error as a [`ErrorKind::Decode`]: an answer of the wrong shape, not retried.
    pub(crate) fn into_decode(mut self) -> Self {
        self.inner.kind = ErrorKind::Decode;
        self.inner.retryable = false;
        self
    }

    /// Adds `parts` to the end of the message.
    pub(crate) fn with_note(mut self, parts: &[&str]) -> Self {
        for part in parts {
            self.inner.message.push_str(part);
        }
        self
    }

    /// The message, for a rewording that keeps every other field.
    pub(crate) fn message_mut(&mut self) -> &mut String {
        &mut self.inner.message
    }

    /// Records how many requests the call sent in all.
    pub(crate) fn with_attempts(mut self, attempts: u32) -> Self {
        self.inner.attempts = attempts;
        self
    }

    /// Keeps the JS value that caused this error, to hand back as `cause`.
    #[cfg(target_arch = "wasm32")]
    pub(crate) fn with_cause(mut self, cause: wasm_bindgen::JsValue) -> Self {
        if !cause.is_undefined() {
            self.inner.cause = Some(cause);
        }
        self
    }

    /// Keeps the Rust error that caused this one, for [`StdError::source`].
    pub(crate) fn with_source(mut self, source: Box<dyn StdError + Send + Sync>) -> Self {
        self.inner.source = Some(Arc::from(source));
        self
    }

    /// Replaces every occurrence of `secret` in the text a server or runtime put in this error,
    /// so that an answer echoing the token cannot carry it into logs.
    pub(crate) fn redact(mut self, secret: &str) -> Self {
        if secret.is_empty() {
            return self;
        }
        for field in [
            Some(&mut self.inner.message),
            self.inner.code.as_mut(),
            self.inner.request_id.as_mut(),
        ]
        .into_iter()
        .flatten()
        {
            if let Some(masked) = mask(field, secret) {
                *field = masked;
            }
        }
        self
    }

    /// The JS value behind this error, where there is one: fetch's `TypeError`, a token
    /// function's rejection, the caller's abort reason. JS sees it as `cause`.
    #[cfg(target_arch = "wasm32")]
    pub fn js_cause(&self) -> Option<&wasm_bindgen::JsValue> {
        self.inner.cause.as_ref()
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// The readable sentence (also what `Display` prints).
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// The HTTP status, where there was an answer.
    pub fn status(&self) -> Option<u16> {
        self.inner.status
    }

    /// DingTalk's error code, e.g. `invalidParameter`, where the answer had one.
    pub fn code(&self) -> Option<&str> {
        self.inner.code.as_deref()
    }

    /// DingTalk's request id, from the body's `requestid` or the `x-acs-request-id` header.
    pub fn request_id(&self) -> Option<&str> {
        self.inner.request_id.as_deref()
    }

    /// Whether trying the same call again later could succeed.
    pub fn retryable(&self) -> bool {
        self.inner.retryable
    }

    /// How many requests were sent (0 when the call was refused before sending).
    pub fn attempts(&self) -> u32 {
        self.inner.attempts
    }

    /// How long the server asked to wait (`Retry-After`), where it said.
    pub fn retry_after(&self) -> Option<Duration> {
        self.inner.retry_after_ms.map(Duration::from_millis)
    }

    /// [`Error::retry_after`] in milliseconds, as the retry policy counts.
    pub(crate) fn retry_after_ms(&self) -> Option<u64> {
        self.inner.retry_after_ms
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.fmt(f)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.inner.message)
    }
}

impl StdError for Error {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.inner
            .source
            .as_deref()
            .map(|source| source as &(dyn StdError + 'static))
    }
}

impl fmt::Debug for ErrorInner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.kind)
            .field("message", &self.message)
            .field("status", &self.status)
            .field("code", &self.code)
            .field("request_id", &self.request_id)
            .field("retryable", &self.retryable)
            .field("attempts", &self.attempts)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_have_the_contract_names() {
        let all = [
            (ErrorKind::InvalidArgument, "invalidArgument"),
            (ErrorKind::Api, "api"),
            (ErrorKind::Throttled, "throttled"),
            (ErrorKind::Auth, "auth"),
            (ErrorKind::Network, "network"),
            (ErrorKind::Timeout, "timeout"),
            (ErrorKind::Aborted, "aborted"),
            (ErrorKind::Decode, "decode"),
        ];
        for (kind, name) in all {
            assert_eq!(kind.as_str(), name);
        }
    }

    #[test]
    fn redact_masks_the_secret_everywhere() {
        let e = Error::new(ErrorKind::Api, "server said s3cret is bad")
            .with_code(Some("bad.s3cret".into()))
            .with_request_id(Some("id-s3cret".into()))
            .redact("s3cret");
        assert_eq!(e.message(), "server said [redacted] is bad");
        assert_eq!(e.code(), Some("bad.[redacted]"));
        assert_eq!(e.request_id(), Some("id-[redacted]"));
    }
}
