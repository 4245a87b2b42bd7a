//! The contact-details guard room. As the child types in a box marked `data-kite-guard`, the
//! text is checked ([`crate::policy::contact::find`]) and the box carries
//! `data-kite-found="phone email"` while it holds any. When the message is about to be sent
//! (its form is submitted, Enter is pressed in a box outside a form, or a button marked
//! `data-kite-send` is pressed) Kite shows the warning first. The message text never leaves
//! the page: the `kite:guard` event names only the kinds found and what happened.

use super::rooms::{self, room, ClosesOnLogout, Hooks, Port};
use super::{all, current, Page};
use crate::browser::guard::{box_for, boxes_in, guarded, mode_of, text, Held, Resume, ATTRIBUTE, FOUND, GUARD_EVENT, SEND};
use crate::policy::contact::{find, Kind};
use crate::policy::locale;
use crate::policy::view::{self, Action};
use gloo_events::{EventListener, EventListenerOptions, EventListenerPhase};
use js_sys::{Array, Object, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlFormElement};

/// What the core asks of the guard room.
pub trait Guard: Port {
    /// A message that was on its way before the guard loaded: check it, then warn or send.
    fn check(&self, held: Held);
}

room!(guard, "90ed77c435907a67ceed0f4380feed25", LOADER:
    /// Loads the guard room.
    pub(super) fn load() -> Rc<dyn Guard> {
        locale::add(&locale::GUARD);
        Rc::new(GuardRoom::default())
    }
);

#[derive(Default)]
struct GuardRoom {
    listeners: RefCell<Vec<EventListener>>,
}

thread_local! {
    /// The message held back while the warning is on screen.
    static HELD: RefCell<Option<Held>> = const { RefCell::new(None) };
    /// A form, button or box Kite is sending itself after "Send anyway": its event passes.
    static PASSING: RefCell<Option<Element>> = const { RefCell::new(None) };
}

fn passes(element: &Element) -> bool {
    PASSING.with(|p| p.borrow_mut().take_if(|e| e == element).is_some())
}

/// Marks the box with what it holds.
fn mark(field: &Element) -> Vec<Kind> {
    let kinds = find(&text(field));
    let _ = match kinds.is_empty() {
        true => field.remove_attribute(FOUND),
        false => field.set_attribute(FOUND, &kinds.iter().map(|k| k.code()).collect::<Vec<_>>().join(" ")),
    };
    kinds
}

/// Shows the warning for a held message.
fn warn(held: Held) {
    let Some(page) = current() else { return };
    let mode = mode_of(&held.field).unwrap_or(page.config().guard);
    let kinds = held.kinds.clone();
    HELD.with(|h| *h.borrow_mut() = Some(held));
    rooms::show(
        &page,
        Rc::new(move |page, words| Some(view::guard_warning(words, &page.config(), &kinds, mode))),
        Rc::new(|_, action| {
            if let Action::Guard(send) = action {
                crate::ui::dialogs::close_dialog();
                answered(send);
            }
        }),
    );
}

/// Sends the message the way it was being sent, past Kite's own listeners.
fn resume(field: &HtmlElement, resume: Resume) {
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
}

/// The child answered the warning: send the message after all (`send`), or go back to the
/// box to change it.
fn answered(send: bool) {
    let Some(Held { field, kinds, resume: how }) = HELD.with(|h| h.borrow_mut().take()) else { return };
    if send {
        resume(&field, how);
    } else {
        let _ = field.focus();
    }
    let detail = Object::new();
    let _ = Reflect::set(&detail, &"kinds".into(), &kinds.iter().map(|k| wasm_bindgen::JsValue::from_str(k.code())).collect::<Array>());
    let _ = Reflect::set(&detail, &"outcome".into(), &(if send { "sent" } else { "not-sent" }).into());
    crate::browser::events::dispatch(GUARD_EVENT, &detail);
}

/// The box of a form that holds contact details, and what it holds.
fn first_found(form: &HtmlFormElement) -> Option<(HtmlElement, Vec<Kind>)> {
    boxes_in(form).into_iter().find_map(|field| {
        let kinds = find(&text(&field));
        (!kinds.is_empty()).then_some((field, kinds))
    })
}

impl Hooks for GuardRoom {
    fn logout(&self) {
        HELD.with(|h| h.borrow_mut().take());
        ClosesOnLogout.logout();
    }
}

impl Port for GuardRoom {
    /// Watches the boxes: typing, and every way a message is sent.
    fn start(self: Rc<Self>, page: &Page) {
        page.add_hooks(self.clone());
        // What was typed while the guard loaded.
        for field in all(&format!("[{ATTRIBUTE}]")) {
            mark(&field);
        }
        let options = EventListenerOptions { phase: EventListenerPhase::Capture, passive: false };
        let document = crate::browser::document();
        let hold = move |event: &web_sys::Event, field: HtmlElement, kinds: Vec<Kind>, resume: Resume| {
            event.prevent_default();
            event.stop_immediate_propagation();
            warn(Held { field, kinds, resume });
        };
        *self.listeners.borrow_mut() = vec![
            EventListener::new(&document, "input", |event| {
                if let Some(field) = guarded(event) {
                    mark(&field);
                }
            }),
            EventListener::new_with_options(&document, "submit", options, move |event| {
                let Some(form) = event.target().and_then(|t| t.dyn_into::<HtmlFormElement>().ok()) else { return };
                if passes(&form) || event.default_prevented() {
                    return;
                }
                if let Some((field, kinds)) = first_found(&form) {
                    let submitter = event.dyn_ref::<web_sys::SubmitEvent>().and_then(|s| s.submitter()).and_then(|s| s.dyn_into().ok());
                    hold(event, field, kinds, Resume::Submit(form, submitter));
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
                let Some(button) = crate::browser::on_path(event, SEND) else { return };
                if passes(&button) || event.default_prevented() {
                    return;
                }
                let Some(field) = box_for(&button) else { return };
                let kinds = find(&text(&field));
                if !kinds.is_empty() {
                    hold(event, field, kinds, Resume::Click(button));
                }
            }),
        ];
    }

}

impl Guard for GuardRoom {
    fn check(&self, held: Held) {
        let found = match &held.resume {
            Resume::Submit(form, _) => first_found(form),
            _ => Some((held.field.clone(), find(&text(&held.field)))).filter(|(_, kinds)| !kinds.is_empty()),
        };
        match found {
            Some((field, kinds)) => warn(Held { field, kinds, resume: held.resume }),
            None => resume(&held.field, held.resume),
        }
    }
}
