//! The rights room: "Your information", five things a child can ask the school for, each
//! routed to the school's contact in words for the child's age (`<kite-rights>`,
//! `rights.open`).

use super::{current, Page};
use super::rooms::{self, room, ClosesOnLogout, Port};
use crate::policy::locale;
use crate::policy::rights::Route;
use crate::policy::view::{self, Action};
use std::rc::Rc;

/// What the core asks of the rights room.
pub trait Rights: Port {
    /// Opens the rights panel, at `route` if given.
    fn open(&self, route: Option<Route>);
}

room!(rights, "88d53df9ae994b2dbcdcf1b67f8baf22", LOADER:
    /// Loads the rights room.
    pub(super) fn load() -> Rc<dyn Rights> {
        locale::add(&locale::RIGHTS);
        Rc::new(RightsRoom)
    }
);

struct RightsRoom;

impl Port for RightsRoom {
    fn start(self: Rc<Self>, page: &Page) {
        page.add_hooks(Rc::new(ClosesOnLogout));
    }
}

/// Shows the list of routes, or one route.
fn show(route: Option<Route>) {
    let Some(page) = current() else { return };
    rooms::show(
        &page,
        Rc::new(move |page, words| {
            let config = page.config();
            Some(match route {
                Some(route) => view::rights_route(words, &config, route),
                None => view::rights_list(words, &config),
            })
        }),
        Rc::new(|_, action| match action {
            Action::Rights => show(None),
            Action::Route(route) => show(Some(route)),
            _ => {}
        }),
    );
}

impl Rights for RightsRoom {
    fn open(&self, route: Option<Route>) {
        show(route);
    }
}
