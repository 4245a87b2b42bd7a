//! The top of the consent UI: the settings button and a live region. The banner and the
//! preferences dialog are mounted into it by [`ConsentUi`], each on its own.

use super::{ConsentUi, SettingsButton};
use crate::policy::consent::Prompt;
use leptos::html;
use leptos::prelude::*;

/// Everything Kite shows for consent.
#[component]
pub fn ConsentRoot(
    /// The shared state to show.
    ui: ConsentUi,
) -> impl IntoView {
    let layer = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if let Some(layer) = layer.get() {
            ui.attach(layer.into());
        }
    });
    view! {
        <div class="kite" lang=ui.view.with_untracked(|v| v.lang.tag()) node_ref=layer>
            {move || ui.view.with(|v| v.prompt == Prompt::Nothing && v.settings_button).then(|| view! { <SettingsButton ui/> })}
            <div class="kite-visually-hidden" role="status" aria-live="polite">
                {move || ui.announcement.get()}
            </div>
        </div>
    }
}
