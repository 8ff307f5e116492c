//! What the mock holds between requests: the calendars, the queued faults, the journal, the
//! tokens handed out, and the request ids.

use crate::data::SeedData;
use crate::faults::FaultQueue;
use crate::journal::Journal;
use crate::oauth::IssuedTokens;
use crate::request_id::RequestIds;
use crate::rules::CalendarStore;

/// Everything the endpoints and the control API read and change.
pub(crate) struct MockState {
    pub(crate) seed: SeedData,
    pub(crate) store: CalendarStore,
    pub(crate) faults: FaultQueue,
    pub(crate) journal: Journal,
    pub(crate) issued: IssuedTokens,
    /// Bumped by every reset: a request that was still waiting (a delay fault) when the mock
    /// was reset neither changes the new state nor shows in the new journal.
    pub(crate) generation: u64,
    pub(crate) ids: RequestIds,
    /// Numbers the tokens handed out, never reset: a token from before a reset stays refused.
    pub(crate) token_serial: u64,
}

impl MockState {
    pub(crate) fn new(seed: SeedData, id_seed: u64) -> Self {
        MockState {
            store: CalendarStore::new(seed.clone()),
            seed,
            faults: FaultQueue::default(),
            journal: Journal::default(),
            issued: IssuedTokens::default(),
            generation: 0,
            ids: RequestIds::new(id_seed),
            token_serial: 1,
        }
    }

    /// Back to the seed: calendars, faults, journal and tokens.
    pub(crate) fn reset(&mut self) {
        self.store = CalendarStore::new(self.seed.clone());
        self.faults.clear();
        self.journal.clear();
        self.issued.clear();
        self.generation += 1;
    }

    /// A token from the data file, or one handed out to an app that has not expired.
    pub(crate) fn accepts_token(&self, token: &[u8], now_ms: u64) -> bool {
        std::str::from_utf8(token)
            .is_ok_and(|t| self.store.accepts_token(t) || self.issued.accepts(t, now_ms))
    }
}
