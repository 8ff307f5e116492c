//! The HTTP side of the `dingtalk-mock` binary and [`RunningMock`]: an accept loop that reads
//! each request's body within bounds, hands it to the [`Mock`], waits where a fault says so,
//! and writes the reply, or drops the connection on purpose.

use std::convert::Infallible;
use std::future::Future;
use std::hash::{BuildHasher, Hasher};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::Notify;

use crate::data::SeedData;
use crate::dingtalk_api::Handled;
use crate::exchange::{
    Ending, MockAnswer, MockRequest, Reply, HEADER_READ_TIMEOUT, MAX_REQUEST_BODY,
};
use crate::mock::{BodyRefused, Mock};
use crate::responses::error_response;

/// A started mock: its address, and a handle to stop it.
pub struct RunningMock {
    /// Where it listens.
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl RunningMock {
    /// Binds `addr` (port 0 picks a free one) and serves `data` on the current tokio runtime.
    pub async fn start(addr: SocketAddr, data: SeedData) -> std::io::Result<Self> {
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(serve(listener, data, async {
            let _ = rx.await;
        }));
        Ok(RunningMock {
            addr,
            stop: Some(tx),
            task: Some(task),
        })
    }

    /// The base URL to give a client, e.g. `http://127.0.0.1:8790`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting connections and waits for the accept loop to end.
    pub async fn stop(mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for RunningMock {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
    }
}

type SharedMock = Arc<Mutex<Mock>>;

fn lock(mock: &SharedMock) -> MutexGuard<'_, Mock> {
    // A poisoned lock only means another request panicked mid-way; the state is still usable.
    mock.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Milliseconds on a clock that never goes back, for token lifetimes.
fn now_ms() -> u64 {
    static START: OnceLock<Instant> = OnceLock::new();
    let elapsed = START.get_or_init(Instant::now).elapsed().as_millis();
    u64::try_from(elapsed).unwrap_or(u64::MAX)
}

/// A seed for request ids that differs from one process to the next.
fn random_seed() -> u64 {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(now_ms());
    hasher.finish()
}

/// Serves `data` until `shutdown` completes. Each connection gets a kill switch for the `drop`
/// fault.
pub async fn serve(listener: TcpListener, data: SeedData, shutdown: impl Future<Output = ()>) {
    let mock: SharedMock = Arc::new(Mutex::new(Mock::new(data, random_seed())));
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
        let mock = mock.clone();
        tokio::spawn(async move {
            let kill = Arc::new(Notify::new());
            let switch = kill.clone();
            let service =
                hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                    answer(mock.clone(), switch.clone(), req)
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

/// One request: its body read within [`HEADER_READ_TIMEOUT`] and [`MAX_REQUEST_BODY`] (a
/// client that sends half a body is answered 408 and let go), then the mock's reply.
async fn answer(
    mock: SharedMock,
    kill: Arc<Notify>,
    req: hyper::Request<hyper::body::Incoming>,
) -> Result<Response<Body>, Infallible> {
    let (parts, body) = req.into_parts();
    let path = parts.uri.path().to_owned();
    let read = tokio::time::timeout(
        HEADER_READ_TIMEOUT,
        axum::body::to_bytes(Body::new(body), MAX_REQUEST_BODY),
    )
    .await;
    let body = match read {
        Ok(Ok(bytes)) => bytes.to_vec(),
        Ok(Err(_)) => {
            return Ok(to_response(
                lock(&mock).refuse_body(&path, BodyRefused::TooLarge),
            ))
        }
        Err(_) => {
            return Ok(to_response(
                lock(&mock).refuse_body(&path, BodyRefused::TimedOut),
            ))
        }
    };
    let request = MockRequest {
        method: parts.method.as_str().to_owned(),
        path,
        query: parts.uri.query().map(str::to_owned),
        headers: parts
            .headers
            .iter()
            .map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec()))
            .collect(),
        body,
    };
    // The work runs in a task of its own: a client that hangs up while a fault delays its answer
    // does not cancel it, so the change is made and journaled whatever the client does.
    let work = tokio::spawn(async move {
        let handled = lock(&mock).handle(request, now_ms());
        match handled {
            Handled::Now(reply) => reply,
            Handled::Later(pending) => {
                tokio::time::sleep(pending.delay()).await;
                lock(&mock).resume(pending, now_ms())
            }
        }
    });
    match work.await {
        Ok(Reply::Answer(answer)) => Ok(to_response(answer)),
        Ok(Reply::Drop) => {
            kill.notify_one();
            // Never answer: the connection task closes the socket first.
            std::future::pending().await
        }
        Err(_) => Ok(to_response(error_response(
            500,
            "mock.failed",
            "the mock failed to handle this request",
            "",
        ))),
    }
}

/// The answer as hyper sends it. A truncated one announces its whole body, sends half, then
/// fails the stream: hyper closes the connection and the client sees a body that stops halfway.
fn to_response(answer: MockAnswer) -> Response<Body> {
    let full = answer.body.len();
    let body = match answer.ending {
        Ending::Whole | Ending::Close => Body::from(answer.body),
        Ending::Truncated => {
            let half = Bytes::from(answer.body[..full / 2].to_vec());
            // The pause lets hyper flush the head and the first half before the stream fails.
            let rest = futures_util::stream::once(async {
                tokio::time::sleep(Duration::from_millis(50)).await;
                Err::<Bytes, _>(std::io::Error::other("truncated by the mock"))
            });
            Body::from_stream(futures_util::StreamExt::chain(
                futures_util::stream::iter([Ok(half)]),
                rest,
            ))
        }
    };
    let mut builder = Response::builder().status(answer.status);
    for (name, value) in &answer.headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    if answer.ending == Ending::Truncated {
        builder = builder.header(header::CONTENT_LENGTH, HeaderValue::from(full));
    }
    // Every status and header was checked when its fault was queued; this is the guard anyway.
    builder.body(body).unwrap_or_else(|_| {
        let mut refused = Response::new(Body::from("the mock made an answer HTTP cannot carry"));
        *refused.status_mut() = axum::http::StatusCode::INTERNAL_SERVER_ERROR;
        refused
    })
}
