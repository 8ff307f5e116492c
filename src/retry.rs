//! When to try again, and how long to wait first.

use core::time::Duration;

use crate::endpoint::Endpoint;
use crate::error::{Error, ErrorKind};

/// How a client retries. The defaults retry twice, starting at 250 ms, never waiting over 8 s.
/// Rate limiting is always retried (DingTalk refused the request, so nothing happened); a
/// timeout, a network failure or a 408/5xx answer only for a read or an update, since a create
/// would make a second calendar and a delete, subscribe or unsubscribe that got through would
/// answer with an error when repeated.
///
/// ```
/// use std::time::Duration;
/// use dingtalk_calendar::RetryPolicy;
///
/// let patient = RetryPolicy::default()
///     .max_retries(4)
///     .base_delay(Duration::from_millis(500))
///     .max_delay(Duration::from_secs(30));
/// assert_ne!(patient, RetryPolicy::default());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    // Milliseconds, as JS timers take them; the setters take `Duration`s.
    pub(crate) max_retries: u32,
    pub(crate) base_delay_ms: u32,
    pub(crate) max_delay_ms: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            base_delay_ms: 250,
            max_delay_ms: 8_000,
        }
    }
}

/// The most retries a policy may ask for.
pub const MAX_RETRIES_LIMIT: u32 = 10;
/// The longest wait a policy may set, in milliseconds (10 minutes).
pub const MAX_DELAY_LIMIT_MS: u32 = 600_000;
/// DingTalk's advice for its QPS/QPM limits: wait about a second.
pub const RATE_LIMIT_FLOOR_MS: u64 = 1_000;

/// What is wrong with a [`RetryPolicy`]; each surface words it with its own names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryProblem {
    /// More than [`MAX_RETRIES_LIMIT`] retries.
    TooManyRetries,
    /// A longest wait over [`MAX_DELAY_LIMIT_MS`].
    MaxDelayTooLong,
    /// A first wait longer than the longest.
    BaseDelayOverMax,
}

/// Whole milliseconds of `duration`, saturating: a wait too long for a `u32` is refused by
/// [`RetryPolicy::check`] anyway.
pub(crate) fn saturating_millis(duration: Duration) -> u32 {
    u32::try_from(duration.as_millis()).unwrap_or(u32::MAX)
}

impl RetryPolicy {
    /// No retries at all.
    pub fn disabled() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// Retries after the first attempt, at most 10 (0 turns retrying off).
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = max_retries;
        self
    }

    /// The first backoff (whole milliseconds); each retry doubles it. At most the
    /// [`max_delay`](RetryPolicy::max_delay).
    pub fn base_delay(mut self, base_delay: Duration) -> Self {
        self.base_delay_ms = saturating_millis(base_delay);
        self
    }

    /// No wait is longer (at most 10 minutes); a `Retry-After` asking for more ends the
    /// retrying instead.
    pub fn max_delay(mut self, max_delay: Duration) -> Self {
        self.max_delay_ms = saturating_millis(max_delay);
        self
    }

    /// The one rule for the numbers, whichever surface set them.
    pub(crate) fn check(&self) -> Result<(), RetryProblem> {
        if self.max_retries > MAX_RETRIES_LIMIT {
            Err(RetryProblem::TooManyRetries)
        } else if self.max_delay_ms > MAX_DELAY_LIMIT_MS {
            Err(RetryProblem::MaxDelayTooLong)
        } else if self.base_delay_ms > self.max_delay_ms {
            Err(RetryProblem::BaseDelayOverMax)
        } else {
            Ok(())
        }
    }

    /// [`RetryPolicy::check`] in the Rust API's words.
    pub(crate) fn validate(&self) -> Result<(), Error> {
        self.check().map_err(|problem| {
            let (argument, rule) = match problem {
                RetryProblem::TooManyRetries => ("RetryPolicy::max_retries", "must be at most 10"),
                RetryProblem::MaxDelayTooLong => {
                    ("RetryPolicy::max_delay", "must be at most 10 minutes")
                }
                RetryProblem::BaseDelayOverMax => (
                    "RetryPolicy::base_delay",
                    "must not exceed RetryPolicy::max_delay",
                ),
            };
            Error::invalid_argument(argument, rule)
        })
    }

    /// How long to wait before retrying after `error`, or `None` to give up and report it.
    ///
    /// `retries_done` counts the retries already made; `random` is uniform in `[0, 1)` and
    /// spreads the waits of many clients (half the backoff fixed, half random).
    ///
    /// What is retried: rate limiting, always (DingTalk refused the request, so nothing
    /// happened); a timeout, a network failure or a 408/5xx answer only for an endpoint that is
    /// [safe to repeat](Endpoint::safe_to_repeat), since the first request may have taken effect.
    #[cfg(test)]
    pub(crate) fn delay_before_retry(
        &self,
        retries_done: u32,
        endpoint: Endpoint,
        error: &Error,
        random: f64,
    ) -> Option<u64> {
        match self.decide(retries_done, endpoint, error, random) {
            Decision::RetryAfter(ms) => Some(ms),
            Decision::GiveUp | Decision::WaitTooLong { .. } => None,
        }
    }

    /// What [`RetryPolicy::delay_before_retry`] decides, with why it gives up where that is
    /// the server's `Retry-After`.
    pub(crate) fn decide(
        &self,
        retries_done: u32,
        endpoint: Endpoint,
        error: &Error,
        random: f64,
    ) -> Decision {
        if retries_done >= self.max_retries || !error.retryable() {
            return Decision::GiveUp;
        }
        let throttled = error.kind() == ErrorKind::Throttled;
        if !throttled && !endpoint.safe_to_repeat() {
            return Decision::GiveUp;
        }
        let max = u64::from(self.max_delay_ms);
        let exponential = u64::from(self.base_delay_ms)
            .saturating_mul(1u64 << retries_done.min(20))
            .min(max);
        let random = if random.is_finite() {
            random.clamp(0.0, 1.0)
        } else {
            0.5
        };
        // Truncation is fine: sub-millisecond precision is meaningless for a backoff.
        let jittered = exponential / 2 + ((exponential / 2) as f64 * random) as u64;
        if let Some(asked) = error.retry_after_ms() {
            // Waiting less than the server asked is pointless; waiting longer than the caller
            // allows is not ours to decide: give the error back instead.
            return if asked <= max {
                Decision::RetryAfter(asked.max(jittered))
            } else {
                Decision::WaitTooLong { asked_ms: asked }
            };
        }
        if throttled
            && error
                .code()
                .is_some_and(crate::status_rules::is_rate_limit_code)
        {
            // The floor under the jitter, not in place of it: callers refused together must
            // not all come back together one second later.
            let spread = (exponential as f64 * random) as u64;
            return Decision::RetryAfter(RATE_LIMIT_FLOOR_MS.saturating_add(spread).min(max));
        }
        Decision::RetryAfter(jittered)
    }
}

