//! The rooms' dialogs and signs, in Leptos, mounted in Kite's layer (inside its shadow root).
//! Each panel is mounted in a reactive root of its own and dropped (unmounted) when it goes:
//! a panel is often opened by another panel's button (Back, "Say it more simply") and must
//! outlive it, and mounting afresh rather than re-rendering in place means Leptos generates
//! no update code for the panel's view, which keeps the download small.
//!
//! There are three places a dialog can be: the preferences, the link dialog ("you are
//! leaving", "can't be opened"), and one for everything else (a notice, the rights panel, a
//! warning, the self-audit), where a new dialog replaces the one on screen.

use super::panel::{OnPress, Panel};
use super::styles;
use crate::policy::consent::ChoiceTable;
use crate::policy::view;
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, ShadowRootInit, ShadowRootMode};

type Handle = Box<dyn std::any::Any>;

#[derive(Default)]
struct Shown {
    preferences: Option<Handle>,
    link: Option<Handle>,
    /// A notice, the rights panel, a warning…, and where focus was before the first of them
    /// opened (one replacing another keeps it).
    dialog: Option<(Handle, Option<HtmlElement>)>,
    /// The signs on screen: in a corner, and the monitoring sign where the page placed it.
    signs: Vec<Handle>,
}

thread_local! {
    static SHOWN: RefCell<Shown> = RefCell::default();
}

/// Mounts a view at the end of `parent` in a reactive root of its own, and returns the
/// handle that unmounts it when dropped.
fn mount_alone<N: IntoView + 'static>(parent: HtmlElement, view: impl FnOnce() -> N + 'static) -> Handle {
    let root = Owner::new_root(None);
    let handle = root.with(|| leptos::mount::mount_to(parent, view));
    Box::new((handle, root))
}

/// Unmounts a panel once the event that closed it has finished: a panel's own button may be
/// what closes it, and its handler must not be dropped while it runs.
fn unmount_later(handle: Option<Handle>) {
    if let Some(handle) = handle {
        wasm_bindgen_futures::spawn_local(async move { drop(handle) });
    }
}

/// The page's language, from Kite's layer.
fn lang_of(layer: &HtmlElement) -> &'static str {
    match layer.get_attribute("lang").as_deref() {
        Some("cy") => "cy",
        _ => "en-GB",
    }
}

fn mount_panel(layer: &HtmlElement, panel: view::Panel, choices: ChoiceTable, on_press: OnPress, held: bool) -> Handle {
    styles::adopt_rooms(layer);
    let lang = lang_of(layer);
    mount_alone(layer.clone(), move || view! { <Panel panel on_press choices lang held/> })
}

/// Opens the preferences dialog, unless it is open already.
pub fn open_preferences(layer: &HtmlElement, panel: view::Panel, choices: ChoiceTable, on_press: OnPress) {
    if SHOWN.with(|s| s.borrow().preferences.is_none()) {
        let handle = mount_panel(layer, panel, choices, on_press, false);
        SHOWN.with(|s| s.borrow_mut().preferences = Some(handle));
    }
}

/// Closes the preferences dialog (focus goes back to where it was); false if it was not open.
pub fn close_preferences() -> bool {
    let handle = SHOWN.with(|s| s.borrow_mut().preferences.take());
    let was_open = handle.is_some();
    unmount_later(handle);
    was_open
}

/// Shows a link dialog, replacing one already open for another link.
pub fn show_link(layer: &HtmlElement, panel: view::Panel, on_press: OnPress) {
    let previous = SHOWN.with(|s| s.borrow_mut().link.take());
    unmount_later(previous);
    let handle = mount_panel(layer, panel, ChoiceTable::default(), on_press, false);
    SHOWN.with(|s| s.borrow_mut().link = Some(handle));
}

/// Closes the link dialog.
pub fn close_link() {
    unmount_later(SHOWN.with(|s| s.borrow_mut().link.take()));
}

