//! A body parsed by the runtime's `JSON.parse`, read field by field through js-sys.
//!
//! Why not serde here: `serde_wasm_bindgen::from_value` costs 16.6 KB of gzipped wasm (f64
//! formatting in serde's error messages), and a serde `Deserializer` over JS values that never
//! formats a number still cost 4.5 KB (serde's derived visitors), against 1.4 KB for this reader.

use std::cell::RefCell;

use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::response::JsonNode;

thread_local! {
    // Each field name as a JS string, made at its first read: making it at every read (UTF-8
    // into a new JS string), with an object check crossing into JS twice per read, cost about
    // 9 µs of a stubbed GET's 76 in Node (247 B of gzipped wasm buys them back).
    static JS_KEYS: RefCell<Vec<(&'static str, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// Runs `read` with `key` as a JS string.
fn with_js_key<T>(key: &'static str, read: impl FnOnce(&JsValue) -> T) -> T {
    let cached = JS_KEYS.with_borrow(|keys| {
        keys.iter()
            .find(|(known, _)| std::ptr::eq(*known, key))
            .map(|(_, js)| js.clone())
    });
    let js = cached.unwrap_or_else(|| {
        let js = JsValue::from_str(key);
        JS_KEYS.with_borrow_mut(|keys| keys.push((key, js.clone())));
        js
    });
    read(&js)
}

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

    fn member(&self, key: &'static str) -> Option<Self> {
        // Reflect.get throws on a value that is not an object: None, like an absent member.
        with_js_key(key, |key| Reflect::get(&self.0, key))
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
