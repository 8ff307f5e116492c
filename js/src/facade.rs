//! The `#[wasm_bindgen]` surface: `CalendarClient` and the TypeScript types. Converts, nothing
//! more; every method returns a promise and never throws synchronously.

use alloc::string::String;
use js_sys::Promise;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::future_to_promise;

use dingtalk_calendar::__facade::{
    create_body, decode_body, send, update_body, Endpoint, ErrorParts,
};
use dingtalk_calendar::{Client, Error};
use dingtalk_calendar::{CreatedCalendar, ResultResponse, SubscribedCalendar};

use crate::interop::{
    calendar_update_arg, call_options, client_from_options, error_to_js, new_calendar_arg,
    string_arg, ToJs,
};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A subscribed calendar. Fields DingTalk leaves out are not on the object at all. */
export interface SubscribedCalendar {
  calendarId: string;
  name?: string;
  description?: string;
  /** The creator's unionId. */
  author?: string;
  /** unionIds of the users who may edit it. */
  managers?: string[];
  subscribeScope?: SubscribeScope;
}

/** Who may subscribe to a calendar. */
export interface SubscribeScope {
  unionIds?: string[];
  openConversationIds?: string[];
  corpIds?: string[];
}

/** The answer of delete, unsubscribe and update. */
export interface ResultResponse {
  result: boolean;
}

/** A calendar to create. Only the fields given are sent. */
export interface NewSubscribedCalendar {
  /** The title; not blank (DingTalk takes up to 127 characters). */
  name: string;
  description?: string | undefined;
  /** unionIds of the users who may edit it besides its author. */
  managers?: string[] | undefined;
  /** Who may subscribe; the creator must be inside one of its organisations or group chats. */
  subscribeScope: SubscribeScope;
}

/** The fields an update changes: at least one; a scope given replaces the old one. */
export type SubscribedCalendarUpdate = {
  name?: string | undefined;
  description?: string | undefined;
  managers?: string[] | undefined;
  subscribeScope?: SubscribeScope | undefined;
} & (
  | { name: string }
  | { description: string }
  | { managers: string[] }
  | { subscribeScope: SubscribeScope }
);

/** The answer of create. */
export interface CreatedCalendar {
  calendarId: string;
}

/**
 * Asked before every attempt, so a refreshed token is used by the next request. When DingTalk
 * refuses the token it gave (401, `InvalidAuthentication`, `accesstoken.expired`), it is asked
 * once more with `refresh: true` and the request is sent again, once per call: a function that
 * caches its token should fetch a new one then.
 */
export type AccessTokenProvider = (request: { refresh: boolean }) => string | Promise<string>;

/** Retries of throttled calls (and, for reads, of timeouts, network failures and 5xx). */
export interface RetryOptions {
  /** Retries after the first attempt, 0 to 10. Default 2. */
  maxRetries?: number | undefined;
  /** The first backoff in ms; each retry doubles it. Default 250. */
  baseDelayMs?: number | undefined;
  /** The longest wait in ms. Default 8000. */
  maxDelayMs?: number | undefined;
}

export interface CalendarClientOptions {
  /** The access token, or a function that returns one. */
  accessToken: string | AccessTokenProvider;
  /** Default `https://api.dingtalk.com` (also for `null`). Plain http only to localhost, 127.0.0.1 or [::1]. */
  baseUrl?: string | null | undefined;
  /** Per-attempt timeout in ms. Default 10000. */
  timeoutMs?: number | undefined;
  /** Retry settings, or `false` for none. */
  retry?: RetryOptions | false | undefined;
  /** Used instead of the global `fetch`. */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
}

export interface CallOptions {
  /** Cancels the call, waiting retries included. */
  signal?: AbortSignal | undefined;
  /** Overrides the client's per-attempt timeout for this call. */
  timeoutMs?: number | undefined;
}

export type DingTalkErrorKind =
  | "invalidArgument"
  | "api"
  | "throttled"
  | "auth"
  | "network"
  | "timeout"
  | "aborted"
  | "decode";

