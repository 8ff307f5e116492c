//! Reading a 2xx answer: its body decoded into the model through the model's serde derives.
//!
//! The body arrives already parsed, as whatever [`JsonValue`] the transport produces: in wasm
//! the runtime's own `JSON.parse` result (no JSON parser in the wasm), natively a
//! `serde_json::Value` in the tests. Either way the same `Deserialize` derives do the decoding.

use serde::de::DeserializeOwned;

use crate::endpoint::Endpoint;
use crate::error::{Error, ErrorKind};
use crate::text::{decimal, truncate};

/// A parsed JSON value that serde can read.
pub trait JsonValue {
    /// Decodes the value into `T`; the error says what is wrong, naming the field where it can.
    fn decode<T: DeserializeOwned>(&self) -> Result<T, String>;
}

/// The body of an answer, as far as the transport could read it.
#[derive(Debug)]
pub enum Body<J> {
    /// The body parsed as JSON.
    Json(J),
    /// A body that is not JSON (an HTML error page, say); its content type, if any.
    NotJson {
        /// The `Content-Type` header.
        content_type: Option<String>,
    },
    /// No body at all.
    Empty,
}

/// What came back for one request.
#[derive(Debug)]
pub struct Answer<J> {
    /// The HTTP status (0 for a browser's opaque redirect).
    pub status: u16,
    /// Whether the runtime reported an opaque redirect (`redirect: "manual"` in a browser).
    pub opaque_redirect: bool,
    /// The `x-acs-request-id` header, where the runtime lets us read it.
    pub request_id: Option<String>,
    /// The `Retry-After` header.
    pub retry_after: Option<String>,
    /// The body.
    pub body: Body<J>,
}

/// Decodes the body of a 2xx answer (see [`crate::classify::check_status`]).
pub fn decode_body<T: DeserializeOwned, J: JsonValue>(
    endpoint: Endpoint,
    answer: Answer<J>,
) -> Result<T, Error> {
    let problem = match &answer.body {
        Body::Json(value) => match value.decode::<T>() {
            Ok(decoded) => return Ok(decoded),
            Err(problem) => problem,
        },
        Body::NotJson {
            content_type: Some(ct),
        } => {
            let mut p = String::from("the body is not JSON (");
            p.push_str(&truncate(ct, 60));
            p.push(')');
            p
        }
        Body::NotJson { content_type: None } => "the body is not JSON".to_owned(),
        Body::Empty => "the body is empty".to_owned(),
    };
    let mut message = String::from(endpoint.operation());
    message.push_str(" failed: DingTalk answered HTTP ");
    message.push_str(&decimal(u64::from(answer.status)));
    message.push_str(" but ");
    message.push_str(&truncate(&problem, 200));
    Err(Error::new(ErrorKind::Decode, message)
        .with_status(answer.status)
        .with_request_id(answer.request_id)
        .with_retryable(false))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{ResultResponse, SubscribeScope, SubscribedCalendar};
    use serde_json::{json, Value};

    impl JsonValue for Value {
        fn decode<T: DeserializeOwned>(&self) -> Result<T, String> {
            T::deserialize(self).map_err(|e| e.to_string())
        }
    }

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

    fn decode<T: DeserializeOwned>(endpoint: Endpoint, body: Body<Value>) -> Result<T, Error> {
        decode_body(endpoint, answer(200, body))
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
        let cal: SubscribedCalendar = decode(GET, Body::Json(body)).unwrap();
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
        let cal: SubscribedCalendar = decode(GET, Body::Json(body)).unwrap();
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

    #[test]
    fn bodies_of_the_wrong_shape_are_decode_errors_naming_the_field() {
        let cases = [
            (json!("text"), "expected struct SubscribedCalendar"),
            (json!({}), "missing field `calendarId`"),
            (json!({ "calendarId": 7 }), "expected a string"),
            (json!({ "calendarId": "c", "name": false }), "expected a string"),
            (json!({ "calendarId": "c", "managers": "a" }), "expected a sequence"),
            (json!({ "calendarId": "c", "managers": ["a", 1] }), "expected a string"),
            (
                json!({ "calendarId": "c", "subscribeScope": "x" }),
                "expected struct SubscribeScope",
            ),
            (
                json!({ "calendarId": "c", "subscribeScope": { "corpIds": [null] } }),
                "expected a string",
            ),
        ];
        for (body, why) in cases {
            let err = decode::<SubscribedCalendar>(GET, Body::Json(body.clone())).unwrap_err();
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
        let err = decode::<ResultResponse>(
            DELETE,
            Body::NotJson {
                content_type: Some("text/plain".into()),
            },
        )
        .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Decode);
        assert!(
            err.message().contains("not JSON (text/plain)"),
            "{}",
            err.message()
        );
        let err = decode_body::<ResultResponse, Value>(DELETE, answer(204, Body::Empty))
            .unwrap_err();
        assert!(err.message().contains("empty"), "{}", err.message());
        for (body, why) in [
            (json!({}), "missing field `result`"),
            (json!({ "result": "true" }), "expected a boolean"),
        ] {
            let err = decode::<ResultResponse>(DELETE, Body::Json(body)).unwrap_err();
            assert!(err.message().contains(why), "{}", err.message());
        }
    }

    #[test]
    fn result_bodies() {
        let ok: ResultResponse = decode(DELETE, Body::Json(json!({ "result": true }))).unwrap();
        assert!(ok.result);
        let not: ResultResponse = decode(DELETE, Body::Json(json!({ "result": false }))).unwrap();
        assert!(!not.result);
    }
}
