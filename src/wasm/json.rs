//! A body parsed by the runtime's `JSON.parse`, read field by field through js-sys.
//!
//! Why not serde here: `serde_wasm_bindgen::from_value` pulls in serde's error messages and
//! their `f64` formatting, and a serde `Deserializer` over JS values still brings serde's derived
//! visitors; this reader is a fraction of either (`make size` shows the wasm's bytes).

use alloc::string::String;
use js_sys::{Array, JsString};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::json_node::JsonNode;
use crate::wasm::outside::get_own;

#[wasm_bindgen]
extern "C" {
    // Throws a URIError exactly when the string has a lone surrogate: one call, where checking
    // in Rust would cross into JS once per UTF-16 unit.
    #[wasm_bindgen(catch, js_name = encodeURIComponent)]
    fn encode_uri_component(text: &JsString) -> Result<JsValue, JsValue>;
}

/// Whether `text` holds a lone surrogate, which a Rust `String` cannot: converting it would
/// silently put U+FFFD in its place, and so name another id than the one given or sent.
pub fn has_lone_surrogate(text: &JsString) -> bool {
    encode_uri_component(text).is_err()
}

/// A value `JSON.parse` returned.
#[derive(Debug)]
pub struct ParsedJson(pub JsValue);

impl JsonNode for ParsedJson {
    fn as_string(&self) -> Option<String> {
        self.0.as_string()
    }

    fn is_lossy_string(&self) -> bool {
        self.0.dyn_ref::<JsString>().is_some_and(has_lone_surrogate)
    }

    fn as_bool(&self) -> Option<bool> {
        self.0.as_bool()
    }

    fn is_object(&self) -> bool {
        self.0.is_object() && !Array::is_array(&self.0)
    }

    fn member(&self, key: &'static str) -> Option<Self> {
        // Own members only: what another library put on `Object.prototype` is not DingTalk's.
        // Reading a member of something that is not an object fails: None, like an absent one.
        get_own(&self.0, key)
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
