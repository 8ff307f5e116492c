//! The HTTP side: routing, request ids, faults, the control API, bounded request bodies,
//! and an accept loop that can drop a connection on purpose.

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Extension, Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use hyper_util::rt::{TokioIo, TokioTimer};
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tower::ServiceExt;

use crate::cors::cors;
use crate::data::SeedData;
use crate::faults::{Effect, FaultAction, FaultQueue, FaultSpec};
use crate::journal::{Journal, JournalEntry, PathParams};
use crate::oauth::IssuedTokens;
use crate::request_id::RequestIds;
use crate::rules::{ApiError, CalendarStore};

/// The header DingTalk reads the access token from.
pub const TOKEN_HEADER: &str = "x-acs-dingtalk-access-token";
/// The header DingTalk puts the request id in.
pub const REQUEST_ID_HEADER: &str = "x-acs-request-id";

/// Everything the handlers share.
pub struct MockState {
    seed: SeedData,
    inner: Mutex<Inner>,
    ids: RequestIds,
    /// Numbers the tokens handed out, never reset: a token from before a reset stays refused.
    token_serial: AtomicU64,
}

struct Inner {
    store: CalendarStore,
    faults: FaultQueue,
    journal: Journal,
    issued: IssuedTokens,
    /// Bumped by every reset: a request that was still waiting (a delay fault) when the mock
    /// was reset neither changes the new state nor shows in the new journal.
    generation: u64,
}

impl MockState {
    pub fn new(seed: SeedData) -> Arc<Self> {
        Arc::new(MockState {
            inner: Mutex::new(Inner {
                store: CalendarStore::new(seed.clone()),
                faults: FaultQueue::default(),
                journal: Journal::default(),
                issued: IssuedTokens::default(),
                generation: 0,
            }),
            seed,
            ids: RequestIds::new(),
            token_serial: AtomicU64::new(1),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A poisoned lock only means another handler panicked mid-way; the state is still usable.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Tells a connection's task to close the socket without answering (the `drop` fault).
#[derive(Clone)]
struct ConnectionKill(Arc<Notify>);

/// The router: the control API under `/__mock/`, everything else is DingTalk.
pub fn router(state: Arc<MockState>) -> Router {
    Router::new()
        .route("/__mock/reset", post(reset))
        .route("/__mock/requests", get(requests).delete(clear_requests))
        .route(
            "/__mock/faults",
            post(add_faults).get(list_faults).delete(clear_faults),
        )
        .route("/__mock/state", get(current_state))
        .route("/__mock/{*rest}", axum::routing::any(control_not_found))
        .fallback(dingtalk_api)
        .layer(middleware::from_fn(bounded_body))
        .layer(middleware::from_fn(cors))
        .with_state(state)
}

/// How long a connection may take to send a request's headers, and then its body.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// The most of a request's body the mock reads (a fault list is the largest, a few KB).
pub const MAX_REQUEST_BODY: usize = 1024 * 1024;

/// Reads every request's body before any handler runs, within [`HEADER_READ_TIMEOUT`] and
/// [`MAX_REQUEST_BODY`]: a client that sends half a body is answered 408 and its connection
/// closed, rather than held open for good.
async fn bounded_body(req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let read = tokio::time::timeout(
        HEADER_READ_TIMEOUT,
        axum::body::to_bytes(body, MAX_REQUEST_BODY),
    )
    .await;
    let (status, code, message) = match read {
        Ok(Ok(bytes)) => {
            return next
                .run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Ok(Err(_)) => (413, "mock.bodyTooLarge", "the request body is over 1 MiB"),
        Err(_) => (
            408,
            "mock.bodyTimeout",
            "the request body did not arrive in time",
        ),
    };
    let mut refused = error_response(status, code, message, "");
    refused
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    refused
}

/// Serves until `shutdown` completes. Each connection gets a kill switch for the `drop` fault.
pub async fn serve(
    listener: TcpListener,
    state: Arc<MockState>,
    shutdown: impl Future<Output = ()>,
) {
    let app = router(state);
    tokio::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // A failed accept (too many open files, say) must not end the server.
                Err(_) => { tokio::time::sleep(Duration::from_millis(10)).await; continue; }
            },
        };
        let app = app.clone();
        tokio::spawn(async move {
            let kill = Arc::new(Notify::new());
            let switch = ConnectionKill(kill.clone());
            let service =
                hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                    let mut req = req.map(Body::new);
                    req.extensions_mut().insert(switch.clone());
                    app.clone().oneshot(req)
                });
            // A client that sends half its headers is dropped after HEADER_READ_TIMEOUT rather
            // than holding its connection forever.
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_READ_TIMEOUT)
                .serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = connection => {}
                // Dropping the connection future closes the socket with nothing written.
                _ = kill.notified() => {}
            }
        });
    }
}

