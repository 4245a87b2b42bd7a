//! The site's configuration: parsed once at the edge, from JSON into types, with every
//! mistake reported by field path and a fix a school admin can act on.
//!
//! Bad input never makes Kite fail open: a broken field falls back to its safe default, a
//! purpose without a usable name is left out (so markup that names it stays blocked), and
//! everything valid is kept.

use super::age::Audience;
use super::consent_mode::ConsentSignal;
use super::cookies::{CookiePattern, StorageKind};
use super::json::Json;
use super::links::{is_public_suffix, LinkRules};
use super::locale::{self, Lang};
use super::notices::{CustomNotice, NoticeRules, BUILT_IN as BUILT_IN_NOTICES};
use super::contact::GuardMode;
use super::indicators::{Monitor, Watcher};
use super::schema::{self, names};
use super::rights::{is_email, Contact, Help, RightsRules, Route};

/// How long a choice lasts before Kite asks again, when the config does not say: six months.
pub const DEFAULT_MAX_AGE_DAYS: u32 = 182;
/// The cookie that holds the consent record, when the config does not name one.
pub const DEFAULT_COOKIE_NAME: &str = "kite_consent";

/// A checked configuration. Build one with [`Config::from_json`]; [`Config::default`] is the
/// safe configuration Kite runs with when it has nothing better.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The privacy policy revision. When it increases, everyone is asked again. Default 1.
    pub revision: u32,
    /// Which language to show. Default: follow the page's `<html lang>`.
    pub language: LanguageChoice,
    /// Who the site is for. Default: all ages from 4, so children's rules apply.
    pub audience: Audience,
    /// Purposes, with "necessary" always first. Default: necessary, analytics, functional, marketing.
    pub purposes: Vec<Purpose>,
    /// Days a choice that allows something lasts before Kite asks again. Default 182.
    pub consent_max_age_days: u32,
    /// Days a choice that allows nothing optional lasts. Default 182; a school may keep a
    /// "no" longer than a "yes".
    pub reject_max_age_days: u32,
    /// Where the school collects consent receipts (`https://…` or a path on this site), sent
    /// with `navigator.sendBeacon`. Default: nowhere; receipts stay in the browser.
    pub receipt_endpoint: Option<String>,
    /// The device is shared (a school computer): every choice lasts for the browser session
    /// only. A dashboard can also say so at log-in. Default false.
    pub shared_device: bool,
    /// Reload the page when a purpose whose scripts already ran is withdrawn. Default true.
    pub reload_on_withdraw: bool,
    /// Name of the first-party cookie holding the record. Default `kite_consent`.
    pub cookie_name: String,
    /// Domain attribute for that cookie (to share it across subdomains). Default: host only.
    pub cookie_domain: Option<String>,
    /// Send Google Consent Mode v2 updates. Default true.
    pub consent_mode: bool,
    /// Show the small "Privacy settings" button once a choice is made. Default true.
    pub settings_button: bool,
    /// The site's own wording, replacing built-in messages: (language, message key, text).
    pub text: Vec<(Lang, String, String)>,
    /// Which links count as the school's own or trusted, and which tracking parameters to
    /// remove beyond the built-in ones. Default: none.
    pub links: LinkRules,
    /// Just-in-time notices: the school's own, and whether to show each every time.
    pub notices: NoticeRules,
    /// Where a child's requests about their information go, and who helps a worried child.
    pub rights: RightsRules,
    /// The full privacy notice's address (`https://…` or a path on this site).
    pub privacy_notice: Option<String>,
    /// The plain-words summary of what changed in this revision, shown once to visitors who
    /// saw an earlier one.
    pub changes: Option<LocalText>,
    /// What a message box marked `data-kite-guard` does with contact details: warn (default)
    /// or block.
    pub guard: GuardMode,
    /// Who can see the child's activity, declared in the config (the page can also call
    /// `monitoring.set`). Default: nobody.
    pub monitoring: Vec<Monitor>,
}

/// Which language Kite speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LanguageChoice {
    /// Follow the page's `<html lang>` attribute (Welsh for `cy`, English otherwise).
    Page,
    /// Always this language.
    Fixed(Lang),
}

/// What a purpose is, which decides its built-in wording and its defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PurposeKind {
    /// Always on; cannot be switched off.
    Necessary,
    /// Counting visits and measuring use.
    Analytics,
    /// Extra features such as embedded videos and maps.
    Functional,
    /// Advertising and cross-site tracking; kept off under Global Privacy Control.
    Marketing,
    /// A purpose the site defines, with its own label.
    Custom,
}

/// One reason for using data, with the services that use it.
#[derive(Clone, Debug, PartialEq)]
pub struct Purpose {
    /// Its name in markup and the API: lower-case letters, digits, `-`, `_`.
    pub name: String,
    /// What kind of purpose it is.
    pub kind: PurposeKind,
    /// Its label, replacing the built-in one.
    pub label: Option<LocalText>,
    /// Its description, replacing the built-in one.
    pub description: Option<LocalText>,
    /// The services that use it.
    pub services: Vec<Service>,
    /// The Google Consent Mode signals it grants.
    pub consent_mode: Vec<ConsentSignal>,
    /// Shares or sells data, so Global Privacy Control keeps it off. Default: true for marketing.
    pub sharing: bool,
}

/// A third party (or first-party tool) that runs under a purpose.
#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    /// Its name in markup (`data-kite="analytics/stats"`).
    pub name: String,
    /// Its label; defaults to the name.
    pub label: Option<LocalText>,
    /// What it does, in plain words.
    pub description: Option<LocalText>,
    /// The cookies it sets, by name or pattern (`_ga_*`); deleted when consent is withdrawn.
    pub cookies: Vec<CookiePattern>,
    /// The domains it loads from.
    pub domains: Vec<String>,
    /// What else it keeps in the browser (`localStorage` and `sessionStorage` keys, IndexedDB
    /// databases, caches), by name or pattern; deleted when consent is withdrawn.
    pub storage: Vec<(StorageKind, CookiePattern)>,
}

