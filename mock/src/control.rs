//! The control API under `/__mock/` (reset, the journal, faults, the state), for tests; who may
//! call it is `cors.rs`'s concern.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::faults::FaultSpec;
use crate::rules::CalendarStore;
use crate::state::MockState;

pub(crate) async fn reset(State(state): State<Arc<MockState>>) -> Response {
    let mut inner = state.lock();
    inner.store = CalendarStore::new(state.seed.clone());
    inner.faults.clear();
    inner.journal.clear();
    inner.issued.clear();
    inner.generation += 1;
    Json(json!({ "reset": true })).into_response()
}

pub(crate) async fn requests(State(state): State<Arc<MockState>>) -> Response {
    Json(state.lock().journal.entries()).into_response()
}

pub(crate) async fn clear_requests(State(state): State<Arc<MockState>>) -> Response {
    state.lock().journal.clear();
    Json(json!({ "cleared": true })).into_response()
}

/// Takes one fault object or an array of them; all are checked before any is queued.
pub(crate) async fn add_faults(State(state): State<Arc<MockState>>, body: Bytes) -> Response {
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

pub(crate) async fn list_faults(State(state): State<Arc<MockState>>) -> Response {
    Json(state.lock().faults.pending()).into_response()
}

pub(crate) async fn clear_faults(State(state): State<Arc<MockState>>) -> Response {
    state.lock().faults.clear();
    Json(json!({ "cleared": true })).into_response()
}

pub(crate) async fn current_state(State(state): State<Arc<MockState>>) -> Response {
    Json(state.lock().store.snapshot()).into_response()
}

pub(crate) async fn control_not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        Json(json!({ "error": "no such control route; see mock/README.md" })),
    )
        .into_response()
}

fn bad_request(message: &str) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({ "error": message }))).into_response()
}
