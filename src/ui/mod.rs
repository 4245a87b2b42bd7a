//! Leptos components for consent, rendered in an open shadow root so the host page's CSS
//! cannot break them and theirs cannot break the page. They read one shared state
//! ([`ConsentUi`]) built by the policy core and report choices through [`Actions`]; they
//! decide nothing themselves.

mod panel;
mod root;
mod settings_button;
mod styles;

pub use panel::Panel;
pub use root::ConsentRoot;
pub use settings_button::SettingsButton;

use crate::policy::consent::{Change, ChoiceTable};
use crate::policy::record::DecidedBy;
use crate::policy::view::{Action, ConsentView};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ShadowRootInit, ShadowRootMode};

/// What the consent components do when someone chooses. Provided as context.
#[derive(Clone, Copy)]
pub struct Actions {
    /// Apply a change made by the person using the page.
    pub choose: Callback<Change>,
}

/// The shared state the consent components read.
#[derive(Clone, Copy)]
pub struct ConsentUi {
    /// What to show, from the policy core.
    pub view: RwSignal<ConsentView>,
    /// The preferences dialog is open.
    pub preferences_open: RwSignal<bool>,
    /// Text for the polite live region (announced by screen readers).
    pub announcement: RwSignal<String>,
    /// What choosing does.
    pub actions: Actions,
}

impl ConsentUi {
    /// Shows a new state.
    pub fn refresh(&self, view: ConsentView) {
        self.view.set(view);
    }

    /// Opens the preferences dialog.
    pub fn open_preferences(&self) {
        self.preferences_open.set(true);
    }

    /// Carries out a panel's action; `draft` holds the preferences dialog's switches.
    pub fn act(&self, action: Action, draft: RwSignal<ChoiceTable>) {
        let change = match action {
            Action::Choose => return self.open_preferences(),
            Action::Close => return self.preferences_open.set(false),
            Action::Accept => Change::AcceptAll,
            Action::Reject => Change::RejectAll,
            Action::Save => Change::Set(draft.with_untracked(ChoiceTable::entries)),
        };
        self.actions.choose.run(change);
        if self.preferences_open.get_untracked() {
            self.preferences_open.set(false);
            self.announcement.set(self.view.with_untracked(|v| v.words.get("prefs.saved")));
        }
    }
}

/// The name of the element Kite adds to the page to hold its shadow root.
pub const HOST_TAG: &str = "kite-root";

/// Adds Kite's host element to the page and mounts the consent UI in its shadow root.
pub fn mount(view: ConsentView) -> Option<ConsentUi> {
    let document = crate::browser::document();
    let host = document.create_element(HOST_TAG).ok()?;
    document.body()?.append_child(&host).ok()?;
    let shadow = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)).ok()?;
    styles::adopt(&shadow);
    let mount_point: web_sys::HtmlElement = document.create_element("div").ok()?.dyn_into().ok()?;
    shadow.append_child(&mount_point).ok()?;
    let choose = Callback::new(|change: Change| {
        if let Some(page) = crate::browser::page::current() {
            if let Err(why) = page.apply(change, DecidedBy::Visitor) {
                crate::browser::console_error(&why.to_string());
            }
        }
    });
    let ui = ConsentUi {
        view: RwSignal::new(view),
        preferences_open: RwSignal::new(false),
        announcement: RwSignal::new(String::new()),
        actions: Actions { choose },
    };
    leptos::mount::mount_to(mount_point, move || view! { <ConsentRoot ui=ui/> }).forget();
    Some(ui)
}
