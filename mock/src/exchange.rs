//! The request the mock's rules read and the answer they give, as plain values: each shell
//! (the axum server, the wasm build behind the npm package) turns its own HTTP types into a
//! [`MockRequest`] and a [`Reply`] back into bytes on a socket or a `Response`.

use std::time::Duration;

/// The header DingTalk reads the access token from.
pub const TOKEN_HEADER: &str = "x-acs-dingtalk-access-token";
/// The header DingTalk puts the request id in.
pub const REQUEST_ID_HEADER: &str = "x-acs-request-id";

/// How long a client may take to send a request's headers, and then its body.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// The most of a request's body a shell reads (a fault list is the largest, a few KB).
pub const MAX_REQUEST_BODY: usize = 1024 * 1024;

/// One request as it arrived: the raw path (still percent-encoded), header names lower-case in
/// the order received, and the body as read (a shell reads at most [`MAX_REQUEST_BODY`]).
#[derive(Debug, Clone, Default)]
pub struct MockRequest {
    /// The HTTP method, e.g. `GET`.
    pub method: String,
    /// The path exactly as it arrived, still percent-encoded.
    pub path: String,
    /// The query string without its `?`, if any.
    pub query: Option<String>,
    /// Every header as received: lower-case name and raw value.
    pub headers: Vec<(String, Vec<u8>)>,
    /// The body.
    pub body: Vec<u8>,
}

impl MockRequest {
    /// The first value of header `name` (lower-case).
    pub fn header(&self, name: &str) -> Option<&[u8]> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_slice())
    }

    /// The first value of header `name` as text, if it is visible ASCII.
    pub fn header_str(&self, name: &str) -> Option<&str> {
        self.header(name).and_then(|v| std::str::from_utf8(v).ok())
    }
}

/// An answer: status, headers in order, body, and how the body ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockAnswer {
    /// The HTTP status.
    pub status: u16,
    /// Headers in the order they are to be sent, lower-case names.
    pub headers: Vec<(String, String)>,
    /// The whole body (a truncated answer announces all of it and sends half).
    pub body: Vec<u8>,
    /// How the body is sent.
    pub ending: Ending,
}

/// How an answer's body is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// All of it, the connection kept.
    Whole,
    /// All of it, then the connection closed (`Connection: close` is among the headers).
    Close,
    /// `Content-Length` of all of it, the first half sent, then the connection broken: the
    /// `truncate` fault.
    Truncated,
}

impl MockAnswer {
    /// An answer of `status` with `body` sent whole.
    pub fn new(status: u16, body: Vec<u8>) -> Self {
        MockAnswer {
            status,
            headers: Vec::new(),
            body,
            ending: Ending::Whole,
        }
    }

    /// `body` as JSON (`Content-Type: application/json`).
    pub fn json(status: u16, body: &impl serde::Serialize) -> Self {
        // The mock's own types and `Value`s always serialise; a failure would be a mock bug,
        // answered as one rather than a panic.
        let (status, bytes) = match serde_json::to_vec(body) {
            Ok(bytes) => (status, bytes),
            Err(_) => (
                500,
                br#"{"error":"the mock could not serialise its answer"}"#.to_vec(),
            ),
        };
        let mut answer = Self::new(status, bytes);
        answer.set_header("content-type", "application/json");
        answer
    }

    /// Sets header `name` (lower-case), replacing any value it had.
    pub fn set_header(&mut self, name: &str, value: &str) {
        match self.headers.iter_mut().find(|(n, _)| n == name) {
            Some((_, v)) => *v = value.to_owned(),
            None => self.headers.push((name.to_owned(), value.to_owned())),
        }
    }

    /// The value of header `name` (lower-case), if set.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What the connection does at the end: answer, or close with no answer (the `drop` fault).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// Send this answer.
    Answer(MockAnswer),
    /// Close the connection without a byte written.
    Drop,
}
