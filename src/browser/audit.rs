//! Gathers the facts for the self-audit ([`crate::policy::audit`]) from the live page: what
//! loads from where, links, what was stored before a choice, how Kite is drawn, and the
//! Content-Security-Policy violations seen. Deciding what is wrong is the policy core's job.

use crate::policy::audit::{ButtonLook, Link, Loaded, PageFacts};
use crate::policy::cookies::StorageKind;
use wasm_bindgen::JsCast;
use super::all;
use web_sys::Element;

/// Kite's own files, which are not findings wherever they are served from.
const KITE_FILES: &[&str] = &["kite.js", "kite-stub.js", "kite_core.js"];

/// `attribute` of `element`, resolved against the page as the browser loads it.
fn resolved(element: &Element, attribute: &str) -> Option<String> {
    let raw = element.get_attribute(attribute).filter(|v| !v.trim().is_empty())?;
    Some(super::links::resolve(&raw, &element.base_uri().ok().flatten().unwrap_or_default()))
}

fn describe(element: &Element, attribute: &str, value: &str) -> String {
    format!("<{} {attribute}=\"{value}\">", element.tag_name().to_ascii_lowercase())
}

fn loaded(selector: &str, attributes: &[&str]) -> Vec<Loaded> {
    all(selector)
        .into_iter()
        .filter_map(|e| {
            let (attribute, url) = attributes.iter().find_map(|a| resolved(&e, a).map(|u| (*a, u)))?;
            let raw = e.get_attribute(attribute).unwrap_or_default();
            let file = url.split(['?', '#']).next().unwrap_or_default().rsplit('/').next().unwrap_or_default().to_string();
            (!KITE_FILES.contains(&file.as_str())).then(|| Loaded { element: describe(&e, attribute, &raw), url, marked: e.has_attribute("data-kite") })
        })
        .collect()
}

/// Cookie names, and storage keys with where they are.
pub type Stored = (Vec<String>, Vec<(StorageKind, String)>);

/// Cookie names and storage keys there are now (taken when Kite starts, before a choice).
pub fn stored_now() -> Stored {
    let cookies = super::cookie_store::cookies().into_iter().map(|(name, _)| name).collect();
    let mut keys = Vec::new();
    if let Some(window) = web_sys::window() {
        for (kind, store) in [(StorageKind::Local, window.local_storage()), (StorageKind::Session, window.session_storage())] {
            if let Ok(Some(store)) = store {
                keys.extend((0..store.length().unwrap_or(0)).filter_map(|i| store.key(i).ok().flatten()).map(|k| (kind, k)));
            }
        }
    }
    (cookies, keys)
}

/// The page as it is now. `before` is what [`stored_now`] found at start, when no choice had
/// been made (empty otherwise); `violations` the policy violations seen since.
pub fn facts(before: Stored, violations: Vec<(String, String)>) -> PageFacts {
    let document = super::document();
    let host = super::links::page_host();
    let links = all("a[href], area[href]")
        .into_iter()
        .filter_map(|e| {
            let url = resolved(&e, "href")?;
            let rel = e.get_attribute("rel").unwrap_or_default().to_ascii_lowercase();
            let raw = e.get_attribute("href").unwrap_or_default();
            Some(Link { element: describe(&e, "href", &raw), url, noreferrer: rel.split_whitespace().any(|r| r == "noreferrer") })
        })
        .collect();
    let referrer_policy = document.query_selector("meta[name=\"referrer\" i]").ok().flatten().and_then(|m| m.get_attribute("content"));
    let window = web_sys::window();
    let root = document.query_selector(crate::ui::HOST_TAG).ok().flatten();
    let style = |e: &Element| window.as_ref().and_then(|w| w.get_computed_style(e).ok().flatten());
    // Judge the page's own CSS: set aside the overrides Kite adds to show the report.
    let inline = root.as_ref().and_then(|r| r.dyn_ref::<web_sys::HtmlElement>()).map(|r| {
        let text = r.style().css_text();
        r.style().set_css_text("");
        (r.clone(), text)
    });
    let kite_hidden = root.as_ref().and_then(style).and_then(|s| {
        let get = |p: &str| s.get_property_value(p).unwrap_or_default();
        if get("display") == "none" {
            Some("display: none".to_string())
        } else if get("visibility") == "hidden" {
            Some("visibility: hidden".to_string())
        } else if get("opacity") == "0" || get("opacity").starts_with("0.0") {
            Some(format!("opacity: {}", get("opacity")))
        } else {
            None
        }
    });
    if let Some((root, text)) = inline {
        root.style().set_css_text(&text);
    }
    let shadow = root.as_ref().and_then(|r| r.shadow_root());
    let banner = shadow.as_ref().and_then(|s| s.query_selector(".kite-banner [role=\"dialog\"]").ok().flatten());
    let buttons = banner
        .as_ref()
        .and_then(|b| b.query_selector_all(".kite-actions .kite-btn").ok())
        .map(|list| {
            (0..list.length())
                .filter_map(|i| list.item(i))
                .filter_map(|n| n.dyn_into::<Element>().ok())
                .map(|b| {
                    let rect = b.get_bounding_client_rect();
                    let look = style(&b).map(|s| {
                        let get = |p: &str| s.get_property_value(p).unwrap_or_default();
                        format!("{} {} {}", get("font-weight"), get("font-size"), get("background-color"))
                    });
                    ButtonLook { code: b.get_attribute("data-action").unwrap_or_default(), size: (rect.width(), rect.height()), style: look.unwrap_or_default() }
                })
                .collect()
        })
        .unwrap_or_default();
    PageFacts {
        host,
        scripts: loaded("script[src]", &["src"]),
        iframes: loaded("iframe", &["src", "data-src"]),
        images: loaded("img", &["src"]),
        fonts: loaded("link[rel~=stylesheet],link[rel~=preconnect],link[rel~=preload],link[rel~=dns-prefetch]", &["href"]),
        media: loaded("video,audio,source,object,embed", &["src", "poster", "data"]),
        links,
        referrer_policy,
        cookies_before_choice: before.0,
        storage_before_choice: before.1,
        banner_shown: banner.is_some(),
        kite_hidden,
        buttons,
        csp_violations: violations,
    }
}
