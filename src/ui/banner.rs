//! The first layer: one or two short sentences and three equal choices (Accept all, Reject
//! all, Choose). Nothing is pre-selected and no choice is favoured. Closing it or pressing
//! Escape means "reject", and is remembered. For under-13s it says only what is needed is
//! used, with one "OK".
//!
//! Children's Code standard 13 (nudge techniques) and 7 (default settings).

use super::{ConsentUi, Dialog};
use crate::policy::consent::{Change, Prompt};
use leptos::prelude::*;

/// The consent banner. Reads [`ConsentUi`] from context.
#[component]
pub fn Banner() -> impl IntoView {
    let ui = expect_context::<ConsentUi>();
    let words = move |key: &'static str| ui.view.with(|v| v.words.get(key));
    let child = move || ui.view.with(|v| v.prompt == Prompt::ChildNotice);
    let reject = Callback::new(move |()| ui.actions.choose.run(Change::RejectAll));
    let choices = move || {
        if child() {
            view! {
                <button type="button" class="kite-btn" data-action="ok" on:click=move |_| reject.run(())>
                    {words("button.ok")}
                </button>
            }
            .into_any()
        } else {
            view! {
                <button type="button" class="kite-btn" data-action="accept" on:click=move |_| ui.actions.choose.run(Change::AcceptAll)>
                    {words("button.accept_all")}
                </button>
                <button type="button" class="kite-btn" data-action="reject" on:click=move |_| reject.run(())>
                    {words("button.reject_all")}
                </button>
                <button type="button" class="kite-btn" data-action="choose" aria-haspopup="dialog" on:click=move |_| ui.open_preferences()>
                    {words("button.choose")}
                </button>
            }
            .into_any()
        }
    };
    view! {
        <Dialog labelled_by="kite-banner-title" modal=false on_escape=reject class="kite-banner">
            <div class="kite-head">
                <h2 id="kite-banner-title" class="kite-title">{move || words("banner.title")}</h2>
                <button type="button" class="kite-close" data-action="close" aria-label=move || words("button.close_label") on:click=move |_| reject.run(())>
                    <svg aria-hidden="true" viewBox="0 0 16 16" width="16" height="16"><path d="M3 3l10 10M13 3L3 13" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>
                </button>
            </div>
            <p class="kite-text">{move || if child() { words("banner.child_body") } else { words("banner.body") }}</p>
            <Show when=move || ui.view.with(|v| v.gpc)>
                <p class="kite-note">{move || words("banner.gpc")}</p>
            </Show>
            <div class="kite-actions">{choices}</div>
        </Dialog>
    }
}
