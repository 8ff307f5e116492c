//! Request ids in DingTalk's shape (an upper-case UUID), unique per answer.

/// Makes request ids: a seed (random per process in the server) mixed with a counter.
pub struct RequestIds {
    seed: u64,
    counter: u64,
}

/// SplitMix64's finaliser: every bit of the input reaches every bit of the output.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl RequestIds {
    /// Ids from `seed`: two mocks with different seeds hand out different ids.
    pub fn new(seed: u64) -> Self {
        RequestIds { seed, counter: 0 }
    }

    /// The next id, e.g. `3F1C9A2B-77D0-4E51-9A3C-0B1D2E3F4A5B`.
    pub fn next_id(&mut self) -> String {
        self.counter += 1;
        let base = self.seed ^ self.counter.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let (a, b) = (mix(base), mix(base ^ 0xD1B5_4A32_D192_ED03));
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
