//! The six endpoints as data: method, path, whether a body goes with it, and whether a retry
//! after an unclear failure is safe.

use crate::error::Error;
use crate::path::{encode_path_segment, validate_id};
use crate::text::concat;
use alloc::string::String;

/// An HTTP method this API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `GET`
    Get,
    /// `DELETE`
    Delete,
    /// `POST`
    Post,
    /// `PUT`
    Put,
}

impl Method {
    /// The method as sent.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Delete => "DELETE",
            Method::Post => "POST",
            Method::Put => "PUT",
        }
    }
}

/// One of DingTalk's subscribed-calendar endpoints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(clippy::enum_variant_names)] // named after DingTalk's operations
pub enum Endpoint {
    /// `GET /v1.0/calendar/users/{userId}/subscribedCalendars/{calendarId}`
    GetSubscribedCalendar,
    /// `DELETE /v1.0/calendar/users/{userId}/subscribedCalendars/{calendarId}`
    DeleteSubscribedCalendar,
    /// `POST /v1.0/calendar/users/{userId}/calendars/{calendarId}/unsubscribe`
    UnsubscribeCalendar,
    /// `POST /v1.0/calendar/users/{userId}/subscribedCalendars`, with the new calendar
    CreateSubscribedCalendar,
    /// `PUT /v1.0/calendar/users/{userId}/subscribedCalendars/{calendarId}`, with the changes
    UpdateSubscribedCalendar,
    /// `POST /v1.0/calendar/users/{userId}/calendars/{calendarId}/subscribe`
    SubscribeCalendar,
}

impl Endpoint {
    /// The HTTP method.
    pub fn method(self) -> Method {
        match self {
            Endpoint::GetSubscribedCalendar => Method::Get,
            Endpoint::DeleteSubscribedCalendar => Method::Delete,
            Endpoint::UnsubscribeCalendar
            | Endpoint::CreateSubscribedCalendar
            | Endpoint::SubscribeCalendar => Method::Post,
            Endpoint::UpdateSubscribedCalendar => Method::Put,
        }
    }