/// Text the site wrote: the same in every language, or per language.
#[derive(Clone, Debug, PartialEq)]
pub struct LocalText {
    /// The English text (also used when no Welsh is given).
    pub en: String,
    /// The Welsh text, if given.
    pub cy: Option<String>,
}

impl LocalText {
    /// The text for `lang`, falling back to English.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Cy => self.cy.as_deref().unwrap_or(&self.en),
            Lang::EnGb => &self.en,
        }
    }
}

/// A mistake in the config: where it is and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// The field path, such as `purposes[2].services[0].cookies`.
    pub path: String,
    /// What is wrong and how to fix it, in a sentence.
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            revision: 1,
            language: LanguageChoice::Page,
            audience: Audience::ALL_AGES,
            purposes: ["necessary", "analytics", "functional", "marketing"].iter().map(|n| Purpose::built_in(n)).collect(),
            consent_max_age_days: DEFAULT_MAX_AGE_DAYS,
            reject_max_age_days: DEFAULT_MAX_AGE_DAYS,
            shared_device: false,
            receipt_endpoint: None,
            reload_on_withdraw: true,
            cookie_name: DEFAULT_COOKIE_NAME.to_string(),
            cookie_domain: None,
            consent_mode: true,
            settings_button: true,
            text: Vec::new(),
            links: LinkRules::default(),
            notices: NoticeRules::default(),
            rights: RightsRules::default(),
            privacy_notice: None,
            changes: None,
            guard: GuardMode::Warn,
            monitoring: Vec::new(),
        }
    }
}

impl PurposeKind {
    fn from_name(name: &str) -> PurposeKind {
        match name {
            "necessary" => PurposeKind::Necessary,
            "analytics" => PurposeKind::Analytics,
            "functional" => PurposeKind::Functional,
            "marketing" => PurposeKind::Marketing,
            _ => PurposeKind::Custom,
        }
    }
}

impl Purpose {
    fn built_in(name: &str) -> Purpose {
        let kind = PurposeKind::from_name(name);
        Purpose {
            name: name.to_string(),
            kind,
            label: None,
            description: None,
            services: Vec::new(),
            consent_mode: ConsentSignal::defaults_for(kind).to_vec(),
            sharing: kind == PurposeKind::Marketing,
        }
    }

    /// Finds one of this purpose's services by name.
    pub fn service(&self, name: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.name == name)
    }
}

impl Config {
    /// Finds a purpose by name.
    pub fn purpose(&self, name: &str) -> Option<&Purpose> {
        self.purposes.iter().find(|p| p.name == name)
    }

    /// The purposes a visitor chooses about: all but "necessary".
    pub fn optional_purposes(&self) -> impl Iterator<Item = &Purpose> {
        self.purposes.iter().filter(|p| p.kind != PurposeKind::Necessary)
    }

    /// The cookie patterns of the withdrawn purposes and services: a purpose's entry means all
    /// of its services. The consent record's own cookie is never among them.
    pub fn cookies_of(&self, withdrawn: &[(String, Option<String>)]) -> Vec<&CookiePattern> {
        let mut out: Vec<&CookiePattern> = Vec::new();
        for (purpose, service) in withdrawn {
            let Some(p) = self.purpose(purpose) else { continue };
            for s in p.services.iter().filter(|s| service.as_ref().is_none_or(|name| *name == s.name)) {
                out.extend(s.cookies.iter().filter(|c| !c.matches(&self.cookie_name)));
            }
        }
        out.dedup();
        out
    }

    /// The storage of the withdrawn purposes and services, as [`Config::cookies_of`] for
    /// cookies.
    pub fn storage_of(&self, withdrawn: &[(String, Option<String>)]) -> Vec<(StorageKind, &CookiePattern)> {
        let mut out: Vec<(StorageKind, &CookiePattern)> = Vec::new();
        for (purpose, service) in withdrawn {
            let Some(p) = self.purpose(purpose) else { continue };
            for s in p.services.iter().filter(|s| service.as_ref().is_none_or(|name| *name == s.name)) {
                for (kind, pattern) in &s.storage {
                    if !out.contains(&(*kind, pattern)) {
                        out.push((*kind, pattern));
                    }
                }
            }
        }
        out
    }

    /// Checks a config and builds it. Always returns a usable config: the errors say what was
    /// left at its safe default.
    pub fn from_json(json: &Json) -> (Config, Vec<ConfigError>) {
        let mut check = Check::<Worded>::default();
        let config = check.config(json);
        (config, check.report.0)
    }

    /// The checker's verdict alone: the same config as [`Config::from_json`], and how many
    /// mistakes it found, without wording them. The same checking code runs, but the words of
    /// each mistake are never made, so a browser build that only calls this carries none of
    /// them: they come (with [`Config::from_json`]) only when there are mistakes.
    pub fn verdict(json: &Json) -> (Config, usize) {
        let mut check = Check::<Counted>::default();
        let config = check.config(json);
        (config, check.report.0)
    }
}

/// Reads a list of who can see the child's activity (`monitoring.set([...])`, or a config's
/// `monitoring`): every entry that makes sense, and an error naming each field that does not.
/// `path` prefixes the errors' paths.
pub fn monitors(json: &Json, path: &str) -> (Vec<Monitor>, Vec<ConfigError>) {
    let mut check = Check::<Worded>::default();
    let list = check.monitors(json, &At::Text(path));
    (list, check.report.0)
}

