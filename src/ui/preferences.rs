//! The preferences dialog: a switch per purpose and per service, what each is for and the
//! cookies it sets, and three equal choices (Accept all, Reject all, Save my choices).
//! Switches start from the current choice; nothing is pre-ticked before one.

use super::{choice_button, ConsentUi, Dialog};
use crate::policy::consent::{Change, ChoiceTable};
use crate::policy::view::{Lock, PurposeRow, Words};
use leptos::either::Either;
use leptos::prelude::*;

/// The preferences dialog. Reads [`ConsentUi`] from context.
#[component]
pub fn Preferences() -> impl IntoView {
    let ui = expect_context::<ConsentUi>();
    let (words, guardian, gpc, purposes, choices) =
        ui.view.with_untracked(|v| (v.words.clone(), v.guardian_required, v.gpc, v.purposes.clone(), v.choices.clone()));
    let draft = RwSignal::new(choices);
    let close = Callback::new(move |()| ui.preferences_open.set(false));
    let saved = words.get("prefs.saved");
    let finish = move |change: Change| {
        ui.actions.choose.run(change);
        ui.preferences_open.set(false);
        ui.announcement.set(saved.clone());
    };
    let actions = if guardian {
        Either::Left(choice_button("close", words.get("button.close"), close))
    } else {
        let accept = { let finish = finish.clone(); Callback::new(move |()| finish(Change::AcceptAll)) };
        let reject = { let finish = finish.clone(); Callback::new(move |()| finish(Change::RejectAll)) };
        let save = Callback::new(move |()| finish(Change::Set(draft.with_untracked(ChoiceTable::entries))));
        Either::Right((
            choice_button("accept", words.get("button.accept_all"), accept),
            choice_button("reject", words.get("button.reject_all"), reject),
            choice_button("save", words.get("button.save"), save),
        ))
    };
    let rows = purposes.into_iter().map(|row| purpose_item(row, draft, &words)).collect_view();
    view! {
        <Dialog labelled_by="kite-prefs-title" title=words.get("prefs.title") close_label=words.get("button.close") on_close=close
            modal=true on_escape=close class="kite-prefs">
            <p class="kite-text">{words.get(if guardian { "prefs.child_intro" } else { "prefs.intro" })}</p>
            {gpc.then(|| view! { <p class="kite-note">{words.get("banner.gpc")}</p> })}
            <ul class="kite-purposes">{rows}</ul>
            <div class="kite-actions">{actions}</div>
        </Dialog>
    }
}

/// One switch: a purpose (`service` is `None`) or one of its services.
fn switch(id: String, label: String, about: Vec<String>, lock: Option<Lock>, draft: RwSignal<ChoiceTable>, purpose: String, service: Option<String>) -> impl IntoView {
    let described = format!("{id}-about");
    let (p, s) = (purpose.clone(), service.clone());
    let checked = move || lock == Some(Lock::AlwaysOn) || draft.with(|t| t.is_on(&p, s.as_deref()));
    let change = move |ev| {
        let on = event_target_checked(&ev);
        draft.update(|t| match &service {
            None => t.set_purpose(&purpose, on),
            Some(s) => t.set_service(&purpose, s, on),
        });
    };
    view! {
        <div class="kite-row">
            <label class="kite-label" for=id.clone()>{label}</label>
            <input type="checkbox" role="switch" class="kite-switch" id=id aria-describedby=described.clone()
                prop:checked=checked disabled=lock.is_some() on:change=change/>
        </div>
        <p class="kite-about" id=described>
            {about.into_iter().map(|line| view! { <span class="kite-line">{line}</span> }).collect_view()}
        </p>
    }
}

fn purpose_item(row: PurposeRow, draft: RwSignal<ChoiceTable>, words: &Words) -> impl IntoView {
    let mut about = vec![row.description];
    about.extend(row.lock.map(|lock| {
        words.get(match lock {
            Lock::AlwaysOn => "prefs.always_on",
            Lock::GlobalPrivacyControl => "prefs.locked_gpc",
            Lock::Guardian => "prefs.locked_guardian",
        })
    }));
    let cookies_label = words.get("prefs.cookies");
    let services = row
        .services
        .into_iter()
        .map(|s| {
            let mut about: Vec<String> = s.description.into_iter().collect();
            if !s.cookies.is_empty() {
                about.push(format!("{cookies_label} {}", s.cookies.join(", ")));
            }
            let id = format!("kite-service-{}-{}", row.name, s.name);
            view! { <li class="kite-service">{switch(id, s.label, about, row.lock, draft, row.name.clone(), Some(s.name))}</li> }
        })
        .collect::<Vec<_>>();
    let services = (!services.is_empty()).then(|| view! { <ul class="kite-services">{services}</ul> });
    view! {
        <li class="kite-purpose">
            {switch(format!("kite-purpose-{}", row.name), row.label, about, row.lock, draft, row.name.clone(), None)}
            {services}
        </li>
    }
}