    /// The JS method name, used in error messages.
    pub fn operation(self) -> &'static str {
        match self {
            Endpoint::GetSubscribedCalendar => "getSubscribedCalendar",
            Endpoint::DeleteSubscribedCalendar => "deleteSubscribedCalendar",
            Endpoint::UnsubscribeCalendar => "unsubscribeCalendar",
            Endpoint::CreateSubscribedCalendar => "createSubscribedCalendar",
            Endpoint::UpdateSubscribedCalendar => "updateSubscribedCalendar",
            Endpoint::SubscribeCalendar => "subscribeCalendar",
        }
    }

    /// Whether the path names a calendar (create names only its author).
    pub fn names_calendar(self) -> bool {
        !matches!(self, Endpoint::CreateSubscribedCalendar)
    }

    /// Whether a request that may or may not have reached DingTalk (a timeout, a dropped
    /// connection, a 5xx) can be sent again without changing the outcome: the read, and an
    /// update (a PUT of the same body twice is the same outcome). A repeated delete, unsubscribe
    /// or subscribe that had already worked would answer with an error, and a second create
    /// would make a second calendar.
    pub fn safe_to_repeat(self) -> bool {
        matches!(
            self,
            Endpoint::GetSubscribedCalendar | Endpoint::UpdateSubscribedCalendar
        )
    }

    /// The request path with its ids checked and encoded as one segment each. `calendar_id` is
    /// not read for create, whose path names only the author.
    pub fn path(self, user_id: &str, calendar_id: &str) -> Result<String, Error> {
        validate_id("userId", user_id)?;
        let user = encode_path_segment(user_id);
        if !self.names_calendar() {
            return Ok(concat(&[
                "/v1.0/calendar/users/",
                &user,
                "/subscribedCalendars",
            ]));
        }
        validate_id("calendarId", calendar_id)?;
        let calendar = encode_path_segment(calendar_id);
        let (middle, end) = match self {
            Endpoint::UnsubscribeCalendar => ("/calendars/", "/unsubscribe"),
            Endpoint::SubscribeCalendar => ("/calendars/", "/subscribe"),
            _ => ("/subscribedCalendars/", ""),
        };
        Ok(concat(&[
            "/v1.0/calendar/users/",
            &user,
            middle,
            &calendar,
            end,
        ]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_match_the_reference_pages() {
        assert_eq!(
            Endpoint::GetSubscribedCalendar.path("iiiP35sJadba8aBSgjrwPRKgiEiF", "M5MjkxNDUxQHVzZXJzLmRpbmd0YWxrLmNv").unwrap(),
            "/v1.0/calendar/users/iiiP35sJadba8aBSgjrwPRKgiEiF/subscribedCalendars/M5MjkxNDUxQHVzZXJzLmRpbmd0YWxrLmNv"
        );
        assert_eq!(
            Endpoint::DeleteSubscribedCalendar.path("u", "c").unwrap(),
            "/v1.0/calendar/users/u/subscribedCalendars/c"
        );
        assert_eq!(
            Endpoint::UnsubscribeCalendar
                .path("ZXJzLmxxx", "MzM5Mxxx")
                .unwrap(),
            "/v1.0/calendar/users/ZXJzLmxxx/calendars/MzM5Mxxx/unsubscribe"
        );
        assert_eq!(Endpoint::GetSubscribedCalendar.method().as_str(), "GET");
        assert_eq!(
            Endpoint::DeleteSubscribedCalendar.method().as_str(),
            "DELETE"
        );
        assert_eq!(Endpoint::UnsubscribeCalendar.method().as_str(), "POST");
        // The three from DingTalk's SDK (calendar_1_0): create names no calendar.
        assert_eq!(
            Endpoint::CreateSubscribedCalendar.path("u/1", "").unwrap(),
            "/v1.0/calendar/users/u%2F1/subscribedCalendars"
        );
        assert_eq!(
            Endpoint::UpdateSubscribedCalendar.path("u", "c").unwrap(),
            "/v1.0/calendar/users/u/subscribedCalendars/c"
        );
        assert_eq!(
            Endpoint::SubscribeCalendar.path("u", "c").unwrap(),
            "/v1.0/calendar/users/u/calendars/c/subscribe"
        );
        assert_eq!(Endpoint::CreateSubscribedCalendar.method().as_str(), "POST");
        assert_eq!(Endpoint::UpdateSubscribedCalendar.method().as_str(), "PUT");
        assert_eq!(Endpoint::SubscribeCalendar.method().as_str(), "POST");
        let err = Endpoint::SubscribeCalendar.path("u", "").unwrap_err();
        assert!(err.message().starts_with("calendarId"));
    }

    #[test]
    fn only_the_read_and_the_update_are_repeated_after_an_unclear_failure() {
        use Endpoint::*;
        let repeated: Vec<Endpoint> = [
            GetSubscribedCalendar,
            DeleteSubscribedCalendar,
            UnsubscribeCalendar,
            CreateSubscribedCalendar,
            UpdateSubscribedCalendar,
            SubscribeCalendar,
        ]
        .into_iter()
        .filter(|e| e.safe_to_repeat())
        .collect();
        assert_eq!(repeated, [GetSubscribedCalendar, UpdateSubscribedCalendar]);
    }

    #[test]
    fn crafted_ids_cannot_change_the_url() {
        let path = Endpoint::UnsubscribeCalendar
            .path("../../v1.0/other?x#", "a/b")
            .unwrap();
        assert_eq!(
            path,
            "/v1.0/calendar/users/..%2F..%2Fv1.0%2Fother%3Fx%23/calendars/a%2Fb/unsubscribe"
        );
        assert_eq!(path.matches('/').count(), 7);
        let err = Endpoint::GetSubscribedCalendar.path("u", "..").unwrap_err();
        assert!(err.message().starts_with("calendarId"));
        let err = Endpoint::GetSubscribedCalendar.path(" ", "c").unwrap_err();
        assert!(err.message().starts_with("userId"));
    }
}
