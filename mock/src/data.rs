//! The seed data: users, calendars, subscriptions, accepted tokens and apps.
//!
//! The format is documented in `mock/README.md`; `data/default.json` is built in.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

/// The data the mock starts with, and returns to on `POST /__mock/reset`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedData {
    /// Access tokens the mock accepts in `x-acs-dingtalk-access-token`, besides the ones it hands
    /// out to `apps`.
    pub tokens: Vec<String>,
    /// Apps that get tokens from `POST /v1.0/oauth2/accessToken`.
    #[serde(default)]
    pub apps: Vec<App>,
    /// Known users, by unionId.
    #[serde(default)]
    pub users: Vec<User>,
    /// Calendars, subscribed or not.
    #[serde(default)]
    pub calendars: Vec<Calendar>,
    /// How many calendars one user may subscribe to; past it, subscribe answers 400
    /// `exceedSubscribeLimit`. DingTalk does not publish its figure: 100 by default.
    #[serde(default = "default_subscription_limit")]
    pub subscription_limit: usize,
}

fn default_subscription_limit() -> usize {
    DEFAULT_SUBSCRIPTION_LIMIT
}

/// The subscription limit when the data sets none.
pub const DEFAULT_SUBSCRIPTION_LIMIT: usize = 100;

/// An app: its credentials, and how long the tokens it gets live.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct App {
    pub app_key: String,
    pub app_secret: String,
    /// Seconds a token lives (`expireIn` in the answer); DingTalk's is 7,200.
    #[serde(default = "default_expire_in")]
    pub expire_in: u64,
}

/// The longest token lifetime the mock takes (a year): a clock cannot run past any instant.
pub const MAX_TOKEN_LIFETIME_SECS: u64 = 365 * 24 * 60 * 60;

fn default_expire_in() -> u64 {
    DEFAULT_EXPIRE_IN
}

/// DingTalk's token lifetime, in seconds.
pub const DEFAULT_EXPIRE_IN: u64 = 7_200;

/// A DingTalk user.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct User {
    /// The user's unionId: the `userId` path parameter.
    pub union_id: String,
    /// A display name, for the demo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The organisation the user belongs to, matched against `subscribeScope.corpIds`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corp_id: Option<String>,
    /// Group chats the user is in, matched against `subscribeScope.openConversationIds`.
    #[serde(default)]
    pub open_conversation_ids: Vec<String>,
}

/// A calendar as the mock stores it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Calendar {
    /// The calendar's id: the `calendarId` path parameter.
    pub calendar_id: String,
    /// `subscribed` for a subscribed calendar; anything else (`primary`, say) is another type.
    #[serde(rename = "type", default = "subscribed_type")]
    pub calendar_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The creator's unionId.
    pub author: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub managers: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscribe_scope: Option<SubscribeScope>,
    /// unionIds of the users subscribed right now.
    #[serde(default)]
    pub subscribers: BTreeSet<String>,
}

/// Who may subscribe to a calendar.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SubscribeScope {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub union_ids: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_conversation_ids: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corp_ids: Option<Vec<String>>,
}

fn subscribed_type() -> String {
    SUBSCRIBED.to_owned()
}

/// The `type` of a subscribed calendar.
pub const SUBSCRIBED: &str = "subscribed";

/// The built-in data set (`mock/data/default.json`).
pub const DEFAULT_DATA: &str = include_str!("../data/default.json");

impl SeedData {
    /// The built-in data set.
    pub fn builtin() -> Self {
        // The built-in file is checked by a test; falling back to empty data keeps this panic-free.
        Self::parse(DEFAULT_DATA).unwrap_or_else(|_| SeedData {
            tokens: Vec::new(),
            apps: Vec::new(),
            users: Vec::new(),
            calendars: Vec::new(),
            subscription_limit: DEFAULT_SUBSCRIPTION_LIMIT,
        })
    }

    /// Parses and checks a data file's text.
    pub fn parse(text: &str) -> Result<Self, String> {
        let data: SeedData =
            serde_json::from_str(text).map_err(|e| format!("not valid mock data: {e}"))?;
        data.check()?;
        Ok(data)
    }

    fn check(&self) -> Result<(), String> {
        if self.tokens.iter().any(|t| t.trim().is_empty()) {
            return Err("a token in `tokens` is blank".into());
        }
        let mut apps = BTreeSet::new();
        for app in &self.apps {
            if app.app_key.trim().is_empty() || app.app_secret.trim().is_empty() {
                return Err("an app has a blank appKey or appSecret".into());
            }
            if !(1..=MAX_TOKEN_LIFETIME_SECS).contains(&app.expire_in) {
                return Err(format!(
                    "app `{}` has expireIn {}; it must be 1 to {MAX_TOKEN_LIFETIME_SECS} seconds",
                    app.app_key, app.expire_in
                ));
            }
            if !apps.insert(app.app_key.as_str()) {
                return Err(format!("app `{}` is listed twice", app.app_key));
            }
        }
        let mut users = BTreeSet::new();
        for user in &self.users {
            if !users.insert(user.union_id.as_str()) {
                return Err(format!("user `{}` is listed twice", user.union_id));
            }
        }
        let mut calendars = BTreeSet::new();
        for cal in &self.calendars {
            if cal.calendar_id.trim().is_empty() {
                return Err("a calendar has a blank calendarId".into());
            }
            if !calendars.insert(cal.calendar_id.as_str()) {
                return Err(format!("calendar `{}` is listed twice", cal.calendar_id));
            }
        }
        Ok(())
    }
}
