//! Holds marked elements inert and brings them to life when allowed.
//!
//! A school admin marks a tracker with `type="text/plain" data-kite="analytics"` (the browser
//! does not run `text/plain`) and an embed with `data-kite="functional" data-src="…"` in place
//! of `src`. Pixels, fonts and media are marked the same way: `<img data-src>`, `<link
//! data-href>`, `<video data-src data-poster>`, `<audio>`, `<source data-src data-srcset>`,
//! `<picture>`, `<object>` and `<embed>` (see [`held_addresses`]); releasing one puts each
//! address back where the browser reads it. Activating a script means inserting a real copy:
//! every attribute is kept (`async`, `defer`, `integrity`, `crossorigin`, …), `data-type`
//! becomes `type` (for modules), and the page's CSP nonce is carried over. Whether anything
//! may run is decided by the policy core, not here.

use super::{console_error, document};
use crate::policy::config::shortened;
use crate::policy::marker::held_addresses;
use gloo_events::EventListener;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, HtmlElement, HtmlScriptElement, MutationObserver, MutationObserverInit};

/// Elements Kite looks after: scripts, iframes, and the pixels, fonts, stylesheets and media
/// a tracker also arrives in.
pub const SELECTOR: &str = ":is(script,iframe,img,link,video,audio,source,picture,object,embed)[data-kite]";
/// What the page watches for when elements are added: marked elements, and `<kite-rights>`.
const WATCHED: &str = "[data-kite],kite-rights,kite-monitoring";
/// The attribute where Kite records an element's state: `blocked`, `ran`, `once` or `error`.
pub const STATE: &str = "data-kite-state";

/// An element's state, kept in [`STATE`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// Waiting for consent.
    Blocked,
    /// Running (a script) or loaded (an iframe).
    Ran,
    /// An embed loaded once at the visitor's request, with no lasting choice: it stays
    /// until the page is left.
    Once,
    /// Its mark is wrong; it stays blocked.
    Error,
}

impl State {
    fn code(self) -> &'static str {
        match self {
            State::Blocked => "blocked",
            State::Ran => "ran",
            State::Once => "once",
            State::Error => "error",
        }
    }
}

/// The element's state.
pub fn state(element: &Element) -> Option<State> {
    match element.get_attribute(STATE).as_deref() {
        Some("blocked") => Some(State::Blocked),
        Some("ran") => Some(State::Ran),
        Some("once") => Some(State::Once),
        Some("error") => Some(State::Error),
        _ => None,
    }
}

/// Records the element's state.
pub fn set_state(element: &Element, state: State) {
    let _ = element.set_attribute(STATE, state.code());
}

/// Every marked element, in document order.
pub fn marked() -> Vec<Element> {
    super::all(SELECTOR)
}

/// Finds marked elements that the browser already ran or loaded because their markup is
/// incomplete, says how to fix it, and holds what it can from now on (iframes, pixels,
/// fonts, media). Returns true if it is safe to treat the element as blocked.
pub fn check_markup(element: &Element) -> bool {
    let mark = element.get_attribute("data-kite").unwrap_or_default();
    let tag = element.tag_name().to_ascii_lowercase();
    if tag == "script" {
        let kind = element.get_attribute("type").unwrap_or_default();
        if kind.trim().eq_ignore_ascii_case("text/plain") {
            return true;
        }
        console_error(&shortened(&format!(
            "<script data-kite=\"{mark}\"> is missing type=\"text/plain\", so the browser ran it before Kite could stop it. Add type=\"text/plain\" (and data-type=\"module\" for a module)."
        )));
        return false;
    }
    // An iframe, pixel, font or media file whose address is where the browser reads it.
    for (held, live) in held_addresses(&tag) {
        if let Some(value) = element.get_attribute(live).filter(|v| !v.is_empty() && v != "about:blank") {
            console_error(&shortened(&format!(
                "<{tag} data-kite=\"{mark}\"> has {live}=\"{value}\", so the browser loaded it before Kite could stop it. Write {held} instead of {live}."
            )));
            let _ = element.set_attribute(held, &value);
            let _ = if tag == "iframe" { element.set_attribute(live, "about:blank") } else { element.remove_attribute(live) };
        }
    }
    true
}

/// The page's CSP nonce, read from the `nonce` property (browsers hide the attribute) of the
/// placeholder itself or of any script that has one.
pub fn nonce_for(placeholder: &Element) -> String {
    let own = placeholder.dyn_ref::<HtmlElement>().map(|e| e.nonce()).unwrap_or_default();
    if !own.is_empty() {
        return own;
    }
    document()
        .query_selector("script[nonce]")
        .ok()
        .flatten()
        .and_then(|s| s.dyn_into::<HtmlElement>().ok())
        .map(|s| s.nonce())
        .unwrap_or_default()
}

