//! Reads links the way the browser will follow them, for the policy core's link decisions.

use crate::policy::links::{decide, Decision, Leaving, LinkRules, Skips};
use gloo_events::{EventListener, EventListenerOptions, EventListenerPhase};
use js_sys::{Array, Function, Object, Reflect};
use std::cell::RefCell;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, HtmlFormElement};

/// Decides about `href` as written on this page: the browser's own URL parser resolves it
/// against the page first, so Kite judges exactly the address the browser would open.
pub fn check(href: &str, rules: &LinkRules) -> Decision {
    let base = super::document().base_uri().ok().flatten().unwrap_or_default();
    decide(&resolve(href, &base), &page_host(), rules)
}

/// `href` as the browser's URL parser resolves it against `base` (left as written if it
/// cannot, and the policy core then refuses it as unreadable).
pub(crate) fn resolve(href: &str, base: &str) -> String {
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
                if let Some(link) = activated_link(event).filter(|l| !l.has_attribute("data-kite-direct")) {
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
    let new_tab = mouse.ctrl_key() || mouse.meta_key() || mouse.shift_key() || mouse.button() == 1 || names_new_tab(link.get_attribute("target"));
    (resolved, new_tab)
}

fn names_new_tab(target: Option<String>) -> bool {
    target.is_some_and(|t| !t.is_empty() && !t.eq_ignore_ascii_case("_self") && !t.eq_ignore_ascii_case("_top") && !t.eq_ignore_ascii_case("_parent"))
}

/// How to carry on once the child chooses "Continue".
pub enum Then {
    /// Open the link's address.
    Follow,
    /// Submit the form (with the button that submitted it).
    Submit(HtmlFormElement, Option<HtmlElement>),
    /// Call the page's `window.open` with its target and features.
    Open(Function, JsValue, JsValue),
}

thread_local! {
    /// What "Continue" does for the dialog on screen.
    static PENDING: RefCell<Option<Then>> = const { RefCell::new(None) };
    /// A form Kite is submitting itself after "Continue": its submit event passes.
    static SUBMITTING: RefCell<Option<HtmlFormElement>> = const { RefCell::new(None) };
}

/// Remembers what "Continue" does for the dialog about to show.
pub fn pending(then: Then) {
    PENDING.with(|p| *p.borrow_mut() = Some(then));
}

/// Watches every form submission on the page (capture phase, before the page's handlers)
/// and reports the address it would send the form to and whether it opens a new tab.
/// Forms inside shadow roots are not seen: their submit event does not leave the root.
pub fn guard_forms(on_submit: fn(String, bool, Then) -> bool) -> EventListener {
    let options = EventListenerOptions { phase: EventListenerPhase::Capture, passive: false };
    EventListener::new_with_options(&super::document(), "submit", options, move |event| {
        let Some(form) = event.target().and_then(|t| t.dyn_into::<HtmlFormElement>().ok()) else { return };
        if event.default_prevented() || SUBMITTING.with(|s| s.borrow_mut().take_if(|f| *f == form).is_some()) {
            return;
        }
        let submitter = event.dyn_ref::<web_sys::SubmitEvent>().and_then(|e| e.submitter());
        let from_button = |name: &str| submitter.as_ref().and_then(|b| b.get_attribute(name));
        let method = from_button("formmethod").unwrap_or_else(|| form.method());
        if method.eq_ignore_ascii_case("dialog") {
            return;
        }
        let action = match from_button("formaction") {
            Some(raw) => resolve(&raw, &form.base_uri().ok().flatten().unwrap_or_default()),
            None => form.action(),
        };
        let new_tab = names_new_tab(from_button("formtarget").or_else(|| form.get_attribute("target")));
        if on_submit(action, new_tab, Then::Submit(form, submitter)) {
            event.prevent_default();
        }
    })
}

/// Puts Kite between the page's code and `window.open`: `on_open(address, then)` returns
/// `true` to stop the call (the page then gets `null`, as from a pop-up blocker). Calls with
/// no address, or one the browser cannot read, go to the browser's own `window.open`
/// unchanged. Dropping the guard puts the browser's own back.
pub fn guard_window_open(on_open: fn(String, Then) -> bool) -> Option<OpenGuard> {
    let window = web_sys::window()?;
    let original: Function = Reflect::get(&window, &"open".into()).ok()?.dyn_into().ok()?;
    let browser_open = original.clone();
    let wrapper = Closure::<dyn Fn(JsValue, JsValue, JsValue) -> Result<JsValue, JsValue>>::new(move |url: JsValue, target: JsValue, features: JsValue| {
        let own = || browser_open.call3(&JsValue::UNDEFINED, &url, &target, &features);
        // `String(url)` as the browser would take it; `undefined` is the empty string.
        let text: String = Array::of1(&url).join("").into();
        if text.is_empty() {
            return own();
        }
        let base = super::document().base_uri().ok().flatten().unwrap_or_default();
        let Ok(resolved) = web_sys::Url::new_with_base(&text, &base) else { return own() };
        if on_open(resolved.href(), Then::Open(browser_open.clone(), target.clone(), features.clone())) {
            Ok(JsValue::NULL)
        } else {
            own()
        }
    });
    Reflect::set(&window, &"open".into(), wrapper.as_ref()).ok()?;
    Some(OpenGuard { original, _wrapper: wrapper })
}

/// Kite's `window.open`, in place while this lives.
pub struct OpenGuard {
    original: Function,
    _wrapper: Closure<dyn Fn(JsValue, JsValue, JsValue) -> Result<JsValue, JsValue>>,
}

impl Drop for OpenGuard {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            let _ = Reflect::set(&window, &"open".into(), &self.original);
        }
    }
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

