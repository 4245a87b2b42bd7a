//! The top of the consent UI: the banner, the preferences dialog, the settings button and a
//! live region, each shown when the shared state says so.

use super::{ConsentUi, Panel, SettingsButton};
use crate::policy::consent::Prompt;
use crate::policy::view::ConsentView;
use leptos::prelude::*;

/// Everything Kite shows for consent. Provides `ui` as context to its children.
#[component]
pub fn ConsentRoot(
    /// The shared state to show.
    ui: ConsentUi,
) -> impl IntoView {
    provide_context(ui);
    view! {
        <div class="kite" lang=ui.view.with_untracked(|v| v.lang.tag())>
            {move || ui.view.with(ConsentView::banner).map(|panel| view! { <Panel panel/> })}
            {move || ui.view.with(|v| v.prompt == Prompt::Nothing && v.settings_button).then(|| view! { <SettingsButton/> })}
            {move || ui.preferences_open.get().then(|| view! { <Panel panel=ui.view.with_untracked(ConsentView::preferences)/> })}
            <div class="kite-visually-hidden" role="status" aria-live="polite">
                {move || ui.announcement.get()}
            </div>
        </div>
    }
}
