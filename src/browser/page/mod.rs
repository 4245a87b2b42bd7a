//! The page Kite protects: the core that every page downloads. It holds one consent state, the
//! gate for marked scripts and embeds, the first-paint UI (the banner, embeds' placeholders,
//! the settings button) and the capture of the moments a room may be needed: a link to
//! another site, the first use of a marked control, a message box, the location or the camera.
//!
//! Every consent change goes through [`Page::apply`], which carries out what the policy core
//! decided: delete the cookies of whatever is not allowed, update Consent Mode, tell other
//! tabs, reload if a running script was withdrawn, release what is now allowed, redraw, notify
//! the page.
//!
//! Everything else is a room, in a file of its own beside this one, loaded the first time the
//! page needs it ([`rooms`]). The core asks for a room through the room's port (a trait the
//! room implements) and learns nothing else about it; a loaded room hears about the page
//! through [`rooms::Hooks`]. While a room loads, the action waiting for it waits; if the room
//! cannot load, the action is refused as the browser would refuse it.

mod evidence;
mod guard;
mod leaving;
mod monitoring;
mod notices;
mod prefs;
mod rights;
pub(crate) mod rooms;
mod speech;
mod storage;
pub(crate) mod welsh;
mod wording;

use super::clock::BrowserClock;
use super::cookie_store::{delete_matching, CookieStore};
use super::events::Subscribers;
use super::gate::{self, State, Watch};
use super::tabs::TabSync;
use super::{all, console_error, consent_mode, document, embeds, links, sensors};
use crate::policy::age::AgeBand;
use crate::policy::config::{Config, ConfigError, LanguageChoice, PurposeKind};
use crate::policy::consent::{Change, Consent, ConsentError, Environment};
use crate::policy::consent_mode::signals;
use crate::policy::embeds::private_src;
use crate::policy::json::Json;
use crate::policy::links::{decide, Decision};
use crate::policy::locale::Lang;
use crate::policy::marker::Marker;
use crate::policy::notices::policy_changed;
use crate::policy::record::DecidedBy;
use crate::policy::rights::Route;
use crate::policy::view::{self, Action, ConsentView, Words};
use crate::ui::{Actions, Shell};
use js_sys::{Object, Reflect};
use rooms::{Hooks, Room, Slot, Unloaded};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::spawn_local;

/// The live page.
pub struct Page {
    consent: RefCell<Consent<CookieStore, BrowserClock>>,
    errors: RefCell<Vec<ConfigError>>,
    lang: Lang,
    ran: RefCell<Vec<(String, Option<String>)>>,
    releasing: Cell<bool>,
    again: Cell<bool>,
    /// The page's change subscribers.
    pub subscribers: Subscribers,
    shell: RefCell<Option<Rc<Shell>>>,
    tabs: RefCell<Option<TabSync>>,
    watch: RefCell<Option<Watch>>,
    loads: RefCell<Vec<gloo_events::EventListener>>,
    /// Capture listeners: links, forms, notices' controls, message boxes, CSP violations.
    listeners: RefCell<Vec<gloo_events::EventListener>>,
    open_guard: RefCell<Option<links::OpenGuard>>,
    /// The band whose words the child chose to read ("Say it more simply", "Tell me more").
    reading: Cell<Option<AgeBand>>,
    /// Cookies and storage keys there were at start, when no choice had been made.
    before_choice: RefCell<super::audit::Stored>,
    /// Content-Security-Policy violations seen since start, for the self-audit.
    violations: Rc<RefCell<Vec<(String, String)>>>,
    /// The next `watchPosition` id Kite hands out, and the ids cleared before the room that
    /// watches was there.
    next_watch: Cell<f64>,
    cleared_watches: RefCell<Vec<f64>>,
    rooms: Rooms,
    hooks: RefCell<Vec<Rc<dyn Hooks>>>,
}

/// The rooms that have loaded, each through its port.
#[derive(Default)]
struct Rooms {
    prefs: Slot<dyn prefs::Prefs>,
    leaving: Slot<dyn leaving::LeavingDialog>,
    notices: Slot<dyn notices::Notices>,
    rights: Slot<dyn rights::Rights>,
    monitoring: Slot<dyn monitoring::Monitoring>,
    guard: Slot<dyn guard::Guard>,
    audit: Slot<dyn evidence::Audit>,
    report: Slot<dyn evidence::Report>,
    receipts: Slot<dyn evidence::Receipts>,
    wording: Slot<dyn wording::Wording>,
    speech: Slot<dyn speech::Speech>,
    storage: Slot<dyn storage::Storage>,
}

/// `localStorage` key for the privacy revision whose change message was acknowledged
/// (`sessionStorage` on a shared device).
const CHANGES_KEY: &str = "kite_policy_seen";

/// `localStorage` key for the receipt of the choice in force (`sessionStorage` on a shared
/// device). Never in the cookie: the number must not travel with requests.
const RECEIPT_KEY: &str = "kite_receipt";

/// `sessionStorage` key set while the dashboard says the device is shared.
const SHARED_KEY: &str = "kite_shared";

thread_local! {
    static CURRENT: RefCell<Option<Rc<Page>>> = const { RefCell::new(None) };
}

/// The running page, once Kite has started.
pub fn current() -> Option<Rc<Page>> {
    CURRENT.with(|c| c.borrow().clone())
}

