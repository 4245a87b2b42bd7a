//! Where the config comes from: an object or URL given to `init`, an inline
//! `<script type="application/json" id="kite-config">`, or the `data-config` URL on Kite's
//! own script tag. Whatever happens, Kite gets a config: the safe default when nothing
//! better can be read, with an error that says why.

use super::document;
use crate::policy::config::{Config, ConfigError};
use crate::policy::json::Json;
use js_sys::{Array, Object, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The id of the inline config element.
pub const INLINE_ID: &str = "kite-config";

/// A config as read and checked at start.
pub struct Loaded {
    /// What Kite runs with: every valid part, safe defaults for the rest.
    pub config: Config,
    /// Why the config could not be read at all (Kite then runs with its safe defaults).
    pub errors: Vec<ConfigError>,
    /// The config as given, when the checker found mistakes in it (to be worded).
    pub mistaken: Option<Json>,
}

/// Reads and checks the config. The checker here only gives its verdict; the words for any
/// mistakes come later ([`crate::browser::page::Page::word_mistakes`]).
pub async fn load(given: JsValue) -> Loaded {
    let json = if let Some(url) = given.as_string() {
        fetch(&url).await
    } else if given.is_object() {
        to_json(&given).map_err(|why| error("config", &format!("{why}; Kite is running with its safe defaults.")))
    } else if let Some(inline) = document().get_element_by_id(INLINE_ID) {
        parse(&inline.text_content().unwrap_or_default()).map_err(|why| error(&format!("#{INLINE_ID}"), &why))
    } else if let Some(url) = document().query_selector("script[data-config]").ok().flatten().and_then(|s| s.get_attribute("data-config")) {
        fetch(&url).await
    } else {
        Ok(Json::Object(Vec::new()))
    };
    match json {
        Ok(json) => {
            let (config, mistakes) = Config::verdict(&json);
            Loaded { config, errors: Vec::new(), mistaken: (mistakes > 0).then_some(json) }
        }
        Err(e) => Loaded { config: Config::default(), errors: vec![e], mistaken: None },
    }
}

fn error(path: &str, message: &str) -> ConfigError {
    ConfigError { path: path.to_string(), message: message.to_string() }
}

fn parse(text: &str) -> Result<Json, String> {
    let value = js_parse(text).map_err(|detail| format!("is not valid JSON ({detail}). Check for a missing comma or quote; Kite is running with its safe defaults."))?;
    to_json(&value).map_err(|why| format!("{why}; Kite is running with its safe defaults."))
}

/// `JSON.parse`, the browser's (or Node's) own; the error is its message on one line.
fn js_parse(text: &str) -> Result<JsValue, String> {
    JSON::parse(text).map_err(|e| {
        let message = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default();
        message.split_whitespace().collect::<Vec<_>>().join(" ")
    })
}

/// Parses JSON text with `JSON.parse` into the policy core's tree.
pub fn parse_json(text: &str) -> Result<Json, String> {
    to_json(&js_parse(text)?)
}

async fn fetch(url: &str) -> Result<Json, ConfigError> {
    let at = |why: &str| error(&format!("data-config \"{url}\""), why);
    let window = web_sys::window().ok_or_else(|| at("no window"))?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| at("could not be fetched. Check the address; Kite is running with its safe defaults."))?;
    let response: web_sys::Response = response.unchecked_into();
    if !response.ok() {
        return Err(at(&format!("answered HTTP {}. Check the address; Kite is running with its safe defaults.", response.status())));
    }
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise).await.ok().and_then(|t| t.as_string()).unwrap_or_default(),
        Err(_) => String::new(),
    };
    parse(&text).map_err(|why| at(&why))
}

/// How deep a config may nest, and how many values it may hold: far beyond any real config
/// (about six levels), and low enough that an object that refers to itself, or JSON nested
/// thousands deep, is refused with a message instead of exhausting Kite's stack.
const MAX_DEPTH: usize = 32;
const MAX_VALUES: usize = 100_000;

/// Converts a JavaScript value into the policy core's JSON tree. Functions and symbols,
/// which JSON cannot hold, become `null` (and so are reported as the wrong type). A value
/// nested deeper than [`MAX_DEPTH`] or holding more than [`MAX_VALUES`] values is refused.
pub fn to_json(value: &JsValue) -> Result<Json, String> {
    let mut budget = MAX_VALUES;
    convert(value, 0, &mut budget)
        .ok_or_else(|| format!("nests deeper than {MAX_DEPTH} levels or holds more than {MAX_VALUES} values (does it refer to itself?)"))
}

fn convert(value: &JsValue, depth: usize, budget: &mut usize) -> Option<Json> {
    *budget = budget.checked_sub(1)?;
    if depth > MAX_DEPTH {
        return None;
    }
    Some(if value.is_null() || value.is_undefined() {
        Json::Null
    } else if let Some(b) = value.as_bool() {
        Json::Bool(b)
    } else if let Some(n) = value.as_f64() {
        Json::Number(n)
    } else if let Some(s) = value.as_string() {
        Json::String(s)
    } else if Array::is_array(value) {
        Json::Array(Array::from(value).iter().map(|v| convert(&v, depth + 1, budget)).collect::<Option<_>>()?)
    } else if value.is_object() && !value.is_function() {
        let entries = Object::entries(value.unchecked_ref());
        Json::Object(
            entries
                .iter()
                .map(|pair| {
                    let pair = Array::from(&pair);
                    Some((pair.get(0).as_string().unwrap_or_default(), convert(&pair.get(1), depth + 1, budget)?))
                })
                .collect::<Option<_>>()?,
        )
    } else {
        Json::Null
    })
}
