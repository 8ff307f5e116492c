//! DingTalk's error body (`{code, message, requestid}`) read from an answer, every field masked
//! with the token and cut to its bound, as every string from outside is.

use crate::answer::Body;
use crate::json_node::JsonNode;
use crate::redact::redacted_within;
use alloc::string::String;

/// The most of DingTalk's own message kept in an error message.
pub const MAX_SERVER_MESSAGE_CHARS: usize = 300;
/// The most of a code or a request id kept (DingTalk's are under 50 characters).
pub const MAX_CODE_CHARS: usize = 100;
/// DingTalk's error body fields, where the body is of that shape; empty strings count as absent.
pub(crate) struct ErrorBody {
    pub code: Option<String>,
    pub message: Option<String>,
    pub request_id: Option<String>,
}

impl ErrorBody {
    /// Whether the body is DingTalk's error format: a code and a message.
    pub fn is_dingtalk_error(&self) -> bool {
        self.code.is_some() && self.message.is_some()
    }
}

/// The body's error fields, each masked with `token` and then cut to its bound.
pub(crate) fn error_body<J: JsonNode>(body: &Body<J>, token: &str) -> ErrorBody {
    let field = |node: &J, key: &'static str, max_chars: usize| {
        node.member(key)
            .and_then(|v| v.as_string())
            .filter(|s| !s.is_empty())
            .map(|s| redacted_within(&s, token, max_chars))
    };
    match body {
        Body::Json(node) if node.is_object() => ErrorBody {
            code: field(node, "code", MAX_CODE_CHARS),
            message: field(node, "message", MAX_SERVER_MESSAGE_CHARS),
            request_id: field(node, "requestid", MAX_CODE_CHARS)
                .or_else(|| field(node, "requestId", MAX_CODE_CHARS)),
        },
        _ => ErrorBody {
            code: None,
            message: None,
            request_id: None,
        },
    }
}
