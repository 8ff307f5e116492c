//! The base URL every request goes to: checked once, when the client is made.

use crate::error::Error;
use alloc::borrow::ToOwned;
use alloc::string::String;

/// DingTalk's API host.
pub const DEFAULT_BASE_URL: &str = "https://api.dingtalk.com";

/// A checked base URL: absolute `https`, or `http` to a loopback host; no credentials, query or
/// fragment; an optional path prefix (for a proxy). Kept without a trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    prefix: String,
}

impl Default for BaseUrl {
    fn default() -> Self {
        BaseUrl {
            prefix: DEFAULT_BASE_URL.to_owned(),
        }
    }
}

const LOOPBACK_HOSTS: [&str; 3] = ["localhost", "127.0.0.1", "[::1]"];

impl BaseUrl {
    /// Checks and normalises `input` (scheme and host lower-cased, trailing `/` dropped).
    pub fn parse(input: &str) -> Result<Self, Error> {
        // Written with `get`/`strip_prefix` rather than indexing so that no panic path (and
        // none of the formatting it drags in) reaches the wasm.
        let bad = |problem: &str| Error::invalid_argument("baseUrl", problem);
        if !input.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(bad(
                "must be plain ASCII with no white space or control characters",
            ));
        }
        let (scheme, rest) = match (
            strip_prefix_ignore_case(input, "https://"),
            strip_prefix_ignore_case(input, "http://"),
        ) {
            (Some(rest), _) => ("https", rest),
            (None, Some(rest)) => ("http", rest),
            (None, None)
                if input
                    .split_once(':')
                    .is_some_and(|(_, r)| r.starts_with("//")) =>
            {
                return Err(bad(
                    "must use https (or http to localhost, 127.0.0.1 or [::1])",
                ))
            }
            (None, None) => {
                return Err(bad(
                    "must be an absolute URL such as https://api.dingtalk.com",
                ))
            }
        };
        if rest.contains(['?', '#']) {
            return Err(bad("must not have a query or a fragment"));
        }
        let (authority, path) = match rest.find('/').and_then(|i| rest.split_at_checked(i)) {
            Some(parts) => parts,
            None => (rest, ""),
        };
        if authority.contains('@') {
            return Err(bad("must not contain credentials"));
        }
        let (host, port) = split_host_port(authority).ok_or_else(|| bad("has no valid host"))?;
        let host = host.to_ascii_lowercase();
        if let Some(port) = port {
            let valid = !port.is_empty()
                && port.len() <= 5
                && port.bytes().all(|b| b.is_ascii_digit())
                && port.parse::<u32>().is_ok_and(|p| (1..=65_535).contains(&p));
            if !valid {
                return Err(bad("has an invalid port"));
            }
        }
        if scheme == "http" && !LOOPBACK_HOSTS.contains(&host.as_str()) {
            return Err(bad(
                "must use https: plain http is allowed only to localhost, 127.0.0.1 or [::1]",
            ));
        }
        let path = path.trim_end_matches('/');
        let plain_segments = path.split('/').skip(1).all(|segment| {
            !segment.is_empty() && !is_dot_segment(segment) && segment.bytes().all(is_path_byte)
        });
        if !plain_segments {
            return Err(bad("has a path that is not plain URL segments"));
        }
        let mut prefix = String::with_capacity(input.len());
        prefix.push_str(scheme);
        prefix.push_str("://");
        prefix.push_str(&host);
        if let Some(port) = port {
            prefix.push(':');
            prefix.push_str(port);
        }
        prefix.push_str(path);
        Ok(BaseUrl { prefix })
    }

    /// The full URL of `path` (which starts with `/`) under this base.
    pub fn join(&self, path: &str) -> String {
        let mut url = String::with_capacity(self.prefix.len() + path.len());
        url.push_str(&self.prefix);
        url.push_str(path);
        url
    }

    /// The base URL as normalised.
    pub fn as_str(&self) -> &str {
        &self.prefix
    }
}

/// `input` without `prefix`, compared ignoring ASCII case.
fn strip_prefix_ignore_case<'a>(input: &'a str, prefix: &str) -> Option<&'a str> {
    let (head, rest) = input.split_at_checked(prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then_some(rest)
}

