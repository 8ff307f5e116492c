//! DingTalk's endpoints as the mock serves them: which endpoint a raw path names (its ids
//! decoded once), the queued fault applied around it, the change made and journaled, and
//! DingTalk's answer. (Matched on the raw path, not by axum's router, which would decode the
//! ids before the mock could tell `a%2Fb` from `a/b`.)

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Extension, Request, State};
use axum::http::{Method, StatusCode};
use axum::response::Response;
use serde_json::Value;

use crate::fault_answers::{answered_status, fault_name, fault_response};
use crate::faults::{Effect, FaultAction};
use crate::journal::{JournalEntry, PathParams};
use crate::responses::{empty_response, error_response, json_response};
use crate::rules::ApiError;
use crate::state::{ConnectionKill, Inner, MockState, TOKEN_HEADER};

/// Which endpoint a path names, with its raw (still encoded) parameters.
pub(crate) enum Endpoint<'a> {
    Get(&'a str, &'a str),
    Delete(&'a str, &'a str),
    Unsubscribe(&'a str, &'a str),
    /// `POST …/users/{userId}/subscribedCalendars`: no calendar in the path.
    Create(&'a str),
    Update(&'a str, &'a str),
    Subscribe(&'a str, &'a str),
    /// `POST /v1.0/oauth2/accessToken`: app credentials for a token.
    AccessToken,
}

impl<'a> Endpoint<'a> {
    /// The raw `userId` and `calendarId` (none for create and the token request).
    fn raw_ids(&self) -> Option<(&'a str, Option<&'a str>)> {
        match *self {
            Endpoint::Get(u, c)
            | Endpoint::Delete(u, c)
            | Endpoint::Unsubscribe(u, c)
            | Endpoint::Update(u, c)
            | Endpoint::Subscribe(u, c) => Some((u, Some(c))),
            Endpoint::Create(u) => Some((u, None)),
            Endpoint::AccessToken => None,
        }
    }

    /// Whether the mock reads the request's body: create's, update's and the token request's.
    fn reads_body(&self) -> bool {
        matches!(
            self,
            Endpoint::Create(_) | Endpoint::Update(..) | Endpoint::AccessToken
        )
    }
}

pub(crate) fn route<'a>(method: &Method, raw_path: &'a str) -> Option<Endpoint<'a>> {
    let segments: Vec<&str> = raw_path.split('/').collect();
    match segments.as_slice() {
        ["", "v1.0", "calendar", "users", user, "subscribedCalendars"]
            if *method == Method::POST =>
        {
            Some(Endpoint::Create(user))
        }
        ["", "v1.0", "calendar", "users", user, "subscribedCalendars", cal] => match *method {
            Method::GET => Some(Endpoint::Get(user, cal)),
            Method::DELETE => Some(Endpoint::Delete(user, cal)),
            Method::PUT => Some(Endpoint::Update(user, cal)),
            _ => None,
        },
        ["", "v1.0", "calendar", "users", user, "calendars", cal, action]
            if *method == Method::POST =>
        {
            match *action {
                "unsubscribe" => Some(Endpoint::Unsubscribe(user, cal)),
                "subscribe" => Some(Endpoint::Subscribe(user, cal)),
                _ => None,
            }
        }
        ["", "v1.0", "oauth2", "accessToken"] if *method == Method::POST => {
            Some(Endpoint::AccessToken)
        }
        _ => None,
    }
}

/// The most of a request's body the mock reads: a token request is a few dozen bytes, a
/// calendar a few hundred.
pub(crate) const MAX_BODY: usize = 64 * 1024;

/// Percent-decodes one path segment, once: `a%2Fb` is the single id `a/b`.
pub fn decode_segment(raw: &str) -> Option<String> {
    percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()
        .map(|s| s.into_owned())
}

