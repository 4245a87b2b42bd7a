//! A plain JSON value: the shape a config arrives in before it is checked.
//!
//! The browser builds it from a `JSON.parse` result; native code (tests, the command-line
//! checker) builds it from text with [`Json::parse`]. Keeping the tree ours lets validation
//! report every mistake with its field path instead of stopping at the first.

/// One JSON value. Object members keep their order, so errors are reported in file order.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// Any number.
    Number(f64),
    /// A string.
    String(String),
    /// A list.
    Array(Vec<Json>),
    /// An object, as its members in order.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// Words for this kind of value, for error messages: "a number", "text", "a list" …
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "true/false",
            Json::Number(_) => "a number",
            Json::String(s) if s.trim().is_empty() => "empty text",
            Json::String(_) => "text",
            Json::Array(_) => "a list",
            Json::Object(_) => "an object",
        }
    }

    /// Looks up a member of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Parses JSON text (native builds only; the browser uses its own `JSON.parse`).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn parse(text: &str) -> Result<Json, String> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        Ok(Json::from(value))
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl From<serde_json::Value> for Json {
    fn from(value: serde_json::Value) -> Self {
        use serde_json::Value as V;
        match value {
            V::Null => Json::Null,
            V::Bool(b) => Json::Bool(b),
            V::Number(n) => Json::Number(n.as_f64().unwrap_or(f64::NAN)),
            V::String(s) => Json::String(s),
            V::Array(items) => Json::Array(items.into_iter().map(Json::from).collect()),
            V::Object(members) => Json::Object(members.into_iter().map(|(k, v)| (k, Json::from(v))).collect()),
        }
    }
}
