//! Tiny text helpers that keep `format!` (and the formatting machinery it brings) out of the wasm.

use alloc::borrow::ToOwned;
use alloc::string::String;

/// `n` in decimal.
pub fn decimal(n: u64) -> String {
    let mut digits = String::new();
    let mut place = 1;
    while n / place >= 10 {
        place *= 10;
    }
    while place > 0 {
        digits.push(char::from(b'0' + ((n / place) % 10) as u8));
        place /= 10;
    }
    digits
}

/// The parts, joined.
pub fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        out.push_str(part);
    }
    out
}

/// At most `max` characters of `text`, with `…` when cut.
pub fn truncate(text: &str, max: usize) -> String {
    match text
        .char_indices()
        .nth(max)
        .and_then(|(cut, _)| text.get(..cut))
    {
        None => text.to_owned(),
        Some(kept) => {
            let mut cut = String::from(kept);
            cut.push('…');
            cut
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals() {
        for n in [0u64, 7, 10, 429, 65_535, u64::MAX] {
            assert_eq!(decimal(n), n.to_string());
        }
    }

    #[test]
    fn concatenation() {
        assert_eq!(concat(&["a", "", "bc"]), "abc");
        assert_eq!(concat(&[]), "");
    }
}
