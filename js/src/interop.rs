//! Every conversion of the JS surface lives here: options in, results and errors out. (A body's
//! JSON comes in through `json`, below the transport.)

use alloc::borrow::ToOwned;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use js_sys::{Array, Function, JsString, Object, Reflect};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::AbortSignal;

use dingtalk_calendar::__facade::{
    build, call_function, check_retry_policy, concat, decimal, get, get_own, has_lone_surrogate,
    js_fields, retry_numbers, retry_policy as policy_of, token_from_provider, truncate,
    CallOptions, ErrorParts, RetryProblem, Settled, DEFAULT_TIMEOUT_MS, MAX_DELAY_LIMIT_MS,
    MAX_RETRIES_LIMIT, MAX_TIMEOUT_MS,
};
use dingtalk_calendar::{
    AccessToken, Client, ClientBuilder, CreatedCalendar, Error, ErrorKind, NewSubscribedCalendar,
    ResultResponse, RetryPolicy, SubscribeScope, SubscribedCalendar, SubscribedCalendarUpdate,
};

#[wasm_bindgen(module = "/src/dingtalk_error.js")]
extern "C" {
    #[wasm_bindgen(extends = js_sys::Error)]
    type DingTalkError;

    // Never called: it makes the module export the class itself. (A `reexport` on the type
    // would also emit `let DingTalkError: unknown` to TypeScript; the real declaration is in
    // the facade's TypeScript section.)
    #[wasm_bindgen(js_name = DingTalkError, reexport, skip_typescript)]
    fn dingtalk_error_class();

    #[wasm_bindgen(constructor)]
    fn new(message: &str, fields: &Object) -> DingTalkError;

    // Never called from Rust: re-exported for the package's entries, which apply it to
    // `CalendarClient` once the module is loaded (see dingtalk_error.js).
    #[wasm_bindgen(js_name = rejectInsteadOfThrowing, reexport, skip_typescript)]
    fn reject_instead_of_throwing();
}

/// `error` as a JS `DingTalkError`, every field that applies filled.
pub(crate) fn error_to_js(error: &Error) -> JsValue {
    let fields = object(&js_fields(error));
    DingTalkError::new(error.message(), fields.unchecked_ref()).into()
}

/// A plain JS object of `fields`; a `None` value leaves its key off.
fn object(fields: &[(&str, Option<JsValue>)]) -> JsValue {
    let object = Object::new();
    for (key, value) in fields {
        if let Some(value) = value {
            let _ = Reflect::set(&object, &JsValue::from_str(key), value);
        }
    }
    object.into()
}

/// A result as the plain object its TypeScript interface describes: the model's serde names
/// (`rename_all = "camelCase"`), a field DingTalk left out is no key at all, lists are arrays.
/// Written out rather than serde-wasm-bindgen's `to_value`, which cost 2,167 B of gzipped wasm
/// (its interned-key cache, serde's serializer); the wasm suites hold the objects to the shape.
pub(crate) trait ToJs {
    /// The plain object.
    fn to_js(&self) -> JsValue;
}

impl ToJs for SubscribedCalendar {
    fn to_js(&self) -> JsValue {
        let text = |value: &Option<String>| value.as_deref().map(JsValue::from_str);
        object(&[
            ("calendarId", Some(JsValue::from_str(&self.calendar_id))),
            ("name", text(&self.name)),
            ("description", text(&self.description)),
            ("author", text(&self.author)),
            ("managers", strings(&self.managers)),
            (
                "subscribeScope",
                self.subscribe_scope.as_ref().map(ToJs::to_js),
            ),
        ])
    }
}

impl ToJs for SubscribeScope {
    fn to_js(&self) -> JsValue {
        object(&[
            ("unionIds", strings(&self.union_ids)),
            ("openConversationIds", strings(&self.open_conversation_ids)),
            ("corpIds", strings(&self.corp_ids)),
        ])
    }
}

impl ToJs for ResultResponse {
    fn to_js(&self) -> JsValue {
        object(&[("result", Some(JsValue::from_bool(self.result)))])
    }
}

