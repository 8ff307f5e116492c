//! DingTalk's rules for the six endpoints, applied to the in-memory state. Create, update and
//! subscribe follow DingTalk's pages for them and its SDK (`@alicloud/dingtalk`, calendar_1_0).
//!
//! Each rule cites the reference page it comes from; where the pages are silent the choice is
//! written down in `mock/README.md` ("Assumptions").

use serde_json::{json, Value};

use crate::data::{Calendar, SeedData, SubscribeScope, User, SUBSCRIBED};

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

    /// Unsubscribe's and subscribe's refusal: 400, not 403, as their pages document it.
    fn not_in_scope() -> Self {
        Self::new(
            400,
            "permissionDenied",
            "The user is not within the subscription scope",
        )
    }
}

/// The mock's mutable state: the seed data as changed by the calls so far.
#[derive(Debug, Clone)]
pub struct CalendarStore {
    data: SeedData,
    /// Numbers the calendars create makes (`cal-new-1`, …), from 1 again after a reset.
    created: u64,
}

/// The longest name DingTalk takes: "calendar name length must less than 128".
const MAX_NAME_CHARS: usize = 127;

impl CalendarStore {
    pub fn new(data: SeedData) -> Self {
        CalendarStore { data, created: 0 }
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

    fn calendar_mut(&mut self, calendar_id: &str) -> Option<&mut Calendar> {
        self.data
            .calendars
            .iter_mut()
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

    /// Unsubscribe's and subscribe's checks: the calendar (000: "400 invalidParameter
    /// calendarId cannot be blank"), then the user inside its scope (000 and the subscribe
    /// page: "400 permissionDenied The user is not within the subscription scope").
    fn calendar_in_scope(&self, user_id: &str, calendar_id: &str) -> Result<&Calendar, ApiError> {
        let cal = self.subscribed_calendar(user_id, calendar_id, "calendarId cannot be blank")?;
        if !in_scope(cal, user_id, self.user(user_id)) {
            return Err(ApiError::not_in_scope());
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
        self.calendar_in_scope(user_id, calendar_id)?;
        if let Some(cal) = self.calendar_mut(calendar_id) {
            cal.subscribers.remove(user_id);
        }
        Ok(json!({ "result": true }))
    }

    /// POST /v1.0/calendar/users/{userId}/subscribedCalendars
    pub fn create_subscribed_calendar(
        &mut self,
        user_id: &str,
        body: &[u8],
    ) -> Result<Value, ApiError> {
        if user_id.trim().is_empty() {
            return Err(ApiError::invalid_parameter("userId cannot be blank"));
        }
        let fields = CalendarFields::read(body)?;
        let name = fields.name.clone().unwrap_or_default();
        check_name(&name)?;
        let Some(scope) = fields.subscribe_scope.clone() else {
            return Err(ApiError::invalid_parameter(
                "subscribe range cannot be null",
            ));
        };
        // "current user must in range": the creator is in one of the scope's organisations or
        // groups (being listed by unionId alone is not enough).
        if !in_groups(&scope, self.user(user_id)) {
            return Err(ApiError::invalid_parameter("current user must in range"));
        }
        self.created += 1;
        let calendar_id = format!("cal-new-{}", self.created);
        self.data.calendars.push(Calendar {
            calendar_id: calendar_id.clone(),
            calendar_type: SUBSCRIBED.to_owned(),
            name: Some(name),
            description: fields.description,
            author: user_id.to_owned(),
            managers: fields.managers,
            subscribe_scope: Some(scope),
            subscribers: Default::default(),
        });
        Ok(json!({ "calendarId": calendar_id }))
    }

    /// PUT /v1.0/calendar/users/{userId}/subscribedCalendars/{calendarId}
    pub fn update_subscribed_calendar(
        &mut self,
        user_id: &str,
        calendar_id: &str,
        body: &[u8],
    ) -> Result<Value, ApiError> {
        let cal = self.subscribed_calendar(user_id, calendar_id, "calendar id cannot be blank")?;
        if !is_author_or_manager(cal, user_id) {
            return Err(ApiError::permission_denied());
        }
        let fields = CalendarFields::read(body)?;
        if let Some(name) = &fields.name {
            check_name(name)?;
        }
        if let Some(scope) = &fields.subscribe_scope {
            if !in_groups(scope, self.user(user_id)) {
                return Err(ApiError::invalid_parameter("current user must in range"));
            }
        }
        let Some(cal) = self.calendar_mut(calendar_id) else {
            return Err(ApiError::calendar_not_found());
        };
        // A field given replaces the old one, the scope as a whole (see mock/README.md,
        // "Assumptions"); a field not given stays.
        if let Some(name) = fields.name {
            cal.name = Some(name);
        }
        if let Some(description) = fields.description {
            cal.description = Some(description);
        }
        if let Some(managers) = fields.managers {
            cal.managers = Some(managers);
        }
        if let Some(scope) = fields.subscribe_scope {
            cal.subscribe_scope = Some(scope);
        }
        Ok(json!({ "result": true }))
    }

    /// POST /v1.0/calendar/users/{userId}/calendars/{calendarId}/subscribe: 200, no body.
    pub fn subscribe_calendar(
        &mut self,
        user_id: &str,
        calendar_id: &str,
    ) -> Result<Value, ApiError> {
        let cal = self.calendar_in_scope(user_id, calendar_id)?;
        let already = cal.subscribers.contains(user_id);
        let subscribed = self
            .data
            .calendars
            .iter()
            .filter(|c| c.subscribers.contains(user_id))
            .count();
        if !already && subscribed >= self.data.subscription_limit {
            return Err(ApiError::new(
                400,
                "exceedSubscribeLimit",
                "exceed subscribe limit",
            ));
        }
        if let Some(cal) = self.calendar_mut(calendar_id) {
            cal.subscribers.insert(user_id.to_owned());
        }
        Ok(Value::Null)
    }
}

/// The fields of a create or update body, each of its documented type; an unknown field is
/// ignored, as DingTalk ignores it.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct CalendarFields {
    name: Option<String>,
    description: Option<String>,
    managers: Option<Vec<String>>,
    subscribe_scope: Option<SubscribeScope>,
}

impl CalendarFields {
    fn read(body: &[u8]) -> Result<Self, ApiError> {
        match serde_json::from_slice::<Value>(body) {
            Ok(value @ Value::Object(_)) => serde_json::from_value(value).map_err(|_| {
                ApiError::invalid_parameter("a field of the request body has the wrong type")
            }),
            _ => Err(ApiError::invalid_parameter(
                "the request body is not a JSON object",
            )),
        }
    }
}

fn check_name(name: &str) -> Result<(), ApiError> {
    if name.trim().is_empty() {
        return Err(ApiError::invalid_parameter("calendar name cannot be blank"));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(ApiError::invalid_parameter(
            "calendar name length must less than 128",
        ));
    }
    Ok(())
}

/// Whether `user` is in one of `scope`'s organisations or group chats.
fn in_groups(scope: &SubscribeScope, user: Option<&User>) -> bool {
    let Some(user) = user else { return false };
    let listed = |list: &Option<Vec<String>>, id: &str| list.iter().flatten().any(|x| x == id);
    user.corp_id
        .as_deref()
        .is_some_and(|corp| listed(&scope.corp_ids, corp))
        || user
            .open_conversation_ids
            .iter()
            .any(|cid| listed(&scope.open_conversation_ids, cid))
}

fn is_author_or_manager(cal: &Calendar, user_id: &str) -> bool {
    cal.author == user_id || cal.managers.iter().flatten().any(|m| m == user_id)
}

fn in_scope(cal: &Calendar, user_id: &str, user: Option<&User>) -> bool {
    let Some(scope) = &cal.subscribe_scope else {
        return false;
    };
    scope.union_ids.iter().flatten().any(|x| x == user_id) || in_groups(scope, user)
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
