//! The request journal behind `GET /__mock/requests`: what arrived, never a token's value.

use serde::Serialize;

/// One request as the mock received it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JournalEntry {
    /// HTTP method.
    pub method: String,
    /// The path exactly as it arrived, still percent-encoded.
    pub path: String,
    /// The query string, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// The path parameters of a DingTalk endpoint, percent-decoded once.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub params: Option<PathParams>,
    /// Whether `x-acs-dingtalk-access-token` was present (its value is never kept).
    pub token_present: bool,
    /// Every header name received, lower-case, in the order received.
    pub headers: Vec<String>,
    /// The status answered, or none when the connection was dropped.
    pub status: Option<u16>,
    /// The fault applied, if any (`respond`, `truncate`, `drop`, `redirect`, or `delay`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fault: Option<&'static str>,
    /// The JSON body of a create or update, as it arrived (it holds no secret; a token
    /// request's body, which holds the app secret, is never kept).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<serde_json::Value>,
    /// The request id answered in `x-acs-request-id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// `userId` and `calendarId` as the mock decoded them.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct PathParams {
    pub user_id: String,
    /// Absent for create, whose path names only the author.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calendar_id: Option<String>,
}

/// The most entries kept; older ones are dropped first so a long benchmark cannot exhaust memory.
pub const JOURNAL_CAPACITY: usize = 10_000;

/// The journal itself.
#[derive(Debug, Default)]
pub struct Journal {
    entries: std::collections::VecDeque<JournalEntry>,
}

impl Journal {
    pub fn record(&mut self, entry: JournalEntry) {
        if self.entries.len() == JOURNAL_CAPACITY {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }

    pub fn entries(&self) -> Vec<JournalEntry> {
        self.entries.iter().cloned().collect()
    }
}