impl ToJs for CreatedCalendar {
    fn to_js(&self) -> JsValue {
        object(&[("calendarId", Some(JsValue::from_str(&self.calendar_id)))])
    }
}

/// A list of strings as a JS array.
fn strings(list: &Option<Vec<String>>) -> Option<JsValue> {
    let list = list.as_ref()?;
    Some(
        list.iter()
            .map(|s| JsValue::from_str(s))
            .collect::<Array>()
            .into(),
    )
}

/// Whether `value` is an object and not an array.
fn is_plain_object(value: &JsValue) -> bool {
    value.is_object() && !Array::is_array(value)
}

// ---- arguments ---------------------------------------------------------------------------

/// An options object's own `key` (never one inherited from a polluted `Object.prototype`: a
/// `baseUrl` there would send the token elsewhere). A getter that throws is bad input, never
/// taken as absent: an absent `baseUrl` would mean DingTalk's host, which the caller never chose.
fn option(options: &JsValue, key: &'static str, argument: &str) -> Result<JsValue, Error> {
    get_own(options, key)
        .map_err(|_| Error::invalid_argument(argument, "could not be read (its getter threw)"))
}

fn is_absent(value: &JsValue) -> bool {
    value.is_undefined() || value.is_null()
}

/// A JS string argument, refused when it is anything else: a `String` parameter would turn
/// `undefined` into the id `"undefined"`.
pub(crate) fn string_arg(value: &JsValue, argument: &str) -> Result<String, Error> {
    let Some(js) = value.dyn_ref::<JsString>() else {
        let what = if value.is_undefined() {
            "is missing".to_owned()
        } else {
            concat(&["must be a string, not ", type_name(value)])
        };
        return Err(Error::invalid_argument(argument, &what));
    };
    if has_lone_surrogate(js) {
        // Converting would silently replace the lone surrogate and name another id.
        return Err(Error::invalid_argument(
            argument,
            "is not valid Unicode (it has a lone surrogate)",
        ));
    }
    Ok(String::from(js))
}

/// What a value is, as an English phrase ("an array", "undefined", "a number").
fn type_name(value: &JsValue) -> &'static str {
    if value.is_null() {
        "null"
    } else if value.is_undefined() {
        "undefined"
    } else if Array::is_array(value) {
        "an array"
    } else if value.is_function() {
        "a function"
    } else if value.is_object() {
        "an object"
    } else if value.is_string() {
        "a string"
    } else if value.as_bool().is_some() {
        "a boolean"
    } else if value.as_f64().is_some() {
        "a number"
    } else {
        "another value"
    }
}

/// A whole number of milliseconds in `min..=max`, or an error naming `argument`.
fn millis(value: &JsValue, argument: &str, min: u32, max: u32) -> Result<u32, Error> {
    match value.as_f64() {
        // Whole (`f64::fract` is std's) and in range; NaN is neither.
        Some(n) if n >= f64::from(min) && n <= f64::from(max) && f64::from(n as u32) == n => {
            Ok(n as u32)
        }
        _ => Err(Error::invalid_argument(
            argument,
            &concat(&[
                "must be a whole number from ",
                &decimal(min.into()),
                " to ",
                &decimal(max.into()),
            ]),
        )),
    }
}

