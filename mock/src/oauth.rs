//! `POST /v1.0/oauth2/accessToken`: app credentials in, a token with a lifetime out, as the
//! calendar endpoints then accept until it expires. As DingTalk does, asking again while an
//! app's token lives answers the same token with its lifetime extended; a wrong key or secret
//! is 400 `invalidClientIdOrSecret`.

use std::collections::BTreeMap;

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

/// Tokens handed out since the last reset, each with the time it stops being accepted, in
/// milliseconds on the clock the shell passes in (the server's monotonic clock, or
/// `Date.now()` in the npm package).
#[derive(Debug, Default)]
pub struct IssuedTokens {
    expiry: BTreeMap<String, u64>,
    /// Each app's token, while it may live.
    current: BTreeMap<String, String>,
}

impl IssuedTokens {
    /// Checks `body` against `apps` and hands out the app's token (the one it has, its lifetime
    /// extended, or a new one), or DingTalk's error answer. `serial` makes a new token unique
    /// across resets.
    pub fn issue(
        &mut self,
        apps: &[App],
        body: &[u8],
        serial: u64,
        now_ms: u64,
    ) -> Result<Value, ApiError> {
        let credentials: Credentials = serde_json::from_slice(body).map_err(|_| {
            ApiError::invalid_parameter("the body must be JSON with string appKey and appSecret")
        })?;
        let app = apps
            .iter()
            .find(|app| {
                app.app_key == credentials.app_key && app.app_secret == credentials.app_secret
            })
            .ok_or_else(|| {
                ApiError::new(
                    400,
                    "invalidClientIdOrSecret",
                    "invalid clientId or clientSecret",
                )
            })?;
        // A long-running mock forgets tokens that can no longer be used.
        self.expiry.retain(|_, expires| *expires > now_ms);
        let lives_until = now_ms.saturating_add(app.expire_in.saturating_mul(1000));
        let live = self
            .current
            .get(&app.app_key)
            .filter(|token| self.expiry.contains_key(*token))
            .cloned();
        let token = live.unwrap_or_else(|| format!("mock-app-token-{serial}"));
        self.expiry.insert(token.clone(), lives_until);
        self.current.insert(app.app_key.clone(), token.clone());
        Ok(json!({ "accessToken": token, "expireIn": app.expire_in }))
    }

    /// Whether `token` was handed out and has not expired.
    pub fn accepts(&self, token: &str, now_ms: u64) -> bool {
        self.expiry
            .get(token)
            .is_some_and(|expires| *expires > now_ms)
    }

    /// Forgets every token (a reset).
    pub fn clear(&mut self) {
        self.expiry.clear();
        self.current.clear();
    }
}
