//! Faults queued through `POST /__mock/faults`: what the next matching requests get instead of
//! (or on top of) the normal answer.

use std::collections::{BTreeMap, VecDeque};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One fault rule as posted: which requests it matches, how many times, and what it does.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FaultSpec {
    /// HTTP method to match (any when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// Pattern over the raw path; `*` matches any run of characters but `/` (any path when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// How many matching requests it applies to.
    #[serde(default = "one")]
    pub times: u32,
    /// What happens: `respond` (default), `truncate`, `drop` or `redirect`.
    #[serde(default)]
    pub action: FaultAction,
    /// Status of the answer (`respond`: without it the normal answer follows the delay;
    /// `truncate`: default 200; `redirect`: default 302).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// With `message`, makes DingTalk's error body `{code, message, requestid}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// A body sent as it is: a JSON value is sent as JSON, a string as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
    /// `Content-Type` of the body (default: `application/json` for JSON, `text/html` for text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// `Retry-After` header value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<String>,
    /// More headers on the answer.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, String>,
    /// Wait this long before answering (or before dropping the connection).
    #[serde(default)]
    pub delay_ms: u64,
    /// When the change is made: `after` the delay (the default), or `before` it, so the
    /// request takes effect and its answer comes late.
    #[serde(default, skip_serializing_if = "Effect::is_after")]
    pub effect: Effect,
    /// Where a `redirect` points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
}

/// When a delayed request takes effect.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Effect {
    /// The delay, then the request is handled: a reset meanwhile cancels it.
    #[default]
    After,
    /// The request is handled, then the delay, then the answer.
    Before,
}

impl Effect {
    fn is_after(&self) -> bool {
        *self == Effect::After
    }
}

/// What a fault does to the request it matches.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum FaultAction {
    /// Answer with the given status and body (or, with no status, answer normally after the delay).
    #[default]
    Respond,
    /// Send the headers and half the body, then close the connection.
    Truncate,
    /// Close the connection without answering.
    Drop,
    /// Answer 3xx with `Location`.
    Redirect,
}

fn one() -> u32 {
    1
}

/// The longest delay a fault may ask for; longer ones are refused as a likely mistake.
pub const MAX_DELAY_MS: u64 = 120_000;

impl FaultSpec {
    /// Checks a posted fault; the message says what is wrong.
    pub fn validate(&self) -> Result<(), String> {
        if self.times == 0 {
            return Err("`times` must be at least 1".into());
        }
        if self.delay_ms > MAX_DELAY_MS {
            return Err(format!("`delayMs` must be at most {MAX_DELAY_MS}"));
        }
        if let Some(status) = self.status {
            if !(200..=599).contains(&status) {
                return Err("`status` must be between 200 and 599".into());
            }
        }
        if self.code.is_some() != self.message.is_some() {
            return Err("`code` and `message` go together".into());
        }
        if self.code.is_some() && self.body.is_some() {
            return Err("give either `code` and `message`, or `body`, not both".into());
        }
        if let Some(method) = &self.method {
            if method.is_empty() || !method.bytes().all(|b| b.is_ascii_alphabetic()) {
                return Err("`method` must be an HTTP method such as GET".into());
            }
        }
        if let Some(path) = &self.path {
            if !path.starts_with('/') {
                return Err("`path` must start with `/`".into());
            }
            if path.len() > MAX_PATTERN_BYTES {
                return Err(format!("`path` must be at most {MAX_PATTERN_BYTES} bytes"));
            }
        }
        let header_ok = |name: &str, value: &str| {
            http::HeaderName::from_bytes(name.as_bytes()).is_ok()
                && http::HeaderValue::from_str(value).is_ok()
        };
        if let Some(value) = &self.retry_after {
            if !header_ok("retry-after", value) {
                return Err("`retryAfter` is not a valid header value".into());
            }
        }
        if let Some(value) = &self.content_type {
            if !header_ok("content-type", value) {
                return Err("`contentType` is not a valid header value".into());
            }
        }
        if self.headers.iter().any(|(n, v)| !header_ok(n, v)) {
            return Err("`headers` holds an invalid header name or value".into());
        }
        match self.action {
            FaultAction::Redirect => {
                let location = self.location.as_deref().unwrap_or("");
                if !header_ok("location", location) || location.is_empty() {
                    return Err("a `redirect` needs a `location`".into());
                }
                if let Some(status) = self.status {
                    if !(300..=399).contains(&status) {
                        return Err("a `redirect` takes a 3xx `status`".into());
                    }
                }
            }
            FaultAction::Truncate | FaultAction::Drop | FaultAction::Respond => {
                if self.location.is_some() {
                    return Err("`location` goes with `action: \"redirect\"` only".into());
                }
            }
        }
        Ok(())
    }

    pub fn matches(&self, method: &str, raw_path: &str) -> bool {
        self.method
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method))
            && self
                .path
                .as_deref()
                .is_none_or(|p| glob_match(p.as_bytes(), raw_path.as_bytes()))
    }
}

/// The longest `path` pattern a fault may have.
pub const MAX_PATTERN_BYTES: usize = 1024;