/// Reads the options object of `new CalendarClient(options)`.
pub(crate) fn client_from_options(options: &JsValue) -> Result<Client, Error> {
    if !is_plain_object(options) {
        return Err(Error::invalid_argument(
            "options",
            "must be an object such as { accessToken: \"…\" }",
        ));
    }
    let token = option(options, "accessToken", "accessToken")?;
    let token = if let Some(provider) = token.dyn_ref::<Function>() {
        js_token_provider(provider.clone())
    } else if is_absent(&token) {
        return Err(Error::invalid_argument("accessToken", "is missing"));
    } else if token.is_string() {
        AccessToken::fixed(string_arg(&token, "accessToken")?)
    } else {
        return Err(Error::invalid_argument(
            "accessToken",
            "must be a string or a function returning one",
        ));
    };
    let mut builder: ClientBuilder = Client::builder(token);
    let base_url = option(options, "baseUrl", "baseUrl")?;
    if !is_absent(&base_url) {
        builder = builder.base_url(string_arg(&base_url, "baseUrl")?);
    }
    let timeout = option(options, "timeoutMs", "timeoutMs")?;
    let timeout_ms = if is_absent(&timeout) {
        DEFAULT_TIMEOUT_MS
    } else {
        millis(&timeout, "timeoutMs", 1, MAX_TIMEOUT_MS)?
    };
    builder = builder.retry(retry_policy(&option(options, "retry", "retry")?)?);
    let fetch = option(options, "fetch", "fetch")?;
    if !is_absent(&fetch) {
        let fetch = fetch.dyn_into::<Function>().map_err(|_| {
            Error::invalid_argument(
                "fetch",
                "must be a function (request: Request) => Promise<Response>",
            )
        })?;
        builder = builder.fetch(fetch);
    }
    build(builder, timeout_ms)
}

/// `retry`: absent or `true` for the defaults, `false` for none, or an object whose missing
/// fields take the defaults.
fn retry_policy(value: &JsValue) -> Result<RetryPolicy, Error> {
    let defaults = retry_numbers(&RetryPolicy::default());
    if is_absent(value) || value.as_bool() == Some(true) {
        return Ok(RetryPolicy::default());
    }
    if value.as_bool() == Some(false) {
        return Ok(RetryPolicy::disabled());
    }
    if !is_plain_object(value) {
        return Err(Error::invalid_argument(
            "retry",
            "must be false or an object such as { maxRetries: 2 }",
        ));
    }
    let field = |key: &'static str, argument: &str, default: u32, max: u32| {
        let v = option(value, key, argument)?;
        if is_absent(&v) {
            Ok(default)
        } else {
            millis(&v, argument, 0, max)
        }
    };
    let policy = policy_of(
        field(
            "maxRetries",
            "retry.maxRetries",
            defaults.max_retries,
            MAX_RETRIES_LIMIT,
        )?,
        field(
            "baseDelayMs",
            "retry.baseDelayMs",
            defaults.base_delay_ms,
            MAX_DELAY_LIMIT_MS,
        )?,
        field(
            "maxDelayMs",
            "retry.maxDelayMs",
            defaults.max_delay_ms,
            MAX_DELAY_LIMIT_MS,
        )?,
    );
    check_retry_policy(&policy).map_err(|problem| match problem {
        RetryProblem::TooManyRetries => {
            Error::invalid_argument("retry.maxRetries", "must be at most 10")
        }
        RetryProblem::MaxDelayTooLong => {
            Error::invalid_argument("retry.maxDelayMs", "must be at most 600000")
        }
        RetryProblem::BaseDelayOverMax => {
            Error::invalid_argument("retry.baseDelayMs", "must not exceed retry.maxDelayMs")
        }
    })?;
    Ok(policy)
}

/// Wraps a JS `({ refresh }) => string | Promise<string>`; what it throws or rejects with
/// becomes the error's `cause`, and is never put in the message (it may quote a token).
fn js_token_provider(provider: Function) -> AccessToken {
    token_from_provider(move |request| {
        let argument = object(&[("refresh", Some(JsValue::from_bool(request.refresh)))]);
        let returned = call_function(&provider, &[&argument]);
        Box::pin(async move {
            let failed = |cause: JsValue| {
                Error::of_kind(
                    ErrorKind::Auth,
                    "the accessToken provider threw or rejected (see cause)",
                )
                .with_retryable(true)
                .with_cause(cause)
            };
            let value = returned.map_err(failed)?;
            let value = Settled::new(&value).await.map_err(failed)?;
            if !value.is_string() {
                let what = concat(&[
                    "the accessToken provider returned ",
                    type_name(&value),
                    ", not a string",
                ]);
                return Err(Error::of_kind(ErrorKind::Auth, what).with_retryable(false));
            }
            string_arg(&value, "accessToken")
                .map_err(|e| Error::of_kind(ErrorKind::Auth, e.message()).with_retryable(false))
        })
    })
}

