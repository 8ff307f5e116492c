//! One call from start to end: check the ids, then attempt, classify, and retry or give up.
//!
//! The loop is written against [`Transport`], so it is the same code in wasm (fetch, timers,
//! `AbortSignal`) and in the native tests (a scripted transport).

use crate::answer::Answer;
use crate::base_url::BaseUrl;
use crate::classify::{check_status, Received};
use crate::endpoint::{Endpoint, Method};
use crate::error::Error;
use crate::json_node::JsonNode;
use crate::response::{decode_body, FromJson};
use crate::retry::{Decision, RetryPolicy};
use crate::status_rules::is_token_refused;
use crate::text::decimal;
use alloc::borrow::ToOwned;
use alloc::string::String;

/// One request to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request<'a> {
    /// The method.
    pub method: Method,
    /// The full URL.
    pub url: String,
    /// The JSON body (create and update), sent with `Content-Type: application/json`; the
    /// caller's, borrowed, so a body of up to 1 MiB is not copied once more per call.
    pub body: Option<&'a str>,
}

/// What a call needs from its runtime.
#[allow(async_fn_in_trait)] // used by this crate's own single-threaded futures only
pub trait Transport {
    /// The parsed-JSON type the transport produces.
    type Json: JsonNode;

    /// The access token for the next attempt (a provider is asked every time). `refresh` is
    /// true when DingTalk refused the token the provider gave last.
    async fn access_token(&self, refresh: bool) -> Result<String, Error>;

    /// Whether asking again can give another token (a provider can, a fixed token cannot).
    fn can_refresh_token(&self) -> bool;

    /// Sends one request with the token and reads the whole answer.
    async fn send(&self, request: &Request<'_>, token: &str) -> Result<Answer<Self::Json>, Error>;

    /// Waits `ms` milliseconds before a retry; fails when the caller aborts meanwhile.
    async fn sleep(&self, ms: u64) -> Result<(), Error>;

    /// The caller's abort, if it has happened.
    fn aborted(&self) -> Option<Error>;

    /// A number uniform in `[0, 1)`, to spread retries.
    fn random(&self) -> f64;

    /// Milliseconds since the Unix epoch (for a `Retry-After` date).
    fn now_ms(&self) -> u64;
}

/// Runs `endpoint` for `user_id` and `calendar_id` and decodes the answer: see [`send`]. (The
/// wasm layers call `send` and decode per result type themselves.)
#[cfg(test)]
pub async fn call<T: FromJson, X: Transport>(
    transport: &X,
    base_url: &BaseUrl,
    retry: &RetryPolicy,
    endpoint: Endpoint,
    user_id: &str,
    calendar_id: &str,
) -> Result<T, Error> {
    let sent = send(
        transport,
        base_url,
        retry,
        endpoint,
        user_id,
        calendar_id,
        None,
    )
    .await?;
    decode_sent(endpoint, sent)
}

/// Decodes what [`send`] gave back; a decode error reports the requests that were sent.
pub fn decode_sent<T: FromJson, J: JsonNode>(
    endpoint: Endpoint,
    (answer, attempts): (Answer<J>, u32),
) -> Result<T, Error> {
    decode_body(endpoint, answer).map_err(|e| e.with_attempts(attempts))
}

/// Refuses bad ids before sending anything, then attempts until a 2xx answer, a final error, or
/// the retry policy gives up. Gives back the 2xx answer, still to be decoded, and how many
/// requests were sent; an error reports that number too and never holds the token.
///
/// Not generic over the result type, so it is compiled once for every endpoint.
pub async fn send<X: Transport>(
    transport: &X,
    base_url: &BaseUrl,
    retry: &RetryPolicy,
    endpoint: Endpoint,
    user_id: &str,
    calendar_id: &str,
    body: Option<&str>,
) -> Result<(Answer<X::Json>, u32), Error> {
    let request = Request {
        method: endpoint.method(),
        url: base_url.join(&endpoint.path(user_id, calendar_id)?),
        body,
    };
    let mut attempts: u32 = 0;
    let mut retries: u32 = 0;
    // Set once DingTalk refused a provider's token: the provider is asked for a fresh one and
    // the request sent once more (it was refused, not run), once per call.
    let mut refresh = false;
    let mut refreshed = false;
    loop {
        let check_abort = || {
            transport
                .aborted()
                .map_or(Ok(()), |e| Err(e.with_attempts(attempts)))
        };
        check_abort()?;
        let token = transport
            .access_token(refresh)
            .await
            .map_err(|e| e.with_attempts(attempts))?;
        // The provider may have taken a while: the caller may have given up meanwhile.
        check_abort()?;
        attempts += 1;
        let outcome = match transport.send(&request, &token).await {
            Ok(answer) => check_status(
                endpoint,
                answer,
                Received {
                    token: &token,
                    now_ms: transport.now_ms(),
                },
            ),
            Err(error) => Err(error),
        };
        let error = match outcome {
            Ok(answer) => return Ok((answer, attempts)),
            Err(error) => error.redact(&token).with_attempts(attempts),
        };
        if !refreshed && is_token_refused(&error) && transport.can_refresh_token() {
            refresh = true;
            refreshed = true;
            continue;
        }
        refresh = false;
        match retry.decide(retries, endpoint, &error, transport.random()) {
            Decision::GiveUp => return Err(error),
            Decision::WaitTooLong { asked_ms } => {
                return Err(wait_too_long(error, asked_ms, retry))
            }
            Decision::RetryAfter(ms) => {
                retries += 1;
                transport
                    .sleep(ms)
                    .await
                    .map_err(|e| e.with_attempts(attempts))?
            }
        }
    }
}

/// `error`, saying that it was not retried because the server asked for a longer wait than the
/// policy allows (it stays retryable: later, it may succeed).
fn wait_too_long(error: Error, asked_ms: u64, retry: &RetryPolicy) -> Error {
    let asked = if asked_ms == u64::MAX {
        "1000000000 s or more".to_owned()
    } else {
        let mut s = decimal(asked_ms.div_ceil(1000));
        s.push_str(" s");
        s
    };
    error.with_note(&[
        " (not retried: Retry-After asked for a wait of ",
        &asked,
        ", longer than retry.maxDelayMs ",
        &decimal(u64::from(retry.max_delay_ms)),
        " ms allows)",
    ])
}

#[cfg(test)]
mod tests {
    use core::cell::{Cell, RefCell};
    use core::future::Future;
    use core::pin::pin;
    use core::task::{Context, Poll, Waker};
    use std::collections::VecDeque;

