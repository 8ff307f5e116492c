//! The HTTP side: the routing table (the control API under `/__mock/`, DingTalk everywhere
//! else), bounded request bodies, and an accept loop that can drop a connection on purpose.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tower::ServiceExt;

use crate::control::{
    add_faults, clear_faults, clear_requests, control_not_found, current_state, list_faults,
    requests, reset,
};
use crate::cors::cors;
use crate::dingtalk_api::dingtalk_api;
use crate::responses::error_response;
use crate::state::{ConnectionKill, MockState};

/// The router: the control API under `/__mock/`, everything else is DingTalk.
pub fn router(state: Arc<MockState>) -> Router {
    Router::new()
        .route("/__mock/reset", post(reset))
        .route("/__mock/requests", get(requests).delete(clear_requests))
        .route(
            "/__mock/faults",
            post(add_faults).get(list_faults).delete(clear_faults),
        )
        .route("/__mock/state", get(current_state))
        .route("/__mock/{*rest}", axum::routing::any(control_not_found))
        .fallback(dingtalk_api)
        .layer(middleware::from_fn(bounded_body))
        .layer(middleware::from_fn(cors))
        .with_state(state)
}

/// How long a connection may take to send a request's headers, and then its body.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// The most of a request's body the mock reads (a fault list is the largest, a few KB).
pub const MAX_REQUEST_BODY: usize = 1024 * 1024;

/// Reads every request's body before any handler runs, within [`HEADER_READ_TIMEOUT`] and
/// [`MAX_REQUEST_BODY`]: a client that sends half a body is answered 408 and its connection
/// closed, rather than held open for good.
async fn bounded_body(req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let read = tokio::time::timeout(
        HEADER_READ_TIMEOUT,
        axum::body::to_bytes(body, MAX_REQUEST_BODY),
    )
    .await;
    let (status, code, message) = match read {
        Ok(Ok(bytes)) => {
            return next
                .run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Ok(Err(_)) => (413, "mock.bodyTooLarge", "the request body is over 1 MiB"),
        Err(_) => (
            408,
            "mock.bodyTimeout",
            "the request body did not arrive in time",
        ),
    };
    let mut refused = error_response(status, code, message, "");
    refused
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    refused
}

/// Serves until `shutdown` completes. Each connection gets a kill switch for the `drop` fault.
pub async fn serve(
    listener: TcpListener,
    state: Arc<MockState>,
    shutdown: impl Future<Output = ()>,
) {
    let app = router(state);
    tokio::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // A failed accept (too many open files, say) must not end the server.
                Err(_) => { tokio::time::sleep(Duration::from_millis(10)).await; continue; }
            },
        };
        let app = app.clone();
        tokio::spawn(async move {
            let kill = Arc::new(Notify::new());
            let switch = ConnectionKill(kill.clone());
            let service =
                hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                    let mut req = req.map(Body::new);
                    req.extensions_mut().insert(switch.clone());
                    app.clone().oneshot(req)
                });
            // A client that sends half its headers is dropped after HEADER_READ_TIMEOUT rather
            // than holding its connection forever.
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_READ_TIMEOUT)
                .serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = connection => {}
                // Dropping the connection future closes the socket with nothing written.
                _ = kill.notified() => {}
            }
        });
    }
}