pub(crate) async fn dingtalk_api(
    State(state): State<Arc<MockState>>,
    Extension(kill): Extension<ConnectionKill>,
    req: Request,
) -> Response {
    // The work runs in a task of its own: a client that hangs up while a fault delays its answer
    // does not cancel it, so the change is made and journaled whatever the client does.
    match tokio::spawn(handle_api_request(state, req)).await {
        Ok(Handled::Answer(response)) => response,
        Ok(Handled::Drop) => {
            kill.0.notify_one();
            // Never answer: the connection task closes the socket first.
            std::future::pending::<Response>().await
        }
        Err(_) => error_response(
            500,
            "mock.failed",
            "the mock failed to handle this request",
            "",
        ),
    }
}

/// What the work of one API request comes to.
pub(crate) enum Handled {
    Answer(Response),
    /// Close the connection without an answer (the `drop` fault).
    Drop,
}

pub(crate) async fn handle_api_request(state: Arc<MockState>, req: Request) -> Handled {
    let method = req.method().clone();
    let raw_path = req.uri().path().to_owned();
    let request_id = state.ids.next();
    let token = req
        .headers()
        .get(TOKEN_HEADER)
        .map(|v| v.as_bytes().to_vec());
    let mut entry = JournalEntry {
        method: method.to_string(),
        path: raw_path.clone(),
        query: req.uri().query().map(str::to_owned),
        params: None,
        token_present: token.is_some(),
        headers: req
            .headers()
            .keys()
            .map(|k| k.as_str().to_owned())
            .collect(),
        status: None,
        fault: None,
        body: None,
        request_id: Some(request_id.clone()),
    };
    let endpoint = route(&method, &raw_path);
    let decoded = endpoint.as_ref().and_then(Endpoint::raw_ids).map(|(u, c)| {
        let user_id = decode_segment(u).ok_or(())?;
        let calendar_id = match c {
            Some(c) => Some(decode_segment(c).ok_or(())?),
            None => None,
        };
        Ok(PathParams {
            user_id,
            calendar_id,
        })
    });
    entry.params = decoded.clone().and_then(Result::ok);
    // The token request's body is never journaled (it holds the app secret); a calendar's is.
    // One too large or cut short reads as no body: DingTalk's invalidParameter.
    let reads_body = endpoint.as_ref().is_some_and(Endpoint::reads_body);
    let body = if reads_body {
        axum::body::to_bytes(req.into_body(), MAX_BODY)
            .await
            .unwrap_or_default()
    } else {
        Bytes::new()
    };
    if !matches!(endpoint, Some(Endpoint::AccessToken)) && reads_body {
        entry.body = serde_json::from_slice(&body).ok();
    }

    // The first queued fault that matches, one use spent. Patterns are matched outside the
    // state lock; if the fault was used up meanwhile, look again.
    let (fault, generation) = loop {
        let (queued, generation) = {
            let inner = state.lock();
            (inner.faults.snapshot(), inner.generation)
        };
        let Some(id) = queued
            .iter()
            .find(|(_, spec)| spec.matches(method.as_str(), &raw_path))
            .map(|(id, _)| *id)
        else {
            break (None, generation);
        };
        let mut inner = state.lock();
        if let Some(spec) = inner.faults.spend(id) {
            break (Some(spec), inner.generation);
        }
    };
    if let Some(fault) = fault.as_ref().filter(|f| f.effect == Effect::Before) {
        // The change first, journaled with the answer it will get; then the delay; then that
        // answer (the fault's own, if it has one). A client that gives up meanwhile has still
        // made the change: the case "never send a DELETE twice" exists for.
        let normal = apply(&state, endpoint, decoded, token.as_deref(), &body);
        let response = fault_response(fault, &request_id);
        entry.fault = Some(if response.is_some() {
            fault_name(fault)
        } else {
            "delay"
        });
        entry.status = match &response {
            Some(response) => answered_status(fault, response),
            None => Some(outcome_status(&normal)),
        };
        state.lock().journal.record(entry);
        tokio::time::sleep(Duration::from_millis(fault.delay_ms)).await;
        if fault.action == FaultAction::Drop {
            return Handled::Drop;
        }
        return Handled::Answer(response.unwrap_or_else(|| outcome_response(normal, &request_id)));
    }
    if let Some(fault) = &fault {
        if fault.delay_ms > 0 {
            tokio::time::sleep(Duration::from_millis(fault.delay_ms)).await;
            if state.lock().generation != generation {
                return Handled::Answer(error_response(
                    503,
                    "mock.reset",
                    "the mock was reset while this request waited",
                    &request_id,
                ));
            }
        }
        if let Some(response) = fault_response(fault, &request_id) {
            entry.fault = Some(fault_name(fault));
            entry.status = answered_status(fault, &response);
            state.lock().journal.record(entry);
            if fault.action == FaultAction::Drop {
                return Handled::Drop;
            }
            return Handled::Answer(response);
        }
        entry.fault = Some("delay");
    }

    let outcome = apply(&state, endpoint, decoded, token.as_deref(), &body);
    entry.status = Some(outcome_status(&outcome));
    state.lock().journal.record(entry);
    Handled::Answer(outcome_response(outcome, &request_id))
}