    use serde_json::{json, Value};

    use super::*;
    use crate::answer::Body;
    use crate::error::ErrorKind;
    use crate::model::{ResultResponse, SubscribedCalendar};

    /// Runs a future that never waits on anything outside (the scripted transport answers at once).
    fn run<F: Future>(future: F) -> F::Output {
        let mut future = pin!(future);
        match future
            .as_mut()
            .poll(&mut Context::from_waker(Waker::noop()))
        {
            Poll::Ready(output) => output,
            Poll::Pending => panic!("the scripted transport never pends"),
        }
    }

    /// What a scripted transport was asked to send.
    struct Sent {
        method: Method,
        url: String,
    }

    #[derive(Default)]
    struct Scripted {
        answers: RefCell<VecDeque<Result<Answer<Value>, Error>>>,
        tokens: RefCell<VecDeque<Result<String, Error>>>,
        sent: RefCell<Vec<(Sent, String)>>,
        slept: RefCell<Vec<u64>>,
        abort_after_sends: Cell<Option<usize>>,
        abort_in_sleep: Cell<bool>,
        refreshes: RefCell<Vec<bool>>,
        fixed_token: Cell<bool>,
    }

    impl Scripted {
        fn answering(answers: Vec<Result<Answer<Value>, Error>>) -> Self {
            Scripted {
                answers: RefCell::new(answers.into()),
                ..Default::default()
            }
        }
    }

    impl Transport for Scripted {
        type Json = Value;
        async fn access_token(&self, refresh: bool) -> Result<String, Error> {
            self.refreshes.borrow_mut().push(refresh);
            self.tokens
                .borrow_mut()
                .pop_front()
                .unwrap_or_else(|| Ok("tok-SECRET".into()))
        }
        fn can_refresh_token(&self) -> bool {
            !self.fixed_token.get()
        }
        async fn send(&self, request: &Request<'_>, token: &str) -> Result<Answer<Value>, Error> {
            let sent = Sent {
                method: request.method,
                url: request.url.clone(),
            };
            self.sent.borrow_mut().push((sent, token.to_owned()));
            self.answers
                .borrow_mut()
                .pop_front()
                .expect("a scripted answer")
        }
        async fn sleep(&self, ms: u64) -> Result<(), Error> {
            self.slept.borrow_mut().push(ms);
            if self.abort_in_sleep.get() {
                return Err(Error::new(ErrorKind::Aborted, "aborted").with_retryable(false));
            }
            Ok(())
        }
        fn aborted(&self) -> Option<Error> {
            let limit = self.abort_after_sends.get()?;
            (self.sent.borrow().len() >= limit)
                .then(|| Error::new(ErrorKind::Aborted, "aborted").with_retryable(false))
        }
        fn random(&self) -> f64 {
            0.0
        }
        fn now_ms(&self) -> u64 {
            1_790_000_000_000
        }
    }