/// Reads a call's `options`: `{ signal?, timeoutMs? }`.
pub(crate) fn call_options(options: &JsValue) -> Result<CallOptions, Error> {
    if is_absent(options) {
        return Ok(CallOptions::default());
    }
    if !is_plain_object(options) {
        return Err(Error::invalid_argument(
            "options",
            "must be an object such as { signal, timeoutMs }",
        ));
    }
    let mut parsed = CallOptions::default();
    let timeout = option(options, "timeoutMs", "options.timeoutMs")?;
    if !is_absent(&timeout) {
        parsed.timeout_ms = Some(millis(&timeout, "options.timeoutMs", 1, MAX_TIMEOUT_MS)?);
    }
    let signal = option(options, "signal", "options.signal")?;
    if !is_absent(&signal) {
        // Duck-typed: a signal from another realm or a polyfill is still a signal. Its members
        // live on its prototype.
        let member = |key| get(&signal, key).unwrap_or_default();
        let looks_like_signal = member("aborted").as_bool().is_some()
            && member("addEventListener").is_function()
            && member("removeEventListener").is_function();
        if !looks_like_signal {
            return Err(Error::invalid_argument(
                "options.signal",
                "must be an AbortSignal",
            ));
        }
        parsed.signal = Some(signal.unchecked_into::<AbortSignal>());
    }
    Ok(parsed)
}

// ---- request bodies ----------------------------------------------------------------------

/// The most entries a list in a calendar (managers, a scope's ids) may have, and the most
/// UTF-16 units a string may have, read before anything is copied into the wasm: far above any
/// calendar DingTalk takes, the body's own cap (1 MiB as JSON) says the rest.
const MAX_LIST_ENTRIES: u32 = 10_000;
const MAX_FIELD_UNITS: u32 = 1 << 20;

/// Refuses every own key of `value` not in `known`: a typo (`nmae`) must never become a field
/// silently not sent, least of all in an update.
fn only_known_keys(
    value: &JsValue,
    known: &[&str],
    known_list: &str,
    argument: &str,
) -> Result<(), Error> {
    // Reflect.ownKeys, caught: a Proxy's trap may throw.
    let keys = Reflect::own_keys(value.unchecked_ref())
        .map_err(|_| Error::invalid_argument(argument, "could not be read (its keys threw)"))?;
    for key in keys.iter() {
        let key = key.as_string().unwrap_or_else(|| "a symbol".to_owned());
        if !known.contains(&key.as_str()) {
            return Err(Error::invalid_argument(
                argument,
                &concat(&[
                    "has a field this call does not know: `",
                    &truncate(&key, 40),
                    "` (it takes ",
                    known_list,
                    ")",
                ]),
            ));
        }
    }
    Ok(())
}

/// A string field, `None` when absent (`undefined` or `null`: neither is sent).
fn optional_text(
    value: &JsValue,
    key: &'static str,
    argument: &str,
) -> Result<Option<String>, Error> {
    let field = option(value, key, argument)?;
    if is_absent(&field) {
        return Ok(None);
    }
    if field
        .dyn_ref::<JsString>()
        .is_some_and(|s| s.length() > MAX_FIELD_UNITS)
    {
        return Err(Error::invalid_argument(
            argument,
            "is longer than 1048576 characters",
        ));
    }
    string_arg(&field, argument).map(Some)
}

