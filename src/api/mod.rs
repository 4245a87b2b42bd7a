//! The JavaScript surface: what a host developer sees. `start` (wrapped by the package's
//! `init`) returns a [`Kite`]; `kite.consent` is a [`KiteConsent`]. Calls made to the stub's
//! `window.kite` before the WebAssembly was ready are replayed, in order, once it is.
//!
//! Nothing here throws into the host page: bad arguments are reported in the console and in
//! the returned value.

use crate::browser::config_source;
use crate::browser::console_error;
use crate::browser::page::{current, errors_array, Page};
use crate::browser::page::rooms::{self, room};
use crate::policy::age::AgeBand;
use crate::policy::consent::Change;
use crate::policy::rights::Route;
use crate::policy::record::DecidedBy;
use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;

/// Starts Kite with `config` (an object, a URL, or nothing to read `#kite-config` or the
/// `data-config` URL on Kite's script tag). Starting twice returns the running instance.
#[wasm_bindgen]
pub async fn start(config: JsValue) -> Kite {
    if current().is_none() {
        // Starting is a few short tasks rather than one long one, so the page stays
        // responsive: the WebAssembly is set up; the config is read; the visitor's choice is
        // read; the banner is drawn; the page is watched and released; the banner takes focus.
        let _ = crate::browser::next_task().await;
        let mut loaded = config_source::load(config).await;
        let welsh = Page::language(&loaded.config) == crate::policy::locale::Lang::Cy;
        if welsh && rooms::ensure(&crate::browser::page::welsh::LOADER).await.map(|()| crate::browser::page::welsh::load()).is_err() {
            crate::browser::page::rooms::refused("Welsh words", "Kite speaks English on this page");
            loaded.config.language = crate::policy::config::LanguageChoice::Fixed(crate::policy::locale::Lang::EnGb);
        }
        let _ = crate::browser::next_task().await;
        if current().is_none() {
            let page = Page::start(loaded.config, loaded.errors);
            let _ = crate::browser::next_task().await;
            page.draw();
            let _ = crate::browser::next_task().await;
            page.settle();
            let _ = crate::browser::next_task().await;
            page.focus();
            if let Some(json) = loaded.mistaken {
                page.word_mistakes(json).await;
            }
        }
    }
    replay_stub_queue();
    Kite { _private: () }
}

room!(command, "7a4f3038d12497e7c6f14e8cf93672d3", LOADER:
    /// The command's work, in a file of its own that no browser downloads.
    fn command(command: String, file: String, text: String, csv: bool) -> Array {
        let parsed = config_source::parse_json(&text);
        let result = crate::policy::report::command(&command, &file, parsed.as_ref().map_err(String::as_str), csv);
        Array::of3(&result.status.into(), &result.out.into(), &result.err.into())
    }
);

/// The `kite-privacy` command (the npm package's bin, in Node): `command` (`check`,
/// `inventory` or `report`) over the text of the config file `file`. Returns
/// `[status, out, err]`: exactly what the native `kite` command prints, from the same code.
/// Its code is a file of its own that no browser fetches: await [`load_command`] first.
#[wasm_bindgen(js_name = runCommand)]
pub fn run_command(command: String, file: String, text: String, csv: bool) -> Array {
    self::command(command, file, text, csv)
}

/// Fetches the command's code; resolves with whether it could.
#[wasm_bindgen(js_name = loadCommand)]
pub async fn load_command() -> bool {
    rooms::ensure(&LOADER).await.is_ok()
}

/// A name or address the page passed: its text, or "" for anything that is not text (which
/// the method then reports as unknown), so a wrong argument never reaches the glue as one.
fn text(value: &JsValue) -> String {
    value.as_string().unwrap_or_default()
}

/// As [`text`], for an argument the page may leave out: `None` when it is `undefined` or `null`.
fn optional_text(value: &JsValue) -> Option<String> {
    (!value.is_undefined() && !value.is_null()).then(|| text(value))
}

/// A running Kite on this page.
#[wasm_bindgen]
pub struct Kite {
    _private: (),
}

#[wasm_bindgen]
impl Kite {
    /// Consent: `get`, `set`, `reset`, `show`, `onChange`.
    #[wasm_bindgen(getter)]
    pub fn consent(&self) -> KiteConsent {
        KiteConsent { _private: () }
    }

    /// Links: `check`.
    #[wasm_bindgen(getter)]
    pub fn links(&self) -> KiteLinks {
        KiteLinks { _private: () }
    }

    /// Just-in-time notices: `show`.
    #[wasm_bindgen(getter)]
    pub fn notice(&self) -> KiteNotice {
        KiteNotice { _private: () }
    }