    fn status(status: u16, body: Value) -> Result<Answer<Value>, Error> {
        Ok(Answer {
            status,
            opaque_redirect: false,
            request_id: None,
            retry_after: None,
            body: Body::Json(body),
        })
    }

    fn busy() -> Result<Answer<Value>, Error> {
        status(429, json!({ "code": "system.busy", "message": "busy" }))
    }

    fn base() -> BaseUrl {
        BaseUrl::parse("http://127.0.0.1:8790").unwrap()
    }

    const GET: Endpoint = Endpoint::GetSubscribedCalendar;
    const UNSUBSCRIBE: Endpoint = Endpoint::UnsubscribeCalendar;

    /// One call of `endpoint` for the ids `u` and `c` through the scripted transport.
    fn call_with<T: FromJson>(
        t: &Scripted,
        retry: RetryPolicy,
        endpoint: Endpoint,
    ) -> Result<T, Error> {
        run(call::<T, _>(t, &base(), &retry, endpoint, "u", "c"))
    }

    #[test]
    fn success_on_the_first_attempt() {
        let t = Scripted::answering(vec![status(200, json!({ "calendarId": "c" }))]);
        let cal: SubscribedCalendar =
            run(call(&t, &base(), &RetryPolicy::default(), GET, "a/b", "c")).unwrap();
        assert_eq!(cal.calendar_id, "c");
        let sent = t.sent.borrow();
        assert_eq!(sent.len(), 1);
        assert_eq!(
            sent[0].0.url,
            "http://127.0.0.1:8790/v1.0/calendar/users/a%2Fb/subscribedCalendars/c"
        );
        assert_eq!(sent[0].0.method, Method::Get);
    }

    #[test]
    fn bad_ids_send_nothing() {
        let t = Scripted::default();
        let err = run(call::<SubscribedCalendar, _>(
            &t,
            &base(),
            &RetryPolicy::default(),
            GET,
            "..",
            "c",
        ))
        .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument);
        assert_eq!(err.attempts(), 0);
        assert!(t.sent.borrow().is_empty());
    }

    #[test]
    fn throttling_is_retried_then_succeeds_asking_for_a_token_each_time() {
        let t = Scripted::answering(vec![busy(), busy(), status(200, json!({ "result": true }))]);
        t.tokens
            .borrow_mut()
            .extend([Ok("t1".into()), Ok("t2".into()), Ok("t3".into())]);
        let r: ResultResponse = call_with(&t, RetryPolicy::default(), UNSUBSCRIBE).unwrap();
        assert!(r.result);
        let tokens: Vec<String> = t.sent.borrow().iter().map(|(_, tok)| tok.clone()).collect();
        assert_eq!(tokens, ["t1", "t2", "t3"]);
        assert_eq!(*t.slept.borrow(), [125, 250]);
    }

