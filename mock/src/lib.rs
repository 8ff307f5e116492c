//! `dingtalk-mock`: a local emulator of DingTalk's subscribed-calendar API.
//!
//! It serves the three endpoints with DingTalk's rules, CORS and error format, over state seeded
//! from a JSON file, plus a control API under `/__mock/` (reset, journal, faults) for tests,
//! benchmarks and the demo. `mock/README.md` documents all of it.

mod control;
mod cors;
pub mod data;
mod dingtalk_api;
mod fault_answers;
pub mod faults;
pub mod journal;
pub mod oauth;
pub mod request_id;
mod responses;
pub mod rules;
pub mod server;
mod state;

use std::net::SocketAddr;
use std::sync::Arc;

pub use data::{SeedData, MAX_TOKEN_LIFETIME_SECS};
pub use dingtalk_api::decode_segment;
pub use server::{router, serve, HEADER_READ_TIMEOUT, MAX_REQUEST_BODY};
pub use state::{MockState, REQUEST_ID_HEADER, TOKEN_HEADER};

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
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let state: Arc<MockState> = MockState::new(data);
        let task = tokio::spawn(serve(listener, state, async {
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
