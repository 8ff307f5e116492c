//! Masking a secret (the access token, an app secret) in text that came from outside: a
//! server's message, a header, a runtime's error. Every such string is masked before it is cut
//! to length, never after, and in time linear in its length.

use crate::text::truncate;
use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

/// The shortest piece of a secret that is masked wherever it appears: a server that echoes
/// part of the token (or a message cut short) must not hand that part on either.
pub(crate) const MIN_PIECE: usize = 8;

pub(crate) const MASK: &str = "[redacted]";

/// At most `max_chars` characters of `text` (with `…` when cut), every piece of `secret` masked
/// first. Only a window of `text` is read: its first `max_chars` characters and as many again as
/// the secret is long, so a piece that straddles the cut is still whole in what is masked, and a
/// string of megabytes costs no more than one of a few hundred characters.
pub fn redacted_within(text: &str, secret: &str, max_chars: usize) -> String {
    let window = text
        .char_indices()
        .nth(max_chars.saturating_add(secret.len()))
        .and_then(|(end, _)| text.get(..end))
        .unwrap_or(text);
    truncate(&redacted(window, secret), max_chars)
}

/// `text` with every run of [`MIN_PIECE`] or more bytes that also occurs in `secret` (and every
/// whole occurrence of a shorter secret) replaced by `[redacted]`.
pub(crate) fn redacted(text: &str, secret: &str) -> String {
    mask(text, secret).unwrap_or_else(|| text.to_owned())
}

/// Up to eight bytes as one number, so each piece of the secret is one comparison. No UTF-8
/// text holds the byte 0xFF, so no piece is `u64::MAX`, which marks an empty place in [`Pieces`].
fn piece_key(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(0u64, |key, &byte| (key << 8) | u64::from(byte))
}

/// Every `n`-byte piece of a secret, in an open-addressing hash set: one probe or a few per
/// lookup. (Sorting and searching would do as well, but sorting brings kilobytes of wasm.)
struct Pieces {
    places: Vec<u64>,
    mask: usize,
}

impl Pieces {
    const EMPTY: u64 = u64::MAX;

    fn new(secret: &[u8], n: usize) -> Self {
        let count = secret.len().saturating_sub(n) + 1;
        // At most half full, so a probe sequence always ends at an empty place.
        let size = (count * 2).next_power_of_two();
        let mut pieces = Pieces {
            places: vec![Self::EMPTY; size],
            mask: size - 1,
        };
        for start in 0..count {
            if let Some(piece) = secret.get(start..start + n) {
                pieces.insert(piece_key(piece));
            }
        }
        pieces
    }

    fn home(&self, key: u64) -> usize {
        // Fibonacci hashing: the high bits of the product mix every byte of the key.
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & self.mask
    }

    fn insert(&mut self, key: u64) {
        let mut at = self.home(key);
        while let Some(place) = self.places.get_mut(at) {
            if *place == key {
                return;
            }
            if *place == Self::EMPTY {
                *place = key;
                return;
            }
            at = (at + 1) & self.mask;
        }
    }

    fn contains(&self, key: u64) -> bool {
        let mut at = self.home(key);
        while let Some(&place) = self.places.get(at) {
            if place == key {
                return true;
            }
            if place == Self::EMPTY {
                return false;
            }
            at = (at + 1) & self.mask;
        }
        false
    }
}

/// `text` with the pieces of `secret` masked, or `None` when there are none.
///
/// Every `n`-byte piece of the secret (`n` = [`MIN_PIECE`], or the whole of a shorter secret)
/// goes into a hash set; each `n`-byte window of `text` is looked up in it, and the union of the
/// windows found is masked, widened to whole characters: linear in the text's length, where
/// comparing every start against every start was quadratic.
pub(crate) fn mask(text: &str, secret: &str) -> Option<String> {
    let secret = secret.as_bytes();
    if secret.is_empty() {
        return None;
    }
    let n = MIN_PIECE.min(secret.len());
    let pieces = Pieces::new(secret, n);
    let floor = |mut at: usize| {
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let ceil = |mut at: usize| {
        while !text.is_char_boundary(at) {
            at += 1;
        }
        at
    };
    let mut out = String::new();
    let mut copied = 0;
    // The masked run being grown: [start, end) in bytes, on character boundaries.
    let mut run: Option<(usize, usize)> = None;
    let flush = |out: &mut String, copied: &mut usize, (start, end): (usize, usize)| {
        out.push_str(text.get(*copied..start).unwrap_or_default());
        out.push_str(MASK);
        *copied = end;
    };
    let bytes = text.as_bytes();
    for at in 0..bytes.len().saturating_sub(n - 1) {
        let found = bytes
            .get(at..at + n)
            .is_some_and(|window| pieces.contains(piece_key(window)));
        if !found {
            continue;
        }
        let (start, end) = (floor(at), ceil(at + n));
        run = match run {
            Some((run_start, run_end)) if start <= run_end => Some((run_start, run_end.max(end))),
            Some(done) => {
                flush(&mut out, &mut copied, done);
                Some((start, end))
            }
            None => Some((start, end)),
        };
    }
    flush(&mut out, &mut copied, run?);
    out.push_str(text.get(copied..).unwrap_or_default());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_secrets_and_pieces_are_masked() {
        assert_eq!(
            redacted("server said s3cret is bad", "s3cret"),
            "server said [redacted] is bad"
        );
        let token = "tok-0123456789abcdefSECRET";
        assert_eq!(redacted("x 0123456789ab y", token), "x [redacted] y");
        assert_eq!(redacted("x 0123456 y", token), "x 0123456 y", "7 bytes");
        assert_eq!(
            redacted(&format!("{token}{token}"), token),
            "[redacted]",
            "adjacent pieces are one run"
        );
        assert_eq!(redacted("abc", ""), "abc");
        assert!(mask("…tok-0123…", token).is_some());
        assert!(mask("nothing here", token).is_none());
    }

    #[test]
    fn a_non_ascii_secret_is_masked_on_character_boundaries() {
        let secret = "密钥密钥密钥-secret";
        let masked = redacted("前缀钥密钥-s后缀", secret);
        assert!(!masked.contains("密钥-s"), "{masked}");
        assert!(
            masked.starts_with("前缀") && masked.ends_with("后缀"),
            "{masked}"
        );
    }

    #[test]
    fn a_piece_straddling_the_cut_is_masked_and_the_rest_never_read() {
        let token = "tok-0123456789abcdefSECRET";
        let text = format!("{}{token}{}", "m".repeat(294), "z".repeat(5_000_000));
        let cut = redacted_within(&text, token, 300);
        assert!(!cut.contains("tok-0"), "{cut}");
        assert!(cut.ends_with("[redac…"), "{cut}");
        assert_eq!(cut.chars().count(), 301);
        assert_eq!(redacted_within("short", token, 300), "short");
    }
}
