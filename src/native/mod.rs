//! The native transport (the `native` feature): the same [`Client`](crate::Client) over
//! reqwest (rustls, no OpenSSL), with tokio's timers for timeouts and backoff. It needs a tokio
//! runtime, as reqwest does.

mod transport;

pub(crate) use serde_json::Value as JsonValue;
pub(crate) use transport::{http_client, ReqwestTransport};
