//! One request through reqwest: the token in its one header, redirects never followed (the
//! token goes nowhere but the base URL), the body read chunk by chunk up to
//! [`MAX_BODY_BYTES`], the attempt bounded by tokio's timer.

use std::collections::hash_map::RandomState;
use std::error::Error as StdError;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;

use crate::answer::{Answer, Body, MAX_BODY_BYTES};
use crate::api::access_token::{TokenRequest, TokenSource};
use crate::attempt_errors::{network_error, timed_out};
use crate::call::{Request, Transport};
use crate::endpoint::{Endpoint, Method};
use crate::error::{Error, ErrorKind};
use crate::token::{validate_access_token, TOKEN_HEADER};

/// A client's connection pool: no redirect is followed (reqwest would carry the token header
/// along), no proxy is read from the environment, nothing but the one header is sent.
pub(crate) fn http_client() -> Result<reqwest::Client, Error> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .build()
        .map_err(|e| {
            Error::new(
                ErrorKind::Network,
                "the HTTP client could not start (its TLS roots?)",
            )
            .with_source(Box::new(e))
        })
}

/// What a [`ReqwestTransport`] needs from the client and the call.
pub(crate) struct ReqwestTransport<'a> {
    pub endpoint: Endpoint,
    pub token: &'a TokenSource,
    pub http: &'a reqwest::Client,
    pub timeout_ms: u32,
}

impl ReqwestTransport<'_> {
    fn timeout(&self) -> Duration {
        Duration::from_millis(u64::from(self.timeout_ms))
    }

    /// reqwest's error, its chain as the detail (reqwest's own line is "error sending request";
    /// the cause says why), kept as the source without its URL.
    fn network_error(&self, what: &str, error: reqwest::Error, token: &str) -> Error {
        let mut detail = String::new();
        let mut cause: Option<&(dyn StdError + 'static)> = error.source();
        while let Some(inner) = cause {
            if !detail.is_empty() {
                detail.push_str(": ");
            }
            detail.push_str(&inner.to_string());
            cause = inner.source();
        }
        network_error(self.endpoint, what, Some(&detail), token)
            .with_source(Box::new(error.without_url()))
    }

    /// One attempt, without its timeout.
    async fn attempt(&self, request: &Request<'_>, token: &str) -> Result<Answer<Value>, Error> {
        let method = match request.method {
            Method::Get => reqwest::Method::GET,
            Method::Delete => reqwest::Method::DELETE,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
        };
        let mut outgoing = self
            .http
            .request(method, &request.url)
            .header(TOKEN_HEADER, token);
        if let Some(body) = request.body {
            outgoing = outgoing
                .header("content-type", "application/json")
                .body(body.to_owned());
        }
        let mut response = outgoing
            .send()
            .await
            .map_err(|e| self.network_error("the request did not complete", e, token))?;
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned)
        };
        let mut answer = Answer {
            status,
            opaque_redirect: false,
            request_id: header("x-acs-request-id"),
            retry_after: header("retry-after"),
            body: Body::Empty,
        };
        let content_type = header("content-type");
        if (300..400).contains(&status) {
            // Never read: dropping the response closes its connection.
            return Ok(answer);
        }
        let mut bytes = Vec::new();
        loop {
            let chunk = response.chunk().await.map_err(|e| {
                self.network_error("the answer stopped before its end", e, token)
                    .with_status(status)
            })?;
            let Some(chunk) = chunk else { break };
            if bytes.len() + chunk.len() > MAX_BODY_BYTES {
                answer.body = Body::TooLarge;
                return Ok(answer);
            }
            bytes.extend_from_slice(&chunk);
        }
        // As `fetch`'s `text()` reads a body: UTF-8, a bad byte as U+FFFD.
        let text = String::from_utf8_lossy(&bytes);
        if !text.trim().is_empty() {
            answer.body = match serde_json::from_str::<Value>(&text) {
                Ok(json) => Body::Json(json),
                Err(_) => Body::NotJson { content_type },
            };
        }
        Ok(answer)
    }
}

impl Transport for ReqwestTransport<'_> {
    type Json = Value;

    fn can_refresh_token(&self) -> bool {
        matches!(self.token, TokenSource::Provider(_))
    }

    async fn access_token(&self, refresh: bool) -> Result<String, Error> {
        let provider = match self.token {
            TokenSource::Fixed(token) => return Ok(token.clone()),
            TokenSource::Provider(provider) => provider,
        };
        // A token function that never answers must not hang the call past its timeout.
        let token = tokio::time::timeout(self.timeout(), provider(TokenRequest::new(refresh)))
            .await
            .map_err(|_| timed_out(self.endpoint, self.timeout_ms))??;
        validate_access_token(&token, ErrorKind::Auth)?;
        Ok(token)
    }

    async fn send(&self, request: &Request<'_>, token: &str) -> Result<Answer<Value>, Error> {
        tokio::time::timeout(self.timeout(), self.attempt(request, token))
            .await
            .map_err(|_| timed_out(self.endpoint, self.timeout_ms))?
    }

    async fn sleep(&self, ms: u64) -> Result<(), Error> {
        tokio::time::sleep(Duration::from_millis(ms)).await;
        Ok(())
    }

    fn aborted(&self) -> Option<Error> {
        // Natively a call is cancelled by dropping its future.
        None
    }

    fn random(&self) -> f64 {
        // std's hasher keys are random per process and change per `RandomState`: enough to
        // spread retries, without a crate for it.
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_u64(self.now_ms());
        (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn now_ms(&self) -> u64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_millis() as u64)
    }
}
