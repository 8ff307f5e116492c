//! The mock with no HTTP server of its own: a request in, a reply out, over the state. Each
//! shell (the axum server in `server.rs`, the wasm build behind the npm package) reads the
//! request, waits where a fault says so, and writes the reply.

use crate::cors::{allow_dingtalk, dingtalk_preflight, guard_control, CONTROL_PREFIX};
use crate::data::SeedData;
use crate::dingtalk_api::{Handled, Pending};
use crate::exchange::{Ending, MockAnswer, MockRequest, Reply};
use crate::responses::error_response;
use crate::state::MockState;

/// DingTalk's subscribed-calendar API and the control API, over state seeded from `SeedData`.
pub struct Mock {
    state: MockState,
}

/// Why a shell could not read a request's body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyRefused {
    /// Over [`crate::MAX_REQUEST_BODY`].
    TooLarge,
    /// Not all there within [`crate::HEADER_READ_TIMEOUT`].
    TimedOut,
}

impl Mock {
    /// A mock serving `seed`; `id_seed` makes its request ids differ from another mock's (the
    /// server passes a random one).
    pub fn new(seed: SeedData, id_seed: u64) -> Self {
        Mock {
            state: MockState::new(seed, id_seed),
        }
    }

    /// Handles `req` at `now_ms` (milliseconds on any clock that does not go back; token
    /// lifetimes are counted on it).
    pub fn handle(&mut self, req: MockRequest, now_ms: u64) -> Handled {
        if req.path.starts_with(CONTROL_PREFIX) {
            let state = &mut self.state;
            let answer = guard_control(&req, |req| crate::control::answer(state, req));
            return Handled::Now(Reply::Answer(answer));
        }
        if req.method == "OPTIONS" {
            return Handled::Now(Reply::Answer(dingtalk_preflight()));
        }
        match crate::dingtalk_api::handle(&mut self.state, req, now_ms) {
            Handled::Now(reply) => Handled::Now(with_dingtalk_cors(reply)),
            later => later,
        }
    }

    /// Finishes a request [`Mock::handle`] held back, once its delay is over.
    pub fn resume(&mut self, pending: Pending, now_ms: u64) -> Reply {
        with_dingtalk_cors(crate::dingtalk_api::resume(
            &mut self.state,
            pending,
            now_ms,
        ))
    }

    /// The answer to a request whose body could not be read: 413 or 408, and the connection
    /// closed, rather than held open for good.
    pub fn refuse_body(&self, path: &str, why: BodyRefused) -> MockAnswer {
        let (status, code, message) = match why {
            BodyRefused::TooLarge => (413, "mock.bodyTooLarge", "the request body is over 1 MiB"),
            BodyRefused::TimedOut => (
                408,
                "mock.bodyTimeout",
                "the request body did not arrive in time",
            ),
        };
        let mut answer = error_response(status, code, message, "");
        answer.set_header("connection", "close");
        answer.ending = Ending::Close;
        if !path.starts_with(CONTROL_PREFIX) {
            allow_dingtalk(&mut answer);
        }
        answer
    }
}

fn with_dingtalk_cors(reply: Reply) -> Reply {
    match reply {
        Reply::Answer(mut answer) => {
            allow_dingtalk(&mut answer);
            Reply::Answer(answer)
        }
        Reply::Drop => Reply::Drop,
    }
}
