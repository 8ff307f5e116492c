//! The Rust API's words. The core writes its messages in the JS facade's names
//! (`getSubscribedCalendar failed: …`, `userId must not be blank`), which the npm package's
//! users read; every error `Client` and its calls hand to Rust code goes through
//! [`in_rust_words`] instead, so that it names what a Rust caller wrote. One table, here.

use crate::error::Error;

/// A message's first word as the core writes it, and as the Rust API says it.
const LEADING_WORDS: [(&str, &str); 14] = [
    ("getSubscribedCalendar", "get_subscribed_calendar"),
    ("deleteSubscribedCalendar", "delete_subscribed_calendar"),
    ("unsubscribeCalendar", "unsubscribe_calendar"),
    ("createSubscribedCalendar", "create_subscribed_calendar"),
    ("updateSubscribedCalendar", "update_subscribed_calendar"),
    ("subscribeCalendar", "subscribe_calendar"),
    ("calendar.name", "NewSubscribedCalendar::name"),
    ("calendar", "NewSubscribedCalendar"),
    ("update.name", "SubscribedCalendarUpdate::name"),
    ("update", "SubscribedCalendarUpdate"),
    ("userId", "user_id"),
    ("calendarId", "calendar_id"),
    ("baseUrl", "ClientBuilder::base_url"),
    ("accessToken", "the access token"),
];

/// The one option named inside a message (the retry note of `call::wait_too_long`).
const INNER_WORDS: [(&str, &str); 1] = [(
    " longer than retry.maxDelayMs ",
    " longer than RetryPolicy::max_delay ",
)];

/// `error` with the Rust API's names. Only what the core wrote is touched: the leading word,
/// and the retry note, which comes after any text an answer supplied (so the last match).
pub(crate) fn in_rust_words(mut error: Error) -> Error {
    let message = error.message_mut();
    if let Some((js, rust)) = LEADING_WORDS.iter().find(|(js, _)| {
        message
            .strip_prefix(js)
            .is_some_and(|rest| rest.starts_with(' '))
    }) {
        message.replace_range(..js.len(), rust);
    }
    for (js, rust) in INNER_WORDS {
        if let Some(at) = message.rfind(js) {
            message.replace_range(at..at + js.len(), rust);
        }
    }
    error
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn reworded(message: &str) -> String {
        in_rust_words(Error::new(ErrorKind::Api, message).with_status(400))
            .message()
            .to_owned()
    }

    #[test]
    fn the_core_s_names_become_the_rust_api_s_and_nothing_else_changes() {
        assert_eq!(
            reworded("getSubscribedCalendar timed out after 10 ms"),
            "get_subscribed_calendar timed out after 10 ms"
        );
        assert_eq!(
            reworded("userId must not be blank"),
            "user_id must not be blank"
        );
        assert_eq!(
            reworded("accessToken starts or ends with white space"),
            "the access token starts or ends with white space"
        );
        assert_eq!(
            reworded("unsubscribeCalendar failed: userId wrong (not retried: Retry-After asked for a wait of 9 s, longer than retry.maxDelayMs 8000 ms allows)"),
            "unsubscribe_calendar failed: userId wrong (not retried: Retry-After asked for a wait of 9 s, longer than RetryPolicy::max_delay 8000 ms allows)",
            "an answer's own text (\"userId wrong\") is left as it is"
        );
        // A word that only starts like one of ours, or a message that is only the word.
        assert_eq!(reworded("userIds are wrong"), "userIds are wrong");
        assert_eq!(reworded("baseUrl"), "baseUrl");
        let error = in_rust_words(Error::new(ErrorKind::Api, "calendarId x").with_status(404));
        assert_eq!((error.kind(), error.status()), (ErrorKind::Api, Some(404)));
    }
}
