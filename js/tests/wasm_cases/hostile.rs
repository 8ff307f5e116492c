//! What a careless framework, a fetch wrapper or a hostile server can hand the client: objects
//! whose getters, methods and promises throw, bodies that never end, answers that read through
//! a polluted `Object.prototype` or carry lone surrogates, promises that never settle. Every
//! one ends in a `DingTalkError` (or the right answer), never an exception that escapes: in
//! Node an escaped one kills the test process, in a page it fails the run.

use super::support::require_mock;
use super::*;

/// A client whose `fetch` resolves to (or throws) what the JS function body makes of
/// `request` (the real `Request`) and `record`; `real` is the global fetch.
fn client_fetching(body: &str) -> (CalendarClient, JsValue) {
    client_with_fetch(&format!(
        "const real = globalThis.fetch; return (async () => {{ {body} }})();"
    ))
}

#[wasm_bindgen_test]
async fn every_throwing_member_of_a_callers_response_ends_in_a_dingtalk_error() {
    require_mock!();
    for body in [
        // The fetch itself: a getter on its result, a Proxy whose every trap throws, a
        // thenable whose `then` throws, a real promise with an own `then` that throws.
        "return { get status() { throw new Error('status'); }, headers: new Headers(), text: async () => '{}' };",
        "return { status: 200, get headers() { throw new Error('headers'); }, text: async () => '{}' };",
        "const trap = () => { throw new Error('trap'); }; \
         return new Proxy({}, { get: trap, has: trap, getPrototypeOf: trap, getOwnPropertyDescriptor: trap });",
        "return { status: 200, headers: new Headers(), text() { throw new Error('text'); } };",
        "return { status: 200, headers: new Headers(), text: async () => { throw new Error('text'); } };",
        "return { status: 200, headers: new Headers(), text: async () => 42 };",
        "return new Response(new ReadableStream({ pull(c) { c.error(new Error('cut')); } }));",
        "const body = Object.setPrototypeOf({ getReader() { throw new Error('reader'); } }, ReadableStream.prototype); \
         return Object.defineProperty(new Response('{}'), 'body', { value: body });",
    ] {
        let (c, _) = client_fetching(body);
        let err = dingtalk_error(get_cal(&c, "user-alice", "cal-public-holidays").await, "network");
        assert_eq!(number(&err, "attempts"), 1.0, "{body}");
    }
    // A fetch that returns a thenable whose `then` throws, or a promise with a throwing own
    // `then`, is not awaited through an unguarded `then`.
    for returned in [
        "return { get then() { throw new Error('then'); } };",
        "const p = Promise.resolve(new Response('{}')); p.then = () => { throw new Error('own then'); }; return p;",
    ] {
        let (c, _) = client_with_fetch(returned);
        dingtalk_error(get_cal(&c, "user-alice", "cal-public-holidays").await, "network");
    }
}

#[wasm_bindgen_test]
async fn a_fetch_whose_headers_refuse_to_be_read_still_gets_its_answer() {
    require_mock!();
    // SvelteKit's server-side fetch throws from `headers.get` for every header a `load` did
    // not allow (x-acs-request-id, retry-after, content-type): each header is optional.
    let (c, _) = client_fetching(
        "const response = await real(request); \
         const headers = { get(name) { throw new Error(`Failed to get response header \"${name}\"`); } }; \
         Object.defineProperty(response, 'headers', { value: headers }); return response;",
    );
    let cal = get_cal(&c, "user-alice", "cal-public-holidays")
        .await
        .expect("the answer, without its request id");
    assert_eq!(string(&cal, "calendarId"), "cal-public-holidays");
    let err = dingtalk_error(get_cal(&c, "user-erin", "cal-public-holidays").await, "api");
    assert_eq!(
        string(&err, "code"),
        "permissionDenied",
        "the body's id and code still read"
    );
}

