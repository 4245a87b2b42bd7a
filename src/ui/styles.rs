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
