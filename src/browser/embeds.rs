//! Embeds' placeholders live inside the embed's own iframe: Kite gives the iframe a blank
//! document of its own (`srcdoc`, which makes no request) and renders the placeholder there.
//! The iframe keeps its place, size and the page's styling, so nothing on the page moves
//! when the placeholder shows or when the embed loads in its place.

use gloo_events::EventListener;
use std::cell::{Cell, RefCell};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlIFrameElement};

/// The attribute holding a placeholder's number.
const NUMBER: &str = "data-kite-embed";

thread_local! {
    static NEXT: Cell<u32> = const { Cell::new(1) };
    static LOADS: RefCell<Vec<(u32, EventListener)>> = const { RefCell::new(Vec::new()) };
}

/// The iframe's placeholder number, given on first use.
pub fn number(iframe: &Element) -> u32 {
    if let Some(n) = iframe.get_attribute(NUMBER).and_then(|n| n.parse().ok()) {
        return n;
    }
    let n = NEXT.with(|next| next.replace(next.get() + 1));
    let _ = iframe.set_attribute(NUMBER, &n.to_string());
    n
}

/// The iframe with placeholder number `n`.
pub fn find(n: u32) -> Option<Element> {
    super::document().query_selector(&format!("iframe[{NUMBER}=\"{n}\"]")).ok().flatten()
}

/// True while the iframe holds Kite's placeholder document.
pub fn showing(iframe: &Element) -> bool {
    iframe.has_attribute(NUMBER) && iframe.has_attribute("srcdoc")
}

/// Gives the iframe a blank document in `lang` titled `title`, and calls `fill` with its body
/// once it has loaded.
pub fn prepare(iframe: &Element, lang: &str, title: &str, fill: impl FnOnce(HtmlElement) + 'static) {
    let n = number(iframe);
    let Some(frame) = iframe.dyn_ref::<HtmlIFrameElement>().cloned() else { return };
    let listener = EventListener::once(iframe, "load", move |_| {
        if let Some(body) = frame.content_document().and_then(|d| d.body()) {
            fill(body);
        }
    });
    LOADS.with(|loads| {
        let mut loads = loads.borrow_mut();
        loads.retain(|(m, _)| *m != n);
        loads.push((n, listener));
    });
    let title = escape(title);
    let _ = iframe.set_attribute("srcdoc", &format!("<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body></body></html>"));
}

/// Takes the placeholder document out of the iframe (its own address loads, if it has one).
pub fn clear(iframe: &Element) {
    let n = number(iframe);
    LOADS.with(|loads| loads.borrow_mut().retain(|(m, _)| *m != n));
    let _ = iframe.remove_attribute("srcdoc");
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
