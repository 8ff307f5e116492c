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
    use dingtalk_calendar::{AccessToken, CallOptions, Client, Error, ErrorKind, RetryPolicy};

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
                .timeout_ms(5_000)
                .retry(RetryPolicy {
                    max_retries: 1,
                    ..RetryPolicy::default()
                })
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
                .get_subscribed_calendar(&self.user_id, calendar_id, &CallOptions::default())
                .await?;
            let name = calendar.name.unwrap_or(calendar.calendar_id);
            Ok(match calendar.managers.as_deref() {
                Some(managers) if !managers.is_empty() => {
                    format!("{name} (managed by {})", managers.join(", "))
                }
                _ => name,
            })
        }

        /// Leaves a public calendar. `Ok(false)` when DingTalk says the user may not.
        pub async fn leave(&self, calendar_id: &str) -> Result<bool, Error> {
            let left = self
                .client
                .unsubscribe_calendar(&self.user_id, calendar_id, &CallOptions::default())
                .await;
            not_permitted_is_false(left.map(|answer| answer.result))
        }

        /// Deletes a calendar the user wrote. `Ok(false)` when DingTalk says the user may not.
        pub async fn delete(&self, calendar_id: &str) -> Result<bool, Error> {
            let deleted = self
                .client
                .delete_subscribed_calendar(&self.user_id, calendar_id, &CallOptions::default())
                .await;
            not_permitted_is_false(deleted.map(|answer| answer.result))
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