/// A button in the banner or a placeholder was pressed, or Kite's settings button.
fn act(action: Action) {
    let Some(page) = current() else { return };
    match action {
        Action::Accept => page.choose(Change::AcceptAll),
        Action::Reject => page.choose(Change::RejectAll),
        Action::Choose => page.show_preferences(),
        Action::LoadOnce(n) => page.embed_answered(n, false),
        Action::AllowAlways(n) => page.embed_answered(n, true),
        Action::Rights => page.open_rights(None),
        // The other actions belong to the rooms' dialogs, which handle their own.
        _ => {}
    }
}

/// "Read to me" in the banner.
fn speak(text: String, lang: &'static str) {
    let Some(page) = current() else { return };
    page.when(Room::Speech, move |page| page.rooms.speech.with(|room| room.speak(&text, lang)), "the words were not read out");
}

/// An embed's `data-src`, resolved against the page as the browser would load it.
fn embed_src(iframe: &web_sys::Element) -> String {
    let src = iframe.get_attribute("data-src").unwrap_or_default();
    links::resolve(&src, &iframe.base_uri().ok().flatten().unwrap_or_default())
}

fn global_privacy_control() -> bool {
    web_sys::window().and_then(|w| Reflect::get(&w.navigator(), &"globalPrivacyControl".into()).ok()).and_then(|v| v.as_bool()).unwrap_or(false)
}

/// Do Not Track: `navigator.doNotTrack` (or the older `window.doNotTrack`) is `"1"`.
fn do_not_track() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let says = |target: &JsValue| Reflect::get(target, &"doNotTrack".into()).ok().and_then(|v| v.as_string()).is_some_and(|v| v == "1" || v == "yes");
    says(&window.navigator().into()) || says(&window.into())
}

/// Whether the page has an element matching `selector`.
fn has_element(selector: &str) -> bool {
    document().query_selector(selector).ok().flatten().is_some()
}

/// What runs once a room has loaded (with the page), or could not (with `None`).
type OnLoad = dyn FnOnce(Option<&Rc<Page>>);

impl Page {
    /// Starts Kite on this page with a checked config: the visitor's choice is read, cookies
    /// it does not allow are deleted and Consent Mode is told. Nothing is drawn yet: then
    /// come [`Page::draw`], [`Page::settle`] and [`Page::focus`], each a task later. `errors`
    /// are mistakes found before the config could be checked (a config file that is missing or
    /// not JSON), reported in the console; the config's own mistakes are worded by
    /// [`Page::word_mistakes`].
    pub fn start(config: Config, errors: Vec<ConfigError>) -> Rc<Page> {
        crate::policy::locale::add(&crate::policy::locale::CORE);
        for error in &errors {
            console_error(&format!("config {error}"));
        }
        let lang = Page::language(&config);
        let store = CookieStore::new(&config.cookie_name, config.cookie_domain.as_deref());
        let environment = Environment { global_privacy_control: global_privacy_control(), do_not_track: do_not_track(), shared_device: super::recall(super::Keep::Session, SHARED_KEY).is_some() };
        let consent = Consent::open(config, store, BrowserClock, environment);
        let stub_watches = web_sys::window().and_then(|w| Reflect::get(&w, &"kite".into()).ok()).and_then(|k| Reflect::get(&k, &"w".into()).ok()).and_then(|n| n.as_f64());
        let page = Rc::new(Page {
            consent: RefCell::new(consent),
            errors: RefCell::new(errors),
            lang,
            ran: RefCell::default(),
            releasing: Cell::new(false),
            again: Cell::new(false),
            subscribers: Subscribers::default(),
            shell: RefCell::default(),
            tabs: RefCell::default(),
            watch: RefCell::default(),
            loads: RefCell::default(),
            listeners: RefCell::default(),
            open_guard: RefCell::default(),
            reading: Cell::new(None),
            before_choice: RefCell::default(),
            violations: Rc::default(),
            next_watch: Cell::new(stub_watches.unwrap_or(1.0)),
            cleared_watches: RefCell::default(),
            rooms: Rooms::default(),
            hooks: RefCell::default(),
        });
        if page.consent.borrow().record().is_none() {
            *page.before_choice.borrow_mut() = super::audit::stored_now();
        }
        let seen = page.violations.clone();
        page.listen(gloo_events::EventListener::new(&document(), "securitypolicyviolation", move |event| {
            let field = |k: &str| Reflect::get(event, &k.into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
            seen.borrow_mut().push((field("violatedDirective"), field("blockedURI")));
        }));
        CURRENT.with(|c| *c.borrow_mut() = Some(page.clone()));
        page.delete_cookies_not_allowed();
        page.send_consent_mode();
        page
    }

    /// Draws the first paint: the banner (if a choice is wanted) and Kite's host element.
    pub fn draw(&self) {
        *self.shell.borrow_mut() = Shell::mount(&self.view(), Actions { act, speak });
    }

    /// The last of starting: the banner takes focus (its layout is not forced in the middle
    /// of the rest), unless the visitor has already put focus somewhere.
    pub fn focus(&self) {
        if let Some(shell) = self.shell() {
            shell.settle();
        }
    }

    /// The rest of starting, a task after the banner was drawn: the other tabs, the page's
    /// changes, links, forms, marked controls, message boxes, location and camera are
    /// watched; the page's marked scripts and embeds are released or given placeholders; the
    /// rooms the config or the page asks for load.
    pub fn settle(self: &Rc<Self>) {
        let page = self;
        let cookie_name = page.consent.borrow().config().cookie_name.clone();
        *page.tabs.borrow_mut() = TabSync::join(&cookie_name, |record| {
            if let Some(page) = current() {
                page.consent.borrow_mut().adopt(record);
                page.carry_out(false);
            }
        });
        *page.watch.borrow_mut() = Watch::start(|| {
            if let Some(page) = current() {
                page.page_changed();
            }
        });
        for listener in links::guard(|link, event| {
            if let Some(page) = current() {
                page.on_link(link, event);
            }
        }) {
            page.listen(listener);
        }
        page.listen(links::guard_forms(|action, new_tab, then| current().is_some_and(|page| page.leave(&action, new_tab, then))));
        if page.consent.borrow().config().links.guard_window_open {
            *page.open_guard.borrow_mut() = links::guard_window_open(|url, then| current().is_some_and(|page| page.leave(&url, true, then)));
        }
        for listener in super::notices::guard(|name, then| current().is_some_and(|page| page.on_notice(name, then))) {
            page.listen(listener);
        }
        for listener in super::guard::capture(|held| {
            if let Some(page) = current() {
                page.hold_message(held);
            }
        }) {
            page.listen(listener);
        }
        sensors::guard(sensors::Calls { get: get_position, watch: watch_position, clear: clear_watch, media: user_media });
        page.offer_reading();
        page.page_changed();
        if !page.consent.borrow().config().monitoring.is_empty() {
            page.when(Room::Monitoring, |_| {}, "the config's monitoring sign was not shown");
        }
        let acknowledged = super::recall(page.lasting(), CHANGES_KEY).and_then(|v| v.parse().ok());
        let changed = {
            let consent = page.consent.borrow();
            policy_changed(consent.config().revision, consent.chosen_under(), acknowledged)
        };
        if changed {
            page.when(Room::Notices, |page| page.rooms.notices.with(|room| room.show_changes()), "the message about the changed privacy notice was not shown");
        }
        if web_sys::window().and_then(|w| w.location().hash().ok()).as_deref() == Some("#kite-audit") {
            // The school admin's switch: once the page has settled, show what to fix.
            let later = page.clone();
            let show = wasm_bindgen::closure::Closure::once_into_js(move || {
                later.when(Room::Audit, |page| page.rooms.audit.with(|room| room.show()), "the self-audit was not shown");
            });
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(wasm_bindgen::JsCast::unchecked_ref(&show), 1500);
            }
        }
    }

