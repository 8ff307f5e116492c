//! Every read of a JS value the crate did not make itself (a caller's fetch, its `Response`,
//! `Headers` and body, a signal, an options object, a parsed body) goes through these bindings,
//! each a `catch` binding: a getter, a `Proxy` or a polyfill that throws gives an `Err` here,
//! never an exception unwinding through the wasm and out of the runtime's job queue.
//!
//! This is why the answer is not read through gloo-net, which design.md names for it:
//! gloo-net's `Headers::get` unwraps what `headers.get` throws into a JS exception
//! (`unwrap_throw`), as web-sys's non-`catch` getters let it through, and SvelteKit's
//! server-side `fetch` throws from `headers.get` by design: the exception killed the server.
//! Nothing in this crate calls either.

use alloc::vec::Vec;
use core::cell::RefCell;

use js_sys::Array;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::wasm::instance_local::instance_local;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = get)]
    fn reflect_get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, js_namespace = Object, js_name = hasOwn)]
    fn has_own(target: &JsValue, key: &JsValue) -> Result<bool, JsValue>;

    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = apply)]
    fn reflect_apply(function: &JsValue, this: &JsValue, args: &Array) -> Result<JsValue, JsValue>;
}

instance_local! {
    // Each key as a JS string, made at its first use: a stubbed GET reads a dozen of them, and
    // making each anew is a UTF-8 conversion into a new JS string every time.
    static JS_KEYS: RefCell<Vec<(&'static str, JsValue)>> = RefCell::new(Vec::new());
}

/// `key` as a JS string, made once.
pub(crate) fn js_key(key: &'static str) -> JsValue {
    let cached = JS_KEYS.with_borrow(|keys| {
        keys.iter()
            .find(|(known, _)| core::ptr::eq(*known, key))
            .map(|(_, js)| js.clone())
    });
    cached.unwrap_or_else(|| {
        let js = JsValue::from_str(key);
        JS_KEYS.with_borrow_mut(|keys| keys.push((key, js.clone())));
        js
    })
}

/// `target[key]`, own or inherited (a `Response`'s and a signal's members live on their
/// prototypes). `Err` with what was thrown; reading a member of `undefined`, `null` or another
/// primitive is an `Err` too.
pub fn get(target: &JsValue, key: &'static str) -> Result<JsValue, JsValue> {
    reflect_get(target, &js_key(key))
}

/// `target[key]` where `key` is `target`'s own property, else `undefined`: what a parsed body or
/// an options object holds, never what another library put on `Object.prototype`.
pub fn get_own(target: &JsValue, key: &'static str) -> Result<JsValue, JsValue> {
    let key = js_key(key);
    if has_own(target, &key)? {
        reflect_get(target, &key)
    } else {
        Ok(JsValue::UNDEFINED)
    }
}

/// `target[key](...args)`; `Err` when the member is not a function or the call throws.
pub(crate) fn call_method(
    target: &JsValue,
    key: &'static str,
    args: &[&JsValue],
) -> Result<JsValue, JsValue> {
    let function = get(target, key)?;
    let list = Array::new();
    for arg in args {
        list.push(arg);
    }
    reflect_apply(&function, target, &list)
}

/// `function(...args)` with `this` undefined; `Err` when it is not a function or throws.
pub fn call_function(function: &JsValue, args: &[&JsValue]) -> Result<JsValue, JsValue> {
    let list = Array::new();
    for arg in args {
        list.push(arg);
    }
    reflect_apply(function, &JsValue::UNDEFINED, &list)
}
