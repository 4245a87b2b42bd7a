//! Leptos components for consent, rendered in an open shadow root so the host page's CSS
//! cannot break them and theirs cannot break the page. They read one shared state
//! ([`ConsentUi`]) built by the policy core and report choices through [`Actions`]; they
//! decide nothing themselves.

mod icons;
mod panel;
mod root;
mod settings_button;
mod styles;

pub use panel::Panel;
pub use root::ConsentRoot;
pub use settings_button::SettingsButton;

use crate::policy::consent::{Change, ChoiceTable};
use crate::policy::record::DecidedBy;
use crate::policy::links::Leaving;
use crate::policy::view::{self, Action, ConsentView};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ShadowRootInit, ShadowRootMode};

/// What the consent components do when someone chooses.
#[derive(Clone, Copy)]
pub struct Actions {
    /// Apply a change made by the person using the page.
    pub choose: Callback<Change>,
    /// A link dialog was answered: whether to continue to the other site, and whether the
    /// child ticked "Don't ask again for this site today".
    pub link: fn(Leaving, bool, bool),
    /// An embed's placeholder was answered: its number, and `true` for "Always allow".
    pub embed: fn(u32, bool),
    /// A button in a notice, the rights panel or the policy-change message was pressed.
    pub dialog: fn(Action),
}

/// The shared state the consent components read.
#[derive(Clone, Copy)]
pub struct ConsentUi {
    /// What to show, from the policy core.
    pub view: RwSignal<ConsentView>,
    /// Text for the polite live region (announced by screen readers).
    pub announcement: RwSignal<String>,
    /// The browser's voices have loaded, so "Read to me" can show.
    pub voices: RwSignal<bool>,
    /// What choosing does.
    pub actions: Actions,
}

thread_local! {
    static SHOWN: std::cell::RefCell<Shown> = std::cell::RefCell::default();
}

/// The panels on screen, each mounted on its own and dropped (unmounted) when it goes.
/// Mounting a panel afresh rather than re-rendering it in place means Leptos generates no
/// update code for the panel's view, which keeps the download small.
#[derive(Default)]
struct Shown {
    layer: Option<web_sys::HtmlElement>,
    banner: Option<(view::Panel, Box<dyn std::any::Any>)>,
    preferences: Option<Box<dyn std::any::Any>>,
    /// The "you are leaving" (or "can't be opened") dialog, and where Continue goes.
    link: Option<(Option<Leaving>, Box<dyn std::any::Any>)>,
    /// Embeds' placeholders, by number, each mounted in its iframe's own document.
    embeds: Vec<(u32, Box<dyn std::any::Any>)>,
    /// A notice, the rights panel or the policy-change message, and where focus was before
    /// the first of them opened (one replacing another keeps it).
    dialog: Option<(Box<dyn std::any::Any>, Option<web_sys::HtmlElement>)>,
    /// The buttons Kite put in `<kite-rights>` and `<kite-consent>` elements.
    rights_buttons: Vec<gloo_events::EventListener>,
    /// The signs on screen: in the corner, and the monitoring sign where the page placed it.
    signs: Vec<Box<dyn std::any::Any>>,
}

/// The element a page places where the monitoring sign should sit (its `by` and `what`
/// attributes, when present, also declare who can see what).
pub const MONITORING_TAG: &str = "kite-monitoring";

/// One sign: the monitoring sign is itself a button that opens its explanation; the others
/// say what is on and hold the button that turns it off.
fn sign(s: view::SignView, ui: ConsentUi) -> impl IntoView {
    let act = move |action| (ui.actions.dialog)(action);
    let class = format!("kite-sign kite-sign-{}", s.kind);
    let icon = view! { <span class="kite-sign-icon" inner_html=icons::svg(s.icon)></span> };
    match s.opens {
        Some(action) => view! { <button type="button" class=class aria-haspopup="dialog" on:click=move |_| act(action)>{icon}<span class="kite-sign-label">{s.label}</span></button> }.into_any(),
        None => {
            let button = s.button.map(|b| view! { <button type="button" class="kite-sign-btn" data-action=b.code on:click=move |_| act(b.action)>{b.label}</button> });
            view! { <div class=class>{icon}<span class="kite-sign-label">{s.label}</span>{button}</div> }.into_any()
        }
    }
}

