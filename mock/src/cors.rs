//! Who may talk to the mock from a web page. DingTalk's own paths answer with DingTalk's CORS
//! policy exactly (every origin, its methods and headers, no exposed headers), so a browser's
//! limits are the real ones in tests. The control API under `/__mock/` (tokens, app secrets,
//! faults, reset) answers pages on this machine only: a page from any other origin gets no CORS
//! headers (it cannot read an answer) and its requests are refused before they change anything,
//! and a request whose `Host` is a DNS name other than `localhost` (DNS rebinding) too.

use serde_json::json;

use crate::exchange::{MockAnswer, MockRequest};

/// DingTalk's CORS answer; no `Access-Control-Expose-Headers`.
const DINGTALK_ALLOW_METHODS: &str = "POST, GET, OPTIONS, PUT, DELETE";
const DINGTALK_ALLOW_HEADERS: &str =
    "X-Requested-With, X-Sequence, _aop_secret, _aop_signature, x-acs-dingtalk-access-token";
/// The control API's answer to a page on this machine: JSON bodies.
const CONTROL_ALLOW_METHODS: &str = "GET, POST, DELETE, OPTIONS";
const CONTROL_ALLOW_HEADERS: &str = "Content-Type";
/// Where the control API lives.
pub const CONTROL_PREFIX: &str = "/__mock/";

/// Whether `host` (no port) names this machine: `localhost`, an IPv4 address in 127.0.0.0/8,
/// or `[::1]`.
fn is_loopback_host(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host == "[::1]"
        || host
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The host of an `Origin` (`http://127.0.0.1:5173`), or `None` for `null` and anything else.
fn origin_host(origin: &str) -> Option<&str> {
    let rest = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))?;
    if rest.starts_with('[') {
        return rest.find(']').and_then(|end| rest.get(..=end));
    }
    rest.split(':').next()
}

/// A page on this machine (its `Origin`), or no page at all (no `Origin`: curl, Node, a test).
fn is_local_origin(req: &MockRequest) -> Result<Option<&str>, ()> {
    match req.header("origin") {
        None => Ok(None),
        Some(origin) => match std::str::from_utf8(origin).ok() {
            Some(text) if origin_host(text).is_some_and(is_loopback_host) => Ok(Some(text)),
            _ => Err(()),
        },
    }
}

/// Whether `Host` is an IP address or `localhost`: a DNS rebinding attack names the mock by a
/// name of its own, which a bound address never has.
fn is_direct_host(req: &MockRequest) -> bool {
    let Some(host) = req.header_str("host") else {
        return true;
    };
    if host.starts_with('[') {
        return true; // an IPv6 address
    }
    let name = host.rsplit_once(':').map_or(host, |(name, _)| name);
    name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::Ipv4Addr>().is_ok()
}

fn refused(status: u16, message: &str) -> MockAnswer {
    MockAnswer::json(status, &json!({ "error": message }))
}

/// Sets the three `Access-Control-Allow-*` headers.
fn allow(answer: &mut MockAnswer, origin: &str, methods: &str, names: &str) {
    answer.set_header("access-control-allow-origin", origin);
    answer.set_header("access-control-allow-methods", methods);
    answer.set_header("access-control-allow-headers", names);
}

/// Adds DingTalk's CORS headers to an answer on one of DingTalk's paths.
pub(crate) fn allow_dingtalk(answer: &mut MockAnswer) {
    allow(answer, "*", DINGTALK_ALLOW_METHODS, DINGTALK_ALLOW_HEADERS);
}

/// DingTalk's answer to a preflight: 200, no body, its CORS headers.
pub(crate) fn dingtalk_preflight() -> MockAnswer {
    let mut answer = MockAnswer::new(200, Vec::new());
    allow_dingtalk(&mut answer);
    answer
}

/// Guards the control API as the module says, and answers with `route` what passes.
pub(crate) fn guard_control(
    req: &MockRequest,
    route: impl FnOnce(&MockRequest) -> MockAnswer,
) -> MockAnswer {
    if !is_direct_host(req) {
        return refused(
            403,
            "the control API answers requests to an IP address or localhost only",
        );
    }
    let Ok(origin) = is_local_origin(req) else {
        return refused(403, "the control API answers pages on this machine only");
    };
    let mut answer = if req.method == "OPTIONS" {
        MockAnswer::new(204, Vec::new())
    } else if req.method == "POST" && !is_json_or_empty(req) {
        // A page's `text/plain` POST needs no preflight; one of JSON does, and only pages on
        // this machine pass it.
        refused(
            415,
            "the control API takes a body as Content-Type: application/json only",
        )
    } else {
        route(req)
    };
    if let Some(origin) = origin {
        answer.set_header("vary", "Origin");
        allow(
            &mut answer,
            origin,
            CONTROL_ALLOW_METHODS,
            CONTROL_ALLOW_HEADERS,
        );
    }
    answer
}

/// A body as `application/json`, or no body and no `Content-Type` at all (`POST /__mock/reset`).
fn is_json_or_empty(req: &MockRequest) -> bool {
    match req.header("content-type") {
        Some(content_type) => std::str::from_utf8(content_type)
            .ok()
            .and_then(|v| v.split(';').next())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json")),
        None => req.body.is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_origins_and_hosts() {
        for origin in [
            "http://127.0.0.1:5173",
            "http://localhost:8080",
            "http://[::1]:3000",
            "https://127.0.0.2",
        ] {
            assert!(
                origin_host(origin).is_some_and(is_loopback_host),
                "{origin}"
            );
        }
        for origin in [
            "https://evil.example",
            "null",
            "http://127.0.0.1.evil.example",
            "http://10.0.0.1:80",
            "file://",
        ] {
            assert!(
                !origin_host(origin).is_some_and(is_loopback_host),
                "{origin}"
            );
        }
    }
}
