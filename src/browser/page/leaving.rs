//! The "you are leaving" room: the dialog before a link, form or `window.open` takes the child
//! to another site, and the one that says a `data:` or `vbscript:` link can't be opened. The
//! core has already decided, stopped the link and kept what "Continue" does
//! ([`crate::browser::links::pending`]).

use super::rooms::{room, Port};
use super::current;
use crate::browser::links;
use crate::policy::links::Leaving;
use crate::policy::locale;
use crate::policy::view::{self, Action};
use crate::ui::{dialogs, Pressed};
use std::rc::Rc;

/// What the core asks of the leaving room.
pub trait LeavingDialog: Port {
    /// Asks before going to `leaving`'s site; `may_skip` offers "Don't ask again for this
    /// site today".
    fn ask(&self, leaving: Leaving, may_skip: bool);
    /// Says the link can't be opened.
    fn refuse(&self);
}

room!(leaving, "815d1ed3def4c6a09a71bcdeadd21242", LOADER:
    /// Loads the leaving room.
    pub(super) fn load() -> Rc<dyn LeavingDialog> {
        locale::add(&locale::LEAVING);
        Rc::new(LeavingRoom)
    }
);

struct LeavingRoom;

impl Port for LeavingRoom {}

impl LeavingDialog for LeavingRoom {
    fn ask(&self, leaving: Leaving, may_skip: bool) {
        let (Some(page), site) = (current(), leaving.site.clone()) else { return };
        let Some(shell) = page.shell() else { return };
        let panel = view::leaving(&page.words(), &site, may_skip);
        dialogs::show_link(&shell.layer(), panel, Rc::new(move |pressed: Pressed| {
            if matches!(pressed.action, Action::Back | Action::Continue) {
                dialogs::close_link();
                links::answered(leaving.clone(), pressed.action == Action::Continue, pressed.ticked);
            }
        }));
        links::announce(Some(&site), "third-party", "shown");
    }

    fn refuse(&self) {
        let Some(page) = current() else { return };
        let Some(shell) = page.shell() else { return };
        dialogs::show_link(&shell.layer(), view::refused(&page.words()), Rc::new(|_: Pressed| dialogs::close_link()));
    }
}
