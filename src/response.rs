//! Reading a 2xx answer: its body decoded into the model, reading only the documented fields.
//!
//! The body arrives already parsed, as whatever [`JsonNode`] the transport produces: in wasm the
//! runtime's own `JSON.parse` result read through js-sys (no JSON parser in the wasm), natively
//! a `serde_json::Value` (`json_value`). One decoder for both; the model's serde `Deserialize`
//! derive agrees with it (a test holds them to the same answers).

use crate::answer::{Answer, Body};
use crate::endpoint::Endpoint;
use crate::error::{Error, ErrorKind};
use crate::json_node::JsonNode;
use crate::model::{CreatedCalendar, ResultResponse, SubscribeScope, SubscribedCalendar};
use crate::text::{concat, decimal, truncate};
use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;

/// A type decoded from a success body.
pub trait FromJson: Sized {
    /// Decodes `node`; the error names the offending field.
    fn from_json<J: JsonNode>(node: &J) -> Result<Self, String>;

    /// What an empty 2xx body decodes to, where the answer has none (subscribe's).
    fn from_empty() -> Option<Self> {
        None
    }
}

/// `value` as a string, or what is wrong with it; `name` says where it is (`managers[1]`).
fn string_at<J: JsonNode>(value: &J, name: impl FnOnce() -> String) -> Result<String, String> {
    match value.as_string() {
        None => Err(concat(&["`", &name(), "` is not a string"])),
        // Another id than the one DingTalk sent must never come back in its place.
        Some(text) if text.chars().any(|c| c == '\u{FFFD}') && value.is_lossy_string() => {
            Err(concat(&[
                "`",
                &name(),
                "` is not valid Unicode (it has a lone surrogate)",
            ]))
        }
        Some(text) => Ok(text),
    }
}

fn optional_string<J: JsonNode>(node: &J, key: &'static str) -> Result<Option<String>, String> {
    match node.member(key) {
        None => Ok(None),
        Some(v) => string_at(&v, || key.to_owned()).map(Some),
    }
}

fn optional_strings<J: JsonNode>(
    node: &J,
    key: &'static str,
    path: &str,
) -> Result<Option<Vec<String>>, String> {
    let Some(value) = node.member(key) else {
        return Ok(None);
    };
    let len = value
        .array_len()
        .ok_or_else(|| concat(&["`", path, key, "` is not an array"]))?;
    let mut strings = Vec::with_capacity(len);
    for i in 0..len {
        let name = || concat(&[path, key, "[", &decimal(i as u64), "]"]);
        match value.element(i) {
            Some(item) => strings.push(string_at(&item, name)?),
            None => return Err(concat(&["`", &name(), "` is not a string"])),
        }
    }
    Ok(Some(strings))
}

impl FromJson for SubscribedCalendar {
    fn from_json<J: JsonNode>(node: &J) -> Result<Self, String> {
        if !node.is_object() {
            return Err("the body is not a JSON object".into());
        }
        let calendar_id = match node.member("calendarId") {
            None => return Err("`calendarId` is missing".into()),
            Some(v) => string_at(&v, || "calendarId".to_owned())?,
        };
        let subscribe_scope = match node.member("subscribeScope") {
            None => None,
            Some(scope) if scope.is_object() => Some(SubscribeScope {
                union_ids: optional_strings(&scope, "unionIds", "subscribeScope.")?,
                open_conversation_ids: optional_strings(
                    &scope,
                    "openConversationIds",
                    "subscribeScope.",
                )?,
                corp_ids: optional_strings(&scope, "corpIds", "subscribeScope.")?,
            }),
            Some(_) => return Err("`subscribeScope` is not an object".into()),
        };
        Ok(SubscribedCalendar {
            calendar_id,
            name: optional_string(node, "name")?,
            description: optional_string(node, "description")?,
            author: optional_string(node, "author")?,
            managers: optional_strings(node, "managers", "")?,
            subscribe_scope,
        })
    }
}

impl FromJson for ResultResponse {
    fn from_json<J: JsonNode>(node: &J) -> Result<Self, String> {
        if !node.is_object() {
            return Err("the body is not a JSON object".into());
        }
        match node.member("result") {
            None => Err("`result` is missing".into()),
            Some(v) => v
                .as_bool()
                .map(|result| ResultResponse { result })
                .ok_or_else(|| "`result` is not a boolean".into()),
        }
    }
}

impl FromJson for CreatedCalendar {
    fn from_json<J: JsonNode>(node: &J) -> Result<Self, String> {
        if !node.is_object() {
            return Err("the body is not a JSON object".into());
        }
        match node.member("calendarId") {
            None => Err("`calendarId` is missing".into()),
            Some(v) => string_at(&v, || "calendarId".to_owned())
                .map(|calendar_id| CreatedCalendar { calendar_id }),
        }
    }
}