/// The element a page author places to show a "Your information" button that opens the
/// rights panel.
pub const RIGHTS_TAG: &str = "kite-rights";

/// The element a page author places where a "Privacy settings" button should sit (a footer,
/// a menu), which opens the preferences dialog.
pub const CONSENT_TAG: &str = "kite-consent";


/// Mounts a view at the end of `parent` in a reactive root of its own, and returns the
/// handle that unmounts it when dropped. Panels are often mounted from another panel's
/// button (Back, "Say it more simply", a banner choice that shows placeholders): owned by
/// that panel, they would be disposed with it while still on screen.
fn mount_alone<N: IntoView + 'static>(parent: web_sys::HtmlElement, view: impl FnOnce() -> N + 'static) -> Box<dyn std::any::Any> {
    let root = Owner::new_root(None);
    let handle = root.with(|| leptos::mount::mount_to(parent, view));
    Box::new((handle, root))
}

/// Unmounts a panel once the event that closed it has finished: a panel's own button may be
/// what closes it, and its handler must not be dropped while it runs.
fn unmount_later(handle: Option<Box<dyn std::any::Any>>) {
    if let Some(handle) = handle {
        wasm_bindgen_futures::spawn_local(async move { drop(handle) });
    }
}

impl ConsentUi {
    /// Shows a new state.
    pub fn refresh(&self, view: ConsentView) {
        self.view.set(view);
        self.sync_banner();
    }

    /// Shows the panels in `layer` from now on (called by [`ConsentRoot`] once it is mounted).
    pub fn attach(&self, layer: web_sys::HtmlElement) {
        // `mount` attaches at once and the root's effect again later: the second is a no-op.
        if SHOWN.with(|s| s.borrow().layer.as_ref() == Some(&layer)) {
            return;
        }
        SHOWN.with(|s| s.borrow_mut().layer = Some(layer));
        self.sync_banner();
    }

    fn mount_panel(&self, panel: view::Panel) -> Option<Box<dyn std::any::Any>> {
        self.mount_panel_held(panel, false)
    }

    /// Mounts a panel; `held` when whoever shows it puts focus back itself.
    fn mount_panel_held(&self, panel: view::Panel, held: bool) -> Option<Box<dyn std::any::Any>> {
        let layer = SHOWN.with(|s| s.borrow().layer.clone())?;
        let ui = *self;
        Some(mount_alone(layer, move || view! { <Panel panel ui held/> }))
    }

    /// Shows a notice, the rights panel or the policy-change message, replacing the one on
    /// screen.
    pub fn show_dialog(&self, panel: view::Panel) {
        let previous = SHOWN.with(|s| s.borrow_mut().dialog.take());
        let origin = match previous {
            Some((handle, origin)) => {
                unmount_later(Some(handle));
                origin
            }
            None => panel::focused().and_then(|e| e.dyn_into().ok()),
        };
        if let Some(handle) = self.mount_panel_held(panel, true) {
            SHOWN.with(|s| s.borrow_mut().dialog = Some((handle, origin)));
        }
    }

    /// Closes the notice, rights or policy-change dialog; returns where focus was before it
    /// opened, for the caller to put it back (or somewhere better).
    pub fn close_dialog(&self) -> Option<web_sys::HtmlElement> {
        let (handle, origin) = SHOWN.with(|s| s.borrow_mut().dialog.take())?;
        unmount_later(Some(handle));
        origin.filter(|e| e.is_connected())
    }