/// Shows a notice, the rights panel, a warning or the self-audit, replacing the one on screen.
/// Whoever shows it puts focus back when it closes ([`close_dialog`] says where it was).
pub fn show_dialog(layer: &HtmlElement, panel: view::Panel, on_press: OnPress) {
    let previous = SHOWN.with(|s| s.borrow_mut().dialog.take());
    let origin = match previous {
        Some((handle, origin)) => {
            unmount_later(Some(handle));
            origin
        }
        None => super::panel::focused().and_then(|e| e.dyn_into().ok()),
    };
    let handle = mount_panel(layer, panel, ChoiceTable::default(), on_press, true);
    SHOWN.with(|s| s.borrow_mut().dialog = Some((handle, origin)));
}

/// Closes the dialog [`show_dialog`] showed; returns where focus was before it opened, for
/// the caller to put it back (or somewhere better).
pub fn close_dialog() -> Option<HtmlElement> {
    let (handle, origin) = SHOWN.with(|s| s.borrow_mut().dialog.take())?;
    unmount_later(Some(handle));
    origin.filter(|e| e.is_connected())
}

/// One sign: the monitoring sign is itself a button that opens its explanation; the others
/// say what is on and hold the button that turns it off.
fn sign(s: view::SignView, on_press: OnPress) -> impl IntoView {
    let on_press = StoredValue::new_local(on_press);
    let act = move |action| on_press.with_value(|f| f(super::Pressed { action, choices: ChoiceTable::default(), ticked: false }));
    let class = format!("kite-sign kite-sign-{}", s.kind);
    let icon = view! { <span class="kite-sign-icon" inner_html=super::icons::svg(s.icon)></span> };
    match s.opens {
        Some(action) => view! { <button type="button" class=class aria-haspopup="dialog" on:click=move |_| act(action)>{icon}<span class="kite-sign-label">{s.label}</span></button> }.into_any(),
        None => {
            let button = s.button.map(|b| view! { <button type="button" class="kite-sign-btn" data-action=b.code on:click=move |_| act(b.action)>{b.label}</button> });
            view! { <div class=class>{icon}<span class="kite-sign-label">{s.label}</span>{button}</div> }.into_any()
        }
    }
}

/// Shows these signs, replacing the ones on screen: the monitoring sign in `placed` (a
/// `<kite-monitoring>` element, in a shadow root of its own) when the page placed one, the
/// rest in a corner labelled `label`.
pub fn show_signs(layer: &HtmlElement, signs: Vec<view::SignView>, placed: Option<web_sys::Element>, label: String, on_press: OnPress) {
    // A sign's own button ("Stop sharing") may be what changed them: drop them afterwards.
    for old in SHOWN.with(|s| std::mem::take(&mut s.borrow_mut().signs)) {
        unmount_later(Some(old));
    }
    let (here, corner): (Vec<_>, Vec<_>) = signs.into_iter().partition(|s| s.kind == "monitoring" && placed.is_some());
    let lang = lang_of(layer);
    let mut handles = Vec::new();
    styles::adopt_rooms(layer);
    if !corner.is_empty() {
        let on_press = on_press.clone();
        handles.push(mount_alone(layer.clone(), move || view! { <aside class="kite-signs" aria-label=label>{corner.into_iter().map(|s| sign(s, on_press.clone())).collect_view()}</aside> }));
    }
    if let (Some(host), false) = (placed, here.is_empty()) {
        let shadow = host.shadow_root().or_else(|| {
            let shadow = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)).ok()?;
            styles::adopt(&shadow);
            Some(shadow)
        });
        let holder = shadow.and_then(|shadow| {
            let holder: HtmlElement = crate::browser::document().create_element("div").ok()?.dyn_into().ok()?;
            let _ = holder.set_attribute("class", "kite kite-placed");
            let _ = holder.set_attribute("lang", lang);
            shadow.replace_children_with_node_1(&holder);
            styles::adopt_rooms(&holder);
            Some(holder)
        });
        if let Some(holder) = holder {
            handles.push(mount_alone(holder, move || here.into_iter().map(|s| sign(s, on_press.clone())).collect_view()));
        }
    }
    SHOWN.with(|s| s.borrow_mut().signs = handles);
}
