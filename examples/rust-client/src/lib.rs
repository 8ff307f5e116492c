//! A Rust program on wasm that uses `dingtalk-calendar` the way its users do: a Leptos or Yew
//! frontend, or a workers-rs Worker, adds the crate with its default features and talks to
//! DingTalk through [`Client`]. This one keeps a signed-in user's calendar actions in one place.
//!
//! ```no_run
//! # #[cfg(target_arch = "wasm32")]
//! # async fn demo() -> Result<(), dingtalk_calendar::Error> {
//! use rust_client_example::Calendars;
//!
//! let calendars = Calendars::connect("http://127.0.0.1:8790", "demo-access-token", "user-alice")?;
//! let title = calendars.title("cal-public-holidays").await?;
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

#[cfg(target_arch = "wasm32")]
pub use on_wasm::Calendars;

#[cfg(target_arch = "wasm32")]
mod on_wasm {
    use std::time::Duration;

    use dingtalk_calendar::{
        AccessToken, Client, Error, ErrorKind, NewSubscribedCalendar, RetryPolicy, SubscribeScope,
        SubscribedCalendarUpdate,
    };
    use web_sys::AbortSignal;

    /// One user's subscribed calendars.
    #[derive(Debug, Clone)]
    pub struct Calendars {
        client: Client,
        user_id: String,
    }

    impl Calendars {
        /// A client for `user_id` against `base_url` (DingTalk, a proxy, or the mock).
        pub fn connect(base_url: &str, access_token: &str, user_id: &str) -> Result<Self, Error> {
            Self::with_token(base_url, AccessToken::fixed(access_token), user_id)
        }

        /// The same with any [`AccessToken`], such as a function that fetches one.
        pub fn with_token(
            base_url: &str,
            access_token: AccessToken,
            user_id: &str,
        ) -> Result<Self, Error> {
            let client = Client::builder(access_token)
                .base_url(base_url)
                .timeout(Duration::from_secs(5))
                .retry(RetryPolicy::default().max_retries(1))
                .build()?;
            Ok(Calendars {
                client,
                user_id: user_id.to_owned(),
            })
        }

        /// "Name (managed by a, b)", as a calendar list shows it.
        pub async fn title(&self, calendar_id: &str) -> Result<String, Error> {
            let calendar = self
                .client
                .get_subscribed_calendar(&self.user_id, calendar_id)
                .await?;
            Ok(title_of(calendar))
        }

        /// The same, given up after `timeout` per attempt or when `signal` aborts (the page
        /// was left): the per-call settings chain on the call.
        pub async fn title_within(
            &self,
            calendar_id: &str,
            timeout: Duration,
            signal: &AbortSignal,
        ) -> Result<String, Error> {
            let calendar = self
                .client
                .get_subscribed_calendar(&self.user_id, calendar_id)
                .timeout(timeout)
                .signal(signal)
                .await?;
            Ok(title_of(calendar))
        }

        /// The client, for a caller that sends its own calls (or shares it: it is
        /// `Send + Sync` and cheap to clone).
        pub fn client(&self) -> &Client {
            &self.client
        }

        /// Creates a calendar of `name` that the organisation `corp_id` may subscribe to, with
        /// this user as its author; its id. (From a page, DingTalk's CORS policy refuses the
        /// JSON body: run this in a Worker, or behind your own server.)
        pub async fn create(&self, name: &str, corp_id: &str) -> Result<String, Error> {
            let scope = SubscribeScope {
                corp_ids: Some(vec![corp_id.to_owned()]),
                ..SubscribeScope::default()
            };
            let created = self
                .client
                .create_subscribed_calendar(&self.user_id, NewSubscribedCalendar::new(name, scope))
                .await?;
            Ok(created.calendar_id)
        }

        /// Gives a calendar this user manages a new name.
        pub async fn rename(&self, calendar_id: &str, name: &str) -> Result<bool, Error> {
            let update = SubscribedCalendarUpdate::default().name(name);
            let renamed = self
                .client
                .update_subscribed_calendar(&self.user_id, calendar_id, update)
                .await?;
            Ok(renamed.result)
        }

        /// Subscribes this user to a calendar. `Ok(false)` when DingTalk says the user may not.
        pub async fn join(&self, calendar_id: &str) -> Result<bool, Error> {
            let joined = self
                .client
                .subscribe_calendar(&self.user_id, calendar_id)
                .await;
            not_permitted_is_false(joined.map(|()| true))
        }

        /// Leaves a public calendar. `Ok(false)` when DingTalk says the user may not.
        pub async fn leave(&self, calendar_id: &str) -> Result<bool, Error> {
            let left = self
                .client
                .unsubscribe_calendar(&self.user_id, calendar_id)
                .await;
            not_permitted_is_false(left.map(|answer| answer.result))
        }

        /// Deletes a calendar the user wrote. `Ok(false)` when DingTalk says the user may not.
        pub async fn delete(&self, calendar_id: &str) -> Result<bool, Error> {
            let deleted = self
                .client
                .delete_subscribed_calendar(&self.user_id, calendar_id)
                .await;
            not_permitted_is_false(deleted.map(|answer| answer.result))
        }
    }

    fn title_of(calendar: dingtalk_calendar::SubscribedCalendar) -> String {
        let name = calendar.name.unwrap_or(calendar.calendar_id);
        match calendar.managers.as_deref() {
            Some(managers) if !managers.is_empty() => {
                format!("{name} (managed by {})", managers.join(", "))
            }
            _ => name,
        }
    }

    /// DingTalk's `permissionDenied` is an answer the page shows, not a failure.
    fn not_permitted_is_false(outcome: Result<bool, Error>) -> Result<bool, Error> {
        match outcome {
            Err(e) if e.kind() == ErrorKind::Api && e.code() == Some("permissionDenied") => {
                Ok(false)
            }
            other => other,
        }
    }
}
