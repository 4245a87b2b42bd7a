//! Sends Google Consent Mode v2 updates through the page's `gtag` function (the stub
//! defines it and sets every signal to denied before any tag runs).
//!
//! Google's reference: `gtag('consent', 'update', { analytics_storage: 'granted', … })`.

use crate::policy::consent_mode::ConsentSignal;
use js_sys::{Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// Sends `gtag('consent', 'update', …)` with each signal granted or denied.
pub fn update(signals: &[(ConsentSignal, bool)]) {
    let Some(window) = web_sys::window() else { return };
    let Ok(gtag) = Reflect::get(&window, &"gtag".into()) else { return };
    let Some(gtag) = gtag.dyn_ref::<Function>() else { return };
    let values = Object::new();
    for (signal, granted) in signals {
        let _ = Reflect::set(&values, &signal.name().into(), &(if *granted { "granted" } else { "denied" }).into());
    }
    let _ = gtag.call3(&JsValue::UNDEFINED, &"consent".into(), &"update".into(), &values);
}
