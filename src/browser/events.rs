//! Tells the page about changes: a `kite:consent` `CustomEvent` on `document`, and the
//! callbacks registered with `consent.onChange`. A callback that throws is reported in the
//! console and never breaks Kite or the other callbacks.

use super::{console_error, document};
use js_sys::Function;
use std::cell::{Cell, RefCell};
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit};

/// The name of the event dispatched on `document` after every change.
pub const CONSENT_EVENT: &str = "kite:consent";

/// The page's change subscribers.
#[derive(Default)]
pub struct Subscribers {
    list: RefCell<Vec<(u32, Function)>>,
    next: Cell<u32>,
}

impl Subscribers {
    /// Adds a callback; returns its ticket for [`Subscribers::remove`].
    pub fn add(&self, callback: Function) -> u32 {
        let ticket = self.next.get() + 1;
        self.next.set(ticket);
        self.list.borrow_mut().push((ticket, callback));
        ticket
    }

    /// Removes a callback.
    pub fn remove(&self, ticket: u32) {
        self.list.borrow_mut().retain(|(t, _)| *t != ticket);
    }

    /// Calls every callback with `detail` and dispatches the DOM event.
    pub fn notify(&self, detail: &JsValue) {
        let callbacks: Vec<Function> = self.list.borrow().iter().map(|(_, f)| f.clone()).collect();
        for callback in callbacks {
            if callback.call1(&JsValue::UNDEFINED, detail).is_err() {
                console_error("a consent.onChange callback threw an error; Kite carried on.");
            }
        }
        dispatch(CONSENT_EVENT, detail);
    }
}

/// Dispatches a `CustomEvent` named `name` with `detail` on `document`.
pub fn dispatch(name: &str, detail: &JsValue) {
    let init = CustomEventInit::new();
    init.set_detail(detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = document().dispatch_event(&event);
    }
}