    /// The language Kite speaks on this page: the config's, or the page's own.
    pub fn language(config: &Config) -> Lang {
        match config.language {
            LanguageChoice::Fixed(lang) => lang,
            LanguageChoice::Page => Lang::for_page(&document().document_element().map(|e| e.get_attribute("lang").unwrap_or_default()).unwrap_or_default()),
        }
    }

    fn listen(&self, listener: gloo_events::EventListener) {
        self.listeners.borrow_mut().push(listener);
    }

    /// Kite's first-paint UI, once it is mounted.
    fn shell(&self) -> Option<Rc<Shell>> {
        self.shell.borrow().clone()
    }

    /// For the youngest readers, the banner offers "Read to me" once the browser has a voice.
    fn offer_reading(self: &Rc<Self>) {
        if self.shell().is_some_and(|shell| shell.wants_reading()) {
            self.when(Room::Speech, |page| page.rooms.speech.with(|room| room.offer()), "the banner has no \"Read to me\"");
        }
    }

    /// Says `text` to screen readers (Kite's polite live region).
    fn announce(&self, text: &str) {
        if let Some(shell) = self.shell() {
            shell.announce(text);
        }
    }

    /// Whether `room` has loaded.
    fn loaded(&self, room: Room) -> bool {
        let r = &self.rooms;
        match room {
            Room::Prefs => r.prefs.is_set(),
            Room::Leaving => r.leaving.is_set(),
            Room::Notices => r.notices.is_set(),
            Room::Rights => r.rights.is_set(),
            Room::Monitoring => r.monitoring.is_set(),
            Room::Guard => r.guard.is_set(),
            Room::Audit => r.audit.is_set(),
            Room::Report => r.report.is_set(),
            Room::Receipts => r.receipts.is_set(),
            Room::Wording => r.wording.is_set(),
            Room::Speech => r.speech.is_set(),
            Room::Storage => r.storage.is_set(),
        }
    }

    /// Loads `room` (once) and starts it. Every room loads through here, so there is one
    /// way of waiting for a room in the core, however many rooms there are.
    async fn load(self: &Rc<Self>, room: Room) -> Result<(), Unloaded> {
        rooms::ensure(match room {
            Room::Prefs => &prefs::LOADER,
            Room::Leaving => &leaving::LOADER,
            Room::Notices => &notices::LOADER,
            Room::Rights => &rights::LOADER,
            Room::Monitoring => &monitoring::LOADER,
            Room::Guard => &guard::LOADER,
            Room::Audit => &evidence::AUDIT,
            Room::Report => &evidence::REPORT,
            Room::Receipts => &evidence::RECEIPTS,
            Room::Wording => &wording::LOADER,
            Room::Speech => &speech::LOADER,
            Room::Storage => &storage::LOADER,
        })
        .await?;
        let r = &self.rooms;
        match room {
            Room::Prefs => r.prefs.keep(prefs::load(), self),
            Room::Leaving => r.leaving.keep(leaving::load(), self),
            Room::Notices => r.notices.keep(notices::load(), self),
            Room::Rights => r.rights.keep(rights::load(), self),
            Room::Monitoring => r.monitoring.keep(monitoring::load(), self),
            Room::Guard => r.guard.keep(guard::load(), self),
            Room::Audit => r.audit.keep(evidence::load_audit(), self),
            Room::Report => r.report.keep(evidence::load_report(), self),
            Room::Receipts => r.receipts.keep(evidence::load_receipts(), self),
            Room::Wording => r.wording.keep(wording::load(), self),
            Room::Speech => r.speech.keep(speech::load(), self),
            Room::Storage => r.storage.keep(storage::load(), self),
        }
        Ok(())
    }