/// Where a value is in the config, for a mistake's message. It becomes text only when the
/// mistake is worded: the verdict alone never builds a path.
#[derive(Clone, Copy)]
enum At<'a> {
    /// The whole config.
    Root,
    /// A path as written (`"guard.mode"`, or the caller's, such as `"monitoring.set"`).
    Text(&'a str),
    /// A field of an object.
    Field(&'a At<'a>, &'a str),
    /// An item of a list.
    Item(&'a At<'a>, usize),
    /// A message key (`text.en-GB["banner.title"]`).
    Key(&'a At<'a>, &'a str),
}

impl std::fmt::Display for At<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            At::Root => Ok(()),
            At::Text(text) => f.write_str(text),
            At::Field(At::Root, key) => f.write_str(key),
            At::Field(parent, key) => write!(f, "{parent}.{key}"),
            At::Item(parent, i) => write!(f, "{parent}[{i}]"),
            At::Key(parent, key) => write!(f, "{parent}[\"{key}\"]"),
        }
    }
}

/// What the checker does with a mistake: word it, or only count it.
trait Report: Default {
    /// A mistake at `path`; `message` words it.
    fn mistake(&mut self, path: &At, message: impl FnOnce() -> String);
}

/// Every mistake, worded.
#[derive(Default)]
struct Worded(Vec<ConfigError>);

impl Report for Worded {
    fn mistake(&mut self, path: &At, message: impl FnOnce() -> String) {
        self.push(path, message());
    }
}

impl Worded {
    // Not generic, so it is written once, not at each of the checker's many mistakes.
    #[inline(never)]
    fn push(&mut self, path: &At, message: String) {
        self.0.push(ConfigError { path: shortened(&path.to_string()), message: shortened(&message) });
    }
}

/// The longest piece of the config a message quotes in full, in characters.
const QUOTED: usize = 80;

/// `text` with every quoted piece longer than [`QUOTED`] characters cut to its start and "…",
/// so a 2 MB value in a config makes a message a person can read, not one of 2 MB. Counts
/// characters, never bytes.
#[inline(never)]
pub fn shortened(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(1024));
    for (i, piece) in text.split('"').enumerate() {
        if i > 0 {
            out.push('"');
        }
        // Odd pieces are inside quotes.
        if i % 2 == 1 && piece.chars().nth(QUOTED).is_some() {
            out.extend(piece.chars().take(QUOTED - 20));
            out.push('…');
        } else if piece.chars().nth(QUOTED * 4).is_some() {
            // A path (an unknown field's name) or unquoted text can be long too.
            out.extend(piece.chars().take(QUOTED * 2));
            out.push('…');
        } else {
            out.push_str(piece);
        }
    }
    out
}

/// How many mistakes there are.
#[derive(Default)]
struct Counted(usize);

impl Report for Counted {
    fn mistake(&mut self, _: &At, _: impl FnOnce() -> String) {
        self.0 += 1;
    }
}

#[derive(Default)]
struct Check<R> {
    report: R,
}

impl<R: Report> Check<R> {
    fn error<M: Into<String>>(&mut self, path: &At, message: impl FnOnce() -> M) {
        self.report.mistake(path, || message().into());
    }

    #[inline(always)]
    fn wrong_type(&mut self, path: &At, expected: &str, found: &Json, example: &str) {
        self.error(path, || format!("expected {expected}, found {}. Write it like {example}.", found.kind()));
    }

