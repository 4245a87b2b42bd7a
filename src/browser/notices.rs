//! Catches the moment a marked element starts using data (`data-kite-notice="…"`), before the
//! page's own handlers, so a just-in-time notice can show first; then lets the action go ahead
//! or not. What to show and whether is decided by the page and the policy core; the notice
//! itself is shown by the notices room, which loads when first needed (the action waits).
//!
//! Which moment counts depends on the element: typing into a text box starts with focus;
//! a button, link, file picker, checkbox or radio button starts with a click (Enter and Space
//! on them are clicks too); a marked form, or a form holding a marked control whose notice
//! was not agreed, starts with its submission.

use crate::policy::notices::{Agreed, Answer};
use gloo_events::{EventListener, EventListenerOptions, EventListenerPhase};
use js_sys::{Function, Object, Reflect};
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, HtmlFormElement};

/// The attribute that names an element's notice.
pub const ATTRIBUTE: &str = "data-kite-notice";

/// The event dispatched on `document` when a notice is answered: `detail` is
/// `{ name, answer }`, answer `ok` or `not-now`. Nothing leaves the browser unless the page
/// sends it.
pub const NOTICE_EVENT: &str = "kite:notice";

pub(crate) const STORE_KEY: &str = "kite_notices";

/// What happens after the child answers.
pub enum Then {
    /// Click the element again ("OK") or leave it unclicked.
    Click(HtmlElement),
    /// Put focus back in the text box ("OK") or back where it came from (`Not now`).
    Focus(HtmlElement, Option<HtmlElement>),
    /// Submit the form with the button that submitted it ("OK"), or don't.
    Submit(HtmlFormElement, Option<HtmlElement>),
    /// Resolve the page's promise from `notice.show` with the answer.
    Promise(Function),
}

thread_local! {
    /// An element Kite is clicking, focusing or submitting itself after "OK": its next event passes.
    static PASSING: RefCell<Option<Element>> = const { RefCell::new(None) };
}

/// The notices agreed to this session.
pub fn agreed() -> Agreed {
    Agreed::read(&super::recall(super::Keep::Session, STORE_KEY).unwrap_or_default())
}

/// Remembers that `name` was agreed to, for the rest of the session.
pub fn remember(name: &str) {
    let mut agreed = agreed();
    agreed.add(name);
    super::keep(super::Keep::Session, STORE_KEY, &agreed.encode());
}

/// Takes back the child's "OK" to `name` for this session ("Stop sharing", "Turn off").
pub fn forget(name: &str) {
    let mut agreed = agreed();
    agreed.remove(name);
    super::keep(super::Keep::Session, STORE_KEY, &agreed.encode());
}

/// The child answered notice `name` (or it could not be shown: "Not now"): carry on, or
/// don't, and tell the page.
pub fn finish(name: &str, then: Then, answer: Answer) {
    let go = answer == Answer::Ok;
    match then {
        Then::Click(element) => {
            if go {
                PASSING.with(|p| *p.borrow_mut() = Some(element.clone().into()));
                element.click();
            }
            let _ = element.focus();
        }
        Then::Focus(element, came_from) => {
            if go {
                PASSING.with(|p| *p.borrow_mut() = Some(element.clone().into()));
                let _ = element.focus();
            } else if let Some(before) = came_from {
                let _ = before.focus();
            } else {
                let _ = element.blur();
            }
        }
        Then::Submit(form, submitter) => {
            if go {
                PASSING.with(|p| *p.borrow_mut() = Some(form.clone().into()));
                let _ = form.request_submit_with_submitter(submitter.as_ref());
            }
            if let Some(button) = submitter {
                let _ = button.focus();
            }
        }
        Then::Promise(resolve) => {
            let _ = resolve.call1(&JsValue::UNDEFINED, &answer.code().into());
        }
    }
    let detail = Object::new();
    let _ = Reflect::set(&detail, &"name".into(), &name.into());
    let _ = Reflect::set(&detail, &"answer".into(), &answer.code().into());
    super::events::dispatch(NOTICE_EVENT, &detail);
}

fn passes(element: &Element) -> bool {
    PASSING.with(|p| p.borrow_mut().take_if(|e| e == element).is_some())
}

/// Text boxes start with focus: typing is the use of data.
fn is_text_entry(element: &Element) -> bool {
    let tag = element.tag_name().to_ascii_lowercase();
    let typed = |t: &str| matches!(t, "" | "text" | "email" | "search" | "tel" | "url" | "number" | "password");
    match tag.as_str() {
        "textarea" | "select" => true,
        "input" => typed(&element.get_attribute("type").unwrap_or_default().to_ascii_lowercase()),
        _ => element.get_attribute("contenteditable").is_some_and(|v| v != "false"),
    }
}

/// The element on the event's path that names a notice.
fn marked(event: &web_sys::Event) -> Option<HtmlElement> {
    super::on_path(event, ATTRIBUTE)
}

fn name_of(element: &Element) -> String {
    element.get_attribute(ATTRIBUTE).unwrap_or_default().trim().to_string()
}

/// Watches clicks, focus and form submissions on the page, capture phase. `on_use(name,
/// then)` shows the notice and returns true when it did (the event is then stopped).
pub fn guard(on_use: fn(&str, Then) -> bool) -> Vec<EventListener> {
    let options = EventListenerOptions { phase: EventListenerPhase::Capture, passive: false };
    let document = super::document();
    vec![
        EventListener::new_with_options(&document, "click", options, move |event| {
            let Some(element) = marked(event) else { return };
            if is_text_entry(&element) || element.is_instance_of::<HtmlFormElement>() || passes(&element) || event.default_prevented() {
                return;
            }
            if on_use(&name_of(&element), Then::Click(element)) {
                event.prevent_default();
                event.stop_immediate_propagation();
            }
        }),
        EventListener::new_with_options(&document, "focusin", options, move |event| {
            let Some(element) = marked(event).filter(|e| is_text_entry(e)) else { return };
            if passes(&element) {
                return;
            }
            let came_from = event.dyn_ref::<web_sys::FocusEvent>().and_then(|f| f.related_target()).and_then(|t| t.dyn_into::<HtmlElement>().ok());
            on_use(&name_of(&element), Then::Focus(element, came_from));
        }),
        EventListener::new_with_options(&document, "submit", options, move |event| {
            let Some(form) = event.target().and_then(|t| t.dyn_into::<HtmlFormElement>().ok()) else { return };
            if passes(&form) || event.default_prevented() {
                return;
            }
            let agreed = agreed();
            let controls = form.query_selector_all(&format!("[{ATTRIBUTE}]")).ok();
            let first = std::iter::once(form.clone().unchecked_into::<Element>())
                .filter(|f| f.has_attribute(ATTRIBUTE))
                .chain((0..controls.as_ref().map_or(0, |c| c.length())).filter_map(|i| controls.as_ref()?.item(i)?.dyn_into::<Element>().ok()))
                .map(|e| name_of(&e))
                .find(|name| !agreed.contains(name));
            let Some(name) = first else { return };
            let submitter = event.dyn_ref::<web_sys::SubmitEvent>().and_then(|s| s.submitter()).and_then(|s| s.dyn_into::<HtmlElement>().ok());
            if on_use(&name, Then::Submit(form, submitter)) {
                event.prevent_default();
                event.stop_immediate_propagation();
            }
        }),
    ]
}
