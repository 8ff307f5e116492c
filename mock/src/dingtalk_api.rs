//! DingTalk's endpoints as the mock serves them: which endpoint a raw path names (its ids
//! decoded once), the queued fault applied around it, the change made and journaled, and
//! DingTalk's answer. (Matched on the raw path, as it arrived, so that `a%2Fb` is told from
//! `a/b`.)

use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;

use crate::exchange::{MockAnswer, MockRequest, Reply, TOKEN_HEADER};
use crate::fault_answers::{fault_name, fault_reply};
use crate::faults::{Effect, FaultSpec};
use crate::journal::{JournalEntry, PathParams};
use crate::responses::{empty_response, error_response, json_response};
use crate::rules::ApiError;
use crate::state::MockState;

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

pub(crate) fn route<'a>(method: &str, raw_path: &'a str) -> Option<Endpoint<'a>> {
    let segments: Vec<&str> = raw_path.split('/').collect();
    match segments.as_slice() {
        ["", "v1.0", "calendar", "users", user, "subscribedCalendars"] if method == "POST" => {
            Some(Endpoint::Create(user))
        }
        ["", "v1.0", "calendar", "users", user, "subscribedCalendars", cal] => match method {
            "GET" => Some(Endpoint::Get(user, cal)),
            "DELETE" => Some(Endpoint::Delete(user, cal)),
            "PUT" => Some(Endpoint::Update(user, cal)),
            _ => None,
        },
        ["", "v1.0", "calendar", "users", user, "calendars", cal, action] if method == "POST" => {
            match *action {
                "unsubscribe" => Some(Endpoint::Unsubscribe(user, cal)),
                "subscribe" => Some(Endpoint::Subscribe(user, cal)),
                _ => None,
            }
        }
        ["", "v1.0", "oauth2", "accessToken"] if method == "POST" => Some(Endpoint::AccessToken),
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

/// What handling a request comes to: a reply now, or one after a wait (a delay fault).
pub enum Handled {
    /// Send this now.
    Now(Reply),
    /// Wait [`Pending::delay`], then finish it with `Mock::resume`.
    Later(Pending),
}

/// A request a delay fault holds back.
pub struct Pending {
    delay_ms: u64,
    work: Work,
}

impl Pending {
    /// How long to wait before resuming it.
    pub fn delay(&self) -> Duration {
        Duration::from_millis(self.delay_ms)
    }
}

enum Work {
    /// `effect: "before"`: the change is made and journaled; only the answer waits.
    Reply(Reply),
    /// The fault, the change and the journal entry all wait.
    Apply(Box<Deferred>),
}

/// A request with what is known of it before it is applied.
struct Deferred {
    req: MockRequest,
    entry: JournalEntry,
    fault: Option<Arc<FaultSpec>>,
    generation: u64,
    request_id: String,
}

/// Handles a request to one of DingTalk's paths (or any other path: DingTalk's 404).
pub(crate) fn handle(state: &mut MockState, req: MockRequest, now_ms: u64) -> Handled {
    let request_id = state.ids.next_id();
    let mut headers: Vec<String> = Vec::new();
    for (name, _) in &req.headers {
        if !headers.contains(name) {
            headers.push(name.clone());
        }
    }
    let endpoint = route(&req.method, &req.path);
    let reads_body = endpoint.as_ref().is_some_and(Endpoint::reads_body);
    let entry = JournalEntry {
        method: req.method.clone(),
        path: req.path.clone(),
        query: req.query.clone(),
        params: endpoint
            .as_ref()
            .and_then(decode_params)
            .and_then(Result::ok),
        token_present: req.header(TOKEN_HEADER).is_some(),
        headers,
        status: None,
        fault: None,
        // The token request's body is never journaled (it holds the app secret); a calendar's is.
        body: if reads_body && !matches!(endpoint, Some(Endpoint::AccessToken)) {
            serde_json::from_slice(body_read(&req, reads_body)).ok()
        } else {
            None
        },
        request_id: Some(request_id.clone()),
    };
    // The first queued fault that matches, one use spent.
    let fault = state
        .faults
        .snapshot()
        .into_iter()
        .find(|(_, spec)| spec.matches(&req.method, &req.path))
        .and_then(|(id, _)| state.faults.spend(id));
    if let Some(fault) = fault.as_ref().filter(|f| f.effect == Effect::Before) {
        // The change first, journaled with the answer it will get; then the delay; then that
        // answer (the fault's own, if it has one). A client that gives up meanwhile has still
        // made the change: the case "never send a DELETE twice" exists for.
        let normal = apply(state, &req, now_ms);
        let reply = fault_reply(fault, &request_id);
        let mut entry = entry;
        entry.fault = Some(if reply.is_some() {
            fault_name(fault)
        } else {
            "delay"
        });
        entry.status = match &reply {
            Some(reply) => answered_status(reply),
            None => Some(outcome_status(&normal)),
        };
        state.journal.record(entry);
        let reply = reply.unwrap_or_else(|| Reply::Answer(outcome_answer(normal, &request_id)));
        return match fault.delay_ms {
            0 => Handled::Now(reply),
            delay_ms => Handled::Later(Pending {
                delay_ms,
                work: Work::Reply(reply),
            }),
        };
    }
    let deferred = Deferred {
        req,
        entry,
        generation: state.generation,
        request_id,
        fault,
    };
    match deferred.fault.as_ref().map_or(0, |f| f.delay_ms) {
        0 => Handled::Now(finish(state, deferred, now_ms)),
        delay_ms => Handled::Later(Pending {
            delay_ms,
            work: Work::Apply(Box::new(deferred)),
        }),
    }
}

/// Finishes a request once its delay is over.
pub(crate) fn resume(state: &mut MockState, pending: Pending, now_ms: u64) -> Reply {
    match pending.work {
        Work::Reply(reply) => reply,
        Work::Apply(deferred) => finish(state, *deferred, now_ms),
    }
}

/// The fault's answer, or the change made and DingTalk's answer; journaled either way.
fn finish(state: &mut MockState, deferred: Deferred, now_ms: u64) -> Reply {
    let Deferred {
        req,
        mut entry,
        fault,
        generation,
        request_id,
    } = deferred;
    if state.generation != generation {
        return Reply::Answer(error_response(
            503,
            "mock.reset",
            "the mock was reset while this request waited",
            &request_id,
        ));
    }
    if let Some(fault) = &fault {
        if let Some(reply) = fault_reply(fault, &request_id) {
            entry.fault = Some(fault_name(fault));
            entry.status = answered_status(&reply);
            state.journal.record(entry);
            return reply;
        }
        entry.fault = Some("delay");
    }
    let outcome = apply(state, &req, now_ms);
    entry.status = Some(outcome_status(&outcome));
    state.journal.record(entry);
    Reply::Answer(outcome_answer(outcome, &request_id))
}

/// The status a reply answers with; none for a dropped connection.
fn answered_status(reply: &Reply) -> Option<u16> {
    match reply {
        Reply::Answer(answer) => Some(answer.status),
        Reply::Drop => None,
    }
}

/// The body the endpoint reads: none for those that read none, and one over [`MAX_BODY`]
/// reads as none (DingTalk's invalidParameter follows).
fn body_read(req: &MockRequest, reads_body: bool) -> &[u8] {
    if reads_body && req.body.len() <= MAX_BODY {
        &req.body
    } else {
        &[]
    }
}

/// The path's ids, percent-decoded once; `Err` when one is not UTF-8 once decoded.
fn decode_params(endpoint: &Endpoint) -> Option<Result<PathParams, ()>> {
    endpoint.raw_ids().map(|(u, c)| {
        let user_id = decode_segment(u).ok_or(())?;
        let calendar_id = match c {
            Some(c) => Some(decode_segment(c).ok_or(())?),
            None => None,
        };
        Ok(PathParams {
            user_id,
            calendar_id,
        })
    })
}

/// The status of what DingTalk would answer.
fn outcome_status(outcome: &Result<Value, ApiError>) -> u16 {
    match outcome {
        Ok(_) => 200,
        Err(e) => e.status,
    }
}

/// What DingTalk would do with the request: the state change and the answer's body.
fn apply(state: &mut MockState, req: &MockRequest, now_ms: u64) -> Result<Value, ApiError> {
    let endpoint = route(&req.method, &req.path);
    let reads_body = endpoint.as_ref().is_some_and(Endpoint::reads_body);
    let body = body_read(req, reads_body);
    let decoded = endpoint.as_ref().and_then(decode_params);
    let token = req.header(TOKEN_HEADER);
    match (endpoint, decoded) {
        (Some(Endpoint::AccessToken), _) => {
            let serial = state.token_serial;
            state.token_serial += 1;
            state.issued.issue(&state.seed.apps, body, serial, now_ms)
        }
        (None, _) | (_, None) => Err(ApiError::not_found()),
        (Some(_), Some(Err(()))) => Err(ApiError {
            status: 400,
            code: "invalidParameter",
            message: "path parameter is not valid percent-encoded UTF-8".into(),
        }),
        (Some(_), Some(Ok(_))) if !token.is_some_and(|t| state.accepts_token(t, now_ms)) => {
            Err(ApiError::invalid_authentication())
        }
        (Some(ep), Some(Ok(p))) => {
            let user = p.user_id.as_str();
            let calendar = p.calendar_id.as_deref().unwrap_or_default();
            let store = &mut state.store;
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

fn outcome_answer(outcome: Result<Value, ApiError>, request_id: &str) -> MockAnswer {
    match outcome {
        // Subscribe's answer: 200 with no body at all.
        Ok(Value::Null) => empty_response(request_id),
        Ok(body) => json_response(200, &body, request_id),
        Err(error) => error_response(error.status, error.code, &error.message, request_id),
    }
}