    /// Runs `then` once `room` has loaded (at once if it has). If it cannot load, the console
    /// says what was `refused` because of it.
    fn when<R>(self: &Rc<Self>, room: Room, then: impl FnOnce(&Rc<Page>) -> R + 'static, refused: &'static str) {
        self.when_boxed(
            room,
            Box::new(move |loaded| {
                if let Some(page) = loaded {
                    then(page);
                }
            }),
            refused,
        );
    }

    /// As [`Page::when`], for what was waiting (`waiting`): `then` gets it once the room has
    /// loaded, or `refuse` gets it to refuse as the browser would. Exactly one of them does.
    fn when_or<T: 'static>(self: &Rc<Self>, room: Room, waiting: T, then: impl FnOnce(&Rc<Page>, T) + 'static, refused: &'static str, refuse: impl FnOnce(T) + 'static) {
        self.when_boxed(
            room,
            Box::new(move |loaded| match loaded {
                Some(page) => then(page, waiting),
                None => refuse(waiting),
            }),
            refused,
        );
    }

    /// The one way of waiting for a room: `then` is called once, with the page when the room
    /// has loaded (at once if it has), or with `None` when it cannot load.
    fn when_boxed(self: &Rc<Self>, room: Room, then: Box<OnLoad>, refused: &'static str) {
        if self.loaded(room) {
            return then(Some(self));
        }
        let page = self.clone();
        spawn_local(async move {
            match page.load(room).await {
                Ok(()) => then(Some(&page)),
                Err(Unloaded) => {
                    then(None);
                    rooms::refused(room.name(), refused);
                }
            }
        });
    }

    /// Lets a loaded room hear about the page.
    fn add_hooks(&self, hooks: Rc<dyn Hooks>) {
        self.hooks.borrow_mut().push(hooks);
    }

    fn each_hook(&self, f: impl Fn(&dyn Hooks)) {
        let hooks: Vec<Rc<dyn Hooks>> = self.hooks.borrow().clone();
        for hook in hooks {
            f(&*hook);
        }
    }

    /// Elements were added to the page (or Kite's own removed): their buttons, the rooms they
    /// need, the signs, and marked elements to release.
    fn page_changed(self: &Rc<Self>) {
        self.mount_element_buttons();
        if !self.loaded(Room::Notices) && has_element(&format!("[{}]", super::notices::ATTRIBUTE)) {
            // Fetched now, so the first use of a marked control rarely waits.
            self.when(Room::Notices, |_| {}, "the page's marked controls will not go ahead until it can");
        }
        if !self.loaded(Room::Monitoring) && has_element(crate::ui::MONITORING_TAG) {
            self.when(Room::Monitoring, |_| {}, "the <kite-monitoring> sign was not shown");
        }
        self.each_hook(|h| h.page_changed());
        self.release();
    }

    /// The self-audit: a promise of what on this page works against Kite, each finding with
    /// its fix, as `[{ kind, element, message }]` (also printed in the console).
    pub fn audit(self: &Rc<Self>) -> js_sys::Promise {
        promise(self, Room::Audit, |page| page.rooms.audit.with(|room| room.findings()).unwrap_or(JsValue::NULL))
    }

    /// Where Kite keeps what should last beyond the session: nowhere beyond it on a shared
    /// device.
    fn lasting(&self) -> super::Keep {
        if self.consent.borrow().environment().shared_device { super::Keep::Session } else { super::Keep::Lasting }
    }

    /// The dashboard says the device is shared (or not), at log-in: from now on every choice
    /// lasts for the browser session only. A config's `sharedDevice` cannot be switched off.
    pub fn set_shared(&self, shared: bool) {
        match shared {
            true => super::keep(super::Keep::Session, SHARED_KEY, "1"),
            false => super::forget(super::Keep::Session, SHARED_KEY),
        }
        self.consent.borrow_mut().set_shared(shared);
    }

    /// The pupil logs out: the next one on this device starts with the high-privacy defaults.
    /// The choice is forgotten (and every optional service's cookies and storage deleted), as
    /// are the notices agreed, the sites not to ask about today, the age given, who can see,
    /// and location and camera are switched off. The banner asks again; a page where a
    /// withdrawn script already ran reloads.
    pub fn logout(self: &Rc<Self>) {
        self.each_hook(|h| h.logout());
        for key in [super::notices::STORE_KEY, links::SKIPS_KEY] {
            super::forget(super::Keep::Session, key);
        }
        super::forget(self.lasting(), CHANGES_KEY);
        super::forget(self.lasting(), RECEIPT_KEY);
        self.reading.set(None);
        {
            let mut consent = self.consent.borrow_mut();
            let youngest = consent.config().audience.youngest_band();
            consent.set_band(youngest);
            consent.reset();
        }
        self.carry_out(true);
        self.each_hook(|h| h.band_changed());
    }

    /// The words for the rooms' dialogs: the band the child chose to read, or their own.
    fn reading_words(&self) -> Words {
        let consent = self.consent.borrow();
        Words::new(consent.config(), self.lang, self.reading.get().unwrap_or(consent.band()))
    }

    /// The words in the child's own band.
    fn words(&self) -> Words {
        let consent = self.consent.borrow();
        Words::new(consent.config(), self.lang, consent.band())
    }

    /// The running config.
    fn config(&self) -> std::cell::Ref<'_, Config> {
        std::cell::Ref::map(self.consent.borrow(), |c| c.config())
    }

    /// An element named notice `name` is about to use data: show the notice first (true), or
    /// let the action go ahead (false) when it was agreed this session or doesn't exist.
    fn on_notice(self: &Rc<Self>, name: &str, then: super::notices::Then) -> bool {
        let show = {
            let config = self.config();
            let rules = &config.notices;
            let found = rules.find(name).is_some();
            if !found {
                console_error(&format!("there is no notice called \"{name}\", so the action went ahead without one. Use one of {}, or add it under notices.custom in the config.", rules.names().join(", ")));
            }
            found && rules.should_show(name, &super::notices::agreed())
        };
        if show {
            if let (super::notices::Then::Focus(element, _), false) = (&then, self.loaded(Room::Notices)) {
                // Nothing is typed while the notice loads: the box gives up focus until "OK".
                let _ = element.blur();
            }
            let name = name.to_string();
            let shown = name.clone();
            self.when_or(
                Room::Notices,
                then,
                move |page, then| {
                    page.rooms.notices.with(|room| room.show(&shown, then));
                },
                "a notice could not be shown and what it guards did not go ahead",
                move |then| super::notices::finish(&name, then, crate::policy::notices::Answer::NotNow),
            );
        }
        show
    }

    /// `notice.show(name)`: a promise of the child's answer, `"ok"` or `"not-now"`. A notice
    /// agreed this session answers `"ok"` at once; an unknown one answers `"not-now"`.
    pub fn show_notice(self: &Rc<Self>, name: &str) -> js_sys::Promise {
        let mut resolve = None;
        let promise = js_sys::Promise::new(&mut |yes, _| resolve = Some(yes));
        let Some(resolve) = resolve else { return promise };
        let exists = self.config().notices.find(name).is_some();
        if !self.on_notice(name, super::notices::Then::Promise(resolve.clone())) {
            let _ = resolve.call1(&JsValue::UNDEFINED, &(if exists { "ok" } else { "not-now" }).into());
        }
        promise
    }

    /// Opens the rights panel, at one route if `route` names one.
    pub fn open_rights(self: &Rc<Self>, route: Option<Route>) {
        self.when(Room::Rights, move |page| page.rooms.rights.with(|room| room.open(route)), "the rights panel did not open");
    }

    /// Sets the visitor's age band (from a dashboard that knows the pupil's age).
    pub fn set_band(self: &Rc<Self>, band: AgeBand) {
        self.consent.borrow_mut().set_band(band);
        self.reading.set(None);
        self.carry_out(false);
        self.each_hook(|h| h.band_changed());
    }

    /// `monitoring.set(list)`: who can see the child's activity from now on (replacing what
    /// the page declared before). Resolves with the mistakes; the valid entries are kept.
    pub fn set_monitoring(self: &Rc<Self>, json: Json) -> js_sys::Promise {
        promise(self, Room::Monitoring, move |page| page.rooms.monitoring.with(|room| errors_array(&room.set(&json))).unwrap_or(JsValue::NULL))
    }

    /// `monitoring.clear()`: the page no longer lets anyone see the child's activity.
    pub fn clear_monitoring(self: &Rc<Self>) {
        self.rooms.monitoring.with(|room| room.clear());
    }

    /// Gives each `<kite-rights>` element on the page a button that opens the rights panel,
    /// and each `<kite-consent>` one that opens the preferences.
    fn mount_element_buttons(&self) {
        let Some(shell) = self.shell() else { return };
        if self.view().settings_button != shell.settings_wanted() {
            shell.refresh(&self.view()); // <kite-consent> came or went: the corner button goes or comes
        }
        let (rights, consent) = (all(crate::ui::RIGHTS_TAG), all(crate::ui::CONSENT_TAG));
        if rights.is_empty() && consent.is_empty() {
            return;
        }
        let (words, lang) = (self.words(), self.lang.tag());
        for host in rights {
            shell.element_button(&host, &words.get("rights.title"), crate::ui::icons::PROFILE, lang, Action::Rights);
        }
        for host in consent {
            shell.element_button(&host, &words.get("button.settings"), crate::ui::icons::SHIELD, lang, Action::Choose);
        }
    }

    /// A link was activated: let it go, or stop it and ask (or refuse).
    fn on_link(self: &Rc<Self>, link: &web_sys::Element, event: &web_sys::MouseEvent) {
        let (href, new_tab) = links::target(link, event);
        if self.leave(&href, new_tab, links::Then::Follow) {
            event.prevent_default();
        }
    }

    /// Something on the page is about to take the child to `href` (a link, a form, a
    /// `window.open` call): let it go (false), or stop it (true) and ask, refuse, or, for a
    /// site an older pupil chose not to be asked about today, carry on without the referrer.
    fn leave(self: &Rc<Self>, href: &str, new_tab: bool, then: links::Then) -> bool {
        let host = links::page_host();
        let (decision, rules_new_tab, may_skip) = {
            let config = self.config();
            let rules = &config.links;
            (decide(href, &host, rules), rules.new_tab, rules.may_skip(self.consent.borrow().band()))
        };
        if self.shell().is_none() {
            return false;
        }
        let ask = match decision {
            Decision::Go(_) => return false,
            Decision::Ask { site, url } => {
                let new_tab = new_tab || rules_new_tab;
                if may_skip && links::skips().contains(&site) {
                    links::announce(Some(&site), "third-party", "skipped");
                    links::carry_on(then, &url, new_tab);
                    return true;
                }
                links::pending(then);
                Some(crate::policy::links::Leaving { site, url, new_tab })
            }
            Decision::Refuse(_) => {
                links::announce(None, decision.reason(), "refused");
                None
            }
        };
        self.when(
            Room::Leaving,
            move |page| {
                page.rooms.leaving.with(|room| match ask {
                    Some(leaving) => room.ask(leaving, may_skip),
                    None => room.refuse(),
                });
            },
            "the link was not followed",
        );
        true
    }

    /// What Kite does about a link on this page.
    pub fn check_link(&self, href: &str) -> JsValue {
        super::links::to_js(&super::links::check(href, &self.config().links))
    }

    /// The config errors found at start.
    pub fn errors(&self) -> Vec<ConfigError> {
        self.errors.borrow().clone()
    }

    /// Words the config's mistakes (found by the checker's verdict at start), reports each in
    /// the console and keeps them for `kite.errors`. The wording is a room of its own: a page
    /// whose config is right never downloads it.
    pub async fn word_mistakes(self: &Rc<Self>, json: Json) {
        if self.load(Room::Wording).await.is_err() {
            return rooms::refused(Room::Wording.name(), "the config's mistakes are not described here (run npx kite-privacy check on the config to see them)");
        }
        let mistakes = self.rooms.wording.with(|room| room.mistakes(&json)).unwrap_or_default();
        for error in &mistakes {
            console_error(&format!("config {error}"));
        }
        self.errors.borrow_mut().extend(mistakes);
    }

    /// What the first-paint UI shows now.
    pub fn view(&self) -> ConsentView {
        let consent = self.consent.borrow();
        let mut view = ConsentView::lean(&consent, self.lang);
        // A page that placed <kite-consent> has its own Privacy settings button.
        view.settings_button &= !has_element(crate::ui::CONSENT_TAG);
        view
    }

    /// The DPIA evidence from the running config: `code` (the Children's Code report),
    /// `inventory` (Markdown) or `inventory-csv`. None for another kind.
    pub fn report(self: &Rc<Self>, kind: String) -> js_sys::Promise {
        promise(self, Room::Report, move |page| page.rooms.report.with(|room| room.report(&kind)).flatten().map_or(JsValue::NULL, JsValue::from))
    }

    /// The receipt of the choice in force, as an object (null when there is none).
    pub fn receipt(&self) -> JsValue {
        super::recall(self.lasting(), RECEIPT_KEY).and_then(|text| js_sys::JSON::parse(&text).ok()).unwrap_or(JsValue::NULL)
    }

    /// A choice made with the banner or a dialog, by the person using the page.
    fn choose(self: &Rc<Self>, change: Change) {
        if let Err(why) = self.apply(change, DecidedBy::Visitor) {
            console_error(&why.to_string());
        }
    }

    /// Applies a change made by `by`, and gives it a receipt.
    pub fn apply(self: &Rc<Self>, change: Change, by: DecidedBy) -> Result<(), ConsentError> {
        self.consent.borrow_mut().apply(change, by)?;
        self.carry_out(true);
        self.issue_receipt(by);
        Ok(())
    }

    /// The receipt of the choice just made, by the receipts room.
    fn issue_receipt(self: &Rc<Self>, by: DecidedBy) {
        self.when(Room::Receipts, move |page| page.rooms.receipts.with(|room| room.issue(by)), "this choice has no receipt");
    }

    /// Forgets the choice and asks again.
    pub fn reset(self: &Rc<Self>) {
        self.consent.borrow_mut().reset();
        self.carry_out(true);
    }

    /// Opens the preferences dialog.
    pub fn show_preferences(self: &Rc<Self>) {
        self.when(Room::Prefs, |page| page.rooms.prefs.with(|room| room.open()), "the preferences did not open");
    }

    fn carry_out(self: &Rc<Self>, announce: bool) {
        self.delete_cookies_not_allowed();
        self.send_consent_mode();
        if announce {
            if let Some(tabs) = &*self.tabs.borrow() {
                let record = self.consent.borrow().record().map(|r| r.encode());
                tabs.announce(record.as_deref());
            }
        }
        if self.consent.borrow().must_reload(&self.ran.borrow()) {
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
                return;
            }
        }
        self.unload_withdrawn_iframes();
        self.release();
        if let Some(shell) = self.shell() {
            shell.refresh(&self.view());
            self.offer_reading();
        }
        self.subscribers.notify(&self.snapshot());
    }

    /// Deletes the cookies of every service not allowed now, and has the storage room delete
    /// their other storage: after every change (withdrawn services), at start (a tracker may
    /// have set some as the last page unloaded) and after each script Kite released loads (it
    /// may have been withdrawn while still loading).
    fn delete_cookies_not_allowed(self: &Rc<Self>) {
        let stored = {
            let consent = self.consent.borrow();
            let withdrawn = consent.not_allowed();
            delete_matching(&consent.config().cookies_of(&withdrawn));
            !consent.config().storage_of(&withdrawn).is_empty()
        };
        if stored {
            self.when(Room::Storage, |page| page.rooms.storage.with(|room| room.delete()), "a withdrawn service's storage was kept");
        }
    }

    fn send_consent_mode(&self) {
        let consent = self.consent.borrow();
        if consent.config().consent_mode {
            consent_mode::update(&signals(consent.config(), |p| consent.allows(p, None)));
        }
    }

    fn allows(&self, mark: &str) -> Result<(Marker, bool), String> {
        let consent = self.consent.borrow();
        let marker = Marker::parse(mark, consent.config())?;
        let allowed = consent.allows(&marker.purpose, marker.service.as_deref());
        Ok((marker, allowed))
    }

    fn unload_withdrawn_iframes(&self) {
        for element in gate::marked() {
            if element.tag_name().eq_ignore_ascii_case("iframe") && gate::state(&element) == Some(State::Ran) {
                let mark = element.get_attribute("data-kite").unwrap_or_default();
                if matches!(self.allows(&mark), Ok((_, false))) {
                    gate::deactivate_iframe(&element);
                }
            }
        }
    }

    /// Runs every marked element that is allowed and not yet running, in document order.
    /// Calls made while a pass is under way make it go round again.
    pub fn release(self: &Rc<Self>) {
        if self.releasing.replace(true) {
            self.again.set(true);
            return;
        }
        let page = self.clone();
        spawn_local(async move {
            loop {
                page.again.set(false);
                for (n, element) in gate::marked().into_iter().enumerate() {
                    // A page with many marked elements is released in short tasks, so a click
                    // or a paint (the banner's) is never kept waiting long.
                    if n > 0 && n % 16 == 0 {
                        let _ = super::next_task().await;
                    }
                    match gate::state(&element) {
                        Some(State::Ran | State::Once | State::Error) => continue,
                        None if !gate::check_markup(&element) => {
                            gate::set_state(&element, State::Error);
                            continue;
                        }
                        _ => {}
                    }
                    let mark = element.get_attribute("data-kite").unwrap_or_default();
                    let (marker, allowed) = match page.allows(&mark) {
                        Ok(found) => found,
                        Err(why) => {
                            console_error(&why);
                            gate::set_state(&element, State::Error);
                            continue;
                        }
                    };
                    let tag = element.tag_name();
                    let iframe = tag.eq_ignore_ascii_case("iframe");
                    if !allowed {
                        gate::set_state(&element, State::Blocked);
                        if iframe {
                            page.placeholder(&element, &marker);
                        }
                        continue;
                    }
                    if iframe {
                        page.load_embed(&element, State::Ran);
                    } else if !tag.eq_ignore_ascii_case("script") {
                        gate::activate_resource(&element);
                        // Once fetched, only a reload takes it back.
                        page.ran.borrow_mut().push((marker.purpose, marker.service));
                    } else if let Some((script, wait)) = gate::activate_script(&element) {
                        page.ran.borrow_mut().push((marker.purpose, marker.service));
                        page.loads.borrow_mut().push(gloo_events::EventListener::once(&script, "load", |_| {
                            if let Some(page) = current() {
                                page.delete_cookies_not_allowed();
                            }
                        }));
                        if wait {
                            gate::loaded(&script).await;
                        }
                    }
                }
                if !page.again.get() {
                    break;
                }
            }
            page.releasing.set(false);
        });
    }

    /// Shows a blocked embed's placeholder, unless it is showing already.
    fn placeholder(&self, iframe: &web_sys::Element, marker: &Marker) {
        if embeds::showing(iframe) {
            return;
        }
        let Some(shell) = self.shell() else { return };
        let n = embeds::number(iframe);
        let panel = {
            let consent = self.consent.borrow();
            let words = Words::new(consent.config(), self.lang, consent.band());
            let can_allow = !consent.guardian_required();
            view::embed(&words, consent.config(), marker, &embed_src(iframe), n, can_allow)
        };
        let title = panel.title.clone();
        embeds::prepare(iframe, self.lang.tag(), &title, move |body| shell.show_embed(n, body, panel));
    }

    /// Loads an embed from its provider's privacy-enhanced address, where it has one.
    fn load_embed(&self, iframe: &web_sys::Element, state: State) {
        let n = embeds::number(iframe);
        embeds::clear(iframe);
        gate::activate_iframe(iframe, &private_src(&embed_src(iframe)), state);
        if let Some(shell) = self.shell() {
            shell.hide_embed(n);
        }
    }

    /// A placeholder's button was pressed: load embed number `n` once, or allow its service
    /// (or purpose) from now on, which loads every embed of it on the page.
    fn embed_answered(self: &Rc<Self>, n: u32, always: bool) {
        let Some(iframe) = embeds::find(n) else { return };
        if !always {
            self.load_embed(&iframe, State::Once);
            return;
        }
        let Ok((marker, _)) = self.allows(&iframe.get_attribute("data-kite").unwrap_or_default()) else { return };
        self.choose(Change::Set(vec![(marker.purpose, marker.service, true)]));
    }

    /// A message box marked `data-kite-guard` got focus, or a message from one was on its way
    /// before the guard had loaded (`held`): load the guard; a held message goes through the
    /// guard's check once it is there, and is not sent if the guard cannot load.
    fn hold_message(self: &Rc<Self>, held: Option<super::guard::Held>) {
        self.when_or(
            Room::Guard,
            held,
            |page, held| {
                if let Some(held) = held {
                    page.rooms.guard.with(|room| room.check(held));
                }
            },
            "no message from a box it guards will be sent",
            |held| {
                if let Some(held) = held {
                    let _ = held.field.focus();
                }
            },
        );
    }

    /// Whether the guard has loaded (its own listeners then see every message).
    pub(crate) fn guard_loaded(&self) -> bool {
        self.loaded(Room::Guard)
    }

    /// The consent state as a plain object for the page:
    /// `{ decided, by, time, revision, gpc, doNotTrack, guardianRequired, purposes: { name: bool }, services: { "purpose/service": bool } }`.
    pub fn snapshot(&self) -> JsValue {
        let consent = self.consent.borrow();
        let out = Object::new();
        let set = |o: &Object, k: &str, v: JsValue| {
            let _ = Reflect::set(o, &k.into(), &v);
        };
        let record = consent.record();
        set(&out, "decided", record.is_some().into());
        set(&out, "by", record.map_or(JsValue::NULL, |r| (if r.by == DecidedBy::Guardian { "guardian" } else { "visitor" }).into()));
        set(&out, "time", record.map_or(JsValue::NULL, |r| js_sys::Date::new(&((r.time as f64) * 1000.0).into()).into()));
        set(&out, "revision", consent.config().revision.into());
        set(&out, "gpc", consent.environment().global_privacy_control.into());
        set(&out, "doNotTrack", consent.environment().do_not_track.into());
        set(&out, "guardianRequired", consent.guardian_required().into());
        let purposes = Object::new();
        let services = Object::new();
        for p in &consent.config().purposes {
            set(&purposes, &p.name, consent.allows(&p.name, None).into());
            for s in &p.services {
                let on = p.kind == PurposeKind::Necessary || consent.allows(&p.name, Some(&s.name));
                set(&services, &format!("{}/{}", p.name, s.name), on.into());
            }
        }
        set(&out, "purposes", purposes.into());
        set(&out, "services", services.into());
        out.into()
    }
}

