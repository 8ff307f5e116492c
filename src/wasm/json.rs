//! A body parsed by the runtime's `JSON.parse`, read into the model by its serde derives.
//!
//! serde-wasm-bindgen's `from_value` does this job, but costs 16.6 KB of gzipped wasm here:
//! almost all of it `f64` formatting, which serde's default `invalid_type` message pulls in.
//! This reader handles what `JSON.parse` can produce, and its errors describe a value by its
//! type, never by formatting it.

use std::fmt;

use js_sys::{Array, Object, Reflect};
use serde::de::value::StringDeserializer;
use serde::de::{self, DeserializeOwned, DeserializeSeed, Expected, Unexpected, Visitor};
use serde::forward_to_deserialize_any;
use wasm_bindgen::{JsCast, JsValue};

use crate::response::JsonValue;
use crate::text::{concat, decimal};

/// A value `JSON.parse` returned.
#[derive(Debug)]
pub(crate) struct ParsedJson(pub JsValue);

impl JsonValue for ParsedJson {
    fn decode<T: DeserializeOwned>(&self) -> Result<T, String> {
        T::deserialize(Reader(self.0.clone())).map_err(|e| e.to_string())
    }
}

/// What went wrong, and where (`subscribeScope.corpIds[0]`).
#[derive(Debug)]
struct DecodeError {
    path: String,
    problem: String,
}

impl DecodeError {
    fn new(problem: String) -> Self {
        DecodeError {
            path: String::new(),
            problem,
        }
    }

    /// The same error, one level further out: inside the member `key`.
    fn in_member(mut self, key: &str) -> Self {
        let dot = if self.path.is_empty() || self.path.starts_with('[') {
            ""
        } else {
            "."
        };
        self.path = concat(&[key, dot, &self.path]);
        self
    }

    /// The same error, one level further out: inside the element `index`.
    fn in_element(mut self, index: u32) -> Self {
        let dot = if self.path.is_empty() || self.path.starts_with('[') {
            ""
        } else {
            "."
        };
        self.path = concat(&["[", &decimal(index.into()), "]", dot, &self.path]);
        self
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            f.write_str("`")?;
            f.write_str(&self.path)?;
            f.write_str("`: ")?;
        }
        f.write_str(&self.problem)
    }
}

impl std::error::Error for DecodeError {}

/// A value named by its type: a number is never formatted.
fn describe(unexpected: &Unexpected<'_>) -> &'static str {
    match unexpected {
        Unexpected::Bool(_) => "a boolean",
        Unexpected::Unsigned(_) | Unexpected::Signed(_) | Unexpected::Float(_) => "a number",
        Unexpected::Str(_) | Unexpected::Char(_) => "a string",
        Unexpected::Unit | Unexpected::Option => "null",
        Unexpected::Seq => "an array",
        Unexpected::Map => "an object",
        _ => "another value",
    }
}

impl de::Error for DecodeError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        DecodeError::new(message.to_string())
    }

    fn invalid_type(unexpected: Unexpected<'_>, expected: &dyn Expected) -> Self {
        DecodeError::new(concat(&[
            "expected ",
            &expected.to_string(),
            ", found ",
            describe(&unexpected),
        ]))
    }

    fn invalid_value(unexpected: Unexpected<'_>, expected: &dyn Expected) -> Self {
        Self::invalid_type(unexpected, expected)
    }

    fn missing_field(field: &'static str) -> Self {
        DecodeError::new(concat(&["missing field `", field, "`"]))
    }
}

/// One JS value, read as serde asks.
struct Reader(JsValue);

impl Reader {
    fn unexpected(&self) -> Unexpected<'static> {
        let value = &self.0;
        if value.is_null() || value.is_undefined() {
            Unexpected::Unit
        } else if value.as_bool().is_some() {
            Unexpected::Bool(false)
        } else if value.is_string() {
            Unexpected::Str("")
        } else if Array::is_array(value) {
            Unexpected::Seq
        } else if value.is_object() {
            Unexpected::Map
        } else {
            Unexpected::Float(0.0)
        }
    }
}

impl<'de> de::Deserializer<'de> for Reader {
    type Error = DecodeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        let value = self.0;
        if let Some(text) = value.as_string() {
            visitor.visit_string(text)
        } else if let Some(flag) = value.as_bool() {
            visitor.visit_bool(flag)
        } else if value.is_null() || value.is_undefined() {
            visitor.visit_unit()
        } else if let Some(array) = value.dyn_ref::<Array>() {
            visitor.visit_seq(Elements {
                len: array.length(),
                array: array.clone(),
                index: 0,
            })
        } else if value.is_object() {
            let keys = Object::keys(value.unchecked_ref::<Object>());
            visitor.visit_map(Members {
                len: keys.length(),
                keys,
                object: value,
                index: 0,
            })
        } else {
            // Only numbers are left; the model has none, so this is always the wrong type.
            visitor.visit_f64(value.as_f64().unwrap_or_default())
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        if self.0.is_null() || self.0.is_undefined() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        // serde's derive would also take an array as a struct, by position; JSON means an object.
        if !self.0.is_object() || Array::is_array(&self.0) {
            return Err(de::Error::invalid_type(self.unexpected(), &visitor));
        }
        self.deserialize_any(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        // An unknown member: skipped without reading it.
        visitor.visit_unit()
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
    }
}

struct Elements {
    array: Array,
    index: u32,
    len: u32,
}

impl<'de> de::SeqAccess<'de> for Elements {
    type Error = DecodeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DecodeError> {
        if self.index >= self.len {
            return Ok(None);
        }
        let index = self.index;
        self.index += 1;
        seed.deserialize(Reader(self.array.get(index)))
            .map(Some)
            .map_err(|e| e.in_element(index))
    }

    fn size_hint(&self) -> Option<usize> {
        usize::try_from(self.len - self.index).ok()
    }
}

struct Members {
    object: JsValue,
    keys: Array,
    index: u32,
    len: u32,
}

impl<'de> de::MapAccess<'de> for Members {
    type Error = DecodeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DecodeError> {
        if self.index >= self.len {
            return Ok(None);
        }
        let key = self.keys.get(self.index).as_string().unwrap_or_default();
        seed.deserialize(StringDeserializer::<DecodeError>::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DecodeError> {
        let key = self.keys.get(self.index);
        self.index += 1;
        // A plain object from JSON.parse: reading a member cannot throw.
        let value = Reflect::get(&self.object, &key).unwrap_or(JsValue::UNDEFINED);
        seed.deserialize(Reader(value))
            .map_err(|e| e.in_member(&key.as_string().unwrap_or_default()))
    }
}