// ---- the DingTalk API -------------------------------------------------------------------

/// Which endpoint a path names, with its raw (still encoded) parameters.
enum Endpoint<'a> {
    Get(&'a str, &'a str),
    Delete(&'a str, &'a str),
    Unsubscribe(&'a str, &'a str),
    /// `POST /v1.0/oauth2/accessToken`: app credentials for a token.
    AccessToken,
}

fn route<'a>(method: &Method, raw_path: &'a str) -> Option<Endpoint<'a>> {
    let segments: Vec<&str> = raw_path.split('/').collect();
    match segments.as_slice() {
        ["", "v1.0", "calendar", "users", user, "subscribedCalendars", cal] => match *method {
            Method::GET => Some(Endpoint::Get(user, cal)),
            Method::DELETE => Some(Endpoint::Delete(user, cal)),
            _ => None,
        },
        ["", "v1.0", "calendar", "users", user, "calendars", cal, "unsubscribe"]
            if *method == Method::POST =>
        {
            Some(Endpoint::Unsubscribe(user, cal))
        }
        ["", "v1.0", "oauth2", "accessToken"] if *method == Method::POST => {
            Some(Endpoint::AccessToken)
        }
        _ => None,
    }
}

/// The most of a token request's body the mock reads; DingTalk's is a few dozen bytes.
const MAX_TOKEN_BODY: usize = 16 * 1024;

/// Percent-decodes one path segment, once: `a%2Fb` is the single id `a/b`.
pub fn decode_segment(raw: &str) -> Option<String> {
    percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()
        .map(|s| s.into_owned())
}

async fn dingtalk_api(
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
enum Handled {
    Answer(Response),
    /// Close the connection without an answer (the `drop` fault).
    Drop,
}

async fn handle_api_request(state: Arc<MockState>, req: Request) -> Handled {
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
        request_id: Some(request_id.clone()),
    };
    let endpoint = route(&method, &raw_path);
    let decoded = match &endpoint {
        Some(Endpoint::Get(u, c) | Endpoint::Delete(u, c) | Endpoint::Unsubscribe(u, c)) => {
            match (decode_segment(u), decode_segment(c)) {
                (Some(user_id), Some(calendar_id)) => Some(Ok(PathParams {
                    user_id,
                    calendar_id,
                })),
                _ => Some(Err(())),
            }
        }
        Some(Endpoint::AccessToken) | None => None,
    };
    entry.params = decoded.clone().and_then(Result::ok);
    // Only the token request has a body the mock reads; it is never journaled (it holds the
    // app secret). One too large or cut short reads as no body: DingTalk's invalidParameter.
    let body = match endpoint {
        Some(Endpoint::AccessToken) => axum::body::to_bytes(req.into_body(), MAX_TOKEN_BODY)
            .await
            .unwrap_or_default(),
        _ => Bytes::new(),
    };

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

/// The status the journal records for a fault's answer: none for a dropped connection.
fn answered_status(fault: &FaultSpec, response: &Response) -> Option<u16> {
    (fault.action != FaultAction::Drop).then(|| response.status().as_u16())
}

/// The status of what DingTalk would answer.
fn outcome_status(outcome: &Result<Value, ApiError>) -> u16 {
    match outcome {
        Ok(_) => 200,
        Err(e) => e.status,
    }
}

/// What DingTalk would do with the request: the state change and the answer's body.
fn apply(
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
        (Some(ep), Some(Ok(p))) => match ep {
            Endpoint::Get(..) => inner
                .store
                .get_subscribed_calendar(&p.user_id, &p.calendar_id),
            Endpoint::Delete(..) => inner
                .store
                .delete_subscribed_calendar(&p.user_id, &p.calendar_id),
            Endpoint::Unsubscribe(..) => {
                inner.store.unsubscribe_calendar(&p.user_id, &p.calendar_id)
            }
            Endpoint::AccessToken => Err(ApiError::not_found()),
        },
    }
}

