//! Create, update and subscribe beside the first three: the whole life of a calendar where a
//! runtime can send DingTalk a JSON body (Node), and in a page, where DingTalk's CORS policy
//! refuses one (create and update fail before they are sent, in words), while subscribe, with
//! no body, works as the first three do.

use super::*;

const SCOPE: &str = r#"{ "corpIds": ["ding-corp-acme"] }"#;

fn new_calendar(name: &str) -> JsValue {
    json(&format!(
        r#"{{ "name": "{name}", "managers": ["user-bob"], "subscribeScope": {SCOPE} }}"#
    ))
}

/// "METHOD path" of what reached DingTalk's routes.
async fn sent() -> Vec<String> {
    journal()
        .await
        .iter()
        .map(|e| format!("{} {}", string(e, "method"), string(e, "path")))
        .collect()
}

#[wasm_bindgen_test]
async fn a_calendar_from_birth_to_deletion() {
    require_mock!();
    reset().await;
    let c = client("{}");
    if in_a_page() {
        // The preflight for Content-Type fails: nothing reaches DingTalk, and the error says
        // why and where to call it from instead.
        let err = dingtalk_error(
            settle(c.create_subscribed_calendar(js("user-alice"), new_calendar("Train"), None))
                .await,
            "network",
        );
        let message = string(&err, "message");
        assert!(
            message.starts_with("createSubscribedCalendar failed: "),
            "{message}"
        );
        assert!(message.contains("DingTalk's CORS policy"), "{message}");
        assert!(
            message.contains("from a server, a Worker or a proxy"),
            "{message}"
        );
        assert_eq!(get(&err, "retryable"), JsValue::FALSE);
        let update = json(r#"{ "name": "x" }"#);
        let err = dingtalk_error(
            settle(c.update_subscribed_calendar(
                js("user-alice"),
                js("cal-public-holidays"),
                update,
                None,
            ))
            .await,
            "network",
        );
        assert!(string(&err, "message").contains("call updateSubscribedCalendar from a server"));
        assert_eq!(sent().await, Vec::<String>::new());
        // Subscribe has no body: it passes the preflight like the first three.
        let done =
            settle(c.subscribe_calendar(js("user-dave"), js("cal-sprint-reviews"), None)).await;
        let err = dingtalk_error(done, "api");
        assert_eq!(
            string(&err, "code"),
            "permissionDenied",
            "dave is not in its scope"
        );
        let done = settle(c.subscribe_calendar(js("user-alice"), js("cal-sprint-reviews"), None))
            .await
            .expect("subscribed from the page");
        assert!(done.is_undefined());
        return;
    }
    let created =
        settle(c.create_subscribed_calendar(js("user-alice"), new_calendar("Train"), None))
            .await
            .expect("created");
    let id = string(&created, "calendarId");
    assert_eq!(
        Object::keys(created.unchecked_ref::<Object>()).length(),
        1,
        "{{ calendarId }} only"
    );
    let update = json(r#"{ "description": "Every other Tuesday" }"#);
    let updated = settle(c.update_subscribed_calendar(js("user-bob"), js(&id), update, None))
        .await
        .expect("updated");
    assert_eq!(get(&updated, "result"), JsValue::TRUE);
    let calendar = get_cal(&c, "user-alice", &id).await.expect("read");
    assert_eq!(string(&calendar, "description"), "Every other Tuesday");
    assert_eq!(string(&calendar, "author"), "user-alice");
    let subscribed = settle(c.subscribe_calendar(js("user-bob"), js(&id), None))
        .await
        .expect("subscribed");
    assert!(subscribed.is_undefined(), "subscribe resolves to undefined");
    settle(c.unsubscribe_calendar(js("user-bob"), js(&id), None))
        .await
        .expect("left");
    settle(c.delete_subscribed_calendar(js("user-alice"), js(&id), None))
        .await
        .expect("deleted");
    let path = format!("/v1.0/calendar/users/user-alice/subscribedCalendars/{id}");
    assert_eq!(
        sent().await,
        [
            "POST /v1.0/calendar/users/user-alice/subscribedCalendars".to_owned(),
            format!("PUT /v1.0/calendar/users/user-bob/subscribedCalendars/{id}"),
            format!("GET {path}"),
            format!("POST /v1.0/calendar/users/user-bob/calendars/{id}/subscribe"),
            format!("POST /v1.0/calendar/users/user-bob/calendars/{id}/unsubscribe"),
            format!("DELETE {path}"),
        ]
    );
    // Only the fields given went, as JSON; the body's calls carry Content-Type, the rest not.
    let entries = journal().await;
    assert_eq!(
        String::from(JSON::stringify(&get(&entries[1], "body")).expect("json")),
        r#"{"description":"Every other Tuesday"}"#
    );
    let headers = |i: usize| -> Vec<String> {
        get(&entries[i], "headers")
            .unchecked_into::<Array>()
            .iter()
            .filter_map(|h| h.as_string())
            .collect()
    };
    assert!(headers(0).contains(&"content-type".to_owned()));
    assert!(!headers(3).contains(&"content-type".to_owned()));
    reset().await;
}

#[wasm_bindgen_test]
async fn bad_bodies_are_refused_before_anything_is_sent() {
    require_mock!();
    reset().await;
    let c = client("{}");
    let create = |calendar: JsValue| c.create_subscribed_calendar(js("user-alice"), calendar, None);
    for (calendar, message) in [
        (JsValue::NULL, "calendar must be an object such as { name, subscribeScope }"),
        (json("[]"), "calendar must be an object such as { name, subscribeScope }"),
        (json(&format!(r#"{{ "subscribeScope": {SCOPE} }}"#)), "calendar.name is missing"),
        (json(&format!(r#"{{ "name": 7, "subscribeScope": {SCOPE} }}"#)), "calendar.name must be a string, not a number"),
        (json(&format!(r#"{{ "name": " ", "subscribeScope": {SCOPE} }}"#)), "calendar.name must not be blank"),
        (json(r#"{ "name": "x" }"#), "calendar.subscribeScope is missing"),
        (json(r#"{ "name": "x", "subscribeScope": [] }"#), "calendar.subscribeScope must be an object such as { corpIds: [\"…\"] }"),
        (json(r#"{ "name": "x", "subscribeScope": { "corpIds": "ding" } }"#), "calendar.subscribeScope.corpIds must be an array of strings"),
        (json(r#"{ "name": "x", "subscribeScope": { "corpIds": ["a", null] } }"#), "calendar.subscribeScope.corpIds[1] must be a string, not null"),
        (json(r#"{ "name": "x", "subscribeScope": { "corpID": [] } }"#), "calendar.subscribeScope has a field this call does not know: `corpID` (it takes unionIds, openConversationIds, corpIds)"),
        (json(&format!(r#"{{ "nmae": "x", "subscribeScope": {SCOPE} }}"#)), "calendar has a field this call does not know: `nmae` (it takes name, description, managers, subscribeScope)"),
    ] {
        let err = dingtalk_error(settle(create(calendar)).await, "invalidArgument");
        assert_eq!(string(&err, "message"), message);
        assert_eq!(number(&err, "attempts"), 0.0);
    }
    let update = |u: JsValue| {
        c.update_subscribed_calendar(js("user-alice"), js("cal-public-holidays"), u, None)
    };
    for (u, message) in [
        (json("{}"), "update must change at least one of name, description, managers, subscribeScope"),
        (json(r#"{ "name": null }"#), "update must change at least one of name, description, managers, subscribeScope"),
        (json(r#"{ "name": "" }"#), "update.name must not be blank"),
        (json(r#"{ "managers": [1] }"#), "update.managers[0] must be a string, not a number"),
        (json(r#"{ "title": "x" }"#), "update has a field this call does not know: `title` (it takes name, description, managers, subscribeScope)"),
    ] {
        let err = dingtalk_error(settle(update(u)).await, "invalidArgument");
        assert_eq!(string(&err, "message"), message);
    }
    // A getter that throws, and one Proxy whose keys throw: refused, never thrown.
    let getter =
        js_sys::eval(r#"({ get name() { throw new Error("boom") }, subscribeScope: {} })"#)
            .expect("object");
    let err = dingtalk_error(settle(create(getter)).await, "invalidArgument");
    assert_eq!(
        string(&err, "message"),
        "calendar.name could not be read (its getter threw)"
    );
    let proxy =
        js_sys::eval(r#"new Proxy({}, { ownKeys() { throw new Error("boom") } })"#).expect("proxy");
    let err = dingtalk_error(settle(create(proxy)).await, "invalidArgument");
    assert_eq!(
        string(&err, "message"),
        "calendar could not be read (its keys threw)"
    );
    // Create names no calendar; subscribe's ids are checked like the others'.
    let err = dingtalk_error(
        settle(c.subscribe_calendar(js("user-alice"), js(".."), None)).await,
        "invalidArgument",
    );
    assert!(string(&err, "message").starts_with("calendarId"));
    assert_eq!(sent().await, Vec::<String>::new(), "nothing was sent");
}

#[wasm_bindgen_test]
async fn after_an_unclear_failure_create_and_subscribe_are_not_sent_again_update_is() {
    require_mock!();
    reset().await;
    let c = client(r#"{ "retry": { "baseDelayMs": 1 } }"#);
    fault(r#"{ "status": 503, "times": 3 }"#).await;
    let err = dingtalk_error(
        settle(c.subscribe_calendar(js("user-alice"), js("cal-sprint-reviews"), None)).await,
        "api",
    );
    assert_eq!(
        (number(&err, "status"), number(&err, "attempts")),
        (503.0, 1.0)
    );
    assert_eq!(get(&err, "retryable"), JsValue::TRUE);
    let update = json(r#"{ "name": "Holidays" }"#);
    if in_a_page() {
        // The preflight fails before the fault could apply: the update's retries are Node's.
        control("DELETE", "/__mock/faults", None).await;
        return;
    }
    let updated = settle(c.update_subscribed_calendar(
        js("user-alice"),
        js("cal-public-holidays"),
        update,
        None,
    ))
    .await
    .expect("the third attempt");
    assert_eq!(get(&updated, "result"), JsValue::TRUE);
    fault(r#"{ "status": 503 }"#).await;
    let err = dingtalk_error(
        settle(c.create_subscribed_calendar(js("user-alice"), new_calendar("x"), None)).await,
        "api",
    );
    assert_eq!(
        number(&err, "attempts"),
        1.0,
        "a second create would make a second calendar"
    );
    assert_eq!(sent().await.len(), 5);
    reset().await;
}
