//! The small, persistent "Privacy settings" button that reopens the preferences dialog.

use super::ConsentUi;
use leptos::prelude::*;

pub(crate) const SHIELD_ICON: &str = r#"<svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18"><path d="M12 2l8 3v6c0 5-3.4 9.4-8 11-4.6-1.6-8-6-8-11V5z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/><path d="M8.5 12l2.5 2.5 4.5-5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></svg>"#;

/// The privacy settings button.
#[component]
pub fn SettingsButton(
    /// The shared state; the button opens its preferences dialog.
    ui: ConsentUi,
) -> impl IntoView {
    let label = ui.view.with_untracked(|v| v.words.get("button.settings"));
    view! {
        <button type="button" class="kite-settings" aria-haspopup="dialog" on:click=move |_| ui.open_preferences()>
            <span class="kite-icon" inner_html=SHIELD_ICON></span>
            {label}
        </button>
    }
}