fn outcome_response(outcome: Result<Value, ApiError>, request_id: &str) -> Response {
    match outcome {
        Ok(body) => json_response(StatusCode::OK, &body, request_id),
        Err(error) => error_response(error.status, error.code, &error.message, request_id),
    }
}

/// A token from the data file, or one handed out to an app that has not expired.
fn accepts(inner: &Inner, token: &[u8]) -> bool {
    std::str::from_utf8(token)
        .is_ok_and(|t| inner.store.accepts_token(t) || inner.issued.accepts(t))
}

fn fault_name(fault: &FaultSpec) -> &'static str {
    match fault.action {
        FaultAction::Respond => "respond",
        FaultAction::Truncate => "truncate",
        FaultAction::Drop => "drop",
        FaultAction::Redirect => "redirect",
    }
}

/// The answer a fault makes, or `None` for a delay-only fault (the normal answer follows).
fn fault_response(fault: &FaultSpec, request_id: &str) -> Option<Response> {
    let (status, body, content_type) = match fault.action {
        FaultAction::Respond => {
            let status = fault.status?;
            let (body, ct) = fault_body(fault, request_id);
            (status, body, ct)
        }
        FaultAction::Truncate => {
            let (body, ct) = fault_body(fault, request_id);
            (fault.status.unwrap_or(200), body, ct)
        }
        FaultAction::Drop => (200, Vec::new(), None),
        FaultAction::Redirect => (fault.status.unwrap_or(302), Vec::new(), None),
    };
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = if fault.action == FaultAction::Truncate {
        // Announce the whole body, send half of it, then fail the stream: hyper closes the
        // connection and the client sees a body that stops halfway.
        let full = body.len();
        let half = Bytes::from(body[..full / 2].to_vec());
        // The pause lets hyper flush the head and the first half before the stream fails.
        let rest = futures_util::stream::once(async {
            tokio::time::sleep(Duration::from_millis(50)).await;
            Err::<Bytes, _>(std::io::Error::other("truncated by the mock"))
        });
        let stream = futures_util::StreamExt::chain(futures_util::stream::iter([Ok(half)]), rest);
        let mut r = Response::new(Body::from_stream(stream));
        r.headers_mut()
            .insert(header::CONTENT_LENGTH, HeaderValue::from(full));
        r
    } else {
        Response::new(Body::from(body))
    };
    *response.status_mut() = status;
    let headers = response.headers_mut();
    set_request_id(headers, request_id);
    if let Some(ct) = content_type
        .as_deref()
        .and_then(|v| HeaderValue::from_str(v).ok())
    {
        headers.insert(header::CONTENT_TYPE, ct);
    }
    if let Some(v) = fault
        .retry_after
        .as_deref()
        .and_then(|v| HeaderValue::from_str(v).ok())
    {
        headers.insert(header::RETRY_AFTER, v);
    }
    if let Some(v) = fault
        .location
        .as_deref()
        .and_then(|v| HeaderValue::from_str(v).ok())
    {
        headers.insert(header::LOCATION, v);
    }
    for (name, value) in &fault.headers {
        if let (Ok(n), Ok(v)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            headers.insert(n, v);
        }
    }
    Some(response)
}

