//! The answers' types, as DingTalk documents them, with serde derives under DingTalk's camelCase
//! field names: an absent field is `None`, and is left out when serialized (no key at all in
//! JS, where the facade's `ToJs` makes the result objects by these names); unknown fields are
//! ignored. The crate decodes answers with `response::FromJson`, which agrees with the
//! `Deserialize` derive (a test holds them to the same answers).

use serde::{Deserialize, Serialize};

/// A subscribed calendar (`GET …/subscribedCalendars/{calendarId}`).
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

/// Who may subscribe to a calendar.
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

/// The answer of delete and unsubscribe: `{ "result": true }` on success.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultResponse {
    /// Whether DingTalk reports success.
    pub result: bool,
}
