//! The page Kite protects: one consent state, its gate, its UI and its subscribers. Every
//! change goes through [`Page::apply`], which carries out what the policy core decided:
//! delete the cookies of whatever is not allowed, update Consent Mode, tell other tabs, reload if a running
//! script was withdrawn, release what is now allowed, refresh the UI, notify the page.

use super::clock::BrowserClock;
use super::cookie_store::{delete_matching, CookieStore};
use super::events::Subscribers;
use super::gate::{self, State, Watch};
use super::tabs::TabSync;
use super::{all, console_error, consent_mode, document};
use crate::policy::config::{Config, ConfigError, LanguageChoice, PurposeKind};
use crate::policy::consent::{Change, Consent, ConsentError, Environment};
use crate::policy::consent_mode::signals;
use crate::policy::locale::Lang;
use crate::policy::marker::Marker;
use crate::policy::record::DecidedBy;
use super::{embeds, guard, links, notices, sensors};
use crate::policy::contact::{GuardMode, Kind};
use crate::policy::indicators::{self, Monitor, Watcher};
use crate::policy::config::LocalText;
use crate::policy::receipt::{self, Receipt};
use crate::policy::age::AgeBand;
use crate::policy::notices::{policy_changed, Answer};
use crate::policy::rights::Route;
use crate::policy::view::Action;
use crate::policy::embeds::private_src;
use crate::policy::links::{decide, Decision};
use crate::policy::view::{self, ConsentView, Words};
use crate::policy::links::Leaving;
use crate::ui::ConsentUi;
use js_sys::{Object, Reflect};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// The live page.
pub struct Page {
    consent: RefCell<Consent<CookieStore, BrowserClock>>,
    errors: Vec<ConfigError>,
    lang: Lang,
    ran: RefCell<Vec<(String, Option<String>)>>,
    releasing: Cell<bool>,
    again: Cell<bool>,
    /// The page's change subscribers.
    pub subscribers: Subscribers,
    ui: RefCell<Option<ConsentUi>>,
    tabs: RefCell<Option<TabSync>>,
    watch: RefCell<Option<Watch>>,
    loads: RefCell<Vec<gloo_events::EventListener>>,
    link_guard: RefCell<Vec<gloo_events::EventListener>>,
    open_guard: RefCell<Option<links::OpenGuard>>,
    notice_guard: RefCell<Vec<gloo_events::EventListener>>,
    /// The band whose words the child chose to read ("Say it more simply", "Tell me more").
    reading: Cell<Option<AgeBand>>,
    /// The notice, rights or policy-change dialog on screen.
    showing: RefCell<Option<Showing>>,
    /// Who can see the child's activity, as the page declared with `monitoring.set`.
    monitors: RefCell<Vec<Monitor>>,
    /// The signs on screen, so an unchanged set is left alone.
    signs: RefCell<Vec<view::SignView>>,
    guard_listeners: RefCell<Vec<gloo_events::EventListener>>,
    /// Cookies and storage keys there were at start, when no choice had been made.
    before_choice: RefCell<(Vec<String>, Vec<(crate::policy::cookies::StorageKind, String)>)>,
    /// Content-Security-Policy violations seen since start, for the self-audit.
    violations: Rc<RefCell<Vec<(String, String)>>>,
    csp_listener: RefCell<Option<gloo_events::EventListener>>,
}

/// Which of this room's dialogs is on screen, so it can be shown again in other words.
#[derive(Clone, Debug, PartialEq)]
enum Showing {
    Notice(String),
    Rights,
    Route(Route),
    Changes,
    Monitoring,
    Guard(Vec<Kind>, GuardMode),
    Audit(Vec<crate::policy::audit::Finding>),
}

/// `localStorage` key for the privacy revision whose change message was acknowledged
/// (`sessionStorage` on a shared device).
const CHANGES_KEY: &str = "kite_policy_seen";

/// `localStorage` key for the receipt of the choice in force (`sessionStorage` on a shared
/// device). Never in the cookie: the number must not travel with requests.
const RECEIPT_KEY: &str = "kite_receipt";

/// `sessionStorage` key set while the dashboard says the device is shared.
const SHARED_KEY: &str = "kite_shared";

