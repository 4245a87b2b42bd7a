//! The first layer: one or two short sentences and three equal choices (Accept all, Reject
//! all, Choose). Nothing is pre-selected and no choice is favoured. Closing it or pressing
//! Escape means "reject", and is remembered. For under-13s it says only what is needed is
//! used, with one "OK".
//!
//! Children's Code standard 13 (nudge techniques) and 7 (default settings).

use super::{choice_button, ConsentUi, Dialog};
use crate::policy::consent::{Change, Prompt};
use leptos::either::Either;
use leptos::prelude::*;

/// The consent banner. Reads [`ConsentUi`] from context.
#[component]
pub fn Banner() -> impl IntoView {
    let ui = expect_context::<ConsentUi>();
    let (words, child, gpc) = ui.view.with_untracked(|v| (v.words.clone(), v.prompt == Prompt::ChildNotice, v.gpc));
    let reject = Callback::new(move |()| ui.actions.choose.run(Change::RejectAll));
    let choices = if child {
        Either::Left(choice_button("ok", words.get("button.ok"), reject))
    } else {
        let accept = Callback::new(move |()| ui.actions.choose.run(Change::AcceptAll));
        let choose = Callback::new(move |()| ui.open_preferences());
        Either::Right((
            choice_button("accept", words.get("button.accept_all"), accept),
            choice_button("reject", words.get("button.reject_all"), reject),
            choice_button("choose", words.get("button.choose"), choose),
        ))
    };
    view! {
        <Dialog labelled_by="kite-banner-title" title=words.get("banner.title") close_label=words.get("button.close_label") on_close=reject
            modal=false on_escape=reject class="kite-banner">
            <p class="kite-text">{words.get(if child { "banner.child_body" } else { "banner.body" })}</p>
            {gpc.then(|| view! { <p class="kite-note">{words.get("banner.gpc")}</p> })}
            <div class="kite-actions">{choices}</div>
        </Dialog>
    }
}