/// Splits `host[:port]` or `[v6][:port]`; `None` when the host is empty or malformed.
fn split_host_port(authority: &str) -> Option<(&str, Option<&str>)> {
    if let Some(bracketed) = authority.strip_prefix('[') {
        let (inner, after) = bracketed.split_once(']')?;
        // What every runtime's URL parser accepts as an IPv6 literal, and nothing else.
        let valid = !inner.is_empty()
            && inner
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
        if !valid {
            return None;
        }
        // The brackets belong to the host as URLs write it.
        let host = authority.get(..inner.len() + 2)?;
        return match after {
            "" => Some((host, None)),
            _ => Some((host, Some(after.strip_prefix(':')?))),
        };
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (authority, None),
    };
    let valid = !host.is_empty()
        && !host.starts_with(['.', '-'])
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    valid.then_some((host, port))
}

/// `.` or `..`, also percent-encoded (`%2e`, `.%2E`, …): URL parsers collapse them all.
fn is_dot_segment(segment: &str) -> bool {
    [".", "..", "%2e", ".%2e", "%2e.", "%2e%2e"]
        .iter()
        .any(|dots| segment.eq_ignore_ascii_case(dots))
}

/// RFC 3986 `pchar` bytes, `%` included for already-encoded prefixes.
fn is_path_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@%".contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn accepted_and_normalised() {
        let cases = [
            ("https://api.dingtalk.com", "https://api.dingtalk.com"),
            ("https://api.dingtalk.com/", "https://api.dingtalk.com"),
            ("HTTPS://API.DingTalk.com", "https://api.dingtalk.com"),
            (
                "https://proxy.example.com:8443/dingtalk/",
                "https://proxy.example.com:8443/dingtalk",
            ),
            ("http://localhost:8790", "http://localhost:8790"),
            ("http://127.0.0.1:8790/", "http://127.0.0.1:8790"),
            ("http://[::1]:8790", "http://[::1]:8790"),
            ("https://[2001:db8::1]", "https://[2001:db8::1]"),
        ];
        for (input, normal) in cases {
            assert_eq!(BaseUrl::parse(input).unwrap().as_str(), normal, "{input}");
        }
        let base = BaseUrl::parse("http://127.0.0.1:1/p").unwrap();
        assert_eq!(base.join("/v1.0/x"), "http://127.0.0.1:1/p/v1.0/x");
        assert_eq!(BaseUrl::default().as_str(), DEFAULT_BASE_URL);
    }

    #[test]
    fn refused() {
        let cases = [
            ("", "absolute"),
            ("api.dingtalk.com", "absolute"),
            ("/v1.0", "absolute"),
            ("ftp://api.dingtalk.com", "https"),
            ("javascript://alert(1)", "https"),
            ("http://api.dingtalk.com", "plain http"),
            ("http://127.0.0.2", "plain http"),
            ("http://localhost.evil.com", "plain http"),
            ("https://user:pw@api.dingtalk.com", "credentials"),
            ("https://api.dingtalk.com?x=1", "query"),
            ("https://api.dingtalk.com/#x", "query"),
            ("https://", "host"),
            ("https://:443", "host"),
            ("https://api.dingtalk.com:0", "port"),
            ("https://api.dingtalk.com:99999", "port"),
            ("https://api.dingtalk.com:x", "port"),
            ("https://api.dingtalk.com /x", "white space"),
            ("https://例子.com", "plain ASCII"),
            ("https://api.dingtalk.com\n", "white space"),
            ("https://a/../b", "path"),
            ("https://a//b", "path"),
            ("https://a/b c", "white space"),
            ("https://exa mple.com", "white space"),
            ("https://[zz]", "host"),
        ];
        for (input, why) in cases {
            let err = BaseUrl::parse(input).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{input}");
            assert!(err.message().starts_with("baseUrl "), "{}", err.message());
            assert!(err.message().contains(why), "{input}: {}", err.message());
        }
    }

    #[test]
    fn encoded_dot_segments_are_refused() {
        for bad in [
            "https://api.dingtalk.com/a/%2e%2e",
            "https://api.dingtalk.com/.%2E/b",
            "https://api.dingtalk.com/%2E",
            "https://api.dingtalk.com/a/%2e.",
        ] {
            let err = BaseUrl::parse(bad).unwrap_err();
            assert_eq!(
                err.kind(),
                crate::error::ErrorKind::InvalidArgument,
                "{bad}"
            );
        }
        for good in [
            "https://[2001:db8::1]",
            "http://[::1]:8790",
            "https://192.0.2.1",
            "https://api.dingtalk.com/v2.0a",
            "https://a9.example/%2e%2ex",
            "https://api.dingtalk.com/proxy/..a",
        ] {
            assert!(BaseUrl::parse(good).is_ok(), "{good}");
        }
    }
}
