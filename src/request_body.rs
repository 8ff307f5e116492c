//! The bodies of create and update: checked, then written as JSON with only the fields given
//! (an absent field is no key: never `null`). Written out here rather than by serde_json,
//! which the wasm does not hold (these two shapes need a string escaper and nothing else); a
//! test holds the text to serde_json's reading of it, through the model's serde derive.

use crate::error::Error;
use crate::model::{NewSubscribedCalendar, SubscribeScope, SubscribedCalendarUpdate};
use alloc::string::String;

/// The largest body a call sends: DingTalk's own limits (a name under 128 characters) are far
/// below it, and a body past it is a caller's mistake, not a calendar.
pub const MAX_REQUEST_BODY_BYTES: usize = 1 << 20;

/// Create's body: `name` must not be blank (DingTalk's "calendar name cannot be blank").
pub fn create_body(calendar: &NewSubscribedCalendar) -> Result<String, Error> {
    if calendar.name.trim().is_empty() {
        return Err(Error::invalid_argument(
            "calendar.name",
            "must not be blank",
        ));
    }
    let mut json = JsonObject::new();
    json.string("name", &calendar.name);
    json.optional_string("description", calendar.description.as_deref());
    json.optional_strings("managers", calendar.managers.as_deref());
    json.scope("subscribeScope", &calendar.subscribe_scope);
    json.finish("calendar")
}

/// Update's body: at least one field, and a `name` given must not be blank.
pub fn update_body(update: &SubscribedCalendarUpdate) -> Result<String, Error> {
    if update.name.is_none()
        && update.description.is_none()
        && update.managers.is_none()
        && update.subscribe_scope.is_none()
    {
        return Err(Error::invalid_argument(
            "update",
            "must change at least one of name, description, managers, subscribeScope",
        ));
    }
    if update.name.as_deref().is_some_and(|n| n.trim().is_empty()) {
        return Err(Error::invalid_argument("update.name", "must not be blank"));
    }
    let mut json = JsonObject::new();
    json.optional_string("name", update.name.as_deref());
    json.optional_string("description", update.description.as_deref());
    json.optional_strings("managers", update.managers.as_deref());
    if let Some(scope) = &update.subscribe_scope {
        json.scope("subscribeScope", scope);
    }
    json.finish("update")
}

/// A JSON object written member by member.
struct JsonObject {
    text: String,
}

impl JsonObject {
    fn new() -> Self {
        JsonObject {
            text: String::from("{"),
        }
    }

    fn key(&mut self, key: &str) {
        if self.text.len() > 1 {
            self.text.push(',');
        }
        push_json_string(&mut self.text, key);
        self.text.push(':');
    }

    fn string(&mut self, key: &str, value: &str) {
        self.key(key);
        push_json_string(&mut self.text, value);
    }

    fn optional_string(&mut self, key: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.string(key, value);
        }
    }

    fn optional_strings(&mut self, key: &str, values: Option<&[String]>) {
        let Some(values) = values else { return };
        self.key(key);
        self.text.push('[');
        for (i, value) in values.iter().enumerate() {
            if i > 0 {
                self.text.push(',');
            }
            push_json_string(&mut self.text, value);
        }
        self.text.push(']');
    }

    fn scope(&mut self, key: &str, scope: &SubscribeScope) {
        self.key(key);
        let mut inner = JsonObject::new();
        inner.optional_strings("unionIds", scope.union_ids.as_deref());
        inner.optional_strings(
            "openConversationIds",
            scope.open_conversation_ids.as_deref(),
        );
        inner.optional_strings("corpIds", scope.corp_ids.as_deref());
        inner.text.push('}');
        self.text.push_str(&inner.text);
    }

    /// The object, or an error naming `argument` when it is past [`MAX_REQUEST_BODY_BYTES`].
    fn finish(mut self, argument: &str) -> Result<String, Error> {
        self.text.push('}');
        if self.text.len() > MAX_REQUEST_BODY_BYTES {
            return Err(Error::invalid_argument(
                argument,
                "is larger than 1 MiB as JSON, the most a call sends",
            ));
        }
        Ok(self.text)
    }
}

