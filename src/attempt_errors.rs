//! How a transport words an attempt that got no answer (a timeout, a network failure), so that
//! `fetch` on wasm and reqwest natively say the same thing the same way.

use crate::endpoint::Endpoint;
use crate::error::{Error, ErrorKind};
use crate::error_body::MAX_SERVER_MESSAGE_CHARS;
use crate::redact::redacted_within;
use crate::text::{concat, decimal};
use alloc::string::String;

/// "`operation` failed: `what`".
pub fn failed(endpoint: Endpoint, what: &str) -> String {
    concat(&[endpoint.operation(), " failed: ", what])
}

/// An attempt that took longer than `timeout_ms`.
pub fn timed_out(endpoint: Endpoint, timeout_ms: u32) -> Error {
    Error::new(
        ErrorKind::Timeout,
        concat(&[
            endpoint.operation(),
            " timed out after ",
            &decimal(u64::from(timeout_ms)),
            " ms",
        ]),
    )
}

/// A network failure; the runtime's own words (`detail`: "fetch failed", "connection
/// refused") help, masked of `token` and cut.
pub fn network_error(endpoint: Endpoint, what: &str, detail: Option<&str>, token: &str) -> Error {
    let mut message = failed(endpoint, what);
    if let Some(detail) = detail.filter(|d| !d.is_empty()) {
        message.push_str(" (");
        message.push_str(&redacted_within(detail, token, MAX_SERVER_MESSAGE_CHARS));
        message.push(')');
    }
    Error::new(ErrorKind::Network, message)
}

/// `error` (a request with a body that a page's `fetch` refused) with what most likely
/// happened: DingTalk's CORS policy allows no `Content-Type`, so a page's preflight for a JSON
/// body fails before the request is sent, and the way out.
pub fn with_cors_hint(error: Error, endpoint: Endpoint) -> Error {
    error
        .with_note(&[
            "; in a browser this is what DingTalk's CORS policy does to a request with a JSON \
             body (it allows no Content-Type header), so call ",
            endpoint.operation(),
            " from a server, a Worker or a proxy",
        ])
        .with_retryable(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_network_error_masks_the_token_in_the_runtime_words() {
        let error = network_error(
            Endpoint::GetSubscribedCalendar,
            "the request did not complete",
            Some("refused: token-SECRET-value"),
            "token-SECRET-value",
        );
        assert_eq!(error.kind(), ErrorKind::Network);
        assert!(error
            .message()
            .starts_with("getSubscribedCalendar failed: the request did not complete (refused: "));
        assert!(!error.message().contains("SECRET"), "{}", error.message());
    }

    #[test]
    fn a_refused_body_in_a_page_names_cors_and_the_way_out() {
        let error = with_cors_hint(
            network_error(
                Endpoint::CreateSubscribedCalendar,
                "the request did not complete",
                Some("Failed to fetch"),
                "demo-access-token",
            ),
            Endpoint::CreateSubscribedCalendar,
        );
        assert_eq!(
            error.message(),
            "createSubscribedCalendar failed: the request did not complete (Failed to fetch); in a \
             browser this is what DingTalk's CORS policy does to a request with a JSON body (it \
             allows no Content-Type header), so call createSubscribedCalendar from a server, a \
             Worker or a proxy"
        );
        assert!(!error.retryable());
    }

    #[test]
    fn a_timeout_names_the_call_and_its_limit() {
        let error = timed_out(Endpoint::UnsubscribeCalendar, 250);
        assert_eq!(error.kind(), ErrorKind::Timeout);
        assert_eq!(
            error.message(),
            "unsubscribeCalendar timed out after 250 ms"
        );
    }
}