/// A button in a notice, rights or policy-change dialog was pressed.
pub fn dialog_action(action: Action) {
    let Some(page) = current() else { return };
    match action {
        Action::Notice(answer) => {
            page.close_dialog();
            if let Some(name) = notices::answered(answer) {
                if answer == Answer::Ok {
                    notices::remember(&name);
                }
            }
        }
        Action::ReadAs(band) => {
            page.reading.set(Some(band));
            let showing = page.showing.borrow().clone();
            if let Some(showing) = showing {
                page.show(showing);
            }
        }
        Action::Rights => page.show(Showing::Rights),
        Action::Route(route) => page.show(Showing::Route(route)),
        Action::Monitoring => page.show(Showing::Monitoring),
        Action::StopLocation => {
            sensors::stop_location(true);
            page.refresh_signs(Some("sign.location_off"));
        }
        Action::StopMedia => {
            sensors::stop_media(true);
            page.refresh_signs(Some("sign.media_off"));
        }
        Action::Guard(send) => {
            page.close_dialog();
            guard::answered(send);
        }
        Action::Acknowledge | Action::CloseDialog => {
            if action == Action::Acknowledge {
                let revision = page.consent.borrow().config().revision;
                super::keep(page.lasting(), CHANGES_KEY, &revision.to_string());
            }
            if let Some(origin) = page.close_dialog() {
                let _ = origin.focus();
            }
        }
        _ => {}
    }
}

thread_local! {
    static CURRENT: RefCell<Option<Rc<Page>>> = const { RefCell::new(None) };
}

/// An embed's `data-src`, resolved against the page as the browser would load it.
fn embed_src(iframe: &web_sys::Element) -> String {
    let src = iframe.get_attribute("data-src").unwrap_or_default();
    links::resolve(&src, &iframe.base_uri().ok().flatten().unwrap_or_default())
}

/// A placeholder's button was pressed: load embed number `n` once, or allow its service
/// (or purpose) from now on, which loads every embed of it on the page.
pub fn embed_answered(n: u32, always: bool) {
    let (Some(page), Some(iframe)) = (current(), embeds::find(n)) else { return };
    if !always {
        page.load_embed(&iframe, State::Once);
        return;
    }
    let Ok((marker, _)) = page.allows(&iframe.get_attribute("data-kite").unwrap_or_default()) else { return };
    if let Err(why) = page.apply(Change::Set(vec![(marker.purpose, marker.service, true)]), DecidedBy::Visitor) {
        console_error(&why.to_string());
    }
}

