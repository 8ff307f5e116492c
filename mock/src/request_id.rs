//! Request ids in DingTalk's shape (an upper-case UUID), unique per answer.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

/// Makes request ids: a per-process random seed mixed with a counter.
pub struct RequestIds {
    seed: RandomState,
    counter: AtomicU64,
}

impl RequestIds {
    pub fn new() -> Self {
        RequestIds {
            seed: RandomState::new(),
            counter: AtomicU64::new(0),
        }
    }

    /// The next id, e.g. `3F1C9A2B-77D0-4E51-9A3C-0B1D2E3F4A5B`.
    pub fn next(&self) -> String {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let word = |salt: u64| {
            let mut h = self.seed.build_hasher();
            h.write_u64(n);
            h.write_u64(salt);
            h.finish()
        };
        let (a, b) = (word(1), word(2));
        format!(
            "{:08X}-{:04X}-{:04X}-{:04X}-{:012X}",
            a >> 32,
            (a >> 16) & 0xFFFF,
            a & 0xFFFF,
            b >> 48,
            b & 0xFFFF_FFFF_FFFF
        )
    }
}

impl Default for RequestIds {
    fn default() -> Self {
        Self::new()
    }
}
