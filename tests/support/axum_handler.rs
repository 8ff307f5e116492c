use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use dingtalk_calendar::{Client, ErrorKind};

async fn calendar_name(
    State(client): State<Client>,
    Path((user, calendar)): Path<(String, String)>,
) -> Result<String, (StatusCode, String)> {
    match client.get_subscribed_calendar(user, calendar).await {
        Ok(calendar) => Ok(calendar.name.unwrap_or_default()),
        Err(e) if e.kind() == ErrorKind::Api => {
            Err((StatusCode::NOT_FOUND, e.message().to_owned()))
        }
        Err(e) => Err((StatusCode::BAD_GATEWAY, e.message().to_owned())),
    }
}

pub fn router(client: Client) -> Router {
    Router::new()
        .route("/calendars/{user}/{calendar}", get(calendar_name))
        .with_state(client)
}
