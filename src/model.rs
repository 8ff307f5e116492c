//! The answers' and the request bodies' types, as DingTalk documents them, with serde derives
//! under DingTalk's camelCase field names: an absent field is `None`, and is left out when serialized (no key at all in
//! JS, where the facade's `ToJs` makes the result objects by these names); unknown fields are
//! ignored. The crate decodes answers with `response::FromJson`, which agrees with the
//! `Deserialize` derive (a test holds them to the same answers).

use alloc::string::String;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

/// A subscribed calendar (`GET …/subscribedCalendars/{calendarId}`), under DingTalk's names.
///
/// ```
/// use dingtalk_calendar::SubscribedCalendar;
///
/// let calendar: SubscribedCalendar =
///     serde_json::from_str(r#"{ "calendarId": "c1", "name": "Holidays", "extra": 1 }"#).unwrap();
/// assert_eq!(calendar.name.as_deref(), Some("Holidays"));
/// assert_eq!(calendar.managers, None);
/// assert_eq!(serde_json::to_string(&calendar).unwrap(), r#"{"calendarId":"c1","name":"Holidays"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SubscribedCalendar {
    /// The calendar's id.
    pub calendar_id: String,
    /// The title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The creator's unionId.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// unionIds of the users who may edit it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub managers: Option<Vec<String>>,
    /// Who may subscribe.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscribe_scope: Option<SubscribeScope>,
}

/// Who may subscribe to a calendar: users, the members of group chats, of organisations.
///
/// ```
/// use dingtalk_calendar::SubscribeScope;
///
/// let acme = SubscribeScope { corp_ids: Some(vec!["ding-corp-acme".into()]), ..Default::default() };
/// assert_eq!(acme.union_ids, None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SubscribeScope {
    /// unionIds of users who may subscribe.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub union_ids: Option<Vec<String>>,
    /// OpenConversationIds of group chats whose members may subscribe.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_conversation_ids: Option<Vec<String>>,
    /// corpIds of organisations whose members may subscribe.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corp_ids: Option<Vec<String>>,
}

/// The answer of delete, unsubscribe and update: `{ "result": true }` on success.
///
/// ```
/// use dingtalk_calendar::ResultResponse;
///
/// let answer: ResultResponse = serde_json::from_str(r#"{ "result": true }"#).unwrap();
/// assert!(answer.result);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultResponse {
    /// Whether DingTalk reports success.
    pub result: bool,
}

/// A calendar to create (`POST …/users/{userId}/subscribedCalendars`): DingTalk requires a
/// name and a scope, and the creator must be inside the scope's groups or organisations. Read
/// from JSON (a frontend's, say), a field it does not know is an error, never dropped.
///
/// ```
/// use dingtalk_calendar::{NewSubscribedCalendar, SubscribeScope};
///
/// let calendar = NewSubscribedCalendar::new(
///     "Release train",
///     SubscribeScope { corp_ids: Some(vec!["ding-corp".into()]), ..Default::default() },
/// )
/// .description("Every other Tuesday")
/// .managers(["user-bob"]);
/// assert_eq!(calendar.managers.as_deref(), Some(&["user-bob".to_owned()][..]));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct NewSubscribedCalendar {
    /// The title (not blank).
    pub name: String,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// unionIds of the users who may edit it besides its author.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub managers: Option<Vec<String>>,
    /// Who may subscribe.
    pub subscribe_scope: SubscribeScope,
}

impl NewSubscribedCalendar {
    /// A calendar of `name` that `subscribe_scope` may subscribe to.
    pub fn new(name: impl Into<String>, subscribe_scope: SubscribeScope) -> Self {
        NewSubscribedCalendar {
            name: name.into(),
            description: None,
            managers: None,
            subscribe_scope,
        }
    }

    /// With a description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// With managers (unionIds), who may edit it.
    pub fn managers<I: IntoIterator<Item = S>, S: Into<String>>(mut self, managers: I) -> Self {
        self.managers = Some(managers.into_iter().map(Into::into).collect());
        self
    }
}

/// What an update changes (`PUT …/subscribedCalendars/{calendarId}`): only the fields given
/// are sent, and at least one must be. A scope given replaces the calendar's scope. Read from
/// JSON, a field it does not know (`descriptoin`) is an error, never a silent no-op.
///
/// ```
/// use dingtalk_calendar::SubscribedCalendarUpdate;
///
/// let update = SubscribedCalendarUpdate::default().name("Release train (weekly)");
/// assert_eq!(update.description, None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct SubscribedCalendarUpdate {
    /// A new title (not blank).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A new description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// New managers (unionIds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub managers: Option<Vec<String>>,
    /// A new scope, in place of the old one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscribe_scope: Option<SubscribeScope>,
}

impl SubscribedCalendarUpdate {
    /// A new title.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// A new description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// New managers (unionIds).
    pub fn managers<I: IntoIterator<Item = S>, S: Into<String>>(mut self, managers: I) -> Self {
        self.managers = Some(managers.into_iter().map(Into::into).collect());
        self
    }

    /// A new scope.
    pub fn subscribe_scope(mut self, scope: SubscribeScope) -> Self {
        self.subscribe_scope = Some(scope);
        self
    }
}

/// The answer of create: the new calendar's id.
///
/// ```
/// use dingtalk_calendar::CreatedCalendar;
///
/// let created: CreatedCalendar = serde_json::from_str(r#"{ "calendarId": "cal-new-1" }"#).unwrap();
/// assert_eq!(created.calendar_id, "cal-new-1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedCalendar {
    /// The id DingTalk gave the new calendar.
    pub calendar_id: String,
}