/// Subscribe answers 200 with no body; whatever body comes with a 2xx is not read.
impl FromJson for () {
    fn from_json<J: JsonNode>(_: &J) -> Result<Self, String> {
        Ok(())
    }

    fn from_empty() -> Option<Self> {
        Some(())
    }
}

/// Decodes the body of a 2xx answer (`classify::check_status` has judged its status). Generic
/// over `T` only in the one match that needs it: the error is made once for every type.
pub fn decode_body<T: FromJson, J: JsonNode>(
    endpoint: Endpoint,
    answer: Answer<J>,
) -> Result<T, Error> {
    let problem = match &answer.body {
        Body::Json(node) => match T::from_json(node) {
            Ok(decoded) => return Ok(decoded),
            Err(problem) => problem,
        },
        Body::Empty => match T::from_empty() {
            Some(nothing) => return Ok(nothing),
            None => String::new(),
        },
        _ => String::new(),
    };
    Err(decode_error(endpoint, answer, problem))
}

/// The decode error for `answer`: `problem` (from the decoder), else what its body was.
fn decode_error<J>(endpoint: Endpoint, answer: Answer<J>, problem: String) -> Error {
    let problem = if !problem.is_empty() {
        problem
    } else {
        match &answer.body {
            Body::NotJson {
                content_type: Some(ct),
            } => concat(&["the body is not JSON (", &truncate(ct, 60), ")"]),
            Body::NotJson { content_type: None } => "the body is not JSON".to_owned(),
            Body::Empty => "the body is empty".to_owned(),
            Body::TooLarge => "the body is larger than 1 MiB, the most a call reads".to_owned(),
            Body::Json(_) => String::new(),
        }
    };
    let mut message = String::from(endpoint.operation());
    message.push_str(" failed: DingTalk answered HTTP ");
    message.push_str(&decimal(u64::from(answer.status)));
    message.push_str(" but ");
    message.push_str(&problem);
    Error::new(ErrorKind::Decode, message)
        .with_status(answer.status)
        .with_request_id(answer.request_id)
        .with_retryable(false)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use serde_json::{json, Value};

    const GET: Endpoint = Endpoint::GetSubscribedCalendar;
    const DELETE: Endpoint = Endpoint::DeleteSubscribedCalendar;

    pub(crate) fn answer(status: u16, body: Body<Value>) -> Answer<Value> {
        Answer {
            status,
            opaque_redirect: false,
            request_id: Some("HDR-ID".into()),
            retry_after: None,
            body,
        }
    }

    fn decode<T: FromJson>(endpoint: Endpoint, body: Value) -> Result<T, Error> {
        decode_body(endpoint, answer(200, Body::Json(body)))
    }

    #[test]
    fn decodes_the_documented_example() {
        let body = json!({
            "calendarId": "M5MjkxNDUxQHVzZXJzLmRpbmd0YWxrLmNv",
            "name": "Traditional Chinese Calendar",
            "description": "Traditional Chinese Calendar",
            "author": "iiiP35sJadba8aBSgjrwPRKgiEiF",
            "managers": ["iiiP35sJadba8aBSgjrwPRKgiEiF"],
            "subscribeScope": {
                "unionIds": ["iiiP35sJadba8aBSgjrwPRKgiEiF"],
                "openConversationIds": ["cidvrURjEqVe8xxxxxxx"],
                "corpIds": ["dingz0xc7v89789asasdf"]
            },
            "someFutureField": { "ignored": true }
        });
        let cal: SubscribedCalendar = decode(GET, body).unwrap();
        assert_eq!(cal.calendar_id, "M5MjkxNDUxQHVzZXJzLmRpbmd0YWxrLmNv");
        assert_eq!(
            cal.managers.as_deref(),
            Some(&["iiiP35sJadba8aBSgjrwPRKgiEiF".to_owned()][..])
        );
        let scope = cal.subscribe_scope.unwrap();
        assert_eq!(
            scope.corp_ids,
            Some(vec!["dingz0xc7v89789asasdf".to_owned()])
        );
    }

    #[test]
    fn absent_and_null_fields_stay_none_and_serialize_as_no_key() {
        let body = json!({ "calendarId": "c", "name": null, "subscribeScope": { "unionIds": [] } });
        let cal: SubscribedCalendar = decode(GET, body).unwrap();
        assert_eq!(
            cal,
            SubscribedCalendar {
                calendar_id: "c".into(),
                subscribe_scope: Some(SubscribeScope {
                    union_ids: Some(vec![]),
                    ..Default::default()
                }),
                ..Default::default()
            }
        );
        assert_eq!(
            serde_json::to_value(&cal).unwrap(),
            json!({ "calendarId": "c", "subscribeScope": { "unionIds": [] } })
        );
    }

    /// Bodies of the wrong shape, and what the decoder says about each.
    fn wrong_shapes() -> Vec<(Value, &'static str)> {
        vec![
            (json!([1, 2]), "not a JSON object"),
            (json!("text"), "not a JSON object"),
            (json!({}), "`calendarId` is missing"),
            (json!({ "calendarId": null }), "`calendarId` is missing"),
            (json!({ "calendarId": 7 }), "`calendarId` is not a string"),
            (
                json!({ "calendarId": "c", "name": false }),
                "`name` is not a string",
            ),
            (
                json!({ "calendarId": "c", "managers": "a" }),
                "`managers` is not an array",
            ),
            (
                json!({ "calendarId": "c", "managers": ["a", 1] }),
                "`managers[1]` is not a string",
            ),
            (
                json!({ "calendarId": "c", "subscribeScope": "x" }),
                "`subscribeScope` is not an object",
            ),
            (
                json!({ "calendarId": "c", "subscribeScope": { "corpIds": [null] } }),
                "`subscribeScope.corpIds[0]` is not a string",
            ),
        ]
    }

    #[test]
    fn bodies_of_the_wrong_shape_are_decode_errors_naming_the_field() {
        for (body, why) in wrong_shapes() {
            let err = decode::<SubscribedCalendar>(GET, body.clone()).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Decode, "{body}");
            assert_eq!(err.status(), Some(200));
            assert_eq!(err.request_id(), Some("HDR-ID"));
            assert!(!err.retryable());
            assert!(err.message().contains(why), "{body}: {}", err.message());
            assert!(
                err.message()
                    .starts_with("getSubscribedCalendar failed: DingTalk answered HTTP 200 but "),
                "{}",
                err.message()
            );
        }
        let not_json = Body::NotJson {
            content_type: Some("text/plain".into()),
        };
        let err = decode_body::<ResultResponse, Value>(DELETE, answer(200, not_json)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Decode);
        assert!(
            err.message().contains("not JSON (text/plain)"),
            "{}",
            err.message()
        );
        let err =
            decode_body::<ResultResponse, Value>(DELETE, answer(204, Body::Empty)).unwrap_err();
        assert!(err.message().contains("empty"), "{}", err.message());
        for (body, why) in [
            (json!({}), "`result` is missing"),
            (json!({ "result": "true" }), "not a boolean"),
        ] {
            let err = decode::<ResultResponse>(DELETE, body).unwrap_err();
            assert!(err.message().contains(why), "{}", err.message());
        }
    }

    #[test]
    fn result_bodies() {
        let ok: ResultResponse = decode(DELETE, json!({ "result": true })).unwrap();
        assert!(ok.result);
        let not: ResultResponse = decode(DELETE, json!({ "result": false })).unwrap();
        assert!(!not.result);
    }

    /// A Rust user who reads the same JSON with serde (the model's `Deserialize` derive) gets
    /// what this decoder gets: the same value, or an error for the same bodies. (serde alone
    /// also reads a struct from an array, by position; DingTalk never sends one, so bodies with
    /// arrays in place of objects are left out here.)
    #[test]
    fn the_serde_derive_and_the_decoder_agree() {
        let good = [
            json!({ "calendarId": "c" }),
            json!({ "calendarId": "c", "name": null, "managers": [], "x": 1 }),
            json!({ "calendarId": "c", "subscribeScope": {}, "author": "a", "description": "d" }),
            json!({ "calendarId": "c", "subscribeScope": { "unionIds": ["u"], "corpIds": null } }),
        ];
        for body in good {
            let ours = SubscribedCalendar::from_json(&body).expect("decodes");
            let serde: SubscribedCalendar = serde_json::from_value(body.clone()).expect("serde");
            assert_eq!(ours, serde, "{body}");
        }
        for (body, _) in wrong_shapes() {
            if body.is_array() {
                continue;
            }
            assert!(SubscribedCalendar::from_json(&body).is_err(), "{body}");
            assert!(
                serde_json::from_value::<SubscribedCalendar>(body.clone()).is_err(),
                "{body}"
            );
        }
        for body in [json!({ "result": true }), json!({ "result": false })] {
            let serde: ResultResponse = serde_json::from_value(body.clone()).unwrap();
            assert_eq!(ResultResponse::from_json(&body).unwrap(), serde);
        }
        for body in [
            json!({}),
            json!({ "result": "true" }),
            json!({ "result": null }),
        ] {
            assert!(ResultResponse::from_json(&body).is_err());
            assert!(serde_json::from_value::<ResultResponse>(body).is_err());
        }
    }
}
