//! The answers' types, as DingTalk documents them. With the `serde` feature they serialize to
//! DingTalk's JSON field names, absent fields left out.

/// A subscribed calendar (`GET …/subscribedCalendars/{calendarId}`). Fields DingTalk leaves out
/// stay `None` and are left off the JS object.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct SubscribedCalendar {
    /// The calendar's id.
    pub calendar_id: String,
    /// The title.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub name: Option<String>,
    /// The description.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub description: Option<String>,
    /// The creator's unionId.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub author: Option<String>,
    /// unionIds of the users who may edit it.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub managers: Option<Vec<String>>,
    /// Who may subscribe.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub subscribe_scope: Option<SubscribeScope>,
}

/// Who may subscribe to a calendar.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct SubscribeScope {
    /// unionIds of users who may subscribe.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub union_ids: Option<Vec<String>>,
    /// OpenConversationIds of group chats whose members may subscribe.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub open_conversation_ids: Option<Vec<String>>,
    /// corpIds of organisations whose members may subscribe.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub corp_ids: Option<Vec<String>>,
}

/// The answer of delete and unsubscribe: `{ "result": true }` on success.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ResultResponse {
    /// Whether DingTalk reports success.
    pub result: bool,
}