/// Inserts a live copy of a marked script after it. Returns the copy and whether the next
/// script must wait for it to load (external, not `async`), which keeps document order.
pub fn activate_script(placeholder: &Element) -> Option<(HtmlScriptElement, bool)> {
    let script: HtmlScriptElement = document().create_element("script").ok()?.dyn_into().ok()?;
    for name in placeholder.get_attribute_names().iter().filter_map(|n| n.as_string()) {
        if matches!(name.as_str(), "type" | "nonce" | "data-type" | "data-kite" | STATE) {
            continue;
        }
        if let Some(value) = placeholder.get_attribute(&name) {
            let _ = script.set_attribute(&name, &value);
        }
    }
    if let Some(kind) = placeholder.get_attribute("data-type") {
        script.set_type(&kind);
    }
    let nonce = nonce_for(placeholder);
    if !nonce.is_empty() {
        script.set_nonce(&nonce);
    }
    let external = placeholder.has_attribute("src");
    if external {
        // Inserted scripts are async unless told otherwise; keep the author's choice.
        script.set_async(placeholder.has_attribute("async"));
    } else {
        let _ = script.set_text(&placeholder.text_content().unwrap_or_default());
    }
    let parent = placeholder.parent_node()?;
    parent.insert_before(&script, placeholder.next_sibling().as_ref()).ok()?;
    set_state(placeholder, State::Ran);
    Some((script, external && !placeholder.has_attribute("async")))
}

/// Waits until an external script has loaded or failed.
pub async fn loaded(script: &HtmlScriptElement) {
    let resolve: Rc<RefCell<Option<js_sys::Function>>> = Rc::default();
    let slot = resolve.clone();
    let promise = js_sys::Promise::new(&mut move |ok, _| *slot.borrow_mut() = Some(ok));
    let done = move || {
        if let Some(ok) = resolve.borrow_mut().take() {
            let _ = ok.call0(&JsValue::UNDEFINED);
        }
    };
    let done = Rc::new(done);
    let (a, b) = (done.clone(), done);
    let _load = EventListener::once(script, "load", move |_| a());
    let _error = EventListener::once(script, "error", move |_| b());
    let _ = JsFuture::from(promise).await;
}

/// Loads a marked iframe from `src` (its `data-src`, or the provider's privacy-enhanced
/// address for it), taking out Kite's placeholder first.
pub fn activate_iframe(element: &Element, src: &str, state: State) {
    let _ = element.remove_attribute("srcdoc");
    let _ = element.set_attribute("src", src);
    set_state(element, state);
}

/// Loads a marked pixel, font or media file: each held address goes back where the browser
/// reads it, in the element and in the `<source>` and `<img>` inside it (a `<picture>`, a
/// `<video>`); a video or audio then loads its new source.
pub fn activate_resource(element: &Element) {
    let mut all = vec![element.clone()];
    if let Ok(list) = element.query_selector_all("source,img") {
        all.extend((0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into::<Element>().ok()));
    }
    for el in &all {
        for (held, live) in held_addresses(&el.tag_name().to_ascii_lowercase()) {
            if let Some(value) = el.get_attribute(held) {
                let _ = el.set_attribute(live, &value);
            }
        }
    }
    super::call_method(element, "load", &[]);
    set_state(element, State::Ran);
}

/// Unloads a marked iframe whose consent was withdrawn (it keeps `data-src`).
pub fn deactivate_iframe(element: &Element) {
    let _ = element.set_attribute("src", "about:blank");
    set_state(element, State::Blocked);
}

/// Watches the page for marked elements added after load. Dropping it stops watching.
pub struct Watch {
    observer: MutationObserver,
    _callback: Closure<dyn FnMut(js_sys::Array, MutationObserver)>,
}

impl Watch {
    /// Calls `on_added` whenever marked elements are added to the page (or Kite's own
    /// elements removed).
    pub fn start(on_added: impl Fn() + 'static) -> Option<Watch> {
        let callback = Closure::<dyn FnMut(js_sys::Array, MutationObserver)>::new(move |records: js_sys::Array, _| {
            let marked = |nodes: web_sys::NodeList| {
                (0..nodes.length()).filter_map(|i| nodes.item(i)).filter_map(|n| n.dyn_into::<Element>().ok()).any(|e| {
                    e.matches(WATCHED).unwrap_or(false) || e.query_selector(WATCHED).ok().flatten().is_some()
                })
            };
            // Added marked elements, or a removed `<kite-monitoring>` (its sign goes with it).
            let added_marked = records.iter().any(|record| {
                let record: web_sys::MutationRecord = record.unchecked_into();
                marked(record.added_nodes()) || marked(record.removed_nodes())
            });
            if added_marked {
                on_added();
            }
        });
        let observer = MutationObserver::new(callback.as_ref().unchecked_ref()).ok()?;
        let options = MutationObserverInit::new();
        options.set_child_list(true);
        options.set_subtree(true);
        observer.observe_with_options(&document().document_element()?.into(), &options).ok()?;
        Some(Watch { observer, _callback: callback })
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
