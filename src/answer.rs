//! [`Answer`]: what a transport gives back for one request (status, the headers the core reads,
//! the body as far as it was read), before the core judges it.

use alloc::string::String;

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
    /// A body longer than [`MAX_BODY_BYTES`]: not read past that, its stream cancelled.
    TooLarge,
}

/// The most of a body a call reads. A calendar is a few kilobytes; a body that goes on past this
/// is no answer of DingTalk's, and reading it on would only fill the memory (a Worker has 128 MB).
pub const MAX_BODY_BYTES: usize = 1 << 20;

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
