//! Reads links the way the browser will follow them, for the policy core's link decisions.

use crate::policy::links::{decide, Decision, Leaving, LinkRules};
use gloo_events::{EventListener, EventListenerOptions, EventListenerPhase};
use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

/// Decides about `href` as written on this page: the browser's own URL parser resolves it
/// against the page first, so Kite judges exactly the address the browser would open.
pub fn check(href: &str, rules: &LinkRules) -> Decision {
    let base = super::document().base_uri().ok().flatten().unwrap_or_default();
    decide(&resolve(href, &base), &page_host(), rules)
}

/// `href` as the browser's URL parser resolves it against `base` (left as written if it
/// cannot, and the policy core then refuses it as unreadable).
fn resolve(href: &str, base: &str) -> String {
    web_sys::Url::new_with_base(href, base).map(|u| u.href()).unwrap_or_else(|_| href.to_string())
}

/// The page's host name, the "here" of every same-site decision.
pub fn page_host() -> String {
    web_sys::window().and_then(|w| w.location().hostname().ok()).unwrap_or_default()
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

/// The event dispatched on `document` for every link dialog: shown, then answered.
/// `detail`: `{ site, reason, outcome }`, where outcome is `shown`, `continued`, `back` or
/// `refused`. Nothing leaves the browser unless the page sends it.
pub const LINK_EVENT: &str = "kite:link";

/// Watches every activation of a link on the page, before the page's own handlers: clicks
/// (with or without Ctrl, Cmd or Shift, and Enter on a focused link, which the browser turns
/// into a click), middle clicks, `<area>` and links inside shadow roots (found on the event's
/// composed path). Links added later are covered too: the listener is on the document.
pub fn guard(on_link: fn(&Element, &web_sys::MouseEvent)) -> Vec<EventListener> {
    let options = EventListenerOptions { phase: EventListenerPhase::Capture, passive: false };
    ["click", "auxclick"]
        .into_iter()
        .map(|kind| {
            EventListener::new_with_options(&super::document(), kind, options, move |event| {
                let Some(mouse) = event.dyn_ref::<web_sys::MouseEvent>() else { return };
                if event.default_prevented() || (event.type_() == "auxclick" && mouse.button() != 1) {
                    return;
                }
                if let Some(link) = activated_link(event) {
                    on_link(&link, mouse);
                }
            })
        })
        .collect()
}

fn activated_link(event: &web_sys::Event) -> Option<Element> {
    event.composed_path().iter().find_map(|target| {
        let element = target.dyn_into::<Element>().ok()?;
        let tag = element.tag_name();
        ((tag.eq_ignore_ascii_case("a") || tag.eq_ignore_ascii_case("area")) && element.has_attribute("href")).then_some(element)
    })
}

/// The address a link element would open and whether it opens a new tab.
pub fn target(link: &Element, mouse: &web_sys::MouseEvent) -> (String, bool) {
    let href = link.get_attribute("href").unwrap_or_default();
    let resolved = resolve(&href, &link.base_uri().ok().flatten().unwrap_or_default());
    let new_tab = mouse.ctrl_key() || mouse.meta_key() || mouse.shift_key() || mouse.button() == 1
        || link.get_attribute("target").is_some_and(|t| !t.is_empty() && !t.eq_ignore_ascii_case("_self"));
    (resolved, new_tab)
}

/// Opens `url` without telling the other site where the child came from: no `Referer`
/// header and no `window.opener`.
pub fn go(url: &str, new_tab: bool) {
    let Ok(link) = super::document().create_element("a") else { return };
    let _ = link.set_attribute("href", url);
    let _ = link.set_attribute("rel", "noopener noreferrer");
    let _ = link.set_attribute("referrerpolicy", "no-referrer");
    if new_tab {
        let _ = link.set_attribute("target", "_blank");
    }
    if let Some(link) = link.dyn_ref::<web_sys::HtmlElement>() {
        link.click();
    }
}

/// Tells the page about a link dialog.
pub fn announce(site: Option<&str>, reason: &str, outcome: &str) {
    let detail = Object::new();
    let site = site.map_or(JsValue::NULL, JsValue::from);
    for (key, value) in [("site", site), ("reason", reason.into()), ("outcome", outcome.into())] {
        let _ = Reflect::set(&detail, &key.into(), &value);
    }
    super::events::dispatch(LINK_EVENT, &detail);
}

/// The child answered the "you are leaving" dialog.
pub fn answered(leaving: Leaving, go_on: bool) {
    announce(Some(&leaving.site), "third-party", if go_on { "continued" } else { "back" });
    if go_on {
        go(&leaving.url, leaving.new_tab);
    }
}