#[wasm_bindgen_test]
async fn throwing_options_getters_are_bad_input_and_never_aim_the_token_elsewhere() {
    require_mock!();
    let getter = |name: &str| {
        let opts = options("{}");
        Function::new_with_args(
            "o,n",
            "Object.defineProperty(o, n, { get() { throw new Error('getter'); }, enumerable: true });",
        )
        .call2(&JsValue::UNDEFINED, &opts, &js(name))
        .expect("defined");
        opts
    };
    for name in ["baseUrl", "accessToken", "timeoutMs", "retry", "fetch"] {
        let err = CalendarClient::new(getter(name))
            .map(|_| ())
            .expect_err(name);
        let err = dingtalk_error(Err(err), "invalidArgument");
        assert!(
            string(&err, "message").starts_with(name),
            "{}",
            string(&err, "message")
        );
    }
    // Call options: a throwing `signal` getter, and a signal whose `aborted` throws later.
    let c = client("{}");
    let call_options = json("{}");
    Function::new_with_args(
        "o",
        "Object.defineProperty(o, 'signal', { get() { throw new Error('getter'); } });",
    )
    .call1(&JsValue::UNDEFINED, &call_options)
    .expect("defined");
    let pending = c.get_subscribed_calendar(
        js("user-alice"),
        js("cal-public-holidays"),
        Some(call_options),
    );
    dingtalk_error(settle(pending).await, "invalidArgument");
    let flaky = Function::new_no_args(
        "let reads = 0; return { get aborted() { if (reads++ > 0) throw new Error('aborted'); return false; }, \
         addEventListener() {}, removeEventListener() {} };",
    )
    .call0(&JsValue::UNDEFINED)
    .expect("a signal");
    let call_options = Object::new();
    set(&call_options, "signal", &flaky);
    let pending = c.get_subscribed_calendar(
        js("user-alice"),
        js("cal-public-holidays"),
        Some(call_options.into()),
    );
    settle(pending)
        .await
        .expect("a signal that cannot be read is not an abort");
    // Inherited options are not options: a polluted prototype cannot aim the token elsewhere.
    let opts = Function::new_no_args(
        "return Object.create({ baseUrl: 'https://evil.example' }, { accessToken: { value: 'x', enumerable: true } });",
    )
    .call0(&JsValue::UNDEFINED)
    .unwrap();
    assert!(
        CalendarClient::new(opts).is_ok(),
        "the default base URL, not the inherited one"
    );
}

#[wasm_bindgen_test]
async fn a_body_that_never_ends_is_cut_at_the_cap_and_cancelled() {
    require_mock!();
    let endless = |status: u16| {
        client_fetching(&format!(
            "const chunk = new Uint8Array(64 * 1024).fill(32); \
             const body = new ReadableStream({{ pull(c) {{ record.read = (record.read || 0) + chunk.length; c.enqueue(chunk); }}, \
                                                cancel() {{ record.cancelled = true; }} }}); \
             return new Response(body, {{ status: {status}, headers: {{ 'content-type': 'application/json' }} }});"
        ))
    };
    let (c, record) = endless(200);
    let err = dingtalk_error(
        get_cal(&c, "user-alice", "cal-public-holidays").await,
        "decode",
    );
    assert!(
        string(&err, "message").contains("larger than 1 MiB"),
        "{}",
        string(&err, "message")
    );
    assert_eq!(
        get(&record, "cancelled"),
        JsValue::TRUE,
        "the stream was cancelled"
    );
    assert!(
        number(&record, "read") <= 1_200_000.0,
        "read {} bytes",
        number(&record, "read")
    );
    // An error status with a body that never ends is still that status.
    let (c, _) = endless(503);
    let err = dingtalk_error(
        get_cal(&c, "user-alice", "cal-public-holidays").await,
        "api",
    );
    assert_eq!(number(&err, "status"), 503.0);
    assert!(string(&err, "message").contains("larger than 1 MiB"));
}

