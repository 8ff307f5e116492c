//! The control API under `/__mock/` (reset, the journal, faults, the state), for tests; who may
//! call it is `cors.rs`'s concern.

use serde_json::{json, Value};

use crate::exchange::{MockAnswer, MockRequest};
use crate::faults::FaultSpec;
use crate::state::MockState;

/// Answers a request under `/__mock/`.
pub(crate) fn answer(state: &mut MockState, req: &MockRequest) -> MockAnswer {
    let method = req.method.as_str();
    match (req.path.as_str(), method) {
        ("/__mock/reset", "POST") => {
            state.reset();
            ok(&json!({ "reset": true }))
        }
        ("/__mock/requests", "GET") => MockAnswer::json(200, &state.journal.entries()),
        ("/__mock/requests", "DELETE") => {
            state.journal.clear();
            ok(&json!({ "cleared": true }))
        }
        ("/__mock/faults", "POST") => add_faults(state, &req.body),
        ("/__mock/faults", "GET") => MockAnswer::json(200, &state.faults.pending()),
        ("/__mock/faults", "DELETE") => {
            state.faults.clear();
            ok(&json!({ "cleared": true }))
        }
        ("/__mock/state", "GET") => MockAnswer::json(200, state.store.snapshot()),
        ("/__mock/reset" | "/__mock/requests" | "/__mock/faults" | "/__mock/state", _) => {
            MockAnswer::new(405, Vec::new())
        }
        _ => MockAnswer::json(
            404,
            &json!({ "error": "no such control route; see mock/README.md" }),
        ),
    }
}

fn ok(body: &Value) -> MockAnswer {
    MockAnswer::json(200, body)
}

/// Takes one fault object or an array of them; all are checked before any is queued.
fn add_faults(state: &mut MockState, body: &[u8]) -> MockAnswer {
    let specs: Vec<FaultSpec> = match serde_json::from_slice::<Value>(body) {
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
    let queued = specs.len();
    for spec in specs {
        state.faults.push(spec);
    }
    ok(&json!({ "queued": queued }))
}

fn bad_request(message: &str) -> MockAnswer {
    MockAnswer::json(400, &json!({ "error": message }))
}