/// The running page, once Kite has started.
pub fn current() -> Option<Rc<Page>> {
    CURRENT.with(|c| c.borrow().clone())
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

impl Page {
    /// Starts Kite on this page with a checked config. Reports config errors in the console.
    pub fn start(config: Config, errors: Vec<ConfigError>) -> Rc<Page> {
        for error in &errors {
            console_error(&format!("config {error}"));
        }
        let lang = match config.language {
            LanguageChoice::Fixed(lang) => lang,
            LanguageChoice::Page => Lang::for_page(&document().document_element().map(|e| e.get_attribute("lang").unwrap_or_default()).unwrap_or_default()),
        };
        let store = CookieStore::new(&config.cookie_name, config.cookie_domain.as_deref());
        let cookie_name = config.cookie_name.clone();
        let environment = Environment { global_privacy_control: global_privacy_control(), do_not_track: do_not_track(), shared_device: super::recall(super::Keep::Session, SHARED_KEY).is_some() };
        let consent = Consent::open(config, store, BrowserClock, environment);
        let page = Rc::new(Page {
            consent: RefCell::new(consent),
            errors,
            lang,
            ran: RefCell::default(),
            releasing: Cell::new(false),
            again: Cell::new(false),
            subscribers: Subscribers::default(),
            ui: RefCell::default(),
            tabs: RefCell::default(),
            watch: RefCell::default(),
            loads: RefCell::default(),
            link_guard: RefCell::default(),
            open_guard: RefCell::default(),
            notice_guard: RefCell::default(),
            reading: Cell::new(None),
            showing: RefCell::default(),
            monitors: RefCell::default(),
            signs: RefCell::default(),
            guard_listeners: RefCell::default(),
            before_choice: RefCell::default(),
            violations: Rc::default(),
            csp_listener: RefCell::default(),
        });
        if page.consent.borrow().record().is_none() {
            *page.before_choice.borrow_mut() = super::audit::stored_now();
        }
        let seen = page.violations.clone();
        *page.csp_listener.borrow_mut() = Some(gloo_events::EventListener::new(&document(), "securitypolicyviolation", move |event| {
            let field = |k: &str| Reflect::get(event, &k.into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
            seen.borrow_mut().push((field("violatedDirective"), field("blockedURI")));
        }));
        CURRENT.with(|c| *c.borrow_mut() = Some(page.clone()));
        page.delete_cookies_not_allowed();
        page.send_consent_mode();
        *page.ui.borrow_mut() = crate::ui::mount(page.view());
        *page.tabs.borrow_mut() = TabSync::join(&cookie_name, |record| {
            if let Some(page) = current() {
                page.consent.borrow_mut().adopt(record);
                page.carry_out(false);
            }
        });
        *page.watch.borrow_mut() = Watch::start(|| {
            if let Some(page) = current() {
                page.mount_element_buttons();
                page.refresh_signs(None);
                page.release();
            }
        });
        let mut guards = links::guard(|link, event| {
            if let Some(page) = current() {
                page.on_link(link, event);
            }
        });
        guards.push(links::guard_forms(|action, new_tab, then| current().is_some_and(|page| page.leave(&action, new_tab, then))));
        *page.link_guard.borrow_mut() = guards;
        if page.consent.borrow().config().links.guard_window_open {
            *page.open_guard.borrow_mut() = links::guard_window_open(|url, then| current().is_some_and(|page| page.leave(&url, true, then)));
        }
        *page.notice_guard.borrow_mut() = notices::guard(|name, then| current().is_some_and(|page| page.on_notice(name, then)));
        page.mount_element_buttons();
        let stub_watches = web_sys::window().and_then(|w| Reflect::get(&w, &"kite".into()).ok()).and_then(|k| Reflect::get(&k, &"w".into()).ok()).and_then(|n| n.as_f64());
        sensors::guard(stub_watches.unwrap_or(1.0));
        if let Some(ui) = *page.ui.borrow() {
            super::speech::prepare(move || leptos::prelude::Set::set(&ui.voices, true));
        }
        *page.guard_listeners.borrow_mut() = guard::guard(|held| {
            if let Some(page) = current() {
                let mode = guard::mode_of(&held.field).unwrap_or(page.consent.borrow().config().guard);
                let kinds = held.kinds.clone();
                guard::hold(held);
                page.show(Showing::Guard(kinds, mode));
            }
        });
        page.refresh_signs(None);
        let acknowledged = super::recall(page.lasting(), CHANGES_KEY).and_then(|v| v.parse().ok());
        let changed = {
            let consent = page.consent.borrow();
            policy_changed(consent.config().revision, consent.chosen_under(), acknowledged)
        };
        if changed {
            page.show(Showing::Changes);
        }
        page.release();
        if web_sys::window().and_then(|w| w.location().hash().ok()).as_deref() == Some("#kite-audit") {
            // The school admin's switch: once the page has settled, show what to fix.
            wasm_bindgen_futures::spawn_local(async {
                let wait = js_sys::Promise::new(&mut |done, _| {
                    if let Some(w) = web_sys::window() {
                        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&done, 1500);
                    }
                });
                let _ = wasm_bindgen_futures::JsFuture::from(wait).await;
                if let Some(page) = current() {
                    let findings = page.audit();
                    // The report must be readable even on a page whose CSS hides Kite.
                    if let Some(root) = document().query_selector(crate::ui::HOST_TAG).ok().flatten().and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()) {
                        for (property, value) in [("display", "block"), ("visibility", "visible"), ("opacity", "1")] {
                            let _ = root.style().set_property_with_priority(property, value, "important");
                        }
                    }
                    page.show(Showing::Audit(findings));
                }
            });
        }
        page
    }

    /// The self-audit: what on this page works against Kite, each finding with its fix. Also
    /// printed in the console.
    pub fn audit(&self) -> Vec<crate::policy::audit::Finding> {
        let facts = super::audit::facts(self.before_choice.borrow().clone(), self.violations.borrow().clone());
        let findings = crate::policy::audit::audit(&facts, self.consent.borrow().config());
        let summary = crate::policy::audit::summary(&findings);
        if findings.is_empty() {
            web_sys::console::info_1(&summary.into());
        } else {
            web_sys::console::warn_1(&summary.into());
        }
        findings
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
        sensors::stop_location(true);
        sensors::stop_media(true);
        for key in [notices::STORE_KEY, links::SKIPS_KEY] {
            super::forget(super::Keep::Session, key);
        }
        super::forget(self.lasting(), CHANGES_KEY);
        super::forget(self.lasting(), RECEIPT_KEY);
        self.monitors.borrow_mut().clear();
        self.close_dialog();
        self.reading.set(None);
        {
            let mut consent = self.consent.borrow_mut();
            let youngest = consent.config().audience.youngest_band();
            consent.set_band(youngest);
            consent.reset();
        }
        self.carry_out(true);
        self.refresh_signs(None);
    }

    /// The words for this room's dialogs: the band the child chose to read, or their own.
    fn words(&self) -> Words {
        let consent = self.consent.borrow();
        Words::new(consent.config(), self.lang, self.reading.get().unwrap_or(consent.band()))
    }

    /// Shows a notice, rights or policy-change dialog (replacing the one on screen).
    fn show(&self, what: Showing) {
        let Some(ui) = *self.ui.borrow() else { return };
        let words = self.words();
        let panel = {
            let consent = self.consent.borrow();
            let config = consent.config();
            match &what {
                Showing::Notice(name) => view::notice(&words, config, name),
                Showing::Rights => Some(view::rights_list(&words, config)),
                Showing::Route(route) => Some(view::rights_route(&words, config, *route)),
                Showing::Changes => Some(view::policy_change(&words, config)),
                Showing::Monitoring => Some(view::monitoring(&words, config, &self.all_monitors())),
                Showing::Guard(kinds, mode) => Some(view::guard_warning(&words, config, kinds, *mode)),
                Showing::Audit(findings) => Some(view::audit(&words, findings)),
            }
        };
        if let Some(panel) = panel {
            ui.show_dialog(panel);
            *self.showing.borrow_mut() = Some(what);
        }
    }

    /// Closes this room's dialog; returns where focus was before it opened.
    fn close_dialog(&self) -> Option<web_sys::HtmlElement> {
        self.showing.borrow_mut().take();
        self.ui.borrow().and_then(|ui| ui.close_dialog())
    }

    /// An element named notice `name` is about to use data: show the notice first (true), or
    /// let the action go ahead (false) when it was agreed this session or doesn't exist.
    fn on_notice(&self, name: &str, then: notices::Then) -> bool {
        let show = {
            let consent = self.consent.borrow();
            let rules = &consent.config().notices;
            let found = rules.find(name).is_some();
            if !found {
                console_error(&format!("there is no notice called \"{name}\", so the action went ahead without one. Use one of {}, or add it under notices.custom in the config.", rules.names().join(", ")));
            }
            found && rules.should_show(name, &notices::agreed())
        };
        if show {
            notices::pending(name, then);
            self.show(Showing::Notice(name.to_string()));
        }
        show
    }

    /// `notice.show(name)`: a promise of the child's answer, `"ok"` or `"not-now"`. A notice
    /// agreed this session answers `"ok"` at once; an unknown one answers `"not-now"`.
    pub fn show_notice(&self, name: &str) -> js_sys::Promise {
        let mut resolve = None;
        let promise = js_sys::Promise::new(&mut |yes, _| resolve = Some(yes));
        let Some(resolve) = resolve else { return promise };
        let exists = self.consent.borrow().config().notices.find(name).is_some();
        if !self.on_notice(name, notices::Then::Promise(resolve.clone())) {
            let _ = resolve.call1(&JsValue::UNDEFINED, &(if exists { "ok" } else { "not-now" }).into());
        }
        promise
    }

    /// Opens the rights panel, at one route if `route` names one.
    pub fn open_rights(&self, route: Option<Route>) {
        self.show(route.map_or(Showing::Rights, Showing::Route));
    }

    /// Sets the visitor's age band (from a dashboard that knows the pupil's age).
    pub fn set_band(self: &Rc<Self>, band: AgeBand) {
        self.consent.borrow_mut().set_band(band);
        self.reading.set(None);
        self.carry_out(false);
        self.refresh_signs(None); // their words follow the band
    }

    /// Who can see the child's activity: the config's, the page's `monitoring.set`, and each
    /// `<kite-monitoring by="…" what="…">` element's.
    fn all_monitors(&self) -> Vec<Monitor> {
        let mut list = self.consent.borrow().config().monitoring.clone();
        list.extend(self.monitors.borrow().iter().cloned());
        for element in all(crate::ui::MONITORING_TAG) {
            let (by, what) = (element.get_attribute("by").unwrap_or_default(), element.get_attribute("what").unwrap_or_default());
            match Watcher::from_code(&by) {
                Some(by) if !what.trim().is_empty() => list.push(Monitor { by, what: LocalText { en: what.trim().to_string(), cy: element.get_attribute("what-cy").filter(|t| !t.trim().is_empty()) } }),
                None if by.is_empty() && what.is_empty() => {}
                _ => console_error(&format!("<kite-monitoring by=\"{by}\" what=\"{what}\">: \"by\" must be \"parent\", \"teacher\" or \"school\", and \"what\" says what they can see (\"work\"). Kite shows no sign for it.")),
            }
        }
        let mut unique: Vec<Monitor> = Vec::new();
        for m in list {
            if !unique.contains(&m) {
                unique.push(m);
            }
        }
        unique
    }

    /// `monitoring.set(list)`: who can see the child's activity from now on (replacing what
    /// the page declared before). Returns the mistakes; the valid entries are kept.
    pub fn set_monitoring(&self, json: &crate::policy::json::Json) -> Vec<crate::policy::config::ConfigError> {
        let (list, errors) = indicators::monitors(json, "monitoring.set");
        for error in &errors {
            console_error(&error.to_string());
        }
        *self.monitors.borrow_mut() = list;
        self.refresh_signs(None);
        errors
    }

    /// `monitoring.clear()`: the page no longer lets anyone see the child's activity.
    pub fn clear_monitoring(&self) {
        self.monitors.borrow_mut().clear();
        self.refresh_signs(None);
    }

    /// Shows the signs for what is going on now; a screen reader hears what changed (or the
    /// message `announce` names).
    pub fn refresh_signs(&self, announce: Option<&str>) {
        let Some(ui) = *self.ui.borrow() else { return };
        let monitors = self.all_monitors();
        let now = js_sys::Date::now();
        let signs = indicators::signs(&monitors, &sensors::sensors(), now);
        let words = self.words();
        let views = view::signs(&words, &monitors, &signs);
        let before = self.signs.replace(views.clone());
        if before == views {
            return;
        }
        let said = match announce {
            Some(key) => Some(words.get(key)),
            None => {
                let new: Vec<String> = views.iter().filter(|v| !before.iter().any(|b| b.label == v.label)).map(|v| v.label.clone()).collect();
                match (new.is_empty(), before.iter().any(|b| b.kind == "monitoring") && !views.iter().any(|v| v.kind == "monitoring")) {
                    (false, _) => Some(new.join(". ")),
                    (true, true) => Some(words.get("monitor.cleared")),
                    _ => None,
                }
            }
        };
        let placed = document().query_selector(crate::ui::MONITORING_TAG).ok().flatten();
        ui.show_signs(views, placed, said);
    }

    /// Gives each `<kite-rights>` element on the page a button that opens the rights panel,
    /// and each `<kite-consent>` one that opens the preferences.
    fn mount_element_buttons(&self) {
        let Some(ui) = *self.ui.borrow() else { return };
        let corner = self.consent.borrow().config().settings_button && !has_element(crate::ui::CONSENT_TAG);
        if leptos::prelude::WithUntracked::with_untracked(&ui.view, |v| v.settings_button) != corner {
            ui.refresh(self.view()); // <kite-consent> came or went: the corner button goes or comes
        }
        let (rights, consent) = (all(crate::ui::RIGHTS_TAG), all(crate::ui::CONSENT_TAG));
        if rights.is_empty() && consent.is_empty() {
            return;
        }
        let (words, lang, open) = (self.words(), self.lang.tag(), ui.actions.dialog);
        for host in rights {
            ui.element_button(&host, &words.get("rights.title"), "profile", lang, move || open(Action::Rights));
        }
        for host in consent {
            ui.element_button(&host, &words.get("button.settings"), "shield", lang, move || ui.open_preferences());
        }
    }

    /// A link was activated: let it go, or stop it and ask (or refuse).
    fn on_link(&self, link: &web_sys::Element, event: &web_sys::MouseEvent) {
        let (href, new_tab) = links::target(link, event);
        if self.leave(&href, new_tab, links::Then::Follow) {
            event.prevent_default();
        }
    }

    /// Something on the page is about to take the child to `href` (a link, a form, a
    /// `window.open` call): let it go (false), or stop it (true) and ask, refuse, or, for a
    /// site an older pupil chose not to be asked about today, carry on without the referrer.
    fn leave(&self, href: &str, new_tab: bool, then: links::Then) -> bool {
        let host = links::page_host();
        let (decision, words, rules_new_tab, may_skip) = {
            let consent = self.consent.borrow();
            let rules = &consent.config().links;
            (decide(href, &host, rules), Words::new(consent.config(), self.lang, consent.band()), rules.new_tab, rules.may_skip(consent.band()))
        };
        let Some(ui) = *self.ui.borrow() else { return false };
        match decision {
            Decision::Go(_) => false,
            Decision::Ask { site, url } => {
                let new_tab = new_tab || rules_new_tab;
                if may_skip && links::skips().contains(&site) {
                    links::announce(Some(&site), "third-party", "skipped");
                    links::carry_on(then, &url, new_tab);
                    return true;
                }
                links::pending(then);
                ui.show_link(view::leaving(&words, &site, may_skip), Some(Leaving { site: site.clone(), url, new_tab }));
                links::announce(Some(&site), "third-party", "shown");
                true
            }
            Decision::Refuse(_) => {
                ui.show_link(view::refused(&words), None);
                links::announce(None, decision.reason(), "refused");
                true
            }
        }
    }

    /// What Kite does about a link on this page.
    pub fn check_link(&self, href: &str) -> JsValue {
        super::links::to_js(&super::links::check(href, &self.consent.borrow().config().links))
    }

    /// The config errors found at start.
    pub fn errors(&self) -> &[ConfigError] {
        &self.errors
    }

    /// What the UI shows now.
    pub fn view(&self) -> ConsentView {
        let consent = self.consent.borrow();
        let mut view = ConsentView::of(&consent, self.lang);
        // A page that placed <kite-consent> has its own Privacy settings button.
        view.settings_button &= !has_element(crate::ui::CONSENT_TAG);
        let time = consent.record().map(|r| r.time);
        let stored = self.receipt();
        let number = |key: &str| Reflect::get(&stored, &key.into()).ok().and_then(|v| v.as_string());
        if let (Some(time), Some(number), Some(at)) = (time, number("receipt"), number("time")) {
            if at == receipt::iso_time(time) {
                let offset = -(js_sys::Date::new_0().get_timezone_offset() as i64);
                view.receipt = Some(receipt::chosen_on(&view.words, time, offset, &number));
            }
        }
        view
    }

    /// The DPIA evidence from the running config: `code` (the Children's Code report),
    /// `inventory` (Markdown) or `inventory-csv`. None for another kind.
    pub fn report(&self, kind: &str) -> Option<String> {
        use crate::policy::report;
        let consent = self.consent.borrow();
        let config = consent.config();
        Some(match kind {
            "code" => report::code_report(config),
            "inventory" => report::inventory_markdown(config),
            "inventory-csv" => report::inventory_csv(config),
            _ => return None,
        })
    }

    /// The receipt of the choice in force, as an object (null when there is none).
    pub fn receipt(&self) -> JsValue {
        super::recall(self.lasting(), RECEIPT_KEY).and_then(|text| js_sys::JSON::parse(&text).ok()).unwrap_or(JsValue::NULL)
    }

    /// Applies a change made by `by`, and gives it a receipt.
    pub fn apply(self: &Rc<Self>, change: Change, by: DecidedBy) -> Result<(), ConsentError> {
        self.consent.borrow_mut().apply(change, by)?;
        self.issue_receipt(by);
        self.carry_out(true);
        Ok(())
    }

    /// Makes the receipt of the choice just made: a random number, and SHA-256 of the words
    /// shown (by the browser's own `crypto.subtle`). Keeps it in the browser and, when the
    /// config names an endpoint, sends it there with `navigator.sendBeacon` and nothing else.
    fn issue_receipt(&self, by: DecidedBy) {
        let Some(window) = web_sys::window() else { return };
        let (mut receipt, text, endpoint) = {
            let consent = self.consent.borrow();
            let Some(record) = consent.record() else { return };
            let view = ConsentView::of(&consent, self.lang);
            let mut random = [0u8; 10];
            if window.crypto().and_then(|c| c.get_random_values_with_u8_array(&mut random)).is_err() {
                return;
            }
            let receipt = Receipt {
                number: receipt::number(&random),
                time: record.time,
                revision: record.revision,
                wording: String::new(),
                by,
                lang: self.lang,
                band: view.words.band,
                choices: record.choices.clone(),
            };
            (receipt, receipt::wording(&view, record.revision), consent.config().receipt_endpoint.clone())
        };
        let keep = self.lasting();
        wasm_bindgen_futures::spawn_local(async move {
            let Ok(subtle) = window.crypto().map(|c| c.subtle()) else { return };
            let mut bytes = text.into_bytes();
            let Ok(digest) = subtle.digest_with_str_and_u8_array("SHA-256", &mut bytes) else { return };
            let Ok(hash) = wasm_bindgen_futures::JsFuture::from(digest).await else { return };
            receipt.wording = js_sys::Uint8Array::new(&hash).to_vec().iter().map(|b| format!("{b:02x}")).collect();
            let json = receipt.to_json();
            super::keep(keep, RECEIPT_KEY, &json);
            if let Some(url) = endpoint {
                let _ = window.navigator().send_beacon_with_opt_str(&url, Some(&json));
            }
            if let Some(page) = current() {
                if let Some(ui) = *page.ui.borrow() {
                    ui.refresh(page.view());
                }
            }
        });
    }

    /// Forgets the choice and asks again.
    pub fn reset(self: &Rc<Self>) {
        self.consent.borrow_mut().reset();
        self.carry_out(true);
    }

    /// Opens the preferences dialog.
    pub fn show_preferences(&self) {
        if let Some(ui) = *self.ui.borrow() {
            ui.open_preferences();
        }
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
        if let Some(ui) = *self.ui.borrow() {
            ui.refresh(self.view());
        }
        self.subscribers.notify(&self.snapshot());
    }

    /// Deletes the cookies and other storage of every service not allowed now: after every change (withdrawn
    /// services), at start (a tracker may have set one as the last page unloaded) and after
    /// each script Kite released loads (it may have been withdrawn while still loading).
    fn delete_cookies_not_allowed(&self) {
        let consent = self.consent.borrow();
        let withdrawn = consent.not_allowed();
        delete_matching(&consent.config().cookies_of(&withdrawn));
        super::storage::delete_matching(&consent.config().storage_of(&withdrawn));
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
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                page.again.set(false);
                for element in gate::marked() {
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
                    let iframe = element.tag_name().eq_ignore_ascii_case("iframe");
                    if !allowed {
                        gate::set_state(&element, State::Blocked);
                        if iframe {
                            page.placeholder(&element, &marker);
                        }
                        continue;
                    }
                    if iframe {
                        page.load_embed(&element, State::Ran);
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
        let Some(ui) = *self.ui.borrow() else { return };
        let n = embeds::number(iframe);
        let panel = {
            let consent = self.consent.borrow();
            let words = Words::new(consent.config(), self.lang, consent.band());
            let can_allow = !consent.guardian_required();
            view::embed(&words, consent.config(), marker, &embed_src(iframe), n, can_allow)
        };
        let title = panel.title.clone();
        embeds::prepare(iframe, self.lang.tag(), &title, move |body| ui.show_embed(n, body, panel));
    }

    /// Loads an embed from its provider's privacy-enhanced address, where it has one.
    fn load_embed(&self, iframe: &web_sys::Element, state: State) {
        let n = embeds::number(iframe);
        embeds::clear(iframe);
        gate::activate_iframe(iframe, &private_src(&embed_src(iframe)), state);
        if let Some(ui) = *self.ui.borrow() {
            ui.hide_embed(n);
        }
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

/// Whether the page has an element with this tag.
fn has_element(tag: &str) -> bool {
    document().query_selector(tag).ok().flatten().is_some()
}