    /// The rights panel: `open`.
    #[wasm_bindgen(getter)]
    pub fn rights(&self) -> KiteRights {
        KiteRights { _private: () }
    }

    /// Who can see the child's activity: `set`, `clear`.
    #[wasm_bindgen(getter)]
    pub fn monitoring(&self) -> KiteMonitoring {
        KiteMonitoring { _private: () }
    }

    /// Tells Kite the pupil's age, for the wording and for who may consent:
    /// `setAge(11)`, `setAge({ age: 11 })` or `setAge({ yearGroup: 7 })` (Reception is 0).
    /// Returns the age band's code (`"10-12"`), or null with a console error for bad input.
    #[wasm_bindgen(js_name = setAge)]
    pub fn set_age(&self, value: JsValue) -> JsValue {
        let Some(page) = current() else { return JsValue::NULL };
        let number = |key: &str| Reflect::get(&value, &key.into()).ok().and_then(|v| v.as_f64());
        let band = match (value.as_f64(), number("age"), number("yearGroup")) {
            (Some(age), _, _) | (None, Some(age), _) if age.fract() == 0.0 && (0.0..=120.0).contains(&age) => Some(AgeBand::for_age(age as u8)),
            (None, None, Some(year)) if year.fract() == 0.0 && (0.0..=13.0).contains(&year) => Some(AgeBand::for_year_group(year as u8)),
            _ => None,
        };
        match band {
            Some(band) => {
                page.set_band(band);
                band.code().into()
            }
            None => {
                console_error("setAge: pass an age in whole years (setAge(11)), { age: 11 }, or { yearGroup: 7 } with Reception as 0 and Year 13 as 13. Kite kept the age it had.");
                JsValue::NULL
            }
        }
    }

    /// Says the device is shared, such as a school computer (`sharedDevice(true)` at log-in),
    /// or not: on a shared device every choice lasts for the browser session only.
    #[wasm_bindgen(js_name = sharedDevice)]
    pub fn shared_device(&self, shared: Option<bool>) {
        if let Some(page) = current() {
            page.set_shared(shared.unwrap_or(true));
        }
    }

    /// The pupil is logging out: forget their choices, agreements and age, switch location and
    /// the camera off, and ask the next pupil afresh. Call it before your log-out goes ahead.
    pub fn logout(&self) {
        if let Some(page) = current() {
            page.logout();
        }
    }

    /// Evidence for the school's DPIA, from the running config: `report()` or `report("code")`
    /// resolves with the Children's Code report (Markdown); `report("inventory")` the table of
    /// every service (Markdown), `report("inventory-csv")` the same as CSV. The `kite report`
    /// and `kite inventory` commands print the same from a config file.
    #[wasm_bindgen(js_name = report)]
    pub fn report_value(&self, kind: JsValue) -> js_sys::Promise {
        self.report(optional_text(&kind).as_deref())
    }

    /// The self-audit of this page: resolves with `[{ kind, element, message }]`, each a
    /// thing on the page that works against Kite and how to fix it (empty when there is
    /// nothing), also printed in the console. Add `#kite-audit` to a page's address to see it
    /// on screen.
    pub fn audit(&self) -> js_sys::Promise {
        match current() {
            Some(page) => page.audit(),
            None => js_sys::Promise::resolve(&JsValue::from(Array::new())),
        }
    }

    /// The config errors found at start, as `{ path, message }` objects (empty when none).
    #[wasm_bindgen(getter)]
    pub fn errors(&self) -> JsValue {
        current().map_or_else(|| Array::new().into(), |page| errors_array(&page.errors()))
    }

    /// The package version.
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        env!("CARGO_PKG_VERSION").to_string()
    }
}

impl Kite {
    /// [`Kite::report_value`] from Rust: `None` or `Some("code")` for the Children's Code
    /// report, `Some("inventory")` or `Some("inventory-csv")` for the inventory.
    pub fn report(&self, kind: Option<&str>) -> js_sys::Promise {
        match current() {
            Some(page) => page.report(kind.unwrap_or("code").to_string()),
            None => js_sys::Promise::resolve(&JsValue::NULL),
        }
    }
}

/// The links API, `kite.links`.
#[wasm_bindgen]
pub struct KiteLinks {
    _private: (),
}

#[wasm_bindgen]
impl KiteLinks {
    /// What Kite does about a link (an `href` as written, resolved against the page):
    /// `{ decision: "go" | "ask" | "refuse", reason, site, url }`. The reason is `same-site`,
    /// `own-host`, `trusted`, `not-a-website`, `third-party`, `data`, `vbscript` or `unreadable`.
    #[wasm_bindgen(js_name = check)]
    pub fn check_value(&self, href: JsValue) -> JsValue {
        self.check(&text(&href))
    }
}