    #[test]
    fn retries_spent_gives_throttled_with_attempts() {
        let t = Scripted::answering(vec![busy(), busy(), busy()]);
        let err = call_with::<ResultResponse>(&t, RetryPolicy::default(), UNSUBSCRIBE).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Throttled);
        assert_eq!(err.attempts(), 3);
        assert!(err.retryable());
        let t = Scripted::answering(vec![busy()]);
        let err =
            call_with::<ResultResponse>(&t, RetryPolicy::disabled(), UNSUBSCRIBE).unwrap_err();
        assert_eq!((err.kind(), err.attempts()), (ErrorKind::Throttled, 1));
    }

    #[test]
    fn a_timeout_is_retried_for_get_but_not_for_unsubscribe() {
        let timeout = || Err(Error::new(ErrorKind::Timeout, "timed out"));
        let t = Scripted::answering(vec![timeout(), status(200, json!({ "calendarId": "c" }))]);
        assert!(call_with::<SubscribedCalendar>(&t, RetryPolicy::default(), GET).is_ok());
        let t = Scripted::answering(vec![timeout()]);
        let err = call_with::<ResultResponse>(&t, RetryPolicy::default(), UNSUBSCRIBE).unwrap_err();
        assert_eq!((err.kind(), err.attempts()), (ErrorKind::Timeout, 1));
    }

    #[test]
    fn final_errors_are_not_retried_and_never_hold_the_token() {
        let echo = status(
            400,
            json!({ "code": "InvalidAuthentication", "message": "bad token tok-SECRET" }),
        );
        let t = Scripted::answering(vec![echo]);
        t.fixed_token.set(true);
        let err = call_with::<SubscribedCalendar>(&t, RetryPolicy::default(), GET).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Api);
        assert_eq!(err.attempts(), 1);
        assert!(!err.message().contains("tok-SECRET"), "{}", err.message());
        assert!(err.message().contains("[redacted]"));
    }

    #[test]
    fn a_retry_after_past_the_cap_ends_the_retrying_and_says_so() {
        for (header, asked) in [("3600", "3600 s"), ("99999999999", "1000000000 s or more")] {
            let mut answer = busy().unwrap();
            answer.retry_after = Some(header.into());
            let t = Scripted::answering(vec![Ok(answer)]);
            let err =
                call_with::<ResultResponse>(&t, RetryPolicy::default(), UNSUBSCRIBE).unwrap_err();
            assert_eq!((err.kind(), err.attempts()), (ErrorKind::Throttled, 1));
            assert!(err.retryable());
            assert!(
                err.message().ends_with(&format!(
                    "(not retried: Retry-After asked for a wait of {asked}, longer than retry.maxDelayMs 8000 ms allows)"
                )),
                "{}",
                err.message()
            );
            assert!(t.slept.borrow().is_empty());
        }
    }

    #[test]
    fn a_failing_token_provider_stops_the_call() {
        let t = Scripted::answering(vec![busy()]);
        t.tokens.borrow_mut().extend([
            Ok("t1".into()),
            Err(Error::new(ErrorKind::Auth, "provider failed")),
        ]);
        let err = call_with::<SubscribedCalendar>(&t, RetryPolicy::default(), GET).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Auth);
        assert_eq!(err.attempts(), 1);
    }

    #[test]
    fn an_abort_between_or_during_retries_ends_the_call() {
        let t = Scripted::answering(vec![busy(), busy()]);
        t.abort_after_sends.set(Some(1));
        let err = call_with::<SubscribedCalendar>(&t, RetryPolicy::default(), GET).unwrap_err();
        assert_eq!((err.kind(), err.attempts()), (ErrorKind::Aborted, 1));
        let t = Scripted::answering(vec![busy(), busy()]);
        t.abort_in_sleep.set(true);
        let err = call_with::<SubscribedCalendar>(&t, RetryPolicy::default(), GET).unwrap_err();
        assert_eq!((err.kind(), err.attempts()), (ErrorKind::Aborted, 1));
        assert_eq!(t.sent.borrow().len(), 1);
    }

    fn refused(code: &str, status_code: u16) -> Result<Answer<Value>, Error> {
        status(
            status_code,
            json!({ "code": code, "message": "token refused" }),
        )
    }

    #[test]
    fn a_refused_token_is_refreshed_once_and_sent_again_on_every_endpoint() {
        for endpoint in [GET, Endpoint::DeleteSubscribedCalendar, UNSUBSCRIBE] {
            for (code, status_code) in [
                ("InvalidAuthentication", 400),
                ("accesstoken.expired", 400),
                ("Unauthorized", 401),
            ] {
                let ok = if endpoint == GET {
                    status(200, json!({ "calendarId": "c" }))
                } else {
                    status(200, json!({ "result": true }))
                };
                let t = Scripted::answering(vec![refused(code, status_code), ok]);
                t.tokens
                    .borrow_mut()
                    .extend([Ok("stale".into()), Ok("fresh".into())]);
                let policy = RetryPolicy::disabled();
                let sent =
                    run(send(&t, &base(), &policy, endpoint, "u", "c", None)).expect("refreshed");
                assert_eq!(sent.1, 2, "{code}: attempts count both");
                assert_eq!(*t.refreshes.borrow(), [false, true], "{code}");
                let tokens: Vec<String> =
                    t.sent.borrow().iter().map(|(_, tok)| tok.clone()).collect();
                assert_eq!(tokens, ["stale", "fresh"]);
                assert!(t.slept.borrow().is_empty(), "no backoff before a refresh");
            }
        }
    }

    #[test]
    fn a_second_refusal_ends_the_call_and_a_fixed_token_is_never_refreshed() {
        let t = Scripted::answering(vec![
            refused("InvalidAuthentication", 400),
            refused("InvalidAuthentication", 400),
        ]);
        let err = call_with::<SubscribedCalendar>(&t, RetryPolicy::default(), GET).unwrap_err();
        assert_eq!((err.kind(), err.attempts()), (ErrorKind::Api, 2));
        assert_eq!(*t.refreshes.borrow(), [false, true]);
        let t = Scripted::answering(vec![refused("InvalidAuthentication", 400)]);
        t.fixed_token.set(true);
        let err = call_with::<SubscribedCalendar>(&t, RetryPolicy::default(), GET).unwrap_err();
        assert_eq!((err.kind(), err.attempts()), (ErrorKind::Api, 1));
        // Other refusals are not about the token.
        let t = Scripted::answering(vec![refused("permissionDenied", 403)]);
        let err = call_with::<SubscribedCalendar>(&t, RetryPolicy::default(), GET).unwrap_err();
        assert_eq!(err.attempts(), 1);
    }
}