/// What a [`RetryPolicy`] decides after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Try again after this many milliseconds.
    RetryAfter(u64),
    /// Report the error.
    GiveUp,
    /// Report the error: the server asked for a longer wait than the policy allows.
    WaitTooLong {
        /// The wait the server asked for (`u64::MAX` for one past any clock).
        asked_ms: u64,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(kind: ErrorKind, status: u16, code: Option<&str>) -> Error {
        Error::new(kind, "x")
            .with_status(status)
            .with_code(code.map(str::to_owned))
            .with_retryable(
                matches!(
                    kind,
                    ErrorKind::Throttled | ErrorKind::Network | ErrorKind::Timeout
                ) || status >= 500,
            )
    }

    const GET: Endpoint = Endpoint::GetSubscribedCalendar;
    const DELETE: Endpoint = Endpoint::DeleteSubscribedCalendar;
    const POST: Endpoint = Endpoint::UnsubscribeCalendar;

    #[test]
    fn backoff_doubles_with_half_jitter_and_caps() {
        let p = RetryPolicy {
            max_retries: 10,
            base_delay_ms: 100,
            max_delay_ms: 1_000,
        };
        let e = err(ErrorKind::Api, 503, None);
        assert_eq!(p.delay_before_retry(0, GET, &e, 0.0), Some(50));
        assert_eq!(p.delay_before_retry(0, GET, &e, 0.999_999), Some(99));
        assert_eq!(p.delay_before_retry(1, GET, &e, 0.0), Some(100));
        assert_eq!(p.delay_before_retry(3, GET, &e, 1.0), Some(800));
        assert_eq!(p.delay_before_retry(9, GET, &e, 1.0), Some(1_000));
        assert_eq!(p.delay_before_retry(9, GET, &e, f64::NAN), Some(750));
    }

    #[test]
    fn stops_after_max_retries_and_on_final_errors() {
        let p = RetryPolicy::default();
        let e = err(ErrorKind::Throttled, 429, Some("system.busy"));
        assert!(p.delay_before_retry(1, POST, &e, 0.5).is_some());
        assert!(p.delay_before_retry(2, POST, &e, 0.5).is_none());
        assert!(RetryPolicy::disabled()
            .delay_before_retry(0, GET, &e, 0.5)
            .is_none());
        for e in [
            err(ErrorKind::Api, 400, Some("invalidParameter")),
            err(ErrorKind::Api, 403, Some("permissionDenied")),
            err(ErrorKind::Api, 401, None),
            err(ErrorKind::Decode, 200, None),
            Error::new(ErrorKind::Aborted, "x").with_retryable(false),
        ] {
            assert!(p.delay_before_retry(0, GET, &e, 0.5).is_none(), "{e:?}");
        }
    }

    #[test]
    fn unclear_failures_are_retried_only_when_safe_to_repeat() {
        let p = RetryPolicy::default();
        for e in [
            err(ErrorKind::Api, 502, None),
            Error::new(ErrorKind::Network, "x"),
            Error::new(ErrorKind::Timeout, "x"),
        ] {
            assert!(p.delay_before_retry(0, GET, &e, 0.5).is_some(), "{e:?}");
            assert!(p.delay_before_retry(0, DELETE, &e, 0.5).is_none(), "{e:?}");
            assert!(p.delay_before_retry(0, POST, &e, 0.5).is_none(), "{e:?}");
        }
        let throttled = err(
            ErrorKind::Throttled,
            403,
            Some("Forbidden.AccessDenied.QpsOverLimit"),
        );
        assert!(p.delay_before_retry(0, DELETE, &throttled, 0.5).is_some());
    }

    #[test]
    fn rate_limits_wait_about_a_second_and_retry_after_is_honoured() {
        let p = RetryPolicy::default();
        let qps = err(
            ErrorKind::Throttled,
            403,
            Some("Forbidden.AccessDenied.QpsOverLimit"),
        );
        assert_eq!(p.delay_before_retry(0, GET, &qps, 0.0), Some(1_000));
        // Jittered above the floor: twenty callers refused together spread over the backoff.
        assert_eq!(p.delay_before_retry(0, GET, &qps, 0.5), Some(1_125));
        assert_eq!(p.delay_before_retry(1, GET, &qps, 0.999), Some(1_499));
        let waits: std::collections::BTreeSet<u64> = (0..20)
            .map(|i| {
                p.delay_before_retry(0, GET, &qps, f64::from(i) / 20.0)
                    .unwrap()
            })
            .collect();
        assert_eq!(waits.len(), 20, "{waits:?}");
        assert!(
            waits.last().unwrap() - waits.first().unwrap() >= 200,
            "{waits:?}"
        );
        let small = RetryPolicy {
            max_retries: 2,
            base_delay_ms: 10,
            max_delay_ms: 200,
        };
        assert_eq!(
            small.delay_before_retry(0, GET, &qps, 0.0),
            Some(200),
            "the caller's cap wins"
        );
        let busy =
            err(ErrorKind::Throttled, 429, Some("system.busy")).with_retry_after_ms(Some(2_000));
        assert_eq!(p.delay_before_retry(0, GET, &busy, 0.0), Some(2_000));
        let too_long = busy.clone().with_retry_after_ms(Some(60_000));
        assert_eq!(p.delay_before_retry(0, GET, &too_long, 0.0), None);
        assert_eq!(
            p.decide(0, GET, &too_long, 0.0),
            Decision::WaitTooLong { asked_ms: 60_000 }
        );
        let forever = busy.clone().with_retry_after_ms(Some(u64::MAX));
        assert_eq!(
            p.decide(0, GET, &forever, 0.0),
            Decision::WaitTooLong { asked_ms: u64::MAX }
        );
        assert_eq!(
            p.decide(2, GET, &forever, 0.0),
            Decision::GiveUp,
            "no retry left"
        );
    }

    #[test]
    fn validation_names_the_option() {
        assert!(RetryPolicy::default().validate().is_ok());
        let cases = [
            (
                RetryPolicy {
                    max_retries: 11,
                    ..RetryPolicy::default()
                },
                "RetryPolicy::max_retries",
            ),
            (
                RetryPolicy {
                    max_delay_ms: 600_001,
                    ..RetryPolicy::default()
                },
                "RetryPolicy::max_delay",
            ),
            (
                RetryPolicy {
                    base_delay_ms: 9_000,
                    ..RetryPolicy::default()
                },
                "RetryPolicy::base_delay",
            ),
        ];
        for (p, name) in cases {
            assert!(p.validate().unwrap_err().message().starts_with(name));
        }
        let set = RetryPolicy::default()
            .max_retries(3)
            .base_delay(Duration::from_micros(1_500))
            .max_delay(Duration::from_secs(u64::MAX));
        assert_eq!(
            (set.max_retries, set.base_delay_ms),
            (3, 1),
            "whole milliseconds"
        );
        assert_eq!(
            set.check(),
            Err(RetryProblem::MaxDelayTooLong),
            "saturated, then refused"
        );
    }
}
