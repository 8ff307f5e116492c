//! DingTalk's rules for the three endpoints, applied to the in-memory state.
//!
//! Each rule cites the reference page it comes from; where the pages are silent the choice is
//! written down in `mock/README.md` ("Assumptions").

use serde_json::{json, Value};

use crate::data::{Calendar, SeedData, User, SUBSCRIBED};

/// An error answer: HTTP status, DingTalk code and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: u16,
    pub code: &'static str,
    pub message: String,
}

impl ApiError {
    pub(crate) fn new(status: u16, code: &'static str, message: &str) -> Self {
        ApiError {
            status,
            code,
            message: message.to_owned(),
        }
    }

    /// 400 `InvalidAuthentication`: no token, or one the mock does not accept.
    pub fn invalid_authentication() -> Self {
        Self::new(
            400,
            "InvalidAuthentication",
            "Access token is invalid or missing",
        )
    }

    /// 404 for a path or method that is not one of the three endpoints.
    pub fn not_found() -> Self {
        Self::new(
            404,
            "InvalidAction.NotFound",
            "Specified api is not found, please check your url and method.",
        )
    }

    pub(crate) fn invalid_parameter(message: &str) -> Self {
        Self::new(400, "invalidParameter", message)
    }

    fn calendar_not_found() -> Self {
        Self::invalid_parameter("calendar not found")
    }

    fn permission_denied() -> Self {
        Self::new(403, "permissionDenied", "permission denied")
    }
}

/// The mock's mutable state: the seed data as changed by the calls so far.
#[derive(Debug, Clone)]
pub struct CalendarStore {
    data: SeedData,
}

impl CalendarStore {
    pub fn new(data: SeedData) -> Self {
        CalendarStore { data }
    }

    /// Whether `token` is one the data accepts.
    pub fn accepts_token(&self, token: &str) -> bool {
        self.data.tokens.iter().any(|t| t == token)
    }

    /// The state as the control API shows it.
    pub fn snapshot(&self) -> &SeedData {
        &self.data
    }

    fn calendar(&self, calendar_id: &str) -> Option<&Calendar> {
        self.data
            .calendars
            .iter()
            .find(|c| c.calendar_id == calendar_id)
    }

    fn user(&self, union_id: &str) -> Option<&User> {
        self.data.users.iter().find(|u| u.union_id == union_id)
    }

    /// The checks every endpoint makes first, in order: a userId, a calendarId (blank gets
    /// `blank_message`, each page words it its own way), a calendar that exists and is of type
    /// subscribed.
    fn subscribed_calendar(
        &self,
        user_id: &str,
        calendar_id: &str,
        blank_message: &str,
    ) -> Result<&Calendar, ApiError> {
        if user_id.trim().is_empty() {
            return Err(ApiError::invalid_parameter("userId cannot be blank"));
        }
        if calendar_id.trim().is_empty() {
            return Err(ApiError::invalid_parameter(blank_message));
        }
        let cal = self
            .calendar(calendar_id)
            .ok_or_else(ApiError::calendar_not_found)?;
        // 000: "400 invalidParameter calendar type invalid"
        if cal.calendar_type != SUBSCRIBED {
            return Err(ApiError::invalid_parameter("calendar type invalid"));
        }
        Ok(cal)
    }

    /// GET /v1.0/calendar/users/{userId}/subscribedCalendars/{calendarId}
    pub fn get_subscribed_calendar(
        &self,
        user_id: &str,
        calendar_id: &str,
    ) -> Result<Value, ApiError> {
        // 003: "400 invalidParameter calendar id cannot be null"
        let cal = self.subscribed_calendar(user_id, calendar_id, "calendar id cannot be null")?;
        // 003: the userId is "the unionId of the calendar author or a co-editor".
        if !is_author_or_manager(cal, user_id) {
            return Err(ApiError::permission_denied());
        }
        Ok(calendar_body(cal))
    }

    /// DELETE /v1.0/calendar/users/{userId}/subscribedCalendars/{calendarId}
    pub fn delete_subscribed_calendar(
        &mut self,
        user_id: &str,
        calendar_id: &str,
    ) -> Result<Value, ApiError> {
        // 001: "400 invalidParameter calendarId cannot be blank"
        let cal = self.subscribed_calendar(user_id, calendar_id, "calendarId cannot be blank")?;
        // 001: "Only the calendar creator can delete the calendar."
        if cal.author != user_id {
            return Err(ApiError::permission_denied());
        }
        // 001: "users who have subscribed to the calendar are automatically unsubscribed": the
        // subscriptions live on the calendar, so they go with it.
        self.data.calendars.retain(|c| c.calendar_id != calendar_id);
        Ok(json!({ "result": true }))
    }

    /// POST /v1.0/calendar/users/{userId}/calendars/{calendarId}/unsubscribe
    pub fn unsubscribe_calendar(
        &mut self,
        user_id: &str,
        calendar_id: &str,
    ) -> Result<Value, ApiError> {
        // 000: "400 invalidParameter calendarId cannot be blank"
        let cal = self.subscribed_calendar(user_id, calendar_id, "calendarId cannot be blank")?;
        // 000: "400 permissionDenied The user is not within the subscription scope"
        if !in_scope(cal, user_id, self.user(user_id)) {
            return Err(ApiError::new(
                400,
                "permissionDenied",
                "The user is not within the subscription scope",
            ));
        }
        if let Some(cal) = self
            .data
            .calendars
            .iter_mut()
            .find(|c| c.calendar_id == calendar_id)
        {
            cal.subscribers.remove(user_id);
        }
        Ok(json!({ "result": true }))
    }
}

fn is_author_or_manager(cal: &Calendar, user_id: &str) -> bool {
    cal.author == user_id || cal.managers.iter().flatten().any(|m| m == user_id)
}

fn in_scope(cal: &Calendar, user_id: &str, user: Option<&User>) -> bool {
    let Some(scope) = &cal.subscribe_scope else {
        return false;
    };
    let listed = |list: &Option<Vec<String>>, id: &str| list.iter().flatten().any(|x| x == id);
    if listed(&scope.union_ids, user_id) {
        return true;
    }
    let Some(user) = user else {
        return false;
    };
    user.corp_id
        .as_deref()
        .is_some_and(|corp| listed(&scope.corp_ids, corp))
        || user
            .open_conversation_ids
            .iter()
            .any(|cid| listed(&scope.open_conversation_ids, cid))
}

/// The answer body of the GET endpoint: the documented fields, those the data lacks left out.
fn calendar_body(cal: &Calendar) -> Value {
    let mut body = serde_json::Map::new();
    body.insert("calendarId".into(), json!(cal.calendar_id));
    let mut put = |key: &str, value: Option<Value>| {
        if let Some(value) = value {
            body.insert(key.into(), value);
        }
    };
    put("name", cal.name.as_ref().map(|v| json!(v)));
    put("description", cal.description.as_ref().map(|v| json!(v)));
    put("author", Some(json!(cal.author)));
    put("managers", cal.managers.as_ref().map(|v| json!(v)));
    put(
        "subscribeScope",
        cal.subscribe_scope.as_ref().map(|v| json!(v)),
    );
    Value::Object(body)
}