/**
 * DingTalk's documented error codes, so editors complete them and a typo stands out; any other
 * string DingTalk sends comes through too.
 */
export type DingTalkErrorCode =
  | "invalidParameter"
  | "permissionDenied"
  | "InvalidAuthentication"
  | "accesstoken.expired"
  | "Forbidden.AccessDenied.QpsOverLimit"
  | "Forbidden.AccessDenied.QpmOverLimit"
  | "system.busy"
  | "invalidClientIdOrSecret"
  | "exceedSubscribeLimit"
  | (string & {});

/** What `JSON.stringify(error)` gives. */
export interface DingTalkErrorJSON {
  name: "DingTalkError";
  message: string;
  kind: DingTalkErrorKind;
  status?: number;
  code?: string;
  requestId?: string;
  retryable: boolean;
  attempts: number;
}

/** What every `DingTalkError` has, whatever its kind. */
export interface DingTalkErrorBase extends Error {
  readonly name: "DingTalkError";
  /** What went wrong; narrows the error (see `DingTalkError`). */
  readonly kind: DingTalkErrorKind;
  /** DingTalk's request id, from the body or the `x-acs-request-id` header. */
  readonly requestId?: string;
  /** Whether trying again later could succeed. */
  readonly retryable: boolean;
  /** How many requests were sent. */
  readonly attempts: number;
  toJSON(): DingTalkErrorJSON;
}

/** Bad input, refused before any request: nothing was sent, so no status. */
export interface DingTalkInvalidArgumentError extends DingTalkErrorBase {
  readonly kind: "invalidArgument";
  readonly status?: undefined;
  readonly code?: undefined;
}
/** DingTalk answered with an error. `code` is absent where the body was not DingTalk's format. */
export interface DingTalkApiError extends DingTalkErrorBase {
  readonly kind: "api";
  readonly status: number;
  readonly code?: DingTalkErrorCode;
}
/** Rate limited (429, or 403 with a QPS/QPM code), and the retries are spent. */
export interface DingTalkThrottledError extends DingTalkErrorBase {
  readonly kind: "throttled";
  readonly status: number;
  readonly code?: DingTalkErrorCode;
}
/** The token provider failed; `cause` holds what it threw (`appAccessToken`'s own error has DingTalk's `status` and `code`). */
export interface DingTalkAuthError extends DingTalkErrorBase {
  readonly kind: "auth";
  readonly status?: number;
  readonly code?: DingTalkErrorCode;
}
/** No usable answer (a status where the body stopped halfway). */
export interface DingTalkNetworkError extends DingTalkErrorBase {
  readonly kind: "network";
  readonly status?: number;
  readonly code?: undefined;
}
/** An attempt took longer than its timeout. */
export interface DingTalkTimeoutError extends DingTalkErrorBase {
  readonly kind: "timeout";
  readonly status?: undefined;
  readonly code?: undefined;
}
/** The caller's `AbortSignal` fired; `cause` is its reason. */
export interface DingTalkAbortedError extends DingTalkErrorBase {
  readonly kind: "aborted";
  readonly status?: undefined;
  readonly code?: undefined;
}
/** A 2xx answer not of the documented shape. */
export interface DingTalkDecodeError extends DingTalkErrorBase {
  readonly kind: "decode";
  readonly status: number;
  readonly code?: DingTalkErrorCode;
}

/**
 * Every failure of a `CalendarClient` call rejects with one of these; `kind` narrows it, so
 * `error.kind === "api"` gives `status: number`, and a `switch` on `kind` can be exhaustive.
 */
export type DingTalkError =
  | DingTalkInvalidArgumentError
  | DingTalkApiError
  | DingTalkThrottledError
  | DingTalkAuthError
  | DingTalkNetworkError
  | DingTalkTimeoutError
  | DingTalkAbortedError
  | DingTalkDecodeError;

