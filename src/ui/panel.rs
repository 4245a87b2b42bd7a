//! The one component every room's dialog uses: preferences, "you are leaving", notices, the
//! rights panel, the warnings. What a panel says and which buttons it has are decided by the
//! policy core ([`crate::policy::view::Panel`]); this renders it accessibly: labelled by its
//! heading, focus moved into it when it opens, Escape handled, and for a modal panel a
//! backdrop, a focus trap and focus returned to where it was when it closes. One component
//! for every panel also keeps the download small: Leptos generates code per view type.
//! (The banner and placeholders, on every page, are drawn without Leptos by
//! [`super::first_paint`], with the same markup.)
//!
//! WAI-ARIA Authoring Practices, dialog (modal) pattern. Children's Code standard 13: the
//! buttons are one kind of element with one style, in the order the policy core gives.

use super::CLOSE_ICON;
use crate::policy::consent::ChoiceTable;
use crate::policy::view::{self, Action, Lock, SwitchRow};
use leptos::html;
use leptos::prelude::*;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent, ShadowRoot};

const FOCUSABLE: &str = "button:not([disabled]), input:not([disabled]), a[href], select:not([disabled]), textarea:not([disabled]), [tabindex=\"0\"]";

/// A button of a panel was pressed (or its close control, or Escape).
#[derive(Clone, Debug)]
pub struct Pressed {
    /// What the button does.
    pub action: Action,
    /// The switches as they are now (the preferences dialog's choices).
    pub choices: ChoiceTable,
    /// Whether the panel's tick box is ticked.
    pub ticked: bool,
}

/// What a panel's owner does when one of its buttons is pressed.
pub type OnPress = Rc<dyn Fn(Pressed)>;

/// The element that has focus, looking inside shadow roots.
pub(super) fn focused() -> Option<Element> {
    let mut element = crate::browser::document().active_element()?;
    while let Some(inner) = element.shadow_root().and_then(|r| r.active_element()) {
        element = inner;
    }
    Some(element)
}

/// Puts focus back where it was before a modal panel opened, or, when that has gone (the
/// banner after a choice), on the settings button.
fn return_focus(previous: Option<Element>) {
    match previous.filter(|e| e.is_connected()).and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        Some(element) => {
            let _ = element.focus();
        }
        None => request_animation_frame(|| {
            let button = crate::browser::document()
                .query_selector(super::HOST_TAG)
                .ok()
                .flatten()
                .and_then(|host| host.shadow_root())
                .and_then(|root| root.query_selector(".kite-settings").ok().flatten())
                .and_then(|b| b.dyn_into::<HtmlElement>().ok());
            if let Some(button) = button {
                let _ = button.focus();
            }
        }),
    }
}

/// Keeps Tab and Shift+Tab inside `panel`.
fn trap_focus(panel: &HtmlElement, event: &KeyboardEvent) {
    let Ok(list) = panel.query_selector_all(FOCUSABLE) else { return };
    let items: Vec<HtmlElement> = (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into().ok()).collect();
    let (Some(first), Some(last)) = (items.first(), items.last()) else { return };
    let active = panel.get_root_node().dyn_into::<ShadowRoot>().ok().and_then(|r| r.active_element());
    let active = active.as_ref().map(|a| a.unchecked_ref::<HtmlElement>());
    let on_panel = active == Some(panel);
    if event.shift_key() && (active == Some(first) || on_panel) {
        event.prevent_default();
        let _ = last.focus();
    } else if !event.shift_key() && active == Some(last) {
        event.prevent_default();
        let _ = first.focus();
    }
}

