//! [`JsonNode`]: read access to a parsed JSON value, whatever parsed it (the runtime's
//! `JSON.parse` on wasm, serde_json natively), so one decoder serves both transports.

use alloc::string::String;

/// Read access to a parsed JSON value.
pub trait JsonNode: Sized {
    /// The value as a string, if it is one.
    fn as_string(&self) -> Option<String>;
    /// Whether the value is a string that [`JsonNode::as_string`] could not give back as it is
    /// (JS strings can hold lone surrogates, which Rust's cannot). Asked only of a string whose
    /// conversion holds U+FFFD, the character such a surrogate turns into.
    fn is_lossy_string(&self) -> bool {
        false
    }
    /// The value as a boolean, if it is one.
    fn as_bool(&self) -> Option<bool>;
    /// Whether the value is a JSON object (not an array, not null).
    fn is_object(&self) -> bool;
    /// An object's member; `None` when absent or `null`.
    fn member(&self, key: &'static str) -> Option<Self>;
    /// An array's length, if the value is an array.
    fn array_len(&self) -> Option<usize>;
    /// An array's element (`None` for a hole, `null`, or past the end).
    fn element(&self, index: usize) -> Option<Self>;
}
