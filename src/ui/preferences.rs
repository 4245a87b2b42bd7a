//! The preferences dialog: a switch per purpose and per service, what each is for and the
//! cookies it sets, and three equal choices (Accept all, Reject all, Save my choices).
//! Switches start from the current choice; nothing is pre-ticked before one.

use super::{ConsentUi, Dialog};
use crate::policy::consent::{Change, ChoiceTable};
use crate::policy::view::{Lock, PurposeRow, ServiceRow};
use leptos::prelude::*;

/// The preferences dialog. Reads [`ConsentUi`] from context.
#[component]
pub fn Preferences() -> impl IntoView {
    let ui = expect_context::<ConsentUi>();
    let words = move |key: &'static str| ui.view.with(|v| v.words.get(key));
    let draft = RwSignal::new(ui.view.with_untracked(|v| v.choices.clone()));
    let close = Callback::new(move |()| ui.preferences_open.set(false));
    let finish = move |change: Change| {
        ui.actions.choose.run(change);
        ui.preferences_open.set(false);
        ui.announcement.set(words("prefs.saved"));
    };
    let save = move |_| {
        let entries = draft.with_untracked(|t| {
            let purposes = t.purposes.iter().map(|(p, on)| (p.clone(), None, *on));
            let services = t.services.iter().map(|(p, s, on)| (p.clone(), Some(s.clone()), *on));
            purposes.chain(services).collect()
        });
        finish(Change::Set(entries));
    };
    let guardian = move || ui.view.with(|v| v.guardian_required);
    let actions = move || {
        if guardian() {
            view! {
                <button type="button" class="kite-btn" data-action="close" on:click=move |_| close.run(())>{words("button.close")}</button>
            }
            .into_any()
        } else {
            view! {
                <button type="button" class="kite-btn" data-action="accept" on:click=move |_| finish(Change::AcceptAll)>{words("button.accept_all")}</button>
                <button type="button" class="kite-btn" data-action="reject" on:click=move |_| finish(Change::RejectAll)>{words("button.reject_all")}</button>
                <button type="button" class="kite-btn" data-action="save" on:click=save>{words("button.save")}</button>
            }
            .into_any()
        }
    };
    view! {
        <Dialog labelled_by="kite-prefs-title" modal=true on_escape=close class="kite-prefs">
            <div class="kite-head">
                <h2 id="kite-prefs-title" class="kite-title">{words("prefs.title")}</h2>
                <button type="button" class="kite-close" data-action="close" aria-label=words("button.close") on:click=move |_| close.run(())>
                    <svg aria-hidden="true" viewBox="0 0 16 16" width="16" height="16"><path d="M3 3l10 10M13 3L3 13" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>
                </button>
            </div>
            <p class="kite-text">{move || if guardian() { words("prefs.child_intro") } else { words("prefs.intro") }}</p>
            <Show when=move || ui.view.with(|v| v.gpc)>
                <p class="kite-note">{words("banner.gpc")}</p>
            </Show>
            <ul class="kite-purposes">
                {ui.view.with_untracked(|v| v.purposes.clone()).into_iter().map(|row| view! { <PurposeItem row=row draft=draft/> }).collect_view()}
            </ul>
            <div class="kite-actions">{actions}</div>
        </Dialog>
    }
}

#[component]
fn PurposeItem(row: PurposeRow, draft: RwSignal<ChoiceTable>) -> impl IntoView {
    let ui = expect_context::<ConsentUi>();
    let words = move |key: &'static str| ui.view.with_untracked(|v| v.words.get(key));
    let id = format!("kite-purpose-{}", row.name);
    let described = format!("{id}-about");
    let lock = row.lock;
    let (name, name2) = (row.name.clone(), row.name.clone());
    let checked = move || lock == Some(Lock::AlwaysOn) || draft.with(|t| t.is_on(&name, None));
    let note = lock.map(|l| match l {
        Lock::AlwaysOn => words("prefs.always_on"),
        Lock::GlobalPrivacyControl => words("prefs.locked_gpc"),
        Lock::Guardian => words("prefs.locked_guardian"),
    });
    let services = row.services.clone();
    let purpose = row.name.clone();
    view! {
        <li class="kite-purpose">
            <div class="kite-row">
                <label class="kite-label" for=id.clone()>{row.label.clone()}</label>
                <input
                    type="checkbox"
                    role="switch"
                    class="kite-switch"
                    id=id.clone()
                    aria-describedby=described.clone()
                    prop:checked=checked
                    disabled=lock.is_some()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        draft.update(|t| t.set_purpose(&name2, on));
                    }
                />
            </div>
            <p class="kite-about" id=described>
                {row.description.clone()}
                {note.map(|n| view! { <span class="kite-lock">{n}</span> })}
            </p>
            {(!services.is_empty()).then(|| view! {
                <ul class="kite-services">
                    {services.into_iter().map(|s| view! { <ServiceItem purpose=purpose.clone() service=s lock=lock draft=draft/> }).collect_view()}
                </ul>
            })}
        </li>
    }
}

#[component]
fn ServiceItem(purpose: String, service: ServiceRow, lock: Option<Lock>, draft: RwSignal<ChoiceTable>) -> impl IntoView {
    let ui = expect_context::<ConsentUi>();
    let id = format!("kite-service-{purpose}-{}", service.name);
    let described = format!("{id}-about");
    let (p1, s1, p2, s2) = (purpose.clone(), service.name.clone(), purpose, service.name.clone());
    let checked = move || lock == Some(Lock::AlwaysOn) || draft.with(|t| t.is_on(&p1, Some(&s1)));
    let cookies = (!service.cookies.is_empty()).then(|| {
        let label = ui.view.with_untracked(|v| v.words.get("prefs.cookies"));
        view! {
            <span class="kite-cookies">
                {label} " "
                {service.cookies.iter().enumerate().map(|(i, c)| view! { {(i > 0).then_some(", ")}<code>{c.clone()}</code> }).collect_view()}
            </span>
        }
    });
    view! {
        <li class="kite-service">
            <div class="kite-row">
                <label class="kite-label" for=id.clone()>{service.label.clone()}</label>
                <input
                    type="checkbox"
                    role="switch"
                    class="kite-switch"
                    id=id.clone()
                    aria-describedby=described.clone()
                    prop:checked=checked
                    disabled=lock.is_some()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        draft.update(|t| t.set_service(&p2, &s2, on));
                    }
                />
            </div>
            <p class="kite-about" id=described>
                {service.description.clone()}
                {cookies}
            </p>
        </li>
    }
}
