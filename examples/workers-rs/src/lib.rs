//! A Cloudflare Worker in Rust: it holds the DingTalk access token (a Worker secret) and serves
//! a frontend's calendar calls through `dingtalk_calendar::Client`, with DingTalk's failures as
//! HTTP statuses.
//!
//! - `POST /calendars/{userId}`: creates a calendar (the body: `NewSubscribedCalendar`'s JSON)
//! - `GET /calendars/{userId}/{calendarId}`: the calendar
//! - `PUT /calendars/{userId}/{calendarId}`: updates it (the body: `SubscribedCalendarUpdate`'s)
//! - `POST /calendars/{userId}/{calendarId}/subscribe`: the user subscribes
//! - `POST /calendars/{userId}/{calendarId}/unsubscribe`: the user leaves it
//! - `DELETE /calendars/{userId}/{calendarId}`: deletes it (its author only)

use dingtalk_calendar::{
    AccessToken, Client, Error, ErrorKind, NewSubscribedCalendar, SubscribedCalendarUpdate,
};
use serde::Serialize;
use worker::{event, Context, Env, Request, Response, Result, RouteContext, Router};

#[event(fetch)]
async fn fetch(request: Request, env: Env, _ctx: Context) -> Result<Response> {
    Router::new()
        .post_async("/calendars/:user", |mut req, ctx| async move {
            let (client, user, _) = call_parts(&ctx)?;
            let Ok(calendar) = req.json::<NewSubscribedCalendar>().await else {
                return not_the_body("a calendar such as { name, subscribeScope }");
            };
            answer(client.create_subscribed_calendar(user, calendar).await)
        })
        .get_async("/calendars/:user/:calendar", |_, ctx| async move {
            let (client, user, calendar) = call_parts(&ctx)?;
            answer(client.get_subscribed_calendar(user, calendar).await)
        })
        .put_async("/calendars/:user/:calendar", |mut req, ctx| async move {
            let (client, user, calendar) = call_parts(&ctx)?;
            let Ok(update) = req.json::<SubscribedCalendarUpdate>().await else {
                return not_the_body("the fields to change, such as { name }");
            };
            answer(
                client
                    .update_subscribed_calendar(user, calendar, update)
                    .await,
            )
        })
        .delete_async("/calendars/:user/:calendar", |_, ctx| async move {
            let (client, user, calendar) = call_parts(&ctx)?;
            answer(client.delete_subscribed_calendar(user, calendar).await)
        })
        .post_async(
            "/calendars/:user/:calendar/subscribe",
            |_, ctx| async move {
                let (client, user, calendar) = call_parts(&ctx)?;
                answer(client.subscribe_calendar(user, calendar).await)
            },
        )
        .post_async(
            "/calendars/:user/:calendar/unsubscribe",
            |_, ctx| async move {
                let (client, user, calendar) = call_parts(&ctx)?;
                answer(client.unsubscribe_calendar(user, calendar).await)
            },
        )
        .run(request, env)
        .await
}

/// The client, from the Worker's secret and settings, and the ids of the route (create's has
/// no calendar: empty).
fn call_parts(ctx: &RouteContext<()>) -> Result<(Client, String, String)> {
    let token = ctx.secret("DINGTALK_ACCESS_TOKEN")?.to_string();
    let mut builder = Client::builder(AccessToken::fixed(token));
    if let Ok(base_url) = ctx.var("DINGTALK_BASE_URL") {
        builder = builder.base_url(base_url.to_string());
    }
    // `?` turns a dingtalk_calendar::Error into a worker::Error (the crate's `worker` feature).
    let client = builder.build()?;
    Ok((client, param(ctx, "user")?, param(ctx, "calendar")?))
}

/// A route parameter as the caller meant it: workers-rs hands it over still percent-encoded
/// (`a%2Fb`), and the client encodes each id as one path segment itself, so it is decoded once
/// here (not decoding would send `a%252Fb`).
fn param(ctx: &RouteContext<()>, name: &str) -> Result<String> {
    let raw = ctx.param(name).map(String::as_str).unwrap_or_default();
    js_sys::decode_uri_component(raw)
        .map(String::from)
        .map_err(|_| worker::Error::RustError(format!("{name} is not valid percent-encoding")))
}

/// A body that is not the JSON a call takes (a field it does not know among them): 400.
fn not_the_body(expected: &str) -> Result<Response> {
    let failure = Failure {
        kind: "invalidArgument",
        code: None,
        message: &format!("the body must be {expected}, as JSON"),
        request_id: None,
    };
    Ok(Response::from_json(&failure)?.with_status(400))
}

/// What a frontend gets when a call failed: never the token (the error's fields are masked).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Failure<'a> {
    kind: &'a str,
    code: Option<&'a str>,
    message: &'a str,
    request_id: Option<&'a str>,
}

fn answer<T: Serialize>(outcome: std::result::Result<T, Error>) -> Result<Response> {
    let error = match outcome {
        Ok(value) => return Response::from_json(&value),
        Err(error) => error,
    };
    let status = match error.kind() {
        ErrorKind::InvalidArgument => 400,
        // DingTalk's 4xx says what was wrong with the request; its 5xx is a bad gateway here.
        ErrorKind::Api => error
            .status()
            .filter(|s| (400..500).contains(s))
            .unwrap_or(502),
        ErrorKind::Throttled => 429,
        ErrorKind::Timeout => 504,
        _ => 502,
    };
    let failure = Failure {
        kind: error.kind().as_str(),
        code: error.code(),
        message: error.message(),
        request_id: error.request_id(),
    };
    Ok(Response::from_json(&failure)?.with_status(status))
}
