//! Property tests of the pure core (proptest): for any input, the answers the core gives stay
//! inside what the design promises.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use proptest::prelude::*;
use serde_json::Value;

use crate::answer::{Answer, Body};
use crate::base_url::BaseUrl;
use crate::classify::{check_status, Received};
use crate::endpoint::Endpoint;
use crate::error::{Error, ErrorKind};
use crate::model::{ResultResponse, SubscribedCalendar};
use crate::redact::{redacted_within, MASK, MIN_PIECE};
use crate::response::decode_body;
use crate::retry::{RetryPolicy, MAX_DELAY_LIMIT_MS, MAX_RETRIES_LIMIT, RATE_LIMIT_FLOOR_MS};

const ENDPOINTS: [Endpoint; 3] = [
    Endpoint::GetSubscribedCalendar,
    Endpoint::DeleteSubscribedCalendar,
    Endpoint::UnsubscribeCalendar,
];

fn percent_decode(segment: &str) -> Option<String> {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = segment.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Every field of an error that reaches a caller.
fn fields(error: &Error) -> Vec<String> {
    [Some(error.message()), error.code(), error.request_id()]
        .into_iter()
        .flatten()
        .map(str::to_owned)
        .collect()
}

/// Whether `text` holds a piece of `secret` of `MIN_PIECE` or more characters.
fn leaks(text: &str, secret: &str) -> bool {
    // The mask is not the secret, though a short secret ("t") may occur in it: each mask, and
    // the start of one that a cut ended ("[redact…"), becomes a character no secret holds.
    let mut text = text.replace(MASK, "\u{1}");
    if let Some(head) = text.strip_suffix('…') {
        if let Some(k) = (1..MASK.len()).rev().find(|&k| head.ends_with(&MASK[..k])) {
            text = format!("{}\u{1}", &head[..head.len() - k]);
        }
    }
    let n = MIN_PIECE.min(secret.len());
    (0..=secret.len().saturating_sub(n))
        .any(|i| secret.get(i..i + n).is_some_and(|p| text.contains(p)))
}

fn body_of(bytes: &[u8]) -> Body<Value> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Body::Empty;
    }
    match serde_json::from_slice(bytes) {
        Ok(value) => Body::Json(value),
        Err(_) => Body::NotJson {
            content_type: Some("text/plain".into()),
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_ids_are_refused_or_travel_as_exactly_one_segment_each(
        user in any::<String>(),
        calendar in any::<String>(),
        pick in 0usize..3,
    ) {
        let endpoint = ENDPOINTS[pick];
        let template = endpoint.path("u", "c").expect("plain ids");
        match endpoint.path(&user, &calendar) {
            Err(error) => prop_assert_eq!(error.kind(), ErrorKind::InvalidArgument),
            Ok(path) => {
                let segments: Vec<&str> = path.split('/').collect();
                let expected: Vec<&str> = template.split('/').collect();
                prop_assert_eq!(segments.len(), expected.len());
                let decoded: Vec<String> = segments.iter().map(|s| percent_decode(s).expect("percent-encoded UTF-8")).collect();
                let u = expected.iter().position(|s| *s == "u").expect("user slot");
                let c = expected.iter().position(|s| *s == "c").expect("calendar slot");
                prop_assert_eq!(&decoded[u], &user);
                prop_assert_eq!(&decoded[c], &calendar);
                for (i, segment) in expected.iter().enumerate() {
                    if i != u && i != c {
                        prop_assert_eq!(segments[i], *segment);
                    }
                }
                let url = BaseUrl::default().join(&path);
                prop_assert!(!url.contains(['?', '#']) && !url.contains("/../") && !url.contains("/./"));
            }
        }
    }

    #[test]
    fn any_answer_is_classified_and_decoded_without_panicking(
        status in 0u16..1000,
        request_id in proptest::option::of(any::<String>()),
        retry_after in proptest::option::of(any::<String>()),
        body in proptest::collection::vec(any::<u8>(), 0..200),
        json in proptest::option::of(r#"\{("(code|message|requestid|calendarId|result|managers)": ?("[a-z]{0,8}"|true|1|null|\[\]), ?){0,4}"x": 0\}"#),
        opaque in any::<bool>(),
        now_ms in any::<u64>(),
    ) {
        let body = match &json {
            Some(text) => body_of(text.as_bytes()),
            None => body_of(&body),
        };
        let answer = Answer { status, opaque_redirect: opaque, request_id, retry_after, body };
        let received = Received { token: "tok-0123456789", now_ms };
        let endpoint = Endpoint::GetSubscribedCalendar;
        if let Ok(ok) = check_status(endpoint, answer, received) {
            prop_assert!((200..300).contains(&ok.status) && !ok.opaque_redirect);
            let _ = decode_body::<SubscribedCalendar, _>(endpoint, ok);
        }
    }

    #[test]
    fn no_error_field_holds_a_piece_of_the_token(
        token in "[!-~]{16,64}",
        before in any::<String>(),
        after in any::<String>(),
        from in 0usize..64,
        cut in 0usize..64,
        status in prop_oneof![Just(200u16), Just(400), Just(401), Just(429), Just(500), Just(302)],
        where_ in 0usize..5,
    ) {
        // The server echoes the token, or a piece of it, into one of its strings.
        let from = from.min(token.len());
        let to = (from + cut.max(1)).min(token.len()).max(from);
        let echoed = format!("{before}{}{after}", &token[from..to]);
        let long = format!("{}{echoed}", "m".repeat(280));
        let mut body = serde_json::json!({ "code": "InvalidAuthentication", "message": "x", "requestid": "r" });
        let mut request_id = None;
        let mut content_type = None;
        match where_ {
            0 => body["message"] = Value::from(long),
            1 => body["code"] = Value::from(echoed.clone()),
            2 => body["requestid"] = Value::from(echoed.clone()),
            3 => request_id = Some(echoed.clone()),
            _ => content_type = Some(echoed.clone()),
        }
        let body = if where_ == 4 { Body::NotJson { content_type } } else { Body::Json(body) };
        let answer = Answer { status, opaque_redirect: false, request_id, retry_after: None, body };
        let received = Received { token: &token, now_ms: 0 };
        let endpoint = Endpoint::DeleteSubscribedCalendar;
        let error = match check_status(endpoint, answer, received) {
            Ok(ok) => decode_body::<ResultResponse, _>(endpoint, ok).err(),
            Err(error) => Some(error),
        };
        if let Some(error) = error {
            let error = error.redact(&token);
            for field in fields(&error) {
                prop_assert!(!leaks(&field, &token), "{:?} holds a piece of {:?}", field, token);
            }
        }
    }

    #[test]
    fn any_outside_string_comes_out_masked_bounded_and_read_only_in_its_window(
        secret in "[!-~]{1,64}",
        before in any::<String>(),
        after in any::<String>(),
        from in 0usize..64,
        len in 0usize..64,
        repeat in 0usize..3_000,
        max_chars in 1usize..400,
    ) {
        let from = from.min(secret.len());
        let to = (from + len).min(secret.len());
        // Strings of any length: a piece of the secret anywhere, long runs around it.
        let text = format!("{}{before}{}{after}{}", "m".repeat(repeat), &secret[from..to], "z".repeat(repeat));
        let out = redacted_within(&text, &secret, max_chars);
        prop_assert!(!leaks(&out, &secret), "{:?} holds a piece of {:?}", out, secret);
        prop_assert!(out.chars().count() <= max_chars + 1, "{} chars", out.chars().count());
        // What lies past the window is never read: the same answer without it.
        let window: String = text.chars().take(max_chars + secret.len()).collect();
        prop_assert_eq!(redacted_within(&window, &secret, max_chars), out);
    }

    #[test]
    fn the_backoff_stays_within_its_bounds(
        max_retries in 0..=MAX_RETRIES_LIMIT,
        base_delay_ms in 0u32..=10_000,
        max_delay_ms in 0u32..=MAX_DELAY_LIMIT_MS,
        retries_done in 0u32..=12,
        random in any::<f64>(),
        qps in any::<bool>(),
        pick in 0usize..3,
        retry_after_ms in proptest::option::of(0u64..2_000_000),
    ) {
        let policy = RetryPolicy { max_retries, base_delay_ms: base_delay_ms.min(max_delay_ms), max_delay_ms };
        prop_assume!(policy.validate().is_ok());
        let code = if qps { "Forbidden.AccessDenied.QpsOverLimit" } else { "system.busy" };
        let error = Error::new(ErrorKind::Throttled, "x")
            .with_status(if qps { 403 } else { 429 })
            .with_code(Some(code.into()))
            .with_retry_after_ms(retry_after_ms);
        match policy.delay_before_retry(retries_done, ENDPOINTS[pick], &error, random) {
            None => prop_assert!(retries_done >= max_retries || retry_after_ms.is_some_and(|ms| ms > u64::from(max_delay_ms))),
            Some(ms) => {
                prop_assert!(retries_done < max_retries);
                prop_assert!(ms <= u64::from(max_delay_ms), "{} > max {}", ms, max_delay_ms);
                if let Some(asked) = retry_after_ms {
                    prop_assert!(ms >= asked);
                } else if qps {
                    prop_assert!(ms >= RATE_LIMIT_FLOOR_MS.min(u64::from(max_delay_ms)));
                }
            }
        }
    }
}
