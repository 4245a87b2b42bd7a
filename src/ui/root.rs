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
    let asking = move || ui.view.with(|v| v.prompt != Prompt::Nothing);
    let button = move || ui.view.with(|v| v.prompt == Prompt::Nothing && v.settings_button);
    view! {
        <div class="kite" lang=move || ui.view.with(|v| v.lang.tag())>
            <Show when=asking>
                <Banner/>
            </Show>
            <Show when=button>
                <SettingsButton/>
            </Show>
            <Show when=move || ui.preferences_open.get()>
                <Preferences/>
            </Show>
            <div class="kite-visually-hidden" role="status" aria-live="polite">
                {move || ui.announcement.get()}
            </div>
        </div>
    }
}