    /// The members of an object, reporting fields Kite does not know.
    fn members<'a>(&mut self, json: &'a Json, path: &At, known: &[&str], example: &str) -> Option<&'a [(String, Json)]> {
        let Json::Object(members) = json else {
            self.wrong_type(if matches!(path, At::Root) { &At::Text("(config)") } else { path }, "an object", json, example);
            return None;
        };
        for (key, _) in members {
            if !known.contains(&key.as_str()) {
                let at = &At::Field(path, key);
                self.error(at, || {
                    let hint = match closest(key, known) {
                        Some(near) => format!("Did you mean \"{near}\"?"),
                        None => format!("Known fields here: {}.", known.join(", ")),
                    };
                    format!("unknown field; Kite ignored it. {hint}")
                });
            }
        }
        Some(members)
    }

    fn config(&mut self, json: &Json) -> Config {
        let mut config = Config::default();
        let Some(members) = self.members(json, &At::Root, &names(schema::TOP), r#"{ "revision": 1, "purposes": [ ... ] }"#) else {
            return config;
        };
        for (key, value) in members {
            let path = &At::Field(&At::Root, key);
            match key.as_str() {
                "revision" => {
                    if let Some(n) = self.whole_number(value, path, 1, "1") {
                        config.revision = n;
                    }
                }
                "consentMaxAgeDays" => match value {
                    Json::Object(_) => {
                        if let Some(members) = self.members(value, path, &names(schema::LIFETIMES), r#"{ "accept": 90, "reject": 365 }"#) {
                            for (key, days) in members {
                                let at = &At::Field(path, key);
                                if let Some(n) = self.days(days, at) {
                                    match key.as_str() {
                                        "accept" => config.consent_max_age_days = n,
                                        _ => config.reject_max_age_days = n,
                                    }
                                }
                            }
                        }
                    }
                    _ => {
                        if let Some(n) = self.days(value, path) {
                            config.consent_max_age_days = n;
                            config.reject_max_age_days = n;
                        }
                    }
                },
                "sharedDevice" => self.flag(value, path, &mut config.shared_device),
                "receipts" => {
                    if let Some(members) = self.members(value, path, &names(schema::RECEIPTS), r#"{ "endpoint": "https://consent.oakfield.sch.uk/receipts" }"#) {
                        if let Some((_, url)) = members.iter().find(|(k, _)| k == "endpoint") {
                            config.receipt_endpoint = self.web_address(url, &At::Text("receipts.endpoint"), "https://consent.oakfield.sch.uk/receipts");
                        }
                    }
                }
                "reloadOnWithdraw" => self.flag(value, path, &mut config.reload_on_withdraw),
                "consentMode" => self.flag(value, path, &mut config.consent_mode),
                "settingsButton" => self.flag(value, path, &mut config.settings_button),
                "language" => match value {
                    Json::String(s) if s == "auto" => config.language = LanguageChoice::Page,
                    Json::String(s) => match Lang::from_tag(s) {
                        Some(lang) => config.language = LanguageChoice::Fixed(lang),
                        None => self.error(path, || format!("\"{s}\" is not a language Kite speaks. Use \"en-GB\", \"cy\" or \"auto\" (follow the page).")),
                    },
                    other => self.wrong_type(path, "text", other, r#""en-GB", "cy" or "auto""#),
                },
                "audience" => self.audience(value, &mut config),
                "cookie" => self.cookie(value, &mut config),
                "purposes" => {
                    if let Some(purposes) = self.purposes(value) {
                        config.purposes = purposes;
                    }
                }
                "text" => config.text = self.text(value),
                "links" => config.links = self.links(value),
                "notices" => config.notices = self.notices(value),
                "rights" => config.rights = self.rights(value),
                "guard" => {
                    if let Some(members) = self.members(value, path, &names(schema::GUARD), r#"{ "mode": "warn" }"#) {
                        match members.iter().find(|(k, _)| k == "mode").map(|(_, v)| v) {
                            Some(Json::String(mode)) => match GuardMode::from_code(mode) {
                                Some(mode) => config.guard = mode,
                                None => self.error(&At::Text("guard.mode"), || format!("\"{mode}\" is not a mode. Use \"warn\" (the child may still send after the warning) or \"block\" (the message is not sent). Kite used \"warn\".")),
                            },
                            Some(other) => self.wrong_type(&At::Text("guard.mode"), "text", other, r#""warn" or "block""#),
                            None => {}
                        }
                    }
                }
                "monitoring" => config.monitoring = self.monitors(value, path),
                "privacyNotice" => {
                    if let Some(members) = self.members(value, path, &names(schema::PRIVACY_NOTICE), r#"{ "url": "/privacy", "changes": "We no longer use …" }"#) {
                        for (key, value) in members {
                            let at = &At::Field(path, key);
                            match key.as_str() {
                                "url" => config.privacy_notice = self.web_address(value, at, "/privacy"),
                                "changes" => config.changes = self.local_text(value, at),
                                _ => {}
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        config
    }

    /// A lifetime in days: 1 to 395 (13 months, the longest the ICO accepts for a choice).
    fn days(&mut self, json: &Json, path: &At) -> Option<u32> {
        let n = self.whole_number(json, path, 1, "182")?;
        if n > 395 {
            self.error(path, || format!("{n} days is longer than 13 months, which the ICO treats as too long to keep a choice. Use 395 or fewer; Kite used {DEFAULT_MAX_AGE_DAYS}."));
            return None;
        }
        Some(n)
    }

    fn whole_number(&mut self, json: &Json, path: &At, min: u32, example: &str) -> Option<u32> {
        match json {
            Json::Number(n) if n.fract() == 0.0 && *n >= f64::from(min) && *n <= f64::from(u32::MAX) => Some(*n as u32),
            Json::Number(_) => {
                self.error(path, || format!("use a whole number of at least {min}, like {example}."));
                None
            }
            other => {
                self.wrong_type(path, "a whole number", other, example);
                None
            }
        }
    }

    fn flag(&mut self, json: &Json, path: &At, into: &mut bool) {
        match json {
            Json::Bool(b) => *into = *b,
            other => self.wrong_type(path, "true or false", other, "true"),
        }
    }

    fn audience(&mut self, json: &Json, config: &mut Config) {
        let path = &At::Text("audience");
        match json {
            Json::String(name) => match Audience::named(name) {
                Some(a) => config.audience = a,
                None => self.error(path, || format!("\"{name}\" is not an audience Kite knows. Use one of {}, or {{ \"minAge\": 11, \"maxAge\": 16 }}. Kite treats visitors as children until this is fixed.", quoted(Audience::NAMES))),
            },
            Json::Object(_) => {
                let Some(members) = self.members(json, path, &names(schema::AGE_RANGE), r#"{ "minAge": 11, "maxAge": 16 }"#) else { return };
                let mut audience = Audience::ALL_AGES;
                let mut ok = true;
                for (key, value) in members {
                    let at = &At::Field(path, key);
                    let slot = match key.as_str() {
                        "minAge" => &mut audience.min_age,
                        "maxAge" => &mut audience.max_age,
                        _ => continue,
                    };
                    match value {
                        Json::Number(n) if n.fract() == 0.0 && (0.0..=120.0).contains(n) => *slot = *n as u8,
                        other => {
                            ok = false;
                            self.error(at, || format!("expected an age in whole years, found {}. Write it like 11.", other.kind()));
                        }
                    }
                }
                if members.iter().all(|(k, _)| k != "minAge") {
                    ok = false;
                    self.error(path, || "needs \"minAge\", the youngest age the site is for. Kite treats visitors as children until it is set.");
                }
                if ok && audience.min_age > audience.max_age {
                    ok = false;
                    self.error(path, || format!("minAge {} is older than maxAge {}. Swap them.", audience.min_age, audience.max_age));
                }
                if ok {
                    config.audience = audience;
                }
            }
            other => self.wrong_type(path, "a name or an age range", other, r#""secondary" or { "minAge": 11, "maxAge": 16 }"#),
        }
    }

    fn cookie(&mut self, json: &Json, config: &mut Config) {
        let Some(members) = self.members(json, &At::Text("cookie"), &names(schema::COOKIE), r#"{ "name": "kite_consent" }"#) else { return };
        for (key, value) in members {
            let path = &At::Field(&At::Text("cookie"), key);
            match (key.as_str(), value) {
                ("name", Json::String(s)) if is_cookie_token(s) => config.cookie_name = s.clone(),
                ("name", Json::String(s)) => self.error(path, || format!("\"{s}\" can't be a cookie name: use letters, digits, \"-\" or \"_\", like \"kite_consent\".")),
                ("domain", Json::String(s)) if is_host(s.trim_start_matches('.')) => config.cookie_domain = Some(s.trim_start_matches('.').to_ascii_lowercase()),
                ("domain", Json::String(s)) => self.error(path, || format!("\"{s}\" is not a domain: write only the host, like \"school.sch.uk\".")),
                ("name" | "domain", other) => self.wrong_type(path, "text", other, r#""kite_consent""#),
                _ => {}
            }
        }
    }

    fn purposes(&mut self, json: &Json) -> Option<Vec<Purpose>> {
        let Json::Array(items) = json else {
            self.wrong_type(&At::Text("purposes"), "a list", json, r#"[ { "name": "analytics", "services": [ ... ] } ]"#);
            return None;
        };
        let mut purposes = vec![Purpose::built_in("necessary")];
        let mut seen: Vec<(String, usize)> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let path = &At::Item(&At::Text("purposes"), i);
            let Some(purpose) = self.purpose(item, path) else { continue };
            if let Some((_, first)) = seen.iter().find(|(n, _)| *n == purpose.name) {
                self.error(&At::Field(path, "name"), || format!("\"{}\" is already used by purposes[{first}]. Give each purpose a different name, or move these services into the first one.", purpose.name));
                continue;
            }
            seen.push((purpose.name.clone(), i));
            if let (PurposeKind::Necessary, Some(first)) = (purpose.kind, purposes.first_mut()) {
                *first = purpose;
            } else {
                purposes.push(purpose);
            }
        }
        Some(purposes)
    }

    fn purpose(&mut self, json: &Json, path: &At) -> Option<Purpose> {
        let members = self.members(json, path, &names(schema::PURPOSE), r#"{ "name": "analytics", "services": [] }"#)?;
        let name = self.name(json.get("name"), path, "analytics")?;
        let mut purpose = Purpose::built_in(&name);
        for (key, value) in members {
            let at = &At::Field(path, key);
            match key.as_str() {
                "label" => purpose.label = self.local_text(value, at),
                "description" => purpose.description = self.local_text(value, at),
                "sharing" => self.flag(value, at, &mut purpose.sharing),
                "consentMode" => {
                    if let Some(signals) = self.consent_signals(value, at) {
                        purpose.consent_mode = signals;
                    }
                }
                "services" => purpose.services = self.services(value, at),
                _ => {}
            }
        }
        if purpose.kind == PurposeKind::Custom && purpose.label.is_none() {
            self.error(&At::Field(path, "label"), || format!("a purpose Kite doesn't know (\"{name}\") needs a label people can read, like \"label\": \"Online homework\". Kite showed its name instead."));
        }
        if purpose.kind == PurposeKind::Necessary && purpose.consent_mode.iter().any(|s| s.is_advertising()) {
            self.error(&At::Field(path, "consentMode"), || "advertising signals can't be granted by the necessary purpose, which nobody can switch off. Move them to \"marketing\".");
            purpose.consent_mode.retain(|s| !s.is_advertising());
        }
        Some(purpose)
    }

    fn services(&mut self, json: &Json, path: &At) -> Vec<Service> {
        let Json::Array(items) = json else {
            self.wrong_type(path, "a list", json, r#"[ { "name": "stats", "cookies": ["_ga"] } ]"#);
            return Vec::new();
        };
        let mut services: Vec<Service> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let at = &At::Item(path, i);
            let Some(members) = self.members(item, at, &names(schema::SERVICE), r#"{ "name": "stats", "cookies": ["_ga"] }"#) else { continue };
            let Some(name) = self.name(item.get("name"), at, "stats") else { continue };
            if services.iter().any(|s| s.name == name) {
                self.error(&At::Field(at, "name"), || format!("\"{name}\" is listed twice in this purpose. Merge the two entries."));
                continue;
            }
            let mut service = Service { name, label: None, description: None, cookies: Vec::new(), domains: Vec::new(), storage: Vec::new() };
            for (key, value) in members {
                let field = &At::Field(at, key);
                match key.as_str() {
                    "label" => service.label = self.local_text(value, field),
                    "description" => service.description = self.local_text(value, field),
                    "cookies" => {
                        for (j, text) in self.strings(value, field, r#"["_ga", "_ga_*"]"#) {
                            match CookiePattern::parse(text) {
                                Ok(p) => service.cookies.push(p),
                                Err(why) => self.error(&At::Item(field, j), || why),
                            }
                        }
                    }
                    "storage" => {
                        let example = r#"{ "localStorage": ["stats_*"], "indexedDB": ["stats-db"] }"#;
                        let Some(kinds) = self.members(value, field, &StorageKind::ALL.map(|k| k.field()), example) else { continue };
                        for (kind_name, list) in kinds {
                            let Some(kind) = StorageKind::ALL.into_iter().find(|k| k.field() == kind_name) else { continue };
                            let at = &At::Field(field, kind_name);
                            for (j, text) in self.strings(list, at, r#"["stats_id", "stats_*"]"#) {
                                match CookiePattern::parse_storage(text) {
                                    Ok(p) => service.storage.push((kind, p)),
                                    Err(why) => self.error(&At::Item(at, j), || why),
                                }
                            }
                        }
                    }
                    "domains" => {
                        for (j, text) in self.strings(value, field, r#"["stats.example"]"#) {
                            let host = text.trim().trim_end_matches('.').to_ascii_lowercase();
                            if is_host(&host) {
                                service.domains.push(host);
                            } else {
                                self.error(&At::Item(field, j), || {
                                    let fix = host_of(&host).map(|h| format!(" Write only the host: \"{h}\".")).unwrap_or_else(|| " Write only the host, like \"stats.example\".".to_string());
                                    format!("\"{text}\" is not a domain.{fix}")
                                });
                            }
                        }
                    }
                    _ => {}
                }
            }
            services.push(service);
        }
        services
    }

    fn links(&mut self, json: &Json) -> LinkRules {
        let mut rules = LinkRules::default();
        let Some(members) = self.members(json, &At::Text("links"), &names(schema::LINKS), r#"{ "trusted": ["bbc.co.uk"] }"#) else { return rules };
        for (key, value) in members {
            let path = &At::Field(&At::Text("links"), key);
            match key.as_str() {
                "ownHosts" => rules.own_hosts = self.sites(value, path, "learning.example"),
                "trusted" => rules.trusted = self.sites(value, path, "bbc.co.uk"),
                "newTab" => self.flag(value, path, &mut rules.new_tab),
                "guardWindowOpen" => self.flag(value, path, &mut rules.guard_window_open),
                "dontAskAgain" => self.flag(value, path, &mut rules.dont_ask_again),
                "stripParameters" => {
                    for (i, name) in self.strings(value, path, r#"["ref"]"#) {
                        let name = name.trim();
                        if name.is_empty() || name == "*" || name.contains(['=', '&', '#', '?', ' ']) {
                            self.error(&At::Item(path, i), || format!("\"{name}\" is not a parameter name. Write the name only, like \"ref\", or a prefix ending in *, like \"pk_*\"."));
                        } else {
                            rules.strip.push(name.to_string());
                        }
                    }
                }
                _ => {}
            }
        }
        rules
    }

    fn notices(&mut self, json: &Json) -> NoticeRules {
        let mut rules = NoticeRules::default();
        let Some(members) = self.members(json, &At::Text("notices"), &names(schema::NOTICES), r#"{ "everyTime": false, "custom": { … } }"#) else { return rules };
        for (key, value) in members {
            let path = &At::Field(&At::Text("notices"), key);
            match key.as_str() {
                "everyTime" => self.flag(value, path, &mut rules.every_time),
                "custom" => {
                    let example = r#"{ "homework": { "title": "Sending your homework", "text": "Your teacher will see it." } }"#;
                    let Json::Object(entries) = value else {
                        self.wrong_type(path, "an object of notices by name", value, example);
                        continue;
                    };
                    for (name, notice) in entries {
                        let at = &At::Field(path, name);
                        if !is_name(name) {
                            self.error(at, || format!("\"{name}\" can't be used as a notice name: use lower-case letters, digits, \"-\" or \"_\", like \"{}\". Kite left this notice out.", slug(name)));
                            continue;
                        }
                        let Some(fields) = self.members(notice, at, &names(schema::CUSTOM_NOTICE), example) else { continue };
                        let (mut title, mut text, mut picture) = (None, None, None);
                        for (field, value) in fields {
                            let at = &At::Field(at, field);
                            match field.as_str() {
                                "title" => title = self.local_text(value, at),
                                "text" => text = self.local_text(value, at),
                                "picture" => match value {
                                    Json::String(p) => match BUILT_IN_NOTICES.iter().find(|n| **n == p.as_str()) {
                                        Some(n) => picture = Some(*n),
                                        None => self.error(at, || format!("Kite has no picture called \"{p}\". Use a built-in notice's name: {}.", quoted(BUILT_IN_NOTICES))),
                                    },
                                    other => self.wrong_type(at, "text", other, r#""photo-upload""#),
                                },
                                _ => {}
                            }
                        }
                        match (title, text) {
                            (Some(title), Some(text)) => rules.custom.push(CustomNotice { name: name.clone(), title, text, picture }),
                            _ => self.error(at, || "needs a \"title\" and a \"text\" (at most three short sentences: what happens to the information, who sees it, and for how long). Kite left this notice out, so elements that name it go ahead without one."),
                        }
                    }
                }
                _ => {}
            }
        }
        rules
    }

    fn rights(&mut self, json: &Json) -> RightsRules {
        let mut rules = RightsRules::default();
        let Some(members) = self.members(json, &At::Text("rights"), &names(schema::RIGHTS), r#"{ "email": "dpo@school.sch.uk" }"#) else { return rules };
        for (key, value) in members {
            let path = &At::Field(&At::Text("rights"), key);
            match key.as_str() {
                "email" | "url" => {
                    if let Some(contact) = self.contact(key, value, path) {
                        if rules.contact.is_some() {
                            self.error(&At::Text("rights"), || "has both \"email\" and \"url\". Keep one; Kite used the first. A route can have its own under \"routes\".");
                        } else {
                            rules.contact = Some(contact);
                        }
                    }
                }
                "routes" => {
                    let codes: Vec<&str> = Route::ALL.iter().map(|r| r.code()).collect();
                    let Some(routes) = self.members(value, path, &codes, r#"{ "worry": { "url": "https://school.sch.uk/worried" } }"#) else { continue };
                    for (name, contact) in routes {
                        let Some(route) = Route::from_code(name) else { continue };
                        let at = &At::Field(path, name);
                        let Some(fields) = self.members(contact, at, &names(schema::CONTACT), r#"{ "email": "dpo@school.sch.uk" }"#) else { continue };
                        if let Some(contact) = fields.iter().find_map(|(k, v)| self.contact(k, v, &At::Field(at, k))) {
                            rules.routes.push((route, contact));
                        }
                    }
                }
                "help" => {
                    let Json::Array(items) = value else {
                        self.wrong_type(path, "a list", value, r#"["ceop", "childline"]"#);
                        continue;
                    };
                    rules.help.clear();
                    for (i, item) in items.iter().enumerate() {
                        let at = &At::Item(path, i);
                        match item {
                            Json::String(name) => match Help::named(name) {
                                Some(help) => rules.help.push(help),
                                None => self.error(at, || format!("Kite doesn't know a help service called \"{name}\". Use {}, or {{ \"label\": \"…\", \"url\": \"https://…\" }}.", quoted(Help::NAMES))),
                            },
                            Json::Object(_) => {
                                let Some(fields) = self.members(item, at, &names(schema::HELP), r#"{ "label": "Kooth", "url": "https://www.kooth.com/" }"#) else { continue };
                                let label = fields.iter().find(|(k, _)| k == "label").and_then(|(_, v)| self.local_text(v, &At::Field(at, "label")));
                                let url = fields.iter().find(|(k, _)| k == "url").and_then(|(_, v)| self.web_address(v, &At::Field(at, "url"), "https://www.kooth.com/"));
                                let both = ["label", "url"].iter().all(|key| fields.iter().any(|(k, _)| k == key));
                                match (label, url) {
                                    (Some(label), Some(url)) => rules.help.push(Help::Custom { label, url }),
                                    // A field that is there but wrong has its own message already.
                                    _ if both => {}
                                    _ => self.error(at, || "needs a \"label\" and a \"url\". Kite left it out."),
                                }
                            }
                            other => self.wrong_type(at, "a name or { \"label\", \"url\" }", other, r#""childline""#),
                        }
                    }
                }
                _ => {}
            }
        }
        rules
    }

    /// An email address (`key` is `email`) or a web page (`url`) a child's request goes to.
    fn contact(&mut self, key: &str, json: &Json, path: &At) -> Option<Contact> {
        if key == "url" {
            return self.web_address(json, path, "https://school.sch.uk/data-request").map(Contact::Page);
        }
        match json {
            Json::String(s) if is_email(s.trim()) => Some(Contact::Email(s.trim().to_string())),
            Json::String(s) => {
                self.error(path, || format!("\"{s}\" is not an email address. Write only the address, like \"dpo@school.sch.uk\"."));
                None
            }
            other => {
                self.wrong_type(path, "text", other, r#""dpo@school.sch.uk""#);
                None
            }
        }
    }

    /// A web address a child is sent to: `https://…`, or a path on this site (`/privacy`).
    fn web_address(&mut self, json: &Json, path: &At, example: &str) -> Option<String> {
        let Json::String(s) = json else {
            self.wrong_type(path, "text", json, &format!("\"{example}\""));
            return None;
        };
        let text = s.trim();
        let absolute = ["https://", "http://"].iter().any(|p| text.len() > p.len() && text.get(..p.len()).is_some_and(|start| start.eq_ignore_ascii_case(p)));
        let local = text.starts_with('/') && !text.starts_with("//");
        if (absolute || local) && !text.chars().any(|c| c.is_whitespace() || c.is_control()) {
            Some(text.to_string())
        } else {
            self.error(path, || format!("\"{s}\" is not a web address Kite can send a child to. Write a full address starting with https://, or a path on this site starting with /, like \"{example}\"."));
            None
        }
    }

    /// Hosts or domains for `links.ownHosts` and `links.trusted`. A public suffix (`co.uk`,
    /// `lancs.sch.uk`, `github.io`) is refused: it would cover every site under it.
    fn sites(&mut self, json: &Json, path: &At, example: &str) -> Vec<String> {
        let mut out = Vec::new();
        for (i, text) in self.strings(json, path, &format!("[\"{example}\"]")) {
            let host = text.trim().trim_start_matches('.').trim_end_matches('.').to_ascii_lowercase();
            let at = &At::Item(path, i);
            if !is_host(&host) || !host.contains('.') {
                self.error(at, || {
                    let fix = host_of(&host).filter(|h| h.contains('.')).map(|h| format!("Write only the host: \"{h}\".")).unwrap_or_else(|| format!("Write only the host, like \"{example}\"."));
                    format!("\"{text}\" is not a site. {fix}")
                });
            } else if is_public_suffix(&host) {
                self.error(at, || format!("\"{host}\" is shared by many separate sites, so it would cover every one of them. Name the site itself, like \"{example}\"."));
            } else {
                out.push(host);
            }
        }
        out
    }

    fn name(&mut self, json: Option<&Json>, path: &At, example: &str) -> Option<String> {
        let at = &At::Field(path, "name");
        match json {
            None => {
                self.error(path, || format!("needs a \"name\", like \"name\": \"{example}\". Kite left this entry out, so markup that uses it stays blocked."));
                None
            }
            Some(Json::String(s)) if is_name(s) => Some(s.clone()),
            Some(Json::String(s)) => {
                self.error(at, || format!("\"{s}\" can't be used as a name: use lower-case letters, digits, \"-\" or \"_\", like \"{}\". Kite left this entry out.", slug(s)));
                None
            }
            Some(other) => {
                self.wrong_type(at, "text", other, &format!("\"{example}\""));
                None
            }
        }
    }

    fn monitors(&mut self, json: &Json, path: &At) -> Vec<Monitor> {
        let example = r#"[{ by: "teacher", what: "work and messages" }]"#;
        let items = match json {
            Json::Array(items) => items.as_slice(),
            Json::Object(_) => std::slice::from_ref(json),
            other => {
                self.error(path, || format!("expected a list of who can see what, found {}. Write it like {example}.", other.kind()));
                return Vec::new();
            }
        };
        let mut out: Vec<Monitor> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let at = &At::Item(path, i);
            let by = match item.get("by") {
                Some(Json::String(code)) => {
                    let by = Watcher::from_code(code);
                    if by.is_none() {
                        self.error(&At::Field(at, "by"), || format!("\"{code}\" is not someone Kite can name. Use \"parent\", \"teacher\" or \"school\"."));
                    }
                    by
                }
                _ => {
                    self.error(&At::Field(at, "by"), || "needs who can see: \"parent\", \"teacher\" or \"school\".");
                    None
                }
            };
            let what = match item.get("what") {
                Some(text) => self.local_text(text, &At::Field(at, "what")),
                None => {
                    self.error(&At::Field(at, "what"), || "needs what they can see, in a child's words after \"your\": \"work\", \"progress\", \"messages\".");
                    None
                }
            };
            if let (Some(by), Some(what)) = (by, what) {
                if !out.iter().any(|m| m.by == by && m.what == what) {
                    out.push(Monitor { by, what });
                }
            }
        }
        out
    }

    fn local_text(&mut self, json: &Json, path: &At) -> Option<LocalText> {
        match json {
            Json::String(s) if !s.trim().is_empty() => Some(LocalText { en: s.clone(), cy: None }),
            Json::Object(_) => {
                let members = self.members(json, path, &["en-GB", "cy"], r#"{ "en-GB": "Counting visits", "cy": "Cyfrif ymweliadau" }"#)?;
                let mut text = LocalText { en: String::new(), cy: None };
                for (key, value) in members {
                    let at = &At::Field(path, key);
                    match (key.as_str(), value) {
                        ("en-GB", Json::String(s)) => text.en = s.clone(),
                        ("cy", Json::String(s)) => text.cy = Some(s.clone()),
                        (_, other) => self.wrong_type(at, "text", other, r#""Counting visits""#),
                    }
                }
                if text.en.is_empty() {
                    self.error(path, || "needs English text under \"en-GB\"; it is shown when no other language fits.");
                    return None;
                }
                Some(text)
            }
            other => {
                self.wrong_type(path, "text", other, r#""Counting visits" or { "en-GB": "…", "cy": "…" }"#);
                None
            }
        }
    }

    fn strings<'a>(&mut self, json: &'a Json, path: &At, example: &str) -> Vec<(usize, &'a str)> {
        match json {
            Json::Array(items) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| match item {
                    Json::String(s) => Some((i, s.as_str())),
                    other => {
                        self.wrong_type(&At::Item(path, i), "text", other, "\"_ga\"");
                        None
                    }
                })
                .collect(),
            Json::String(s) => {
                self.error(path, || format!("expected a list, found text. Put it in square brackets: [\"{s}\"]."));
                Vec::new()
            }
            other => {
                self.wrong_type(path, "a list", other, example);
                Vec::new()
            }
        }
    }

    fn consent_signals(&mut self, json: &Json, path: &At) -> Option<Vec<ConsentSignal>> {
        let names = self.strings(json, path, r#"["analytics_storage"]"#);
        let mut signals = Vec::new();
        for (i, name) in names {
            match ConsentSignal::from_name(name) {
                Some(s) => signals.push(s),
                None => self.error(&At::Item(path, i), || format!("\"{name}\" is not a Google Consent Mode signal. Use one of {}.", quoted(&ConsentSignal::ALL.map(|s| s.name())))),
            }
        }
        Some(signals)
    }

    fn text(&mut self, json: &Json) -> Vec<(Lang, String, String)> {
        let mut out = Vec::new();
        let Some(members) = self.members(json, &At::Text("text"), &["en-GB", "cy"], r#"{ "en-GB": { "banner.title": "Cookies at Oakfield" } }"#) else { return out };
        for (tag, messages) in members {
            let Some(lang) = Lang::from_tag(tag) else { continue };
            let path = &At::Field(&At::Text("text"), tag);
            let Json::Object(entries) = messages else {
                self.wrong_type(path, "an object of messages", messages, r#"{ "banner.title": "Cookies at Oakfield" }"#);
                continue;
            };
            for (key, value) in entries {
                let at = &At::Key(path, key);
                if !locale::is_message(key) {
                    self.error(at, || {
                        let hint = match closest(key, &locale::message_keys()) {
                            Some(near) => format!("Did you mean \"{near}\"?"),
                            None => "The README's config reference lists every message.".to_string(),
                        };
                        format!("Kite has no message called \"{key}\". {hint}")
                    });
                    continue;
                }
                match value {
                    Json::String(s) if !s.trim().is_empty() => out.push((lang, key.clone(), s.clone())),
                    Json::String(_) => self.error(at, || "is empty. Write the words, or leave the message out to keep Kite's own."),
                    other => self.wrong_type(at, "text", other, "\"Cookies at Oakfield\""),
                }
            }
        }
        out
    }
}

fn quoted(names: &[&str]) -> String {
    names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
}

/// Names in markup and the API: 1 to 32 lower-case letters, digits, `-` or `_`.
pub fn is_name(s: &str) -> bool {
    (1..=32).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.trim().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() { "my-purpose".to_string() } else { out.chars().take(32).collect() }
}

fn is_cookie_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn is_host(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 253
        && s.split('.').all(|label| !label.is_empty() && label.len() <= 63 && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
}

/// The host inside something an admin may have pasted instead of a host (`https://x.example/tag.js`).
fn host_of(s: &str) -> Option<&str> {
    let rest = s.split_once("://").map(|(_, r)| r).unwrap_or(s);
    let host = rest.split(['/', '?', '#', ':']).next()?;
    is_host(host).then_some(host)
}

/// The known word nearest to `word` (edit distance at most 2, ignoring case), for "did you mean".
pub fn closest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    let word = word.to_ascii_lowercase();
    known
        .iter()
        .map(|k| (edit_distance(&word, &k.to_ascii_lowercase()), *k))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Levenshtein distance, one row at a time: `row[j]` is the distance from the part of `a`
/// read so far to the first `j` characters of `b`.
fn edit_distance(a: &str, b: &str) -> usize {
    let mut row: Vec<usize> = (0..=b.chars().count()).collect();
    for (i, ca) in a.chars().enumerate() {
        // The cell diagonally up-left, and the cell to the left in the new row.
        let (mut diagonal, mut left) = (i, i + 1);
        for (cb, cell) in b.chars().zip(row.iter_mut().skip(1)) {
            let next = (diagonal + usize::from(ca != cb)).min(left + 1).min(*cell + 1);
            diagonal = *cell;
            *cell = next;
            left = next;
        }
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
    }
    row.last().copied().unwrap_or(0)
}