/// A list of strings, `None` when absent.
fn optional_list(
    value: &JsValue,
    key: &'static str,
    argument: &str,
) -> Result<Option<Vec<String>>, Error> {
    let field = option(value, key, argument)?;
    if is_absent(&field) {
        return Ok(None);
    }
    let Some(list) = field.dyn_ref::<Array>() else {
        return Err(Error::invalid_argument(
            argument,
            "must be an array of strings",
        ));
    };
    if list.length() > MAX_LIST_ENTRIES {
        return Err(Error::invalid_argument(
            argument,
            "has more than 10000 entries",
        ));
    }
    let mut strings = Vec::with_capacity(list.length() as usize);
    for (index, item) in list.iter().enumerate() {
        match item.dyn_ref::<JsString>() {
            Some(text) if text.length() <= MAX_FIELD_UNITS && !has_lone_surrogate(text) => {
                strings.push(String::from(text));
            }
            // Named only when refused: `calendar.managers[2]`.
            _ => {
                let name = concat(&[argument, "[", &decimal(index as u64), "]"]);
                return Err(match item.dyn_ref::<JsString>() {
                    Some(text) if text.length() > MAX_FIELD_UNITS => {
                        Error::invalid_argument(&name, "is longer than 1048576 characters")
                    }
                    _ => string_arg(&item, &name)
                        .err()
                        .unwrap_or_else(|| Error::invalid_argument(&name, "must be a string")),
                });
            }
        }
    }
    Ok(Some(strings))
}

const SCOPE_KEYS: [&str; 3] = ["unionIds", "openConversationIds", "corpIds"];
const CALENDAR_KEYS: [&str; 4] = ["name", "description", "managers", "subscribeScope"];
// Written out once each: a `join` at run time would bring alloc's join machinery into the wasm.
const SCOPE_KEY_LIST: &str = "unionIds, openConversationIds, corpIds";
const CALENDAR_KEY_LIST: &str = "name, description, managers, subscribeScope";

/// A `subscribeScope`: an object of the three lists.
fn scope_arg(value: &JsValue, argument: &str) -> Result<SubscribeScope, Error> {
    if !is_plain_object(value) {
        return Err(Error::invalid_argument(
            argument,
            "must be an object such as { corpIds: [\"…\"] }",
        ));
    }
    only_known_keys(value, &SCOPE_KEYS, SCOPE_KEY_LIST, argument)?;
    let field = |key: &'static str| optional_list(value, key, &concat(&[argument, ".", key]));
    Ok(SubscribeScope {
        union_ids: field("unionIds")?,
        open_conversation_ids: field("openConversationIds")?,
        corp_ids: field("corpIds")?,
    })
}

/// `createSubscribedCalendar`'s `calendar`: `{ name, description?, managers?, subscribeScope }`.
pub(crate) fn new_calendar_arg(value: &JsValue) -> Result<NewSubscribedCalendar, Error> {
    if !is_plain_object(value) {
        return Err(Error::invalid_argument(
            "calendar",
            "must be an object such as { name, subscribeScope }",
        ));
    }
    only_known_keys(value, &CALENDAR_KEYS, CALENDAR_KEY_LIST, "calendar")?;
    let name = optional_text(value, "name", "calendar.name")?
        .ok_or_else(|| Error::invalid_argument("calendar.name", "is missing"))?;
    let scope = option(value, "subscribeScope", "calendar.subscribeScope")?;
    if is_absent(&scope) {
        return Err(Error::invalid_argument(
            "calendar.subscribeScope",
            "is missing",
        ));
    }
    let mut calendar =
        NewSubscribedCalendar::new(name, scope_arg(&scope, "calendar.subscribeScope")?);
    calendar.description = optional_text(value, "description", "calendar.description")?;
    calendar.managers = optional_list(value, "managers", "calendar.managers")?;
    Ok(calendar)
}

/// `updateSubscribedCalendar`'s `update`: any of the four fields.
pub(crate) fn calendar_update_arg(value: &JsValue) -> Result<SubscribedCalendarUpdate, Error> {
    if !is_plain_object(value) {
        return Err(Error::invalid_argument(
            "update",
            "must be an object such as { name }",
        ));
    }
    only_known_keys(value, &CALENDAR_KEYS, CALENDAR_KEY_LIST, "update")?;
    let mut update = SubscribedCalendarUpdate::default();
    update.name = optional_text(value, "name", "update.name")?;
    update.description = optional_text(value, "description", "update.description")?;
    update.managers = optional_list(value, "managers", "update.managers")?;
    let scope = option(value, "subscribeScope", "update.subscribeScope")?;
    if !is_absent(&scope) {
        update.subscribe_scope = Some(scope_arg(&scope, "update.subscribeScope")?);
    }
    Ok(update)
}