impl KiteLinks {
    /// [`KiteLinks::check_value`] from Rust: what Kite does about the link `href`.
    pub fn check(&self, href: &str) -> JsValue {
        current().map(|p| p.check_link(href)).unwrap_or(JsValue::NULL)
    }
}

/// The notices API, `kite.notice`.
#[wasm_bindgen]
pub struct KiteNotice {
    _private: (),
}

#[wasm_bindgen]
impl KiteNotice {
    /// Shows the notice called `name` before the page's code starts using data; resolves with
    /// the child's answer, `"ok"` or `"not-now"`. A notice agreed to this session resolves
    /// `"ok"` at once (unless the config says every time); an unknown name resolves
    /// `"not-now"`, with a console error, so nothing is sent.
    #[wasm_bindgen(js_name = show)]
    pub fn show_value(&self, name: JsValue) -> js_sys::Promise {
        self.show(&text(&name))
    }
}

impl KiteNotice {
    /// [`KiteNotice::show_value`] from Rust: shows the notice called `name`; resolves with
    /// `"ok"` or `"not-now"`.
    pub fn show(&self, name: &str) -> js_sys::Promise {
        match current() {
            Some(page) => page.show_notice(name),
            None => js_sys::Promise::resolve(&JsValue::from_str("not-now")),
        }
    }
}

/// The monitoring API, `kite.monitoring`.
#[wasm_bindgen]
pub struct KiteMonitoring {
    _private: (),
}

#[wasm_bindgen]
impl KiteMonitoring {
    /// Declares who can see the child's activity, replacing what the page declared before:
    /// `set([{ by: "parent", what: "progress" }, { by: "teacher", what: "work and messages" }])`.
    /// `by` is `parent`, `teacher` or `school`; `what` follows "your" in a child's words (or
    /// `{ "en-GB": "work", cy: "gwaith" }`). While anything is declared, a sign shows. Resolves
    /// with the mistakes as `{ path, message }` (empty when none); the valid entries are kept.
    pub fn set(&self, list: JsValue) -> js_sys::Promise {
        match current() {
            Some(page) => match config_source::to_json(&list) {
                Ok(json) => page.set_monitoring(json),
                Err(why) => {
                    let error = crate::policy::config::ConfigError { path: "monitoring".into(), message: format!("{why}; nothing changed.") };
                    crate::browser::console_error(&format!("monitoring.set: {}", error.message));
                    js_sys::Promise::resolve(&errors_array(&[error]))
                }
            },
            None => js_sys::Promise::resolve(&JsValue::from(Array::new())),
        }
    }

    /// The page no longer lets anyone see the child's activity: the sign goes (unless the
    /// config or a `<kite-monitoring>` element still declares someone).
    pub fn clear(&self) {
        if let Some(page) = current() {
            page.clear_monitoring();
        }
    }
}

/// The rights panel API, `kite.rights`.
#[wasm_bindgen]
pub struct KiteRights {
    _private: (),
}

#[wasm_bindgen]
impl KiteRights {
    /// Opens the rights panel, or one of its routes: `"see"`, `"fix"`, `"delete"`, `"stop"`,
    /// `"worry"`.
    #[wasm_bindgen(js_name = open)]
    pub fn open_value(&self, route: JsValue) {
        self.open(optional_text(&route).as_deref());
    }
}

impl KiteRights {
    /// [`KiteRights::open_value`] from Rust: the rights panel, or one of its routes.
    pub fn open(&self, route: Option<&str>) {
        let Some(page) = current() else { return };
        let route = route.and_then(|code| {
            let found = Route::from_code(code);
            if found.is_none() {
                console_error(&format!("rights.open: \"{code}\" is not a route; use \"see\", \"fix\", \"delete\", \"stop\" or \"worry\". Kite opened the list."));
            }
            found
        });
        page.open_rights(route);
    }
}

/// The consent API, `kite.consent`.
#[wasm_bindgen]
pub struct KiteConsent {
    _private: (),
}

#[wasm_bindgen]
impl KiteConsent {
    /// The current state: `{ decided, by, time, revision, gpc, guardianRequired, purposes, services }`.
    pub fn get(&self) -> JsValue {
        current().map(|p| p.snapshot()).unwrap_or(JsValue::NULL)
    }

