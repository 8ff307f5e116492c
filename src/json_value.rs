//! A `serde_json::Value` as a [`JsonNode`]: how the native client (and the core's tests) read a
//! body, where wasm reads the runtime's `JSON.parse` result instead.

use alloc::string::String;
use alloc::vec::Vec;
use serde_json::Value;

use crate::json_node::JsonNode;

impl JsonNode for Value {
    fn as_string(&self) -> Option<String> {
        self.as_str().map(str::to_owned)
    }
    fn as_bool(&self) -> Option<bool> {
        Value::as_bool(self)
    }
    fn is_object(&self) -> bool {
        Value::is_object(self)
    }
    fn member(&self, key: &'static str) -> Option<Self> {
        self.get(key).filter(|v| !v.is_null()).cloned()
    }
    fn array_len(&self) -> Option<usize> {
        self.as_array().map(Vec::len)
    }
    fn element(&self, index: usize) -> Option<Self> {
        self.as_array()?
            .get(index)
            .filter(|v| !v.is_null())
            .cloned()
    }
}