/// `value` as a JSON string: quotes, backslashes and control characters escaped (RFC 8259 §7).
fn push_json_string(out: &mut String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let n = c as usize;
                out.push_str("\\u00");
                out.push(HEX[n >> 4] as char);
                out.push(HEX[n & 0xf] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use serde_json::{json, Value};

    fn scope() -> SubscribeScope {
        SubscribeScope {
            corp_ids: Some(vec!["ding-corp".into()]),
            ..Default::default()
        }
    }

    #[test]
    fn create_sends_only_the_fields_given_as_json_the_serde_derive_reads_back() {
        let calendar = NewSubscribedCalendar::new("Q\"1\\\n\u{1}\u{7f}日", scope());
        let body = create_body(&calendar).unwrap();
        assert_eq!(
            body,
            "{\"name\":\"Q\\\"1\\\\\\n\\u0001\u{7f}日\",\"subscribeScope\":{\"corpIds\":[\"ding-corp\"]}}"
        );
        let read: NewSubscribedCalendar = serde_json::from_str(&body).unwrap();
        assert_eq!(read, calendar);

        let full = NewSubscribedCalendar::new("Team", scope())
            .description("")
            .managers(["a", "b"]);
        let body = create_body(&full).unwrap();
        assert_eq!(
            serde_json::from_str::<Value>(&body).unwrap(),
            json!({ "name": "Team", "description": "", "managers": ["a", "b"],
                    "subscribeScope": { "corpIds": ["ding-corp"] } })
        );
        let empty_scope = NewSubscribedCalendar::new("Team", SubscribeScope::default());
        assert_eq!(
            create_body(&empty_scope).unwrap(),
            "{\"name\":\"Team\",\"subscribeScope\":{}}"
        );
    }

    #[test]
    fn bad_bodies_are_refused_before_anything_is_sent() {
        let err = create_body(&NewSubscribedCalendar::new(" \t", scope())).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument);
        assert_eq!(err.message(), "calendar.name must not be blank");
        let err = update_body(&SubscribedCalendarUpdate::default()).unwrap_err();
        assert_eq!(
            err.message(),
            "update must change at least one of name, description, managers, subscribeScope"
        );
        let err = update_body(&SubscribedCalendarUpdate::default().name("")).unwrap_err();
        assert_eq!(err.message(), "update.name must not be blank");
        let huge = NewSubscribedCalendar::new("x".repeat(MAX_REQUEST_BODY_BYTES), scope());
        let err = create_body(&huge).unwrap_err();
        assert_eq!(
            err.message(),
            "calendar is larger than 1 MiB as JSON, the most a call sends"
        );
        // What DingTalk decides (a 200-character name) is left to DingTalk.
        assert!(create_body(&NewSubscribedCalendar::new("n".repeat(200), scope())).is_ok());
    }

    #[test]
    fn read_from_json_a_typo_is_an_error_not_a_dropped_field() {
        let typo = serde_json::from_str::<SubscribedCalendarUpdate>(r#"{ "descriptoin": "x" }"#);
        assert!(typo.is_err());
        let read: SubscribedCalendarUpdate =
            serde_json::from_str(r#"{ "description": "x" }"#).unwrap();
        assert_eq!(read, SubscribedCalendarUpdate::default().description("x"));
    }

    #[test]
    fn update_sends_only_what_changes() {
        let body = update_body(&SubscribedCalendarUpdate::default().description("d")).unwrap();
        assert_eq!(body, "{\"description\":\"d\"}");
        let body = update_body(
            &SubscribedCalendarUpdate::default()
                .managers(Vec::<String>::new())
                .subscribe_scope(scope()),
        )
        .unwrap();
        assert_eq!(
            body,
            "{\"managers\":[],\"subscribeScope\":{\"corpIds\":[\"ding-corp\"]}}"
        );
    }
}