/// The status of what DingTalk would answer.
pub(crate) fn outcome_status(outcome: &Result<Value, ApiError>) -> u16 {
    match outcome {
        Ok(_) => 200,
        Err(e) => e.status,
    }
}

/// What DingTalk would do with the request: the state change and the answer's body.
pub(crate) fn apply(
    state: &MockState,
    endpoint: Option<Endpoint>,
    decoded: Option<Result<PathParams, ()>>,
    token: Option<&[u8]>,
    body: &[u8],
) -> Result<Value, ApiError> {
    let mut inner = state.lock();
    match (endpoint, decoded) {
        (Some(Endpoint::AccessToken), _) => {
            let serial = state.token_serial.fetch_add(1, Ordering::Relaxed);
            inner.issued.issue(&state.seed.apps, body, serial)
        }
        (None, _) | (_, None) => Err(ApiError::not_found()),
        (Some(_), Some(Err(()))) => Err(ApiError {
            status: 400,
            code: "invalidParameter",
            message: "path parameter is not valid percent-encoded UTF-8".into(),
        }),
        (Some(_), Some(Ok(_))) if !token.is_some_and(|t| accepts(&inner, t)) => {
            Err(ApiError::invalid_authentication())
        }
        (Some(ep), Some(Ok(p))) => {
            let user = p.user_id.as_str();
            let calendar = p.calendar_id.as_deref().unwrap_or_default();
            let store = &mut inner.store;
            match ep {
                Endpoint::Get(..) => store.get_subscribed_calendar(user, calendar),
                Endpoint::Delete(..) => store.delete_subscribed_calendar(user, calendar),
                Endpoint::Unsubscribe(..) => store.unsubscribe_calendar(user, calendar),
                Endpoint::Create(_) => store.create_subscribed_calendar(user, body),
                Endpoint::Update(..) => store.update_subscribed_calendar(user, calendar, body),
                Endpoint::Subscribe(..) => store.subscribe_calendar(user, calendar),
                Endpoint::AccessToken => Err(ApiError::not_found()),
            }
        }
    }
}

pub(crate) fn outcome_response(outcome: Result<Value, ApiError>, request_id: &str) -> Response {
    match outcome {
        // Subscribe's answer: 200 with no body at all.
        Ok(Value::Null) => empty_response(request_id),
        Ok(body) => json_response(StatusCode::OK, &body, request_id),
        Err(error) => error_response(error.status, error.code, &error.message, request_id),
    }
}

/// A token from the data file, or one handed out to an app that has not expired.
pub(crate) fn accepts(inner: &Inner, token: &[u8]) -> bool {
    std::str::from_utf8(token)
        .is_ok_and(|t| inner.store.accepts_token(t) || inner.issued.accepts(t))
}