/// Mistakes as `[{ path, message }]`.
pub fn errors_array(errors: &[ConfigError]) -> JsValue {
    let list = js_sys::Array::new();
    for error in errors {
        let item = Object::new();
        let _ = Reflect::set(&item, &"path".into(), &error.path.as_str().into());
        let _ = Reflect::set(&item, &"message".into(), &error.message.as_str().into());
        list.push(&item);
    }
    list.into()
}

// The location and camera, for every script on the page: the calls wait for the room that
// shows the notices and the signs. If it cannot load, the page gets the browser's refusal.

fn get_position(success: JsValue, error: JsValue, options: JsValue) {
    let Some(page) = current() else { return sensors::call(&error, &sensors::denied()) };
    page.when_or(
        Room::Monitoring,
        error,
        move |page, error| {
            page.rooms.monitoring.with(|room| room.get_position(success, error, options));
        },
        "the page was told the location was refused",
        |error| sensors::call(&error, &sensors::denied()),
    );
}

fn watch_position(success: JsValue, error: JsValue, options: JsValue) -> f64 {
    let Some(page) = current() else { return 0.0 };
    let id = page.next_watch.get();
    start_watch(&page, id, success, error, options);
    id
}

/// A watch the stub handed out `id` for, or Kite's own.
fn start_watch(page: &Rc<Page>, id: f64, success: JsValue, error: JsValue, options: JsValue) {
    page.next_watch.set(page.next_watch.get().max(id + 1.0));
    page.when_or(
        Room::Monitoring,
        error,
        move |page, error| {
            if !page.cleared_watches.borrow().contains(&id) {
                page.rooms.monitoring.with(|room| room.watch_position(id, success, error, options));
            }
        },
        "the page was told the location was refused",
        |error| sensors::call(&error, &sensors::denied()),
    );
}