/// `*` matches any run of bytes but `/`; everything else matches itself. Segment by segment,
/// each with the greedy wildcard match that only ever backtracks to its last `*`: no recursion,
/// and time bounded by the lengths (a pattern like `*a*a*a…b` cannot stall the mock).
fn glob_match(pattern: &[u8], text: &[u8]) -> bool {
    let mut patterns = pattern.split(|&b| b == b'/');
    let mut texts = text.split(|&b| b == b'/');
    loop {
        match (patterns.next(), texts.next()) {
            (None, None) => return true,
            (Some(p), Some(t)) if segment_match(p, t) => continue,
            _ => return false,
        }
    }
}

fn segment_match(pattern: &[u8], text: &[u8]) -> bool {
    let (mut p, mut t) = (0, 0);
    // Where the last `*` is in the pattern, and where in the text its match would end next.
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some(b'*') => {
                star = Some((p, t));
                p += 1;
            }
            Some(&c) if c == text[t] => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((star_p, star_t)) => {
                    p = star_p + 1;
                    t = star_t + 1;
                    star = Some((star_p, t));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&b| b == b'*')
}

/// Queued faults, used up in the order they were posted.
#[derive(Debug, Default)]
pub struct FaultQueue {
    /// Each fault with its id and remaining uses.
    queue: VecDeque<(u64, Arc<FaultSpec>, u32)>,
    next_id: u64,
}

impl FaultQueue {
    pub fn push(&mut self, spec: FaultSpec) {
        let times = spec.times;
        self.next_id += 1;
        self.queue.push_back((self.next_id, Arc::new(spec), times));
    }

    pub fn clear(&mut self) {
        self.queue.clear();
    }

    /// The queued faults as they are now, cheap to take under the state lock, so that matching
    /// them against a path happens outside it.
    pub fn snapshot(&self) -> Vec<(u64, Arc<FaultSpec>)> {
        self.queue
            .iter()
            .map(|(id, spec, _)| (*id, Arc::clone(spec)))
            .collect()
    }

    /// Spends one use of fault `id`; `None` when it is no longer queued.
    pub fn spend(&mut self, id: u64) -> Option<Arc<FaultSpec>> {
        let index = self.queue.iter().position(|(queued, ..)| *queued == id)?;
        let (_, spec, left) = self.queue.get_mut(index)?;
        let taken = Arc::clone(spec);
        *left -= 1;
        if *left == 0 {
            self.queue.remove(index);
        }
        Some(taken)
    }

    /// The faults still queued, with their remaining uses.
    pub fn pending(&self) -> Vec<Value> {
        self.queue
            .iter()
            .map(|(_, spec, left)| {
                let mut v = serde_json::to_value(spec.as_ref()).unwrap_or(Value::Null);
                if let Value::Object(map) = &mut v {
                    map.insert("remaining".into(), Value::from(*left));
                }
                v
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_star_stays_inside_a_segment() {
        assert!(glob_match(
            b"/v1.0/calendar/users/*/calendars/*/unsubscribe",
            b"/v1.0/calendar/users/u/calendars/c/unsubscribe"
        ));
        assert!(glob_match(b"/a/*", b"/a/"));
        assert!(!glob_match(b"/a/*", b"/a/b/c"));
        assert!(glob_match(b"/a/*/c", b"/a/b%2Fx/c"));
        assert!(!glob_match(b"/a/b", b"/a/bc"));
        assert!(glob_match(b"/a*c/*", b"/abbbc/x"));
        assert!(glob_match(b"/*b*b", b"/abab"));
        assert!(!glob_match(b"/*b*b", b"/abac"));
        assert!(glob_match(b"*", b""));
        assert!(!glob_match(b"/a", b"/a/"));
        assert!(glob_match(b"/a/", b"/a/"));
    }

    #[test]
    fn faults_are_used_up_in_order() {
        let mut q = FaultQueue::default();
        let spec = |status: u16, times: u32| FaultSpec {
            status: Some(status),
            times,
            ..serde_json::from_str("{}").unwrap()
        };
        q.push(spec(500, 2));
        q.push(spec(503, 1));
        let mut take = |method: &str, path: &str| {
            let id = q
                .snapshot()
                .into_iter()
                .find(|(_, spec)| spec.matches(method, path))?
                .0;
            q.spend(id)
        };
        let statuses: Vec<_> = std::iter::from_fn(|| take("GET", "/x"))
            .map(|f| f.status)
            .collect();
        assert_eq!(statuses, vec![Some(500), Some(500), Some(503)]);
    }

    #[test]
    fn hostile_patterns_answer_in_bounded_time() {
        let long_path = format!("/{}", "a".repeat(60_000));
        let stall = format!("/{}b", "*a".repeat(500));
        let started = std::time::Instant::now();
        assert!(!glob_match(stall.as_bytes(), long_path.as_bytes()));
        let deep = "*".repeat(MAX_PATTERN_BYTES);
        assert!(glob_match(deep.as_bytes(), b"abc"));
        // Generous: the recursive matcher took minutes here; this takes microseconds.
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
    }
}