/** What `DingTalkError.from` takes: a kind, and the fields that kind has. */
export type DingTalkErrorInit = {
  [K in DingTalkErrorKind]: {
    kind: K;
    message?: string | undefined;
    requestId?: string | undefined;
    retryable?: boolean | undefined;
    attempts?: number | undefined;
    cause?: unknown;
  } & Pick<Extract<DingTalkError, { kind: K }>, "status" | "code">;
}[DingTalkErrorKind];

export interface DingTalkErrorConstructor {
  /** True for a `DingTalkError` of any copy of the package (a brand, not the prototype chain). */
  [Symbol.hasInstance](value: unknown): value is DingTalkError;
  readonly prototype: DingTalkError;
  /**
   * A `DingTalkError` for test doubles of your own code, e.g. a stubbed client whose call
   * rejects: `DingTalkError.from({ kind: "api", status: 403, code: "permissionDenied" })`.
   */
  from<I extends DingTalkErrorInit>(init: I): Extract<DingTalkError, { kind: I["kind"] }>;
}

/** Made by the client; `DingTalkError.from` makes one for tests. */
export declare const DingTalkError: DingTalkErrorConstructor;
"#;

/// A DingTalk subscribed-calendar client. Its wasm memory (a few hundred bytes) is released
/// when it is garbage-collected; `free()`, or `using client = new CalendarClient(…)`, releases
/// it at once, after which every call rejects.
#[wasm_bindgen]
pub struct CalendarClient {
    client: Client,
}

#[wasm_bindgen]
impl CalendarClient {
    /// Checks the options; throws a `DingTalkError` (`kind: "invalidArgument"`) when they are wrong.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "CalendarClientOptions")] options: JsValue,
    ) -> Result<CalendarClient, JsValue> {
        client_from_options(&options)
            .map(|client| CalendarClient { client })
            .map_err(|e| error_to_js(&e))
    }

    /// The calendar, for its author or a manager.
    #[wasm_bindgen(js_name = getSubscribedCalendar, unchecked_return_type = "Promise<SubscribedCalendar>")]
    pub fn get_subscribed_calendar(
        &self,
        #[wasm_bindgen(js_name = userId, unchecked_param_type = "string")] user_id: JsValue,
        #[wasm_bindgen(js_name = calendarId, unchecked_param_type = "string")] calendar_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.run(
            Endpoint::GetSubscribedCalendar,
            user_id,
            calendar_id,
            options,
        )
    }

    /// Deletes the calendar (its author only); everyone is unsubscribed.
    #[wasm_bindgen(js_name = deleteSubscribedCalendar, unchecked_return_type = "Promise<ResultResponse>")]
    pub fn delete_subscribed_calendar(
        &self,
        #[wasm_bindgen(js_name = userId, unchecked_param_type = "string")] user_id: JsValue,
        #[wasm_bindgen(js_name = calendarId, unchecked_param_type = "string")] calendar_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.run(
            Endpoint::DeleteSubscribedCalendar,
            user_id,
            calendar_id,
            options,
        )
    }

    /// Unsubscribes the user from a public calendar.
    #[wasm_bindgen(js_name = unsubscribeCalendar, unchecked_return_type = "Promise<ResultResponse>")]
    pub fn unsubscribe_calendar(
        &self,
        #[wasm_bindgen(js_name = userId, unchecked_param_type = "string")] user_id: JsValue,
        #[wasm_bindgen(js_name = calendarId, unchecked_param_type = "string")] calendar_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.run(Endpoint::UnsubscribeCalendar, user_id, calendar_id, options)
    }

    /// Creates a calendar whose author is `userId` (who must be inside its scope). Never sent
    /// twice after an unclear failure (a timeout, a 5xx): a second create would make a second
    /// calendar. A page cannot call it on DingTalk: DingTalk's CORS policy refuses the JSON
    /// body's `Content-Type`; call it from a server, a Worker or a proxy.
    #[wasm_bindgen(js_name = createSubscribedCalendar, unchecked_return_type = "Promise<CreatedCalendar>")]
    pub fn create_subscribed_calendar(
        &self,
        #[wasm_bindgen(js_name = userId, unchecked_param_type = "string")] user_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "NewSubscribedCalendar")] calendar: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.run_with_body(
            Endpoint::CreateSubscribedCalendar,
            user_id,
            JsValue::UNDEFINED,
            calendar,
            options,
        )
    }

    /// Changes the fields `update` gives (the author or a manager). As for create, not from a
    /// page on DingTalk's origin.
    #[wasm_bindgen(js_name = updateSubscribedCalendar, unchecked_return_type = "Promise<ResultResponse>")]
    pub fn update_subscribed_calendar(
        &self,
        #[wasm_bindgen(js_name = userId, unchecked_param_type = "string")] user_id: JsValue,
        #[wasm_bindgen(js_name = calendarId, unchecked_param_type = "string")] calendar_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SubscribedCalendarUpdate")] update: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.run_with_body(
            Endpoint::UpdateSubscribedCalendar,
            user_id,
            calendar_id,
            update,
            options,
        )
    }

    /// Subscribes the user (who must be inside the calendar's scope) to it.
    #[wasm_bindgen(js_name = subscribeCalendar, unchecked_return_type = "Promise<void>")]
    pub fn subscribe_calendar(
        &self,
        #[wasm_bindgen(js_name = userId, unchecked_param_type = "string")] user_id: JsValue,
        #[wasm_bindgen(js_name = calendarId, unchecked_param_type = "string")] calendar_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.run(Endpoint::SubscribeCalendar, user_id, calendar_id, options)
    }
}