#[wasm_bindgen_test]
async fn answers_are_read_from_their_own_fields_and_only_faithful_strings() {
    require_mock!();
    let pollute = Function::new_with_args(
        "on",
        "if (on) Object.prototype.managers = ['polluter']; else delete Object.prototype.managers;",
    );
    pollute.call1(&JsValue::UNDEFINED, &JsValue::TRUE).unwrap();
    let (c, _) = client_with_fetch("return new Response(JSON.stringify({ calendarId: 'c' }));");
    let outcome = get_cal(&c, "user-alice", "cal-public-holidays").await;
    pollute.call1(&JsValue::UNDEFINED, &JsValue::FALSE).unwrap();
    let cal = outcome.expect("a calendar");
    let own: Array = Object::keys(cal.unchecked_ref::<Object>());
    assert_eq!(own.length(), 1, "only calendarId: {:?}", own.to_vec());
    // A lone surrogate would come back as U+FFFD: another id than DingTalk sent.
    for field in ["calendarId", "name", "managers"] {
        let value = if field == "managers" {
            r#"["a\ud800"]"#
        } else {
            r#""c\ud800""#
        };
        let body = format!(r#"{{"calendarId":"c","{field}":{value}}}"#);
        let (c, _) = client_with_fetch(&format!(
            "return new Response({});",
            String::from(JSON::stringify(&js(&body)).unwrap())
        ));
        let err = dingtalk_error(
            get_cal(&c, "user-alice", "cal-public-holidays").await,
            "decode",
        );
        assert!(
            string(&err, "message").contains("lone surrogate"),
            "{field}: {}",
            string(&err, "message")
        );
    }
}

#[wasm_bindgen_test]
async fn a_callers_error_is_kept_only_as_a_rebuilt_masked_copy() {
    require_mock!();
    // A ky-style error: the Request (whose headers hold the token) on the error itself, and a
    // cause chain with a code, as undici's `fetch failed` has.
    let (c, record) = client_with_fetch(
        "const socket = Object.assign(new Error('connect ECONNREFUSED ' + request.headers.get('x-acs-dingtalk-access-token')), { code: 'ECONNREFUSED' }); \
         const error = new TypeError('fetch failed', { cause: socket }); \
         error.request = request; error.options = { headers: { token: request.headers.get('x-acs-dingtalk-access-token') } }; \
         record.thrown = error; throw error;",
    );
    let err = dingtalk_error(
        get_cal(&c, "user-alice", "cal-public-holidays").await,
        "network",
    );
    let cause = get(&err, "cause");
    assert!(
        !Object::is(&cause, &get(&record, "thrown")),
        "never the thrown object"
    );
    assert_eq!(string(&cause, "name"), "TypeError");
    assert_eq!(string(&cause, "message"), "fetch failed");
    for key in ["request", "options", "stack"] {
        if key != "stack" {
            assert!(!has(&cause, key), "{key} is not copied");
        }
    }
    let inner = get(&cause, "cause");
    assert_eq!(string(&inner, "code"), "ECONNREFUSED");
    assert!(
        string(&inner, "message").starts_with("connect ECONNREFUSED [redacted]"),
        "{}",
        string(&inner, "message")
    );
    let printed = String::from(JSON::stringify(&cause).expect("JSON"));
    assert!(!printed.contains(TOKEN), "{printed}");
}

/// The wasm memory's size in bytes.
fn wasm_memory_bytes() -> f64 {
    let buffer = get(&wasm_bindgen::memory(), "buffer");
    number(&buffer, "byteLength")
}

#[wasm_bindgen_test]
async fn timed_out_calls_whose_promises_never_settle_leave_nothing_behind() {
    require_mock!();
    let never = Function::new_no_args("return new Promise(() => {});");
    let token_never = client_with_token(&never, r#"{ "timeoutMs": 1, "retry": false }"#);
    let (fetch_never, _) = client_with_fetch("return new Promise(() => {});");
    let batch = |c: &CalendarClient| {
        let calls = Array::new();
        for _ in 0..100 {
            calls.push(&c.get_subscribed_calendar(
                js("user-alice"),
                js("cal-public-holidays"),
                Some(json(r#"{ "timeoutMs": 1 }"#)),
            ));
        }
        JsFuture::from(Promise::all_settled(&calls))
    };
    for _ in 0..10 {
        batch(&token_never).await.unwrap();
        batch(&fetch_never).await.unwrap();
    }
    let warm = wasm_memory_bytes();
    for _ in 0..25 {
        batch(&token_never).await.unwrap();
        batch(&fetch_never).await.unwrap();
    }
    // 5,000 calls: the 90 bytes each used to keep would be about 440 KiB.
    let grown = wasm_memory_bytes() - warm;
    assert!(
        grown <= 65_536.0,
        "wasm memory grew {grown} bytes over 5,000 timed-out calls"
    );
    let err = dingtalk_error(
        get_cal(&token_never, "user-alice", "cal-public-holidays").await,
        "timeout",
    );
    assert_eq!(number(&err, "attempts"), 0.0);
}

#[wasm_bindgen_test]
async fn a_retry_after_past_the_cap_ends_the_retrying_however_long_and_says_so() {
    require_mock!();
    // Through the caller's fetch, whose headers every engine lets the client read (a page
    // cannot read the mock's: DingTalk exposes no header to CORS).
    for header in ["9999999999", "Fri, 01 Jan 2100 00:00:00 GMT"] {
        let opts = options("{}");
        let fetch = Function::new_with_args(
            "header",
            "return () => new Response(JSON.stringify({ code: 'system.busy', message: 'busy' }), \
             { status: 429, headers: { 'retry-after': header } });",
        )
        .call1(&JsValue::UNDEFINED, &js(header))
        .expect("a fetch");
        set(&opts, "fetch", &fetch);
        let c = CalendarClient::new(opts).expect("client");
        let err = dingtalk_error(
            get_cal(&c, "user-alice", "cal-public-holidays").await,
            "throttled",
        );
        assert_eq!(
            number(&err, "attempts"),
            1.0,
            "{header}: not retried at once"
        );
        assert_eq!(get(&err, "retryable"), JsValue::TRUE);
        assert!(
            string(&err, "message").contains("Retry-After asked for a wait of"),
            "{}",
            string(&err, "message")
        );
    }
}
