//! The preferences room: the dialog with a switch per purpose and service, opened by "Choose"
//! on the banner, the Privacy settings button, `<kite-consent>` or `consent.show()`.

use super::rooms::{room, Port};
use super::{current, Page, RECEIPT_KEY};
use crate::policy::consent::Change;
use crate::policy::locale;
use crate::policy::receipt;
use crate::policy::view::{Action, ConsentView};
use crate::ui::{dialogs, Pressed};
use js_sys::Reflect;
use std::rc::Rc;

/// What the core asks of the preferences room.
pub trait Prefs: Port {
    /// Opens the preferences dialog (unless it is open).
    fn open(&self);
}

room!(prefs, "033c7cba697af6b97bc5d17125cdbd72", LOADER:
    /// Loads the preferences room.
    pub(super) fn load() -> Rc<dyn Prefs> {
        locale::add(&locale::PREFS);
        Rc::new(PrefsRoom)
    }
);

struct PrefsRoom;

impl Port for PrefsRoom {}

impl Prefs for PrefsRoom {
    fn open(&self) {
        let Some(page) = current() else { return };
        let Some(shell) = page.shell() else { return };
        let (panel, choices) = {
            let consent = page.consent.borrow();
            let mut view = ConsentView::of(&consent, page.lang);
            view.receipt = chosen_on(&page, &view);
            (view.preferences(), consent.table().clone())
        };
        dialogs::open_preferences(&shell.layer(), panel, choices, Rc::new(pressed));
    }
}

/// "You chose this on 3 March 2026. Receipt …", when the choice in force has a receipt.
fn chosen_on(page: &Page, view: &ConsentView) -> Option<String> {
    let time = page.consent.borrow().record().map(|r| r.time)?;
    let stored = super::super::recall(page.lasting(), RECEIPT_KEY).and_then(|text| js_sys::JSON::parse(&text).ok())?;
    let field = |key: &str| Reflect::get(&stored, &key.into()).ok().and_then(|v| v.as_string());
    let (number, at) = (field("receipt")?, field("time")?);
    if at != receipt::iso_time(time) {
        return None;
    }
    let offset = -(js_sys::Date::new_0().get_timezone_offset() as i64);
    Some(receipt::chosen_on(&view.words, time, offset, &number))
}

fn pressed(pressed: Pressed) {
    let Some(page) = current() else { return };
    let change = match pressed.action {
        Action::Accept => Change::AcceptAll,
        Action::Reject => Change::RejectAll,
        Action::Save => Change::Set(pressed.choices.entries()),
        _ => {
            dialogs::close_preferences();
            return;
        }
    };
    // Choose first: the banner goes with the choice, so closing the dialog afterwards finds
    // what opened it gone and puts focus on the settings button.
    page.choose(change);
    if dialogs::close_preferences() {
        page.announce(&page.words().get("prefs.saved"));
    }
}