fn clear_watch(id: f64) {
    let Some(page) = current() else { return };
    if page.rooms.monitoring.with(|room| room.clear_watch(id)).is_none() {
        page.cleared_watches.borrow_mut().push(id);
    }
}

fn user_media(constraints: JsValue) -> js_sys::Promise {
    let mut settle = None;
    let promise = js_sys::Promise::new(&mut |yes, no| settle = Some((yes, no)));
    let (Some(page), Some(settle)) = (current(), settle) else { return promise };
    page.when_or(
        Room::Monitoring,
        settle,
        move |page, (yes, no)| {
            page.rooms.monitoring.with(|room| super::call_method(&room.user_media(constraints).into(), "then", &[&yes.into(), &no.into()]));
        },
        "the page was told the camera and microphone were refused",
        |(_, no)| {
            let _ = no.call1(&JsValue::UNDEFINED, &sensors::not_allowed());
        },
    );
    promise
}

/// A promise of what `answer` gives once `room` has loaded, or of `null` if it cannot load.
fn promise(page: &Rc<Page>, room: Room, answer: impl FnOnce(&Rc<Page>) -> JsValue + 'static) -> js_sys::Promise {
    let mut settle = None;
    let promise = js_sys::Promise::new(&mut |yes, _| settle = Some(yes));
    let Some(yes) = settle else { return promise };
    page.when_or(
        room,
        yes,
        move |page, yes| {
            let _ = yes.call1(&JsValue::UNDEFINED, &answer(page));
        },
        "the call's promise resolved with null",
        |yes| {
            let _ = yes.call1(&JsValue::UNDEFINED, &JsValue::NULL);
        },
    );
    promise
}

/// Location and camera requests the page made before Kite was ready (queued by the stub).
pub fn replay_sensor_call(kind: &str, args: &js_sys::Array, id: Option<f64>, resolve: JsValue, reject: JsValue) {
    match kind {
        "geo.get" => get_position(args.get(0), args.get(1), args.get(2)),
        "geo.watch" => {
            if let (Some(id), Some(page)) = (id, current()) {
                start_watch(&page, id, args.get(0), args.get(1), args.get(2));
            }
        }
        _ => {
            super::call_method(&user_media(args.get(0)).into(), "then", &[&resolve, &reject]);
        }
    }
}