    /// Puts a button in a Kite element the page placed (`<kite-rights>`, `<kite-consent>`),
    /// once, in its own shadow root with Kite's stylesheet. It works in any framework: the
    /// element is plain HTML, and Kite notices it whenever it is added.
    pub fn element_button(&self, host: &web_sys::Element, label: &str, icon: &str, lang: &str, on_click: impl Fn() + 'static) {
        if host.shadow_root().is_some() {
            return;
        }
        let document = crate::browser::document();
        let (Ok(shadow), Ok(button)) = (host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)), document.create_element("button")) else { return };
        styles::adopt(&shadow);
        let _ = button.set_attribute("type", "button");
        let _ = button.set_attribute("class", &format!("kite-settings {}-button", host.local_name()));
        let _ = button.set_attribute("aria-haspopup", "dialog");
        let _ = button.set_attribute("lang", lang);
        button.set_inner_html(icons::svg(icon));
        let _ = button.append_with_str_1(label);
        let _ = shadow.append_child(&button);
        let listener = gloo_events::EventListener::new(&button, "click", move |_| on_click());
        SHOWN.with(|s| s.borrow_mut().rights_buttons.push(listener));
    }

    /// Shows these signs, replacing the ones on screen: the monitoring sign in `placed` (a
    /// `<kite-monitoring>` element, in a shadow root of its own) when the page placed one,
    /// the rest in a corner. `announce` is said by screen readers.
    pub fn show_signs(&self, signs: Vec<view::SignView>, placed: Option<web_sys::Element>, announce: Option<String>) {
        // A sign's own button ("Stop sharing") may be what changed them: drop them afterwards.
        for old in SHOWN.with(|s| std::mem::take(&mut s.borrow_mut().signs)) {
            unmount_later(Some(old));
        }
        let Some(layer) = SHOWN.with(|s| s.borrow().layer.clone()) else { return };
        let (here, corner): (Vec<_>, Vec<_>) = signs.into_iter().partition(|s| s.kind == "monitoring" && placed.is_some());
        let ui = *self;
        let lang = self.view.with_untracked(|v| v.lang.tag());
        let mut handles = Vec::new();
        if !corner.is_empty() {
            let label = self.view.with_untracked(|v| v.words.get("sign.region"));
            handles.push(mount_alone(layer, move || view! { <aside class="kite-signs" aria-label=label>{corner.into_iter().map(|s| sign(s, ui)).collect_view()}</aside> }));
        }
        if let (Some(host), false) = (placed, here.is_empty()) {
            let shadow = host.shadow_root().or_else(|| {
                let shadow = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)).ok()?;
                styles::adopt(&shadow);
                Some(shadow)
            });
            let holder = shadow.and_then(|shadow| {
                let holder: web_sys::HtmlElement = crate::browser::document().create_element("div").ok()?.dyn_into().ok()?;
                let _ = holder.set_attribute("class", "kite kite-placed");
                let _ = holder.set_attribute("lang", lang);
                shadow.replace_children_with_node_1(&holder);
                Some(holder)
            });
            if let Some(holder) = holder {
                handles.push(mount_alone(holder, move || here.into_iter().map(|s| sign(s, ui)).collect_view()));
            }
        }
        SHOWN.with(|s| s.borrow_mut().signs = handles);
        if let Some(text) = announce {
            self.announcement.set(text);
        }
    }

    fn sync_banner(&self) {
        let wanted = self.view.with_untracked(ConsentView::banner);
        let shown = SHOWN.with(|s| s.borrow_mut().banner.take());
        let next = match (shown, wanted) {
            (Some(shown), Some(wanted)) if shown.0 == wanted => Some(shown),
            (shown, wanted) => {
                unmount_later(shown.map(|(_, handle)| handle));
                wanted.and_then(|panel| self.mount_panel(panel.clone()).map(|handle| (panel, handle)))
            }
        };
        SHOWN.with(|s| s.borrow_mut().banner = next);
    }

    /// Opens the preferences dialog.
    pub fn open_preferences(&self) {
        if SHOWN.with(|s| s.borrow().preferences.is_none()) {
            let handle = self.mount_panel(self.view.with_untracked(ConsentView::preferences));
            SHOWN.with(|s| s.borrow_mut().preferences = handle);
        }
    }

    /// Closes the preferences dialog; focus goes back to where it was.
    pub fn close_preferences(&self) -> bool {
        let handle = SHOWN.with(|s| s.borrow_mut().preferences.take());
        let was_open = handle.is_some();
        unmount_later(handle);
        was_open
    }

    /// Shows a link dialog: `leaving` says where Continue goes (none for a refused link).
    /// A dialog already open for another link is replaced.
    pub fn show_link(&self, panel: view::Panel, leaving: Option<Leaving>) {
        let previous = SHOWN.with(|s| s.borrow_mut().link.take());
        unmount_later(previous.map(|(_, handle)| handle));
        let handle = self.mount_panel(panel);
        SHOWN.with(|s| s.borrow_mut().link = handle.map(|h| (leaving, h)));
    }

    /// Closes the link dialog; returns where Continue would have gone.
    fn close_link(&self) -> Option<Leaving> {
        let (leaving, handle) = SHOWN.with(|s| s.borrow_mut().link.take())?;
        unmount_later(Some(handle));
        leaving
    }

    /// Shows an embed's placeholder in `body`, the document inside the embed's iframe, with
    /// Kite's stylesheet adopted there.
    pub fn show_embed(&self, id: u32, body: web_sys::HtmlElement, panel: view::Panel) {
        self.hide_embed(id);
        if let Some(document) = body.owner_document() {
            styles::adopt_document(&document);
        }
        let ui = *self;
        let lang = self.view.with_untracked(|v| v.lang.tag());
        let handle = mount_alone(body, move || view! { <div class="kite kite-placeholder" lang=lang><Panel panel ui/></div> });
        SHOWN.with(|s| s.borrow_mut().embeds.push((id, handle)));
    }

    /// Removes an embed's placeholder (the embed is loading, or has gone).
    pub fn hide_embed(&self, id: u32) {
        let handle = SHOWN.with(|s| {
            let mut shown = s.borrow_mut();
            let at = shown.embeds.iter().position(|(n, _)| *n == id)?;
            Some(shown.embeds.remove(at).1)
        });
        unmount_later(handle);
    }

    /// Carries out a panel's action; `draft` holds the preferences dialog's switches and
    /// `ticked` whether its tick box is ticked.
    pub fn act(&self, action: Action, draft: RwSignal<ChoiceTable>, ticked: bool) {
        let change = match action {
            Action::Back | Action::Continue => {
                if let Some(leaving) = self.close_link() {
                    (self.actions.link)(leaving, action == Action::Continue, ticked);
                }
                return;
            }
            Action::Notice(_)
            | Action::ReadAs(_)
            | Action::Rights
            | Action::Route(_)
            | Action::Acknowledge
            | Action::CloseDialog
            | Action::Monitoring
            | Action::StopLocation
            | Action::StopMedia
            | Action::Guard(_) => return (self.actions.dialog)(action),
            Action::LoadOnce(id) => return (self.actions.embed)(id, false),
            Action::AllowAlways(id) => return (self.actions.embed)(id, true),
            Action::Choose => return self.open_preferences(),
            Action::Close => {
                self.close_preferences();
                return;
            }
            Action::Accept => Change::AcceptAll,
            Action::Reject => Change::RejectAll,
            Action::Save => Change::Set(draft.with_untracked(ChoiceTable::entries)),
        };
        // Choose first: the banner goes with the choice, so closing the dialog afterwards
        // finds what opened it gone and puts focus on the settings button.
        self.actions.choose.run(change);
        if self.close_preferences() {
            self.announcement.set(self.view.with_untracked(|v| v.words.get("prefs.saved")));
        }
    }
}

