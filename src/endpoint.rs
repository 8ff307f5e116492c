//! The three endpoints as data: method, path, and whether a retry after an unclear failure is safe.

use crate::error::Error;
use crate::path::{encode_path_segment, validate_id};
use crate::text::concat;

/// An HTTP method this API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `GET`
    Get,
    /// `DELETE`
    Delete,
    /// `POST`
    Post,
}

impl Method {
    /// The method as sent.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Delete => "DELETE",
            Method::Post => "POST",
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
}

impl Endpoint {
    /// The HTTP method.
    pub fn method(self) -> Method {
        match self {
            Endpoint::GetSubscribedCalendar => Method::Get,
            Endpoint::DeleteSubscribedCalendar => Method::Delete,
            Endpoint::UnsubscribeCalendar => Method::Post,
        }
    }

    /// The JS method name, used in error messages.
    pub fn operation(self) -> &'static str {
        match self {
            Endpoint::GetSubscribedCalendar => "getSubscribedCalendar",
            Endpoint::DeleteSubscribedCalendar => "deleteSubscribedCalendar",
            Endpoint::UnsubscribeCalendar => "unsubscribeCalendar",
        }
    }

    /// Whether a request that may or may not have reached DingTalk (a timeout, a dropped
    /// connection, a 5xx) can be sent again without changing the outcome. Only the read is:
    /// a repeated delete or unsubscribe that had already worked would answer with an error.
    pub fn safe_to_repeat(self) -> bool {
        matches!(self, Endpoint::GetSubscribedCalendar)
    }

    /// The request path with both ids checked and encoded as one segment each.
    pub fn path(self, user_id: &str, calendar_id: &str) -> Result<String, Error> {
        validate_id("userId", user_id)?;
        validate_id("calendarId", calendar_id)?;
        let user = encode_path_segment(user_id);
        let calendar = encode_path_segment(calendar_id);
        Ok(match self {
            Endpoint::GetSubscribedCalendar | Endpoint::DeleteSubscribedCalendar => concat(&[
                "/v1.0/calendar/users/",
                &user,
                "/subscribedCalendars/",
                &calendar,
            ]),
            Endpoint::UnsubscribeCalendar => concat(&[
                "/v1.0/calendar/users/",
                &user,
                "/calendars/",
                &calendar,
                "/unsubscribe",
            ]),
        })
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
