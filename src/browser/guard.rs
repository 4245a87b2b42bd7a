//! The contact-details guard on message boxes: a text input, textarea or contenteditable
//! element marked `data-kite-guard` (`="block"` or `="warn"` to override the config's mode).
//! The guard itself is a room ([`crate::browser::page`]'s `guard`), loaded when a marked box
//! first gets focus; it checks the text as the child types and shows the warning before a
//! message with contact details is sent. This part is in the core: it asks for the room, and
//! until the room is there it holds back every message on its way from a marked box (a form
//! submitted, Enter pressed in a box outside a form, a button marked `data-kite-send`
//! pressed), so none slips through unchecked while the room loads or if it cannot.

use crate::policy::contact::{GuardMode, Kind};
use gloo_events::{EventListener, EventListenerOptions, EventListenerPhase};
use js_sys::Reflect;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlFormElement};

/// The attribute that marks a message box.
pub const ATTRIBUTE: &str = "data-kite-guard";
/// The attribute that marks a send button outside a form (its value: the box's id, or empty
/// for the box nearest to it).
pub const SEND: &str = "data-kite-send";
/// Set on a box while it holds contact details: the kinds, separated by spaces.
pub const FOUND: &str = "data-kite-found";
/// Dispatched on `document` after the warning: `detail` is `{ kinds, outcome }`, outcome
/// `sent` or `not-sent`.
pub const GUARD_EVENT: &str = "kite:guard";

/// How the message was on its way, so it can carry on.
pub enum Resume {
    /// The form was submitted by this button (if any).
    Submit(HtmlFormElement, Option<HtmlElement>),
    /// A send button was pressed.
    Click(HtmlElement),
    /// Enter was pressed in the box.
    Enter,
}

/// A message held back.
pub struct Held {
    /// The box.
    pub field: HtmlElement,
    /// What it holds (found by the guard).
    pub kinds: Vec<Kind>,
    /// How it was being sent.
    pub resume: Resume,
}

/// The text in a box.
pub fn text(field: &Element) -> String {
    Reflect::get(field, &"value".into()).ok().and_then(|v| v.as_string()).or_else(|| field.text_content()).unwrap_or_default()
}

/// The box's own mode, if it names one.
pub fn mode_of(field: &Element) -> Option<GuardMode> {
    GuardMode::from_code(&field.get_attribute(ATTRIBUTE).unwrap_or_default())
}

/// The marked box on the event's path.
pub fn guarded(event: &web_sys::Event) -> Option<HtmlElement> {
    super::on_path(event, ATTRIBUTE)
}

/// The box a send button sends: the one its `data-kite-send` names, or the nearest one.
pub fn box_for(button: &Element) -> Option<HtmlElement> {
    let id = button.get_attribute(SEND).unwrap_or_default();
    if !id.trim().is_empty() {
        return super::document().get_element_by_id(id.trim())?.dyn_into().ok();
    }
    let selector = format!("[{ATTRIBUTE}]");
    let mut at = button.parent_element();
    while let Some(element) = at {
        if let Ok(Some(found)) = element.query_selector(&selector) {
            return found.dyn_into().ok();
        }
        at = element.parent_element();
    }
    None
}

/// The marked boxes in `form`.
pub fn boxes_in(form: &HtmlFormElement) -> Vec<HtmlElement> {
    let Ok(fields) = form.query_selector_all(&format!("[{ATTRIBUTE}]")) else { return Vec::new() };
    (0..fields.length()).filter_map(|i| fields.item(i)?.dyn_into().ok()).collect()
}

/// The guard has loaded (its own listeners then see every message).
fn loaded() -> bool {
    super::page::current().is_some_and(|page| page.guard_loaded())
}

/// Watches marked boxes, capture phase: `on_use(None)` when one gets focus (load the guard),
/// `on_use(Some(held))` for a message on its way before the guard has loaded (stopped here).
pub fn capture(on_use: fn(Option<Held>)) -> Vec<EventListener> {
    let options = EventListenerOptions { phase: EventListenerPhase::Capture, passive: false };
    let document = super::document();
    let hold = move |event: &web_sys::Event, field: HtmlElement, resume: Resume| {
        event.prevent_default();
        event.stop_immediate_propagation();
        on_use(Some(Held { field, kinds: Vec::new(), resume }));
    };
    vec![
        EventListener::new_with_options(&document, "focusin", options, move |event| {
            if !loaded() && guarded(event).is_some() {
                on_use(None);
            }
        }),
        EventListener::new_with_options(&document, "submit", options, move |event| {
            if loaded() || event.default_prevented() {
                return;
            }
            let Some(form) = event.target().and_then(|t| t.dyn_into::<HtmlFormElement>().ok()) else { return };
            let Some(field) = boxes_in(&form).into_iter().next() else { return };
            let submitter = event.dyn_ref::<web_sys::SubmitEvent>().and_then(|s| s.submitter()).and_then(|s| s.dyn_into().ok());
            hold(event, field, Resume::Submit(form, submitter));
        }),
        EventListener::new_with_options(&document, "keydown", options, move |event| {
            let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
            if loaded() || key.key() != "Enter" || key.shift_key() || key.is_composing() || event.default_prevented() {
                return;
            }
            let Some(field) = guarded(event) else { return };
            // In a form, Enter submits it (caught above) or writes a new line.
            if field.closest("form").ok().flatten().is_none() {
                hold(event, field, Resume::Enter);
            }
        }),
        EventListener::new_with_options(&document, "click", options, move |event| {
            if loaded() || event.default_prevented() {
                return;
            }
            let Some(button) = super::on_path(event, SEND) else { return };
            if let Some(field) = box_for(&button) {
                hold(event, field, Resume::Click(button));
            }
        }),
    ]
}
