//! `POST /v1.0/oauth2/accessToken`: app credentials in, a token with a lifetime out, as the
//! calendar endpoints then accept until it expires.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::{json, Value};

use crate::data::App;
use crate::rules::ApiError;

/// The body DingTalk reads: `{"appKey", "appSecret"}`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Credentials {
    app_key: String,
    app_secret: String,
}

/// Tokens handed out since the last reset, each with the instant it stops being accepted.
#[derive(Debug, Default)]
pub struct IssuedTokens {
    expiry: HashMap<String, Instant>,
}

impl IssuedTokens {
    /// Checks `body` against `apps` and hands out a new token, or DingTalk's error answer.
    /// `serial` makes the token unique across resets.
    pub fn issue(&mut self, apps: &[App], body: &[u8], serial: u64) -> Result<Value, ApiError> {
        let credentials: Credentials = serde_json::from_slice(body).map_err(|_| {
            ApiError::invalid_parameter("the body must be JSON with string appKey and appSecret")
        })?;
        let app = apps
            .iter()
            .find(|app| app.app_key == credentials.app_key)
            .ok_or_else(|| ApiError::new(400, "invalidAppKey", "the appKey is not a known app"))?;
        if app.app_secret != credentials.app_secret {
            return Err(ApiError::new(
                400,
                "invalidAppSecret",
                "the appSecret does not match the appKey",
            ));
        }
        let now = Instant::now();
        // A long-running mock forgets tokens that can no longer be used.
        self.expiry.retain(|_, expires| *expires > now);
        let token = format!("mock-app-token-{serial}");
        self.expiry
            .insert(token.clone(), now + Duration::from_secs(app.expire_in));
        Ok(json!({ "accessToken": token, "expireIn": app.expire_in }))
    }

    /// Whether `token` was handed out and has not expired.
    pub fn accepts(&self, token: &str) -> bool {
        self.expiry
            .get(token)
            .is_some_and(|expires| *expires > Instant::now())
    }

    /// Forgets every token (a reset).
    pub fn clear(&mut self) {
        self.expiry.clear();
    }
}