impl CalendarClient {
    fn run(
        &self,
        endpoint: Endpoint,
        user_id: JsValue,
        calendar_id: JsValue,
        options: Option<JsValue>,
    ) -> Promise {
        self.run_with_body(endpoint, user_id, calendar_id, JsValue::UNDEFINED, options)
    }

    /// Every call: the arguments read in order (ids, body, options), then sent, then decoded
    /// per answer type; any refusal rejects the promise, nothing thrown.
    fn run_with_body(
        &self,
        endpoint: Endpoint,
        user_id: JsValue,
        calendar_id: JsValue,
        body: JsValue,
        options: Option<JsValue>,
    ) -> Promise {
        let client = self.client.clone();
        future_to_promise(async move {
            let outcome: Result<JsValue, Error> = async {
                let user_id = string_arg(&user_id, "userId")?;
                let calendar_id = if endpoint.names_calendar() {
                    string_arg(&calendar_id, "calendarId")?
                } else {
                    String::new()
                };
                let body = match endpoint {
                    Endpoint::CreateSubscribedCalendar => {
                        Some(create_body(&new_calendar_arg(&body)?)?)
                    }
                    Endpoint::UpdateSubscribedCalendar => {
                        Some(update_body(&calendar_update_arg(&body)?)?)
                    }
                    _ => None,
                };
                let options = call_options(&options.unwrap_or(JsValue::UNDEFINED))?;
                let (answer, attempts) = send(
                    &client,
                    endpoint,
                    &user_id,
                    &calendar_id,
                    body.as_deref(),
                    &options,
                )
                .await?;
                // Decoded per type here and the attempts added once for all, rather than
                // through call::decode_sent, which would add them once per type (make size).
                match endpoint {
                    Endpoint::GetSubscribedCalendar => {
                        decode_body::<SubscribedCalendar, _>(endpoint, answer).map(|v| v.to_js())
                    }
                    Endpoint::CreateSubscribedCalendar => {
                        decode_body::<CreatedCalendar, _>(endpoint, answer).map(|v| v.to_js())
                    }
                    Endpoint::SubscribeCalendar => {
                        decode_body::<(), _>(endpoint, answer).map(|()| JsValue::UNDEFINED)
                    }
                    _ => decode_body::<ResultResponse, _>(endpoint, answer).map(|v| v.to_js()),
                }
                .map_err(|e| e.with_attempts(attempts))
            }
            .await;
            outcome.map_err(|e| error_to_js(&e))
        })
    }
}
