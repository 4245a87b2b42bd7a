//! The top of the consent UI: the banner, the preferences dialog, the settings button and a
//! live region, each shown when the shared state says so.

use super::{Banner, ConsentUi, Preferences, SettingsButton};
use crate::policy::consent::Prompt;
use leptos::prelude::*;

/// Everything Kite shows for consent. Provides `ui` as context to its children.
#[component]
pub fn ConsentRoot(
    /// The shared state to show.
    ui: ConsentUi,
) -> impl IntoView {
    provide_context(ui);
    let prompt = Memo::new(move |_| ui.view.with(|v| (v.prompt, v.settings_button)));
    view! {
        <div class="kite" lang=ui.view.with_untracked(|v| v.lang.tag())>
            {move || (prompt.get().0 != Prompt::Nothing).then(|| view! { <Banner/> })}
            {move || (prompt.get() == (Prompt::Nothing, true)).then(|| view! { <SettingsButton/> })}
            {move || ui.preferences_open.get().then(|| view! { <Preferences/> })}
            <div class="kite-visually-hidden" role="status" aria-live="polite">
                {move || ui.announcement.get()}
            </div>
        </div>
    }
}
