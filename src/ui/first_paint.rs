//! What a page shows before anything else of Kite loads: the banner, embeds' placeholders,
//! the Privacy settings button, the buttons in `<kite-rights>` and `<kite-consent>`, and the
//! live region screen readers listen to. Drawn with plain DOM calls, so the first download
//! carries no UI framework; the markup and classes are the ones [`super::Panel`] gives every
//! other panel, and `kite.css` styles both.
//!
//! A first-paint panel is never modal: the banner is a dialog that takes focus when it opens
//! and answers Escape with its dismiss action (reject), and a placeholder is a labelled group
//! in the embed's own box.

use crate::policy::consent::Prompt;
use crate::policy::view::{self, Action, ConsentView};
use gloo_events::{EventListener, EventListenerOptions};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, ShadowRootInit, ShadowRootMode};

/// What the first-paint UI does when someone presses something.
#[derive(Clone, Copy)]
pub struct Actions {
    /// A panel's button, the settings button or a Kite element's button.
    pub act: fn(Action),
    /// "Read to me": speak these words in this language.
    pub speak: fn(String, &'static str),
}

/// A panel on screen: its element and its listeners. Dropping it takes it off the page.
struct Drawn {
    root: Element,
    _listeners: Vec<EventListener>,
    /// "Read to me": the words, and the row its button goes in once the browser has a voice.
    speak: Option<(String, Element)>,
    /// Where focus goes when a dialog opens: its chosen button, or the panel itself, so no
    /// choice is pre-selected.
    focus: Option<HtmlElement>,
}

impl Drawn {
    /// Takes the panel off the page now, and drops its listeners once the event that closed
    /// it has finished (the panel's own button may be what closed it).
    fn remove(self) {
        self.root.remove();
        if self.speak.is_some() {
            crate::browser::speech::stop();
        }
        wasm_bindgen_futures::spawn_local(async move { drop(self) });
    }
}

/// Kite's host element on the page and what it shows on the first paint.
pub struct Shell {
    layer: HtmlElement,
    status: HtmlElement,
    lang: &'static str,
    actions: Actions,
    banner: RefCell<Option<(view::Panel, Drawn)>>,
    settings: RefCell<Option<Drawn>>,
    /// Whether the view asked for the corner settings button (no `<kite-consent>` on the page).
    settings_wanted: Cell<bool>,
    embeds: RefCell<Vec<(u32, Drawn)>>,
    element_buttons: RefCell<Vec<EventListener>>,
    /// False until [`Shell::settle`]: the first banner takes focus a task after it is drawn.
    settled: Cell<bool>,
}

/// A new element of `document` (which may be an embed's: its elements belong to the embed's
/// window, so they are not checked against this window's `HTMLElement`).
fn create(document: &Document, tag: &str, class: &str) -> Option<HtmlElement> {
    let element: HtmlElement = document.create_element(tag).ok()?.unchecked_into();
    if !class.is_empty() {
        let _ = element.set_attribute("class", class);
    }
    Some(element)
}

fn button(document: &Document, class: &str, code: &str, label: &str) -> Option<HtmlElement> {
    let button = create(document, "button", class)?;
    let _ = button.set_attribute("type", "button");
    if !code.is_empty() {
        let _ = button.set_attribute("data-action", code);
    }
    button.set_text_content(Some(label));
    Some(button)
}

fn on_click(element: &Element, f: impl Fn() + 'static) -> EventListener {
    EventListener::new(element, "click", move |_| f())
}

/// Draws `panel` (a banner or a placeholder) at the end of `parent`.
fn draw(parent: &Element, panel: &view::Panel, actions: Actions) -> Option<Drawn> {
    let document = parent.owner_document()?;
    let dialog = panel.dialog;
    let root = create(&document, "div", &format!("kite-dialog kite-{}", panel.kind))?;
    let body = create(&document, "div", "kite-panel")?;
    let title_id = format!("kite-{}-title", panel.kind);
    let _ = body.set_attribute("role", if dialog { "dialog" } else { "group" });
    let _ = body.set_attribute("aria-labelledby", &title_id);
    if dialog {
        let _ = body.set_attribute("aria-modal", "false");
        let _ = body.set_attribute("tabindex", "-1");
    }
    let mut listeners = Vec::new();
    let head = create(&document, "div", "kite-head")?;
    let title = create(&document, "h2", "kite-title")?;
    let _ = title.set_attribute("id", &title_id);
    title.set_text_content(Some(&panel.title));
    let _ = head.append_child(&title);
    let dismiss = panel.dismiss;
    if dialog {
        let close = button(&document, "kite-close", "close", "")?;
        let _ = close.set_attribute("aria-label", &panel.close_label);
        close.set_inner_html(super::CLOSE_ICON);
        listeners.push(on_click(&close, move || (actions.act)(dismiss)));
        let _ = head.append_child(&close);
    }
    let _ = body.append_child(&head);
    let text = create(&document, "p", "kite-text")?;
    text.set_text_content(Some(&panel.text));
    let _ = body.append_child(&text);
    if let Some(note) = &panel.note {
        let p = create(&document, "p", "kite-note")?;
        p.set_text_content(Some(note));
        let _ = body.append_child(&p);
    }
    // "Read to me" goes here once the browser has a voice ([`Shell::offer_reading`]). (No
    // first-paint panel says "Say it more simply": the banner is short for every band.)
    let mut speak = None;
    if let Some((label, words)) = &panel.speak {
        let row = create(&document, "div", "kite-read")?;
        let _ = row.set_attribute("data-label", label);
        let _ = body.append_child(&row);
        speak = Some((words.clone(), row.into()));
    }
    let row = create(&document, "div", "kite-actions")?;
    for b in &panel.buttons {
        let element = button(&document, "kite-btn", b.code, &b.label)?;
        let action = b.action;
        listeners.push(on_click(&element, move || (actions.act)(action)));
        let _ = row.append_child(&element);
    }
    let _ = body.append_child(&row);
    if dialog {
        let options = EventListenerOptions::enable_prevent_default();
        listeners.push(EventListener::new_with_options(&body, "keydown", options, move |event| {
            let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
            if key.key() == "Escape" {
                event.prevent_default();
                event.stop_propagation();
                (actions.act)(dismiss);
            }
        }));
    }
    let _ = root.append_child(&body);
    let _ = parent.append_child(&root);
    let focus = dialog.then(|| {
        let chosen = panel.focus.and_then(|code| body.query_selector(&format!("[data-action=\"{code}\"]")).ok().flatten());
        chosen.map_or(body, |b| b.unchecked_into())
    });
    let drawn = Drawn { root: root.into(), _listeners: listeners, speak, focus };
    Some(drawn)
}

/// Moves focus into a dialog just drawn.
fn take_focus(drawn: &Drawn) {
    if let Some(target) = &drawn.focus {
        let _ = target.focus();
    }
}

/// Puts "Read to me" in the panel's reading row (once).
fn add_speak_button(drawn: &mut Drawn, lang: &'static str, actions: Actions) {
    let Some((words, row)) = &drawn.speak else { return };
    if row.query_selector(".kite-read-aloud").ok().flatten().is_some() {
        return;
    }
    let (Some(document), Some(label)) = (row.owner_document(), row.get_attribute("data-label")) else { return };
    let Some(element) = button(&document, "kite-read-as kite-read-aloud", "read-aloud", &label) else { return };
    let words = words.clone();
    drawn._listeners.push(on_click(&element, move || (actions.speak)(words.clone(), lang)));
    let _ = row.insert_before(&element, row.first_child().as_ref());
}

impl Shell {
    /// Adds Kite's host element to the page, with its stylesheet, the live region and what
    /// `view` asks for (the banner, or the settings button).
    pub fn mount(view: &ConsentView, actions: Actions) -> Option<Rc<Shell>> {
        let document = crate::browser::document();
        let host = document.create_element(super::HOST_TAG).ok()?;
        document.body()?.append_child(&host).ok()?;
        let shadow = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)).ok()?;
        super::styles::adopt(&shadow);
        let lang = view.lang.tag();
        let layer = create(&document, "div", "kite")?;
        let _ = layer.set_attribute("lang", lang);
        let status = create(&document, "div", "kite-visually-hidden")?;
        let _ = status.set_attribute("role", "status");
        let _ = status.set_attribute("aria-live", "polite");
        let _ = layer.append_child(&status);
        shadow.append_child(&layer).ok()?;
        let shell = Rc::new(Shell {
            layer,
            status,
            lang,
            actions,
            banner: RefCell::default(),
            settings: RefCell::default(),
            settings_wanted: Cell::new(false),
            embeds: RefCell::default(),
            element_buttons: RefCell::default(),
            settled: Cell::new(false),
        });
        shell.refresh(view);
        Some(shell)
    }

    /// Starting is done: the banner drawn at start takes focus now, tasks after it was drawn
    /// (so its layout is not forced in the same task), unless the visitor has already put
    /// focus somewhere. Banners drawn from now on take focus as they open.
    pub fn settle(&self) {
        self.settled.set(true);
        let elsewhere = crate::browser::document().active_element().is_some_and(|e| e.local_name() != "body");
        if let Some((_, drawn)) = self.banner.borrow().as_ref().filter(|_| !elsewhere) {
            take_focus(drawn);
        }
    }

    /// Where the rooms' dialogs and signs go: inside Kite's shadow root, after the banner.
    pub fn layer(&self) -> HtmlElement {
        self.layer.clone()
    }

    /// The page's language tag.
    pub fn lang(&self) -> &'static str {
        self.lang
    }

    /// Says `text` to screen readers.
    pub fn announce(&self, text: &str) {
        self.status.set_text_content(Some(text));
    }

    /// Shows what `view` asks for now: the banner until a choice is made (redrawn only when
    /// its words or buttons change), then the settings button.
    pub fn refresh(&self, view: &ConsentView) {
        let wanted = view.banner();
        let shown = self.banner.borrow_mut().take();
        let next = match (shown, wanted) {
            (Some(shown), Some(wanted)) if shown.0 == wanted => Some(shown),
            (shown, wanted) => {
                if let Some((_, drawn)) = shown {
                    drawn.remove();
                }
                let drawn = wanted.and_then(|panel| draw(&self.layer, &panel, self.actions).map(|drawn| (panel, drawn)));
                if let Some((_, drawn)) = drawn.as_ref().filter(|_| self.settled.get()) {
                    take_focus(drawn);
                }
                drawn
            }
        };
        *self.banner.borrow_mut() = next;
        self.settings_wanted.set(view.settings_button);
        let want = view.prompt == Prompt::Nothing && view.settings_button;
        let has = self.settings.borrow().is_some();
        if want && !has {
            let label = view.words.get("button.settings");
            if let Some(button) = self.settings_button(&label) {
                let _ = self.layer.insert_before(&button.root, self.layer.first_child().as_ref());
                *self.settings.borrow_mut() = Some(button);
            }
        } else if !want && has {
            if let Some(button) = self.settings.borrow_mut().take() {
                button.remove();
            }
        }
    }

    /// Whether the last view asked for the corner settings button.
    pub fn settings_wanted(&self) -> bool {
        self.settings_wanted.get()
    }

    fn settings_button(&self, label: &str) -> Option<Drawn> {
        let document = crate::browser::document();
        let button = create(&document, "button", "kite-settings")?;
        let _ = button.set_attribute("type", "button");
        let _ = button.set_attribute("aria-haspopup", "dialog");
        let icon = create(&document, "span", "kite-icon")?;
        icon.set_inner_html(super::icons::SHIELD);
        let _ = button.append_child(&icon);
        let _ = button.append_with_str_1(label);
        let act = self.actions.act;
        let listener = on_click(&button, move || act(Action::Choose));
        Some(Drawn { root: button.into(), _listeners: vec![listener], speak: None, focus: None })
    }

    /// Whether the banner on screen can be read out ("Read to me", for the youngest).
    pub fn wants_reading(&self) -> bool {
        self.banner.borrow().as_ref().is_some_and(|(_, drawn)| drawn.speak.is_some())
    }

    /// The browser has a voice for the page's language: panels that can be read out get
    /// their "Read to me".
    pub fn offer_reading(&self) {
        if let Some((_, drawn)) = self.banner.borrow_mut().as_mut() {
            add_speak_button(drawn, self.lang, self.actions);
        }
    }

    /// Shows an embed's placeholder in `body`, the document inside the embed's iframe, with
    /// Kite's stylesheet adopted there.
    pub fn show_embed(&self, id: u32, body: HtmlElement, panel: view::Panel) {
        self.hide_embed(id);
        let Some(document) = body.owner_document() else { return };
        super::styles::adopt_document(&document);
        let Some(holder) = create(&document, "div", "kite kite-placeholder") else { return };
        let _ = holder.set_attribute("lang", self.lang);
        let _ = body.append_child(&holder);
        if let Some(mut drawn) = draw(&holder, &panel, self.actions) {
            drawn.root = holder.into();
            self.embeds.borrow_mut().push((id, drawn));
        }
    }

    /// Removes an embed's placeholder (the embed is loading, or has gone).
    pub fn hide_embed(&self, id: u32) {
        let drawn = {
            let mut embeds = self.embeds.borrow_mut();
            embeds.iter().position(|(n, _)| *n == id).map(|at| embeds.remove(at).1)
        };
        if let Some(drawn) = drawn {
            drawn.remove();
        }
    }

    /// Puts a button in a Kite element the page placed (`<kite-rights>`, `<kite-consent>`),
    /// once, in its own shadow root with Kite's stylesheet; it does `action`. It works in any
    /// framework: the element is plain HTML, and Kite notices it whenever it is added.
    pub fn element_button(&self, host: &Element, label: &str, icon: &'static str, lang: &str, action: Action) {
        if host.shadow_root().is_some() {
            return;
        }
        let document = crate::browser::document();
        let (Ok(shadow), Some(button)) = (host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)), create(&document, "button", &format!("kite-settings {}-button", host.local_name()))) else { return };
        super::styles::adopt(&shadow);
        let _ = button.set_attribute("type", "button");
        let _ = button.set_attribute("aria-haspopup", "dialog");
        let _ = button.set_attribute("lang", lang);
        button.set_inner_html(icon);
        let _ = button.append_with_str_1(label);
        let _ = shadow.append_child(&button);
        let act = self.actions.act;
        self.element_buttons.borrow_mut().push(on_click(&button, move || act(action)));
    }
}
