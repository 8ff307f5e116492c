//! The access token: what a header value can carry.

use crate::error::{Error, ErrorKind};

/// The request header DingTalk reads the token from.
pub const TOKEN_HEADER: &str = "x-acs-dingtalk-access-token";

/// Checks that `token` can travel as a header value. The error never repeats the token, and
/// refusing here spares the runtime's own `Headers` error, whose message would echo it.
///
/// `kind` is [`ErrorKind::InvalidArgument`] for a token given to the constructor and
/// [`ErrorKind::Auth`] for one returned by a provider.
pub fn validate_access_token(token: &str, kind: ErrorKind) -> Result<(), Error> {
    let problem = if token.trim().is_empty() {
        Some("is empty")
    } else if token.chars().any(|c| c == '\r' || c == '\n' || c == '\0') {
        Some("contains CR, LF or NUL, which a header value cannot hold")
    } else if token
        .chars()
        .any(|c| !(' '..='~').contains(&c) && c != '\t')
    {
        Some("contains a control or non-ASCII character, which a header value cannot hold")
    } else if token.trim() != token {
        Some("starts or ends with white space")
    } else {
        None
    };
    match problem {
        None => Ok(()),
        Some(problem) => Err(Error::new(
            kind,
            crate::text::concat(&["accessToken ", problem]),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_tokens_pass() {
        assert!(validate_access_token(
            "cnNTbW1YbU9sL2p6aFJZdEgvdlQrQT01",
            ErrorKind::InvalidArgument
        )
        .is_ok());
        assert!(validate_access_token("a b", ErrorKind::InvalidArgument).is_ok());
    }

    #[test]
    fn bad_tokens_are_refused_without_echo() {
        for (token, why) in [
            ("", "empty"),
            ("   ", "empty"),
            ("secret\r\nX-Evil: 1", "CR, LF"),
            ("secret\n", "CR, LF"),
            ("sec\0ret", "NUL"),
            ("sécret", "non-ASCII"),
            ("secret\u{7f}", "control"),
            (" secret", "white space"),
        ] {
            let err = validate_access_token(token, ErrorKind::Auth).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Auth);
            assert!(err.message().contains(why), "{token:?}: {}", err.message());
            if !token.trim().is_empty() {
                assert!(!err.message().contains("ecret"), "{}", err.message());
            }
        }
    }
}