/// Carries on to the other site the way the child started: following the link, sending the
/// form or opening the window, always without a `Referer` or `window.opener`.
pub fn carry_on(then: Then, url: &str, new_tab: bool) {
    match then {
        Then::Follow => go(url, new_tab),
        Then::Submit(form, submitter) => {
            // Chromium ignores `rel="noreferrer"` on forms (measured: version 156 still sent
            // a Referer), so the page's referrer policy becomes no-referrer instead. It stays
            // so once set: only more private, for a page that is being left anyway.
            let document = super::document();
            let meta = document.create_element("meta").ok();
            if let (Some(meta), Some(head)) = (&meta, document.head()) {
                let _ = meta.set_attribute("name", "referrer");
                let _ = meta.set_attribute("content", "no-referrer");
                let _ = head.append_child(meta);
            }
            SUBMITTING.with(|s| *s.borrow_mut() = Some(form.clone()));
            let _ = form.request_submit_with_submitter(submitter.as_ref());
            SUBMITTING.with(|s| s.borrow_mut().take());
            if let Some(meta) = meta {
                meta.remove();
            }
        }
        Then::Open(open, target, features) => {
            let features: String = Array::of1(&features).join("").into();
            let features = if features.trim().is_empty() { "noopener,noreferrer".to_string() } else { format!("{features},noopener,noreferrer") };
            let _ = open.call3(&JsValue::UNDEFINED, &url.into(), &target, &features.into());
        }
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

pub(crate) const SKIPS_KEY: &str = "kite_links_skip";

fn today() -> String {
    let now = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", now.get_full_year(), now.get_month() + 1, now.get_date())
}

/// The sites this pupil chose not to be asked about again today (for this session only).
pub fn skips() -> Skips {
    let stored = super::recall(super::Keep::Session, SKIPS_KEY).unwrap_or_default();
    Skips::read(&stored, &today())
}

/// The child answered the "you are leaving" dialog; `skip`: they ticked "Don't ask again
/// for this site today".
pub fn answered(leaving: Leaving, go_on: bool, skip: bool) {
    let then = PENDING.with(|p| p.borrow_mut().take());
    announce(Some(&leaving.site), "third-party", if go_on { "continued" } else { "back" });
    if !go_on {
        return;
    }
    if skip {
        let mut skips = skips();
        skips.add(&leaving.site);
        super::keep(super::Keep::Session, SKIPS_KEY, &skips.encode());
    }
    carry_on(then.unwrap_or(Then::Follow), &leaving.url, leaving.new_tab);
}
