//! A body parsed by the runtime's `JSON.parse`, read field by field through js-sys.
//!
//! Why not serde here: `serde_wasm_bindgen::from_value` costs 16.6 KB of gzipped wasm (f64
//! formatting in serde's error messages), and a serde `Deserializer` over JS values that never
//! formats a number still cost 4.5 KB (serde's derived visitors), against 1.4 KB for this reader.

use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::response::JsonNode;

/// A value `JSON.parse` returned.
#[derive(Debug)]
pub(crate) struct ParsedJson(pub JsValue);

impl JsonNode for ParsedJson {
    fn as_string(&self) -> Option<String> {
        self.0.as_string()
    }

    fn as_bool(&self) -> Option<bool> {
        self.0.as_bool()
    }

    fn is_object(&self) -> bool {
        self.0.is_object() && !Array::is_array(&self.0)
    }

    fn member(&self, key: &str) -> Option<Self> {
        if !JsonNode::is_object(self) {
            return None;
        }
        // A plain object from JSON.parse: reading a member cannot throw.
        Reflect::get(&self.0, &JsValue::from_str(key))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
            .map(ParsedJson)
    }

    fn array_len(&self) -> Option<usize> {
        self.0.dyn_ref::<Array>().map(|a| a.length() as usize)
    }

    fn element(&self, index: usize) -> Option<Self> {
        let item = self.0.dyn_ref::<Array>()?.get(u32::try_from(index).ok()?);
        (!item.is_undefined() && !item.is_null()).then_some(ParsedJson(item))
    }
}