/// The name of the element Kite adds to the page to hold its shadow root.
pub const HOST_TAG: &str = "kite-root";

/// Adds Kite's host element to the page and mounts the consent UI in its shadow root.
pub fn mount(view: ConsentView) -> Option<ConsentUi> {
    let document = crate::browser::document();
    let host = document.create_element(HOST_TAG).ok()?;
    document.body()?.append_child(&host).ok()?;
    let shadow = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)).ok()?;
    styles::adopt(&shadow);
    let mount_point: web_sys::HtmlElement = document.create_element("div").ok()?.dyn_into().ok()?;
    shadow.append_child(&mount_point).ok()?;
    let choose = Callback::new(|change: Change| {
        if let Some(page) = crate::browser::page::current() {
            if let Err(why) = page.apply(change, DecidedBy::Visitor) {
                crate::browser::console_error(&why.to_string());
            }
        }
    });
    let ui = ConsentUi {
        view: RwSignal::new(view),
        announcement: RwSignal::new(String::new()),
        voices: RwSignal::new(false),
        actions: Actions { choose, link: crate::browser::links::answered, embed: crate::browser::page::embed_answered, dialog: crate::browser::page::dialog_action },
    };
    leptos::mount::mount_to(mount_point.clone(), move || view! { <ConsentRoot ui=ui/> }).forget();
    // Show the banner now rather than after the root's effect runs: it is what the visitor
    // is waiting for. (Inside a Leptos app, `ConsentRoot` attaches itself.)
    if let Some(layer) = mount_point.first_element_child().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        ui.attach(layer);
    }
    Some(ui)
}
