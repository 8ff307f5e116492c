//! Who may talk to the mock from a web page. DingTalk's own paths answer with DingTalk's CORS
//! policy exactly (every origin, its methods and headers, no exposed headers), so a browser's
//! limits are the real ones in tests. The control API under `/__mock/` (tokens, app secrets,
//! faults, reset) answers pages on this machine only: a page from any other origin gets no CORS
//! headers (it cannot read an answer) and its requests are refused before they change anything,
//! and a request whose `Host` is a DNS name other than `localhost` (DNS rebinding) too.

use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

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

/// A page on this machine, or no page at all (no `Origin`: curl, Node, a test).
fn is_local_origin(headers: &HeaderMap) -> Result<Option<HeaderValue>, ()> {
    match headers.get(header::ORIGIN) {
        None => Ok(None),
        Some(origin) => match origin.to_str().ok().and_then(origin_host) {
            Some(host) if is_loopback_host(host) => Ok(Some(origin.clone())),
            _ => Err(()),
        },
    }
}

/// Whether `Host` is an IP address or `localhost`: a DNS rebinding attack names the mock by a
/// name of its own, which a bound address never has.
fn is_direct_host(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return true;
    };
    if host.starts_with('[') {
        return true; // an IPv6 address
    }
    let name = host.rsplit_once(':').map_or(host, |(name, _)| name);
    name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::Ipv4Addr>().is_ok()
}

fn refused(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "error": message }))).into_response()
}

/// Adds DingTalk's CORS headers to DingTalk's paths and answers their preflights; guards the
/// control API as the module says.
pub async fn cors(req: Request, next: Next) -> Response {
    if req.uri().path().starts_with(CONTROL_PREFIX) {
        return control(req, next).await;
    }
    let mut response = if req.method() == Method::OPTIONS {
        StatusCode::OK.into_response()
    } else {
        next.run(req).await
    };
    allow(
        response.headers_mut(),
        HeaderValue::from_static("*"),
        DINGTALK_ALLOW_METHODS,
        DINGTALK_ALLOW_HEADERS,
    );
    response
}

/// Sets the three `Access-Control-Allow-*` headers.
fn allow(headers: &mut HeaderMap, origin: HeaderValue, methods: &'static str, names: &'static str) {
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static(methods),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static(names),
    );
}

async fn control(req: Request, next: Next) -> Response {
    if !is_direct_host(req.headers()) {
        return refused(
            StatusCode::FORBIDDEN,
            "the control API answers requests to an IP address or localhost only",
        );
    }
    let Ok(origin) = is_local_origin(req.headers()) else {
        return refused(
            StatusCode::FORBIDDEN,
            "the control API answers pages on this machine only",
        );
    };
    let mut response = if req.method() == Method::OPTIONS {
        StatusCode::NO_CONTENT.into_response()
    } else if req.method() == Method::POST && !is_json_or_empty(req.headers()) {
        // A page's `text/plain` POST needs no preflight; one of JSON does, and only pages on
        // this machine pass it.
        refused(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "the control API takes a body as Content-Type: application/json only",
        )
    } else {
        next.run(req).await
    };
    if let Some(origin) = origin {
        let headers = response.headers_mut();
        headers.insert(header::VARY, HeaderValue::from_static("Origin"));
        allow(
            headers,
            origin,
            CONTROL_ALLOW_METHODS,
            CONTROL_ALLOW_HEADERS,
        );
    }
    response
}

/// A body as `application/json`, or no body and no `Content-Type` at all (`POST /__mock/reset`).
fn is_json_or_empty(headers: &HeaderMap) -> bool {
    match headers.get(header::CONTENT_TYPE) {
        Some(content_type) => content_type
            .to_str()
            .ok()
            .and_then(|v| v.split(';').next())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json")),
        None => {
            !headers.contains_key(header::TRANSFER_ENCODING)
                && headers
                    .get(header::CONTENT_LENGTH)
                    .is_none_or(|length| length.as_bytes() == b"0")
        }
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
