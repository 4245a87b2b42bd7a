//! The contact-details guard on message boxes: a text input, textarea or contenteditable
//! element marked `data-kite-guard` (`="block"` or `="warn"` to override the config's mode).
//! As the child types, the text is checked ([`crate::policy::contact::find`]) and the box
//! carries `data-kite-found="phone email"` while it holds any. When the message is about to
//! be sent (its form is submitted, Enter is pressed in a box outside a form, or a button
//! marked `data-kite-send` is pressed) Kite shows the warning first. The message text never
//! leaves the page: the `kite:guard` event names only the kinds found and what happened.

use crate::policy::contact::{find, GuardMode, Kind};
use gloo_events::{EventListener, EventListenerOptions, EventListenerPhase};
use js_sys::{Array, Object, Reflect};
use std::cell::RefCell;
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

/// How the message was on its way, so "Send anyway" can carry on.
pub enum Resume {
    /// The form was submitted by this button (if any).
    Submit(HtmlFormElement, Option<HtmlElement>),
    /// A send button was pressed.
    Click(HtmlElement),
    /// Enter was pressed in the box.
    Enter,
}

/// A message held back by the warning.
pub struct Held {
    /// The box.
    pub field: HtmlElement,
    /// What it holds.
    pub kinds: Vec<Kind>,
    /// How it was being sent.
    pub resume: Resume,
}

thread_local! {
    static HELD: RefCell<Option<Held>> = const { RefCell::new(None) };
    static PASSING: RefCell<Option<Element>> = const { RefCell::new(None) };
}

fn text(field: &Element) -> String {
    Reflect::get(field, &"value".into()).ok().and_then(|v| v.as_string()).or_else(|| field.text_content()).unwrap_or_default()
}

/// The box's own mode, if it names one.
pub fn mode_of(field: &Element) -> Option<GuardMode> {
    GuardMode::from_code(&field.get_attribute(ATTRIBUTE).unwrap_or_default())
}

fn guarded(event: &web_sys::Event) -> Option<HtmlElement> {
    super::on_path(event, ATTRIBUTE)
}

fn passes(element: &Element) -> bool {
    PASSING.with(|p| p.borrow_mut().take_if(|e| e == element).is_some())
}

/// The box a send button sends: the one its `data-kite-send` names, or the nearest one.
fn box_for(button: &Element) -> Option<HtmlElement> {
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

/// Watches typing and sending, capture phase. `on_found(held)` shows the warning.
pub fn guard(on_found: fn(Held)) -> Vec<EventListener> {
    let options = EventListenerOptions { phase: EventListenerPhase::Capture, passive: false };
    let document = super::document();
    let hold = move |event: &web_sys::Event, field: HtmlElement, kinds: Vec<Kind>, resume: Resume| {
        event.prevent_default();
        event.stop_immediate_propagation();
        on_found(Held { field, kinds, resume });
    };
    vec![
        EventListener::new(&document, "input", |event| {
            if let Some(field) = guarded(event) {
                let kinds = find(&text(&field));
                let _ = match kinds.is_empty() {
                    true => field.remove_attribute(FOUND),
                    false => field.set_attribute(FOUND, &kinds.iter().map(|k| k.code()).collect::<Vec<_>>().join(" ")),
                };
            }
        }),
        EventListener::new_with_options(&document, "submit", options, move |event| {
            let Some(form) = event.target().and_then(|t| t.dyn_into::<HtmlFormElement>().ok()) else { return };
            if passes(&form) || event.default_prevented() {
                return;
            }
            let Ok(fields) = form.query_selector_all(&format!("[{ATTRIBUTE}]")) else { return };
            for i in 0..fields.length() {
                let Some(field) = fields.item(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()) else { continue };
                let kinds = find(&text(&field));
                if !kinds.is_empty() {
                    let submitter = event.dyn_ref::<web_sys::SubmitEvent>().and_then(|s| s.submitter()).and_then(|s| s.dyn_into().ok());
                    return hold(event, field, kinds, Resume::Submit(form, submitter));
                }
            }
        }),
        EventListener::new_with_options(&document, "keydown", options, move |event| {
            let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
            if key.key() != "Enter" || key.shift_key() || key.is_composing() || event.default_prevented() {
                return;
            }
            let Some(field) = guarded(event) else { return };
            // In a form, Enter submits it (caught above) or writes a new line.
            if field.closest("form").ok().flatten().is_some() || passes(&field) {
                return;
            }
            let kinds = find(&text(&field));
            if !kinds.is_empty() {
                hold(event, field, kinds, Resume::Enter);
            }
        }),
        EventListener::new_with_options(&document, "click", options, move |event| {
            let Some(button) = super::on_path(event, SEND) else { return };
            if passes(&button) || event.default_prevented() {
                return;
            }
            let Some(field) = box_for(&button) else { return };
            let kinds = find(&text(&field));
            if !kinds.is_empty() {
                hold(event, field, kinds, Resume::Click(button));
            }
        }),
    ]
}

/// Keeps the message held back while the warning is on screen.
pub fn hold(held: Held) {
    HELD.with(|h| *h.borrow_mut() = Some(held));
}

/// The child answered the warning: send the message after all (`send`), or go back to the
/// box to change it.
pub fn answered(send: bool) {
    let Some(Held { field, kinds, resume }) = HELD.with(|h| h.borrow_mut().take()) else { return };
    if send {
        match resume {
            Resume::Submit(form, submitter) => {
                PASSING.with(|p| *p.borrow_mut() = Some(form.clone().into()));
                let _ = form.request_submit_with_submitter(submitter.as_ref());
            }
            Resume::Click(button) => {
                PASSING.with(|p| *p.borrow_mut() = Some(button.clone().into()));
                button.click();
            }
            Resume::Enter => {
                PASSING.with(|p| *p.borrow_mut() = Some(field.clone().into()));
                let init = web_sys::KeyboardEventInit::new();
                init.set_key("Enter");
                init.set_code("Enter");
                init.set_bubbles(true);
                init.set_cancelable(true);
                init.set_composed(true);
                if let Ok(enter) = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init) {
                    let _ = field.dispatch_event(&enter);
                }
                PASSING.with(|p| p.borrow_mut().take());
            }
        }
    } else {
        let _ = field.focus();
    }
    let detail = Object::new();
    let _ = Reflect::set(&detail, &"kinds".into(), &kinds.iter().map(|k| wasm_bindgen::JsValue::from_str(k.code())).collect::<Array>());
    let _ = Reflect::set(&detail, &"outcome".into(), &(if send { "sent" } else { "not-sent" }).into());
    super::events::dispatch(GUARD_EVENT, &detail);
}