/// The body of a fault answer and its content type.
fn fault_body(fault: &FaultSpec, request_id: &str) -> (Vec<u8>, Option<String>) {
    let explicit = fault.content_type.clone();
    if let (Some(code), Some(message)) = (&fault.code, &fault.message) {
        let body = json!({ "code": code, "message": message, "requestid": request_id });
        return (
            body.to_string().into_bytes(),
            explicit.or(Some("application/json".into())),
        );
    }
    match &fault.body {
        Some(Value::String(text)) => (
            text.clone().into_bytes(),
            explicit.or(Some("text/html".into())),
        ),
        Some(value) => (
            value.to_string().into_bytes(),
            explicit.or(Some("application/json".into())),
        ),
        None => (Vec::new(), explicit),
    }
}

fn set_request_id(headers: &mut HeaderMap, request_id: &str) {
    if let Ok(v) = HeaderValue::from_str(request_id) {
        headers.insert(REQUEST_ID_HEADER, v);
    }
}

fn json_response(status: StatusCode, body: &Value, request_id: &str) -> Response {
    let mut response = (status, Json(body)).into_response();
    set_request_id(response.headers_mut(), request_id);
    response
}

/// DingTalk's error answer: exactly `{code, message, requestid}`, the id also in the header.
fn error_response(status: u16, code: &str, message: &str, request_id: &str) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST);
    json_response(
        status,
        &json!({ "code": code, "message": message, "requestid": request_id }),
        request_id,
    )
}

// ---- the control API --------------------------------------------------------------------

async fn reset(State(state): State<Arc<MockState>>) -> Response {
    let mut inner = state.lock();
    inner.store = CalendarStore::new(state.seed.clone());
    inner.faults.clear();
    inner.journal.clear();
    inner.issued.clear();
    inner.generation += 1;
    Json(json!({ "reset": true })).into_response()
}

async fn requests(State(state): State<Arc<MockState>>) -> Response {
    Json(state.lock().journal.entries()).into_response()
}

async fn clear_requests(State(state): State<Arc<MockState>>) -> Response {
    state.lock().journal.clear();
    Json(json!({ "cleared": true })).into_response()
}

/// Takes one fault object or an array of them; all are checked before any is queued.
async fn add_faults(State(state): State<Arc<MockState>>, body: Bytes) -> Response {
    let specs: Vec<FaultSpec> = match serde_json::from_slice::<Value>(&body) {
        Ok(Value::Array(items)) => match items.into_iter().map(serde_json::from_value).collect() {
            Ok(specs) => specs,
            Err(e) => return bad_request(&format!("malformed fault: {e}")),
        },
        Ok(item @ Value::Object(_)) => match serde_json::from_value(item) {
            Ok(spec) => vec![spec],
            Err(e) => return bad_request(&format!("malformed fault: {e}")),
        },
        Ok(_) => return bad_request("a fault request is a JSON object or an array of them"),
        Err(e) => return bad_request(&format!("the fault request is not JSON: {e}")),
    };
    for (index, spec) in specs.iter().enumerate() {
        if let Err(why) = spec.validate() {
            return bad_request(&format!("fault {index}: {why}"));
        }
    }
    let mut inner = state.lock();
    let queued = specs.len();
    for spec in specs {
        inner.faults.push(spec);
    }
    Json(json!({ "queued": queued })).into_response()
}

async fn list_faults(State(state): State<Arc<MockState>>) -> Response {
    Json(state.lock().faults.pending()).into_response()
}

async fn clear_faults(State(state): State<Arc<MockState>>) -> Response {
    state.lock().faults.clear();
    Json(json!({ "cleared": true })).into_response()
}

async fn current_state(State(state): State<Arc<MockState>>) -> Response {
    Json(state.lock().store.snapshot()).into_response()
}

async fn control_not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        Json(json!({ "error": "no such control route; see mock/README.md" })),
    )
        .into_response()
}

fn bad_request(message: &str) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({ "error": message }))).into_response()
}