    /// Changes choices: `"all"`, `"none"`, or `{ analytics: true, "analytics/stats": false }`.
    /// A parent's account passes `{ by: "guardian" }` (needed when the audience is under 13).
    /// Returns the new state; if the change is refused, the unchanged state with an `error`.
    pub fn set(&self, choices: JsValue, options: JsValue) -> JsValue {
        let Some(page) = current() else { return JsValue::NULL };
        let by = match Reflect::get(&options, &"by".into()).ok().and_then(|v| v.as_string()).as_deref() {
            Some("guardian") => DecidedBy::Guardian,
            _ => DecidedBy::Visitor,
        };
        let result = parse_change(&choices).and_then(|change| page.apply(change, by).map_err(|e| e.to_string()));
        let state = page.snapshot();
        if let Err(why) = result {
            console_error(&format!("consent.set: {why}"));
            let _ = Reflect::set(&state, &"error".into(), &why.into());
        }
        state
    }

    /// The receipt of the choice in force: `{ receipt, time, revision, wording, by, language,
    /// ageBand, choices }`, or null before a choice. `wording` is SHA-256 of the words shown.
    pub fn receipt(&self) -> JsValue {
        current().map(|p| p.receipt()).unwrap_or(JsValue::NULL)
    }

    /// Forgets the choice; the banner shows again.
    pub fn reset(&self) {
        if let Some(page) = current() {
            page.reset();
        }
    }

    /// Opens the preferences dialog.
    pub fn show(&self) {
        if let Some(page) = current() {
            page.show_preferences();
        }
    }

    /// Calls `callback(state)` after every change. Returns a function that unsubscribes.
    #[wasm_bindgen(js_name = onChange)]
    pub fn on_change(&self, callback: Function) -> JsValue {
        let Some(page) = current() else { return JsValue::UNDEFINED };
        let ticket = page.subscribers.add(callback);
        Closure::once_into_js(move || {
            if let Some(page) = current() {
                page.subscribers.remove(ticket);
            }
        })
    }
}

fn parse_change(choices: &JsValue) -> Result<Change, String> {
    if let Some(word) = choices.as_string() {
        return match word.as_str() {
            "all" => Ok(Change::AcceptAll),
            "none" => Ok(Change::RejectAll),
            other => Err(format!("\"{other}\" is not a choice: pass \"all\", \"none\" or {{ analytics: true }}")),
        };
    }
    if !choices.is_object() || Array::is_array(choices) {
        return Err("pass \"all\", \"none\" or an object such as { analytics: true, \"analytics/stats\": false }".to_string());
    }
    let mut entries = Vec::new();
    for pair in Object::entries(choices.unchecked_ref()).iter() {
        let pair = Array::from(&pair);
        let name = pair.get(0).as_string().unwrap_or_default();
        let Some(on) = pair.get(1).as_bool() else {
            return Err(format!("{name}: expected true or false"));
        };
        let (purpose, service) = match name.split_once('/') {
            Some((p, s)) => (p.to_string(), Some(s.to_string())),
            None => (name.clone(), None),
        };
        entries.push((purpose, service, on));
    }
    Ok(Change::Set(entries))
}

/// Replays calls queued by the stub (`window.kite.q`) against the real API, then puts the
/// real API on `window.kite`.
fn replay_stub_queue() {
    let Some(window) = web_sys::window() else { return };
    let real: JsValue = Kite { _private: () }.into();
    let previous = Reflect::get(&window, &"kite".into()).unwrap_or(JsValue::UNDEFINED);
    let _ = Reflect::set(&window, &"kite".into(), &real);
    let Ok(queue) = Reflect::get(&previous, &"q".into()) else { return };
    if !Array::is_array(&queue) {
        return;
    }
    for call in Array::from(&queue).iter() {
        let call = Array::from(&call);
        let path = call.get(0).as_string().unwrap_or_default();
        let args = Array::from(&call.get(1));
        let (resolve, reject) = (call.get(2), call.get(3));
        // Location and camera requests the page made before Kite was ready.
        if matches!(path.as_str(), "geo.get" | "geo.watch" | "media") {
            crate::browser::page::replay_sensor_call(&path, &args, call.get(4).as_f64(), resolve, reject);
            continue;
        }
        let mut target = real.clone();
        let mut this = JsValue::UNDEFINED;
        for part in path.split('.') {
            this = target.clone();
            target = Reflect::get(&this, &part.into()).unwrap_or(JsValue::UNDEFINED);
        }
        let outcome = match target.dyn_ref::<Function>() {
            Some(f) => f.apply(&this, &args),
            None => Err(format!("kite.{path} is not a function").into()),
        };
        let (settle, value) = match outcome {
            Ok(v) => (resolve, v),
            Err(e) => (reject, e),
        };
        if let Some(settle) = settle.dyn_ref::<Function>() {
            let _ = settle.call1(&JsValue::UNDEFINED, &value);
        }
    }
}
