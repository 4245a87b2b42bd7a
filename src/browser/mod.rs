//! Effects only: applies the policy core's decisions to the page. Storage, cookies, script
//! and iframe activation, tabs, events. Nothing here decides what may run.

pub mod audit;
pub mod clock;
pub mod config_source;
pub mod consent_mode;
pub mod cookie_store;
pub mod embeds;
pub mod events;
pub mod gate;
pub mod guard;
pub mod links;
pub mod notices;
pub mod page;
pub mod sensors;
pub mod speech;
pub mod tabs;

use wasm_bindgen::JsCast;

pub(crate) fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).expect("Kite runs in a page with a document")
}

/// Every element on the page that matches `selector`, in document order.
pub(crate) fn all(selector: &str) -> Vec<web_sys::Element> {
    let Ok(list) = document().query_selector_all(selector) else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into::<web_sys::Element>().ok()).collect()
}

/// Logs an error for the site's developers; never throws.
pub(crate) fn console_error(message: &str) {
    web_sys::console::error_1(&format!("Kite: {message}").into());
}

/// Where Kite keeps what it must remember: `sessionStorage` for this browser session,
/// `localStorage` when `lasting`.
pub(crate) enum Keep {
    /// Until the tab closes.
    Session,
    /// Until the visitor clears it.
    Lasting,
}

/// The text Kite stored under `key`, if the browser allows storage and has it.
pub(crate) fn recall(keep: Keep, key: &str) -> Option<String> {
    storage(keep)?.get_item(key).ok().flatten()
}

/// Stores `value` under `key`; does nothing where the browser refuses storage.
pub(crate) fn keep(keep: Keep, key: &str, value: &str) {
    if let Some(store) = storage(keep) {
        let _ = store.set_item(key, value);
    }
}

/// Removes what Kite stored under `key`.
pub(crate) fn forget(keep: Keep, key: &str) {
    if let Some(store) = storage(keep) {
        let _ = store.remove_item(key);
    }
}

fn storage(keep: Keep) -> Option<web_sys::Storage> {
    let window = web_sys::window()?;
    match keep {
        Keep::Session => window.session_storage(),
        Keep::Lasting => window.local_storage(),
    }
    .ok()
    .flatten()
}

/// The first element on the event's path (so inside shadow roots too) that has `attribute`.
pub(crate) fn on_path(event: &web_sys::Event, attribute: &str) -> Option<web_sys::HtmlElement> {
    event.composed_path().iter().find_map(|t| t.dyn_into::<web_sys::HtmlElement>().ok().filter(|e| e.has_attribute(attribute)))
}

/// Calls the JavaScript method `name` of `target` (for browser APIs reached through
/// `Reflect`, which keeps `web-sys` bindings out of the download); None when it is missing or
/// throws.
pub(crate) fn call_method(target: &wasm_bindgen::JsValue, name: &str, args: &[&wasm_bindgen::JsValue]) -> Option<wasm_bindgen::JsValue> {
    let f: js_sys::Function = js_sys::Reflect::get(target, &name.into()).ok()?.dyn_into().ok()?;
    f.apply(target, &args.iter().copied().collect::<js_sys::Array>()).ok()
}

pub(crate) fn html_document() -> Option<web_sys::HtmlDocument> {
    document().dyn_into::<web_sys::HtmlDocument>().ok()
}

/// Lets the browser run what is waiting (a paint, a click) before Kite carries on, so
/// starting is a few short tasks rather than one long one. `scheduler.yield()` does this
/// (Kite carries on first, ahead of other queued work); where a browser does not have it
/// yet, Kite carries on at once, as it always did there.
#[inline(never)]
pub(crate) fn next_task() -> wasm_bindgen_futures::JsFuture {
    let scheduled = web_sys::window()
        .and_then(|window| js_sys::Reflect::get(&window, &"scheduler".into()).ok())
        .filter(|s| s.is_object())
        .and_then(|scheduler| {
            let yield_: js_sys::Function = js_sys::Reflect::get(&scheduler, &"yield".into()).ok()?.dyn_into().ok()?;
            yield_.call0(&scheduler).ok()?.dyn_into::<js_sys::Promise>().ok()
        });
    scheduled.unwrap_or_else(|| js_sys::Promise::resolve(&wasm_bindgen::JsValue::UNDEFINED)).into()
}
