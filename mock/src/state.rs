//! What the mock's handlers share: the calendars, the queued faults, the journal, the tokens
//! handed out, and the request ids; and the switch that drops one connection.

use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::Notify;

use crate::data::SeedData;
use crate::faults::FaultQueue;
use crate::journal::Journal;
use crate::oauth::IssuedTokens;
use crate::request_id::RequestIds;
use crate::rules::CalendarStore;

/// The header DingTalk reads the access token from.
pub const TOKEN_HEADER: &str = "x-acs-dingtalk-access-token";
/// The header DingTalk puts the request id in.
pub const REQUEST_ID_HEADER: &str = "x-acs-request-id";

/// Everything the handlers share.
pub struct MockState {
    pub(crate) seed: SeedData,
    inner: Mutex<Inner>,
    pub(crate) ids: RequestIds,
    /// Numbers the tokens handed out, never reset: a token from before a reset stays refused.
    pub(crate) token_serial: AtomicU64,
}

pub(crate) struct Inner {
    pub(crate) store: CalendarStore,
    pub(crate) faults: FaultQueue,
    pub(crate) journal: Journal,
    pub(crate) issued: IssuedTokens,
    /// Bumped by every reset: a request that was still waiting (a delay fault) when the mock
    /// was reset neither changes the new state nor shows in the new journal.
    pub(crate) generation: u64,
}

impl MockState {
    pub fn new(seed: SeedData) -> Arc<Self> {
        Arc::new(MockState {
            inner: Mutex::new(Inner {
                store: CalendarStore::new(seed.clone()),
                faults: FaultQueue::default(),
                journal: Journal::default(),
                issued: IssuedTokens::default(),
                generation: 0,
            }),
            seed,
            ids: RequestIds::new(),
            token_serial: AtomicU64::new(1),
        })
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Inner> {
        // A poisoned lock only means another handler panicked mid-way; the state is still usable.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Tells a connection's task to close the socket without answering (the `drop` fault).
#[derive(Clone)]
pub(crate) struct ConnectionKill(pub(crate) Arc<Notify>);
