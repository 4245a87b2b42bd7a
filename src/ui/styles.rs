//! Kite's stylesheets, adopted by its shadow roots as constructed stylesheets: no `<style>`
//! element and no `style` attribute, so a strict Content-Security-Policy without
//! `'unsafe-inline'` still holds. `kite.css` is the first paint's; `rooms.css` is added by the
//! rooms' dialogs and signs when the first of them loads, so it downloads with them. Both are
//! minified by `build.rs`.

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::JsCast;

const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/kite.css"));

fn sheet(css: &str) -> Option<web_sys::CssStyleSheet> {
    let sheet = web_sys::CssStyleSheet::new().ok()?;
    sheet.replace_sync(css).ok()?;
    Some(sheet)
}

/// Adopts Kite's stylesheet into `root`.
pub fn adopt(root: &web_sys::ShadowRoot) {
    if let Some(sheet) = sheet(CSS) {
        root.set_adopted_style_sheets(&Array::of1(&sheet));
    }
}

/// Adds the rooms' stylesheet to the shadow root holding `element` (once).
pub fn adopt_rooms(element: &web_sys::Element) {
    const ROOMS: &str = include_str!(concat!(env!("OUT_DIR"), "/rooms.css"));
    let Ok(root) = element.get_root_node().dyn_into::<web_sys::ShadowRoot>() else { return };
    let sheets = root.adopted_style_sheets();
    if sheets.length() > 1 {
        return;
    }
    if let Some(sheet) = sheet(ROOMS) {
        sheets.push(&sheet);
        root.set_adopted_style_sheets(&sheets);
    }
}

/// Adopts Kite's stylesheet into another document (an embed's placeholder, inside its
/// iframe). A constructed stylesheet can only be adopted by the document whose window made
/// it, so it is made with that window's `CSSStyleSheet`.
pub fn adopt_document(document: &web_sys::Document) {
    let Some(window) = document.default_view() else { return };
    let Ok(constructor) = Reflect::get(&window, &"CSSStyleSheet".into()) else { return };
    let Ok(sheet) = Reflect::construct(constructor.unchecked_ref::<Function>(), &Array::new()) else { return };
    let sheet: web_sys::CssStyleSheet = sheet.unchecked_into();
    if sheet.replace_sync(CSS).is_ok() {
        let _ = Reflect::set(document, &"adoptedStyleSheets".into(), &Array::of1(&sheet));
    }
}
