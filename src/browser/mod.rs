//! Effects only: applies the policy core's decisions to the page. Storage, cookies, script
//! and iframe activation, tabs, events. Nothing here decides what may run.

pub mod clock;
pub mod config_source;
pub mod consent_mode;
pub mod cookie_store;
pub mod embeds;
pub mod events;
pub mod gate;
pub mod links;
pub mod notices;
pub mod page;
pub mod tabs;

use wasm_bindgen::JsCast;

pub(crate) fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).expect("Kite runs in a page with a document")
}

/// Logs an error for the site's developers; never throws.
pub(crate) fn console_error(message: &str) {
    web_sys::console::error_1(&format!("Kite: {message}").into());
}

pub(crate) fn html_document() -> Option<web_sys::HtmlDocument> {
    document().dyn_into::<web_sys::HtmlDocument>().ok()
}
