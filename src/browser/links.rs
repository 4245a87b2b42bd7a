//! Reads links the way the browser will follow them, for the policy core's link decisions.

use crate::policy::links::{decide, Decision, LinkRules};
use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

/// Decides about `href` as written on this page: the browser's own URL parser resolves it
/// against the page first, so Kite judges exactly the address the browser would open.
pub fn check(href: &str, rules: &LinkRules) -> Decision {
    let location = web_sys::window().map(|w| w.location());
    let base = location.as_ref().and_then(|l| l.href().ok()).unwrap_or_default();
    let page_host = location.as_ref().and_then(|l| l.hostname().ok()).unwrap_or_default();
    let resolved = web_sys::Url::new_with_base(href, &base).map(|u| u.href()).unwrap_or_else(|_| href.to_string());
    decide(&resolved, &page_host, rules)
}

/// A decision as a plain object: `{ decision: "go" | "ask" | "refuse", reason, site, url }`.
/// `site` and `url` (where "Continue" goes, without tracking parameters) are set for "ask".
pub fn to_js(decision: &Decision) -> JsValue {
    let out = Object::new();
    let (kind, site, url) = match decision {
        Decision::Go(_) => ("go", JsValue::NULL, JsValue::NULL),
        Decision::Ask { site, url } => ("ask", site.into(), url.into()),
        Decision::Refuse(_) => ("refuse", JsValue::NULL, JsValue::NULL),
    };
    for (key, value) in [("decision", kind.into()), ("reason", decision.reason().into()), ("site", site), ("url", url)] {
        let _ = Reflect::set(&out, &key.into(), &value);
    }
    out.into()
}