/// A panel: heading, close (×) control, text, an optional note, switches and buttons.
#[component]
pub fn Panel(
    /// What to show, from the policy core.
    panel: view::Panel,
    /// What pressing a button does.
    on_press: OnPress,
    /// The switches' starting positions (the choices in force), for a panel with switches.
    #[prop(optional)]
    choices: ChoiceTable,
    /// The page's language tag, for "Read to me".
    lang: &'static str,
    /// Whoever shows the panel puts focus back when it closes (a modal panel otherwise
    /// returns it to where it was).
    #[prop(optional)]
    held: bool,
) -> impl IntoView {
    let view::Panel { kind, modal, dialog, title, site, close_label, dismiss, text, note, switches, buttons, focus, tick, picture, lines, links, read_as, speak } = panel;
    let draft = RwSignal::new(choices);
    let ticked = RwSignal::new(false);
    let on_press = StoredValue::new_local(on_press);
    let act = move |action| on_press.with_value(|f| f(Pressed { action, choices: draft.get_untracked(), ticked: ticked.get_untracked() }));
    let element = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        let Some(element) = element.get().filter(|_| dialog) else { return };
        let first = focus.and_then(|code| element.query_selector(&format!("[data-action=\"{code}\"]")).ok().flatten());
        match first.and_then(|b| b.dyn_into::<HtmlElement>().ok()) {
            Some(button) => {
                let _ = button.focus();
            }
            None => {
                let _ = element.focus();
            }
        }
    });
    if modal && !held {
        let previous = StoredValue::new_local(focused());
        on_cleanup(move || return_focus(previous.try_get_value().flatten()));
    }
    let on_keydown = move |event: KeyboardEvent| match event.key().as_str() {
        "Escape" if dialog => {
            event.prevent_default();
            event.stop_propagation();
            act(dismiss);
        }
        "Tab" if modal => {
            if let Some(element) = element.get_untracked() {
                trap_focus(&element, &event);
            }
        }
        _ => {}
    };
    let title_id = format!("kite-{kind}-title");
    let labelled_by = title_id.clone();
    let switches = (!switches.is_empty())
        .then(|| view! { <ul class="kite-purposes">{switches.into_iter().map(|row| purpose_item(row, draft)).collect_view()}</ul> });
    let picture = picture.map(|(name, alt)| view! { <span class="kite-picture" role="img" aria-label=alt inner_html=super::icons::svg(name)></span> });
    let lines = (!lines.is_empty()).then(|| view! { <ul class="kite-lines">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> });
    let links = (!links.is_empty()).then(|| {
        let items = links
            .into_iter()
            .map(|l| view! { <li><a class="kite-link" href=l.href target="_blank" rel="noopener noreferrer" data-kite-direct="">{l.label}</a></li> })
            .collect_view();
        view! { <ul class="kite-links">{items}</ul> }
    });
    // "Read to me", where the browser has a voice for the language; reading stops when the
    // panel closes.
    let speak = speak.filter(|_| crate::browser::speech::has_voice(lang)).map(|(label, text)| {
        on_cleanup(crate::browser::speech::stop);
        view! { <button type="button" class="kite-read-as kite-read-aloud" data-action="read-aloud" on:click=move |_| crate::browser::speech::say(&text, lang)>{label}</button> }
    });
    let read_as = (!read_as.is_empty() || speak.is_some()).then(|| {
        let items = read_as
            .into_iter()
            .map(|b| view! { <button type="button" class="kite-read-as" data-action=b.code on:click=move |_| act(b.action)>{b.label}</button> })
            .collect_view();
        view! { <div class="kite-read">{speak}{items}</div> }
    });
    let buttons = buttons
        .into_iter()
        .map(|b| view! { <button type="button" class="kite-btn" data-action=b.code on:click=move |_| act(b.action)>{b.label}</button> })
        .collect_view();
    view! {
        <div class=format!("kite-dialog kite-{kind}")>
            {modal.then(|| view! { <div class="kite-backdrop"></div> })}
            <div
                node_ref=element
                class="kite-panel"
                role=if dialog { "dialog" } else { "group" }
                aria-modal=dialog.then_some(if modal { "true" } else { "false" })
                aria-labelledby=labelled_by
                tabindex=dialog.then_some("-1")
                on:keydown=on_keydown
            >
                <div class="kite-head">
                    <h2 id=title_id class="kite-title">{title}</h2>
                    {dialog.then(|| view! {
                        <button type="button" class="kite-close" data-action="close" aria-label=close_label on:click=move |_| act(dismiss) inner_html=CLOSE_ICON></button>
                    })}
                </div>
                {picture}
                {site.map(|site| view! { <p class="kite-site">{site}</p> })}
                <p class="kite-text">{text}</p>
                {lines}
                {note.map(|note| view! { <p class="kite-note">{note}</p> })}
                {links}
                {read_as}
                {switches}
                {tick.map(|label| view! {
                    <label class="kite-tick">
                        <input type="checkbox" on:change=move |ev| ticked.set(event_target_checked(&ev))/>
                        <span>{label}</span>
                    </label>
                })}
                <div class="kite-actions">{buttons}</div>
            </div>
        </div>
    }
}

/// One switch (a purpose's or a service's) with the lines that explain it.
fn switch(row: &SwitchRow, draft: RwSignal<ChoiceTable>) -> impl IntoView {
    let described = format!("{}-about", row.id);
    let (purpose, service, lock) = (row.purpose.clone(), row.service.clone(), row.lock);
    let (p, s) = (purpose.clone(), service.clone());
    let checked = move || lock == Some(Lock::AlwaysOn) || draft.with(|t| t.is_on(&p, s.as_deref()));
    let change = move |ev| {
        let on = event_target_checked(&ev);
        draft.update(|t| match &service {
            None => t.set_purpose(&purpose, on),
            Some(s) => t.set_service(&purpose, s, on),
        });
    };
    let about = row.about.iter().map(|line| view! { <span class="kite-line">{line.clone()}</span> }).collect_view();
    view! {
        <div class="kite-row">
            <label class="kite-label" for=row.id.clone()>{row.label.clone()}</label>
            <input type="checkbox" role="switch" class="kite-switch" id=row.id.clone() aria-describedby=described.clone()
                prop:checked=checked disabled=lock.is_some() on:change=change/>
        </div>
        <p class="kite-about" id=described>{about}</p>
    }
}

fn purpose_item(row: SwitchRow, draft: RwSignal<ChoiceTable>) -> impl IntoView {
    let services = (!row.services.is_empty()).then(|| {
        let items = row.services.iter().map(|s| view! { <li class="kite-service">{switch(s, draft)}</li> }).collect_view();
        view! { <ul class="kite-services">{items}</ul> }
    });
    view! { <li class="kite-purpose">{switch(&row, draft)}{services}</li> }
}
