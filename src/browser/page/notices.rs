//! The notices room: just-in-time notices before a use of data (a marked control's first use,
//! `notice.show`, the location and the camera), and the "we changed our privacy notice"
//! message. The core has already decided the notice must show and stopped what it guards;
//! this room shows it and, on the child's answer, lets the action go ahead or not
//! ([`crate::browser::notices::finish`]).

use super::rooms::{self, room, ClosesOnLogout, Hooks, Port};
use super::{current, Page, CHANGES_KEY};
use crate::browser::notices::{finish, remember, Then};
use crate::policy::locale;
use crate::policy::notices::Answer;
use crate::policy::view::{self, Action};
use std::cell::RefCell;
use std::rc::Rc;

/// What the core asks of the notices room.
pub trait Notices: Port {
    /// Shows notice `name`; `then` says what its answer does.
    fn show(&self, name: &str, then: Then);
    /// Shows the message about the changed privacy notice.
    fn show_changes(&self);
}

room!(notices, "3433d3b718fe21b462ef45b69acc1cab", LOADER:
    /// Loads the notices room.
    pub(super) fn load() -> Rc<dyn Notices> {
        locale::add(&locale::NOTICES);
        Rc::new(NoticesRoom::default())
    }
);

/// The notice on screen: its name and what its answer does (more than one thing when the
/// same notice was asked for again while it showed).
type Pending = Option<(String, Vec<Then>)>;

#[derive(Default)]
struct NoticesRoom {
    pending: Rc<RefCell<Pending>>,
}

impl NoticesRoom {
    /// The child answered the notice on screen (or another replaced it, or they logged out).
    fn answer(pending: &RefCell<Pending>, answer: Answer) {
        let Some((name, thens)) = pending.borrow_mut().take() else { return };
        finish_all(name, thens, answer);
    }
}

fn finish_all(name: String, thens: Vec<Then>, answer: Answer) {
    for then in thens {
        finish(&name, then, answer);
    }
    if answer == Answer::Ok {
        remember(&name);
    }
}

impl Port for NoticesRoom {
    fn start(self: Rc<Self>, page: &Page) {
        page.add_hooks(self);
    }
}

impl Hooks for NoticesRoom {
    fn logout(&self) {
        Self::answer(&self.pending, Answer::NotNow);
        ClosesOnLogout.logout();
    }
}

impl Notices for NoticesRoom {
    fn show(&self, name: &str, then: Then) {
        let Some(page) = current() else { return finish(name, then, Answer::NotNow) };
        // The same notice asked for again waits for the same answer. Another notice still
        // waiting is answered "Not now": its action does not happen (later, not now: this may
        // run inside the page's focus event, and "Not now" moves focus).
        if let Some((shown, thens)) = self.pending.borrow_mut().as_mut().filter(|(shown, _)| shown == name) {
            let _ = shown;
            thens.push(then);
            return;
        }
        if let Some((stale, thens)) = self.pending.borrow_mut().take() {
            wasm_bindgen_futures::spawn_local(async move { finish_all(stale, thens, Answer::NotNow) });
        }
        *self.pending.borrow_mut() = Some((name.to_string(), vec![then]));
        let wanted = name.to_string();
        let pending = self.pending.clone();
        let shown = rooms::show(
            &page,
            Rc::new(move |page, words| view::notice(words, &page.config(), &wanted)),
            Rc::new(move |_, action| {
                if let Action::Notice(answer) = action {
                    crate::ui::dialogs::close_dialog();
                    Self::answer(&pending, answer);
                }
            }),
        );
        if !shown {
            if let Some((name, thens)) = self.pending.borrow_mut().take() {
                wasm_bindgen_futures::spawn_local(async move { finish_all(name, thens, Answer::NotNow) });
            }
        }
    }

    fn show_changes(&self) {
        let Some(page) = current() else { return };
        rooms::show(
            &page,
            Rc::new(|page, words| Some(view::policy_change(words, &page.config()))),
            Rc::new(|page, action| {
                if action == Action::Acknowledge {
                    let revision = page.config().revision;
                    crate::browser::keep(page.lasting(), CHANGES_KEY, &revision.to_string());
                    rooms::close();
                }
            }),
        );
    }
}
