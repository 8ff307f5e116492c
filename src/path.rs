//! Path parameters: which ids are refused, and how an id becomes exactly one URL path segment.
//!
//! DingTalk's official SDKs paste ids into the path as they are, so `a/b`, `a?x`, `a#x` or `../..`
//! change which URL receives the token. Here every id is percent-encoded into one segment.

use crate::error::Error;
use alloc::string::String;

/// The longest id accepted, in characters. DingTalk's ids are far shorter; anything longer is a
/// mistake (a whole URL or a document pasted into the id) and is refused before sending.
pub const MAX_ID_CHARS: usize = 256;

/// Checks one id; `argument` names it in the error (`userId`, `calendarId`).
pub fn validate_id(argument: &str, id: &str) -> Result<(), Error> {
    if id.trim().is_empty() {
        return Err(Error::invalid_argument(argument, "must not be blank"));
    }
    // Counting the bytes that start a character: `chars().count()` costs more code in the wasm.
    if id.bytes().filter(|b| (b & 0xC0) != 0x80).count() > MAX_ID_CHARS {
        return Err(Error::invalid_argument(
            argument,
            "is longer than 256 characters",
        ));
    }
    if id == "." || id == ".." {
        // URL parsers in every runtime collapse these, even percent-encoded, so they can never
        // travel as one segment.
        return Err(Error::invalid_argument(argument, "cannot be `.` or `..`"));
    }
    Ok(())
}

/// Percent-encodes `value` into one path segment: every byte but RFC 3986's unreserved
/// characters (`A-Z a-z 0-9 - . _ ~`) becomes `%XX`, so `/`, `?`, `#`, `%` and spaces never
/// change the URL's shape.
pub fn encode_path_segment(value: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0F)]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn reserved_characters_stay_inside_one_segment() {
        let cases = [
            ("plain-id_1.x~", "plain-id_1.x~"),
            ("a/b", "a%2Fb"),
            ("a?x=1", "a%3Fx%3D1"),
            ("a#frag", "a%23frag"),
            ("100%", "100%25"),
            ("%2F", "%252F"),
            ("../..", "..%2F.."),
            ("a b+c", "a%20b%2Bc"),
            ("日历", "%E6%97%A5%E5%8E%86"),
            ("📅", "%F0%9F%93%85"),
            ("a\\b;c,d@e:f&g", "a%5Cb%3Bc%2Cd%40e%3Af%26g"),
            ("\r\n\0", "%0D%0A%00"),
        ];
        for (id, encoded) in cases {
            assert_eq!(encode_path_segment(id), encoded, "{id:?}");
            assert!(!encoded.contains('/') && !encoded.contains('?') && !encoded.contains('#'));
        }
    }

    #[test]
    fn refused_ids_name_the_argument() {
        for (id, why) in [
            ("", "blank"),
            ("   \t", "blank"),
            (".", "`.`"),
            ("..", "`..`"),
        ] {
            let err = validate_id("calendarId", id).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidArgument);
            assert!(
                err.message().starts_with("calendarId "),
                "{}",
                err.message()
            );
            assert!(err.message().contains(why), "{}", err.message());
            assert_eq!(err.attempts(), 0);
        }
        let long = "x".repeat(MAX_ID_CHARS + 1);
        assert!(validate_id("userId", &long)
            .unwrap_err()
            .message()
            .contains("256"));
    }

    #[test]
    fn the_message_states_the_limit() {
        let err = validate_id("userId", &"x".repeat(MAX_ID_CHARS + 1)).unwrap_err();
        assert!(err.message().contains(&MAX_ID_CHARS.to_string()));
    }

    #[test]
    fn accepted_ids() {
        let at_limit = "日".repeat(MAX_ID_CHARS);
        for id in [
            "user-1",
            "...",
            ".a",
            "a/../b",
            " padded ",
            "%",
            at_limit.as_str(),
        ] {
            assert!(validate_id("userId", id).is_ok(), "{id:?}");
        }
    }
}
