//! Kite's stylesheet, adopted by the shadow root as a constructed stylesheet: no `<style>`
//! element and no `style` attribute, so a strict Content-Security-Policy without
//! `'unsafe-inline'` still holds.

const CSS: &str = include_str!("kite.css");

/// Adopts Kite's stylesheet into `root`.
pub fn adopt(root: &web_sys::ShadowRoot) {
    let Ok(sheet) = web_sys::CssStyleSheet::new() else { return };
    if sheet.replace_sync(CSS).is_ok() {
        root.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
    }
}

/// Adopts Kite's stylesheet into another document (an embed's placeholder, inside its
/// iframe). A constructed stylesheet can only be adopted by the document whose window made
/// it, so it is made with that window's `CSSStyleSheet`.
pub fn adopt_document(document: &web_sys::Document) {
    use wasm_bindgen::JsCast;
    let Some(window) = document.default_view() else { return };
    let Ok(constructor) = js_sys::Reflect::get(&window, &"CSSStyleSheet".into()) else { return };
    let Ok(sheet) = js_sys::Reflect::construct(constructor.unchecked_ref::<js_sys::Function>(), &js_sys::Array::new()) else { return };
    let sheet: web_sys::CssStyleSheet = sheet.unchecked_into();
    if sheet.replace_sync(CSS).is_ok() {
        let _ = js_sys::Reflect::set(document, &"adoptedStyleSheets".into(), &js_sys::Array::of1(&sheet));
    }
}
