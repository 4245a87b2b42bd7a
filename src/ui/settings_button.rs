//! The small, persistent "Privacy settings" button that reopens the preferences dialog.

use super::ConsentUi;
use leptos::prelude::*;

/// The privacy settings button.
#[component]
pub fn SettingsButton(
    /// The shared state; the button opens its preferences dialog.
    ui: ConsentUi,
) -> impl IntoView {
    let label = ui.view.with_untracked(|v| v.words.get("button.settings"));
    view! {
        <button type="button" class="kite-settings" aria-haspopup="dialog" on:click=move |_| ui.open_preferences()>
            <span class="kite-icon" inner_html=super::icons::svg("shield")></span>
            {label}
        </button>
    }
}
