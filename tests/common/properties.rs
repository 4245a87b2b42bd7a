//! What every parser a page or a config can reach must keep, for any input at all. The
//! property tests (`tests/properties.rs`, a short fixed-seed run in `make test`) and the fuzz
//! targets (`tests/fuzz`, `make fuzz`, long runs) call these same functions, so a property
//! is written once. Each panics when its property does not hold; none may panic otherwise.

#![allow(dead_code)]

use kite::policy::age::AgeBand;
use kite::policy::config::{Config, PurposeKind};
use kite::policy::consent::{Consent, Environment, RecordStore};
use kite::policy::contact;
use kite::policy::json::Json;
use kite::policy::links::{self, Decision, LinkRules, Pass};
use kite::policy::locale::{self, Lang};
use kite::policy::schema::{self, Ty};
use kite::policy::marker::Marker;
use kite::policy::receipt::{self, Receipt};
use kite::policy::record::{ConsentRecord, DecidedBy};
use kite::policy::rights::{self, Contact};
use kite::policy::view::{self, ConsentView, Words};

/// A store holding whatever text the browser had under Kite's cookie.
pub struct Stored(pub Option<String>);

impl RecordStore for Stored {
    fn load(&self) -> Option<String> {
        self.0.clone()
    }
    fn save(&self, _: &str, _: Option<u32>) {}
    fn clear(&self) {}
}

// The fixed clock the other native tests use (September 2026).
#[path = "mod.rs"]
mod common;
pub use common::Now;

/// A config with a purpose, services and a necessary one, as a school would write it.
pub fn school_config() -> Config {
    let text = r#"{ "audience": "sixth-form", "purposes": [
        { "name": "necessary", "services": [ { "name": "session" } ] },
        { "name": "analytics", "services": [ { "name": "stats", "cookies": ["_ga", "_ga_*"] }, { "name": "heatmap" } ] },
        { "name": "functional", "services": [ { "name": "video" } ] },
        { "name": "marketing" } ] }"#;
    let (config, errors) = Config::from_json(&Json::parse(text).expect("the sample config is JSON"));
    assert!(errors.is_empty(), "{errors:?}");
    config
}

/// The config checker, on any text: if it is JSON, [`config_tree`] holds for it.
pub fn config_text(text: &str) {
    if let Ok(json) = Json::parse(text) {
        config_tree(&json);
    }
}

/// The config checker, on any JSON tree: it returns a usable config with the safe defaults.
/// The verdict (the browser's first paint) agrees with the worded check; a page opening
/// with it and no stored choice allows nothing optional and asks; every panel, notice and
/// sign it words (with the config's own wording and custom notices) can be built in both
/// languages and every age band; its cookie name and domain cannot break a cookie header.
pub fn config_tree(json: &Json) {
    let (config, errors) = Config::from_json(json);
    let (verdict, count) = Config::verdict(json);
    assert_eq!(verdict, config, "the verdict keeps the same config as the worded check");
    assert_eq!(count, errors.len(), "the verdict counts every mistake the check words");
    for error in &errors {
        assert!(!error.message.is_empty(), "every mistake has words: {error:?}");
    }
    assert!(config.purposes.iter().any(|p| p.kind == PurposeKind::Necessary), "there is always a necessary purpose");
    assert!(
        !config.cookie_name.is_empty() && config.cookie_name.bytes().all(|b| b.is_ascii_graphic() && !b"()<>@,;:\\\"/[]?={}".contains(&b)),
        "the cookie name is a cookie token: {:?}",
        config.cookie_name
    );
    if let Some(domain) = &config.cookie_domain {
        assert!(domain.bytes().all(|b| b.is_ascii_alphanumeric() || b"-.".contains(&b)), "the cookie domain is a host: {domain:?}");
    }

    let consent = Consent::open(config.clone(), Stored(None), Now, Environment::default());
    assert!(consent.record().is_none());
    assert!(!consent.table().allows_anything(), "nothing optional before a choice");
    for purpose in config.optional_purposes() {
        assert!(!consent.allows(&purpose.name, None), "{} is off before a choice", purpose.name);
        for service in &purpose.services {
            assert!(!consent.allows(&purpose.name, Some(&service.name)));
        }
    }

    for lang in [Lang::EnGb, Lang::Cy] {
        let view = ConsentView::of(&consent, lang);
        assert!(view.banner().is_some(), "someone is asked before any choice");
        let _ = view.preferences();
        let _ = receipt::wording(&view, config.revision);
        for band in AgeBand::ALL {
            let words = Words::new(&config, lang, band);
            for name in config.notices.names() {
                assert!(view::notice(&words, &config, name).is_some(), "the notice {name:?} can be shown");
            }
            let _ = view::rights_list(&words, &config);
            let _ = view::policy_change(&words, &config);
            let _ = view::monitoring(&words, &config, &config.monitoring);
        }
    }
}

/// The stored consent record, on any cookie text: a record that does not read counts as no
/// choice (nothing optional allowed); one that reads writes back the same.
pub fn record(text: &str) {
    let decoded = ConsentRecord::decode(text);
    if let Some(record) = &decoded {
        assert_eq!(ConsentRecord::decode(&record.encode()).as_ref(), Some(record), "a record reads back as written");
    }
    let consent = Consent::open(school_config(), Stored(Some(text.to_string())), Now, Environment::default());
    if decoded.is_none() {
        assert!(consent.record().is_none(), "unreadable text is no choice");
        assert!(!consent.table().allows_anything(), "unreadable text allows nothing");
    }
    if let Some(kept) = consent.record() {
        assert_eq!(Some(kept), decoded.as_ref(), "only the record the text says is kept");
    }
}

/// `data-kite` marks, on any text: a mark either names a purpose (and service) the config has,
/// or is refused with words.
pub fn mark(text: &str) {
    let config = school_config();
    match Marker::parse(text, &config) {
        Ok(marker) => {
            let purpose = config.purpose(&marker.purpose).expect("a mark Kite accepts names a purpose of the config");
            if let Some(service) = &marker.service {
                assert!(purpose.service(service).is_some(), "and a service of that purpose");
            }
        }
        Err(message) => assert!(message.contains("stays blocked"), "{message}"),
    }
}

/// Hosts a page can be on, and the rules a school might set.
const PAGES: &[&str] = &["www.oakfield.sch.uk", "oakfield.sch.uk", "dashboard.oakfield.example", "127.0.0.1", "localhost"];

fn rules() -> LinkRules {
    LinkRules { own_hosts: vec!["learn.oakfield-vle.example".into()], trusted: vec!["bbc.co.uk".into(), ".gov.uk.".into()], ..LinkRules::default() }
}

/// True when `host` is `entry` or under it.
fn under(host: &str, entry: &str) -> bool {
    let entry = entry.trim_matches('.');
    host == entry || host.strip_suffix(entry).is_some_and(|sub| sub.ends_with('.'))
}

/// A link decision, on any text written in an `href`, checked against the WHATWG URL parser
/// (the `url` crate, as browsers read links). Kite decides on the address as the browser
/// serialises it (`a.href`); a link it lets through to a website goes to the page's own site,
/// an own host or a trusted site, and nowhere else.
pub fn link(raw: &str, page: usize) {
    let page_host = PAGES.get(page % PAGES.len()).copied().unwrap_or("localhost");
    let rules = rules();
    // Kite never panics on text that is not a serialised address either.
    let _ = links::decide(raw, page_host, &rules);
    let Ok(base) = url::Url::parse(&format!("https://{page_host}/news/item.html")) else { return };
    let Ok(to) = base.join(raw) else { return };
    let decision = links::decide(to.as_str(), page_host, &rules);
    let web = matches!(to.scheme(), "http" | "https" | "ftp" | "ws" | "wss");
    match decision {
        Decision::Go(Pass::NotAWebsite) => assert!(!web, "{raw:?} → {to} is a website, not 'not a website'"),
        Decision::Go(pass) => {
            assert!(web, "{raw:?} → {to}: {pass:?} for a scheme that is not the web");
            let host = to.host_str().unwrap_or("").trim_end_matches('.').to_ascii_lowercase();
            let own = links::same_site(&host, page_host) || rules.own_hosts.iter().any(|h| under(&host, h));
            let trusted = rules.trusted.iter().any(|h| under(&host, h));
            assert!(own || trusted, "{raw:?} → {to} (host {host:?}) went without asking from {page_host}: {pass:?}");
        }
        Decision::Ask { url, .. } => {
            // What "Continue" opens is the same site, without tracking parameters.
            let next = url::Url::parse(&url).unwrap_or_else(|e| panic!("{raw:?} → {to}: Continue opens {url:?}, which is not an address: {e}"));
            assert_eq!(next.host_str(), to.host_str(), "{raw:?}: Continue goes where the link pointed");
        }
        Decision::Refuse(_) => {}
    }
}

/// A rights request's `mailto:`, for any address a config may give and any words: an address
/// Kite accepts cannot add a header or a recipient, and the subject and body reach the mail
/// program exactly, as the only two fields.
pub fn mailto(address: &str, subject: &str, body: &str) {
    if !rights::is_email(address) {
        return;
    }
    assert!(
        !address.chars().any(|c| c.is_whitespace() || c.is_control() || "?&%,;<>\"".contains(c)),
        "{address:?} is accepted as an email address but could change the link"
    );
    let href = rights::href(&Contact::Email(address.to_string()), subject, body);
    assert!(!href.chars().any(|c| c.is_whitespace() || c.is_control()), "{href:?}");
    let parsed = url::Url::parse(&href).unwrap_or_else(|e| panic!("{href:?} is not an address: {e}"));
    assert_eq!(parsed.scheme(), "mailto");
    let fields: Vec<(String, String)> = parsed.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    assert_eq!(fields, [("subject".to_string(), subject.to_string()), ("body".to_string(), body.to_string())], "{href}");
}

/// The contact-details detector, on any message: it answers, naming each kind once.
pub fn detector(message: &str) {
    let found = contact::find(message);
    let mut kinds = found.clone();
    kinds.dedup();
    assert_eq!(kinds, found, "each kind once");
}

/// The receipt, for any time, offset and random bytes: a number in four groups of Crockford
/// base-32, a date, and JSON that reads back.
pub fn receipt(time: u64, offset_minutes: i64, random: [u8; 10]) {
    let number = receipt::number(&random);
    assert_eq!(number.len(), 19, "{number}");
    assert!(number.split('-').all(|g| g.len() == 4 && g.bytes().all(|b| b"0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains(&b))), "{number}");
    let config = school_config();
    // A browser's offset is within a day of UTC; anything else is a browser Kite does not know.
    let offset = offset_minutes.clamp(-24 * 60, 24 * 60);
    for lang in [Lang::EnGb, Lang::Cy] {
        let words = Words::new(&config, lang, AgeBand::Adult);
        let line = receipt::chosen_on(&words, time, offset, &number);
        assert!(line.contains(&number), "{line}");
    }
    let iso = receipt::iso_time(time);
    assert!(iso.ends_with('Z') && iso.contains('T'), "{iso}");
    let receipt = Receipt {
        number,
        time,
        revision: 1,
        wording: "0".repeat(64),
        by: DecidedBy::Guardian,
        lang: Lang::Cy,
        band: AgeBand::Under6,
        choices: vec![("analytics".into(), Some("stats\"\\\u{1}".into()), true)],
    };
    let json: serde_json::Value = serde_json::from_str(&receipt.to_json()).unwrap_or_else(|e| panic!("{}: {e}", receipt.to_json()));
    assert_eq!(json["receipt"], receipt.number.as_str());
    assert_eq!(json["time"], iso.as_str());
}

// ---- configs from bytes -------------------------------------------------------------------

/// Decisions read from bytes: a fuzzer's input or a property test's, so both explore the
/// same shapes and a failing input shrinks byte by byte. Past the end every byte is 0, which
/// always picks the smallest choice, so building always ends.
pub struct Bytes<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Bytes<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Bytes { data, at: 0 }
    }

    fn byte(&mut self) -> u8 {
        let b = self.data.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        b
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { usize::from(self.byte()) % n }
    }

    fn flip(&mut self) -> bool {
        self.byte() & 1 == 1
    }

    fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    fn pick<T: Copy>(&mut self, from: &[T], or: T) -> T {
        let i = self.below(from.len());
        from.get(i).copied().unwrap_or(or)
    }
}

/// Text a school admin, a CMS or someone hostile might put in a config.
const TEXTS: &[&str] = &[
    "", " ", "analytics", "stats", "functional", "necessary", "marketing", "video", "https://www.bbc.co.uk/bitesize", "http:/é", "https:ü", "HTTPS://Ŵ.example/",
    "/privacy", "//evil.example/x", "javascript:alert(1)", "data:text/html,<b>", "head@oakfield.sch.uk", "a@b.co?cc=x@evil.example", "dpo@school.sch.uk%0d%0abcc:x@evil.example",
    "dpo@school.sch.uk\r\nbcc: x@evil.example", "_ga_*", "*", "é", "ŵŷ", "<img src=x onerror=alert(1)>", "{what}", "{", "}", "{day} {month}", "co.uk", "sch.uk",
    "xn--bcher-kva.example", "\u{0}", "\u{202e}gnp.exe", "🙂", "primary", "secondary", "sixth-form", "adults", "teacher", "parent", "school", "childline", "ceop",
    "see", "fix", "delete", "stop", "worry", "warn", "block", "en-GB", "cy", "auto", "localStorage", "indexedDB", "camera", "location", "a b", "ŵ/é", "1e309",
];

fn text(src: &mut Bytes) -> String {
    match src.below(8) {
        // Made up from a small alphabet with characters of one to four bytes.
        7 => (0..src.below(12)).map(|_| src.pick(&['a', 'Z', '_', '-', '.', '/', '@', '*', ' ', 'é', 'ŵ', '€', '🙂', '\u{301}', ':', '%'], 'a')).collect(),
        6 => "ŵ".repeat(src.below(200) * 5),
        _ => src.pick(TEXTS, "").to_string(),
    }
}

fn number(src: &mut Bytes, min: u32, max: u32) -> f64 {
    let choices = [f64::from(min), f64::from(max), f64::from(min) - 1.0, f64::from(max) + 1.0, 0.0, -1.0, 1.5, 1e308, -0.0, f64::NAN, f64::INFINITY, 4_294_967_296.0, 13.0, 400.0];
    src.pick(&choices, 0.0)
}

/// Any JSON at all, up to `depth` levels.
fn wild(src: &mut Bytes, depth: usize) -> Json {
    match src.below(if depth == 0 { 4 } else { 6 }) {
        0 => Json::Null,
        1 => Json::Bool(src.flip()),
        2 => Json::Number(number(src, 0, 10)),
        3 => Json::String(text(src)),
        4 => Json::Array((0..src.below(4)).map(|_| wild(src, depth - 1)).collect()),
        _ => Json::Object((0..src.below(4)).map(|_| (text(src), wild(src, depth - 1))).collect()),
    }
}

/// A value shaped like `ty`, mostly: one time in eight anything at all, and objects with a
/// misspelt field now and then, so every branch of the checker is reached.
fn shaped(src: &mut Bytes, ty: &Ty, depth: usize) -> Json {
    if depth == 0 || src.below(8) == 7 {
        return wild(src, depth.min(2));
    }
    let d = depth - 1;
    match ty {
        Ty::Bool => Json::Bool(src.flip()),
        Ty::Whole(min, max) => Json::Number(number(src, *min, *max)),
        Ty::Text | Ty::Address | Ty::Email | Ty::Name | Ty::Host | Ty::CookieName | Ty::Pattern => Json::String(text(src)),
        Ty::OneOf(words) => {
            let words = words();
            Json::String(if src.one_in(4) { text(src) } else { src.pick(&words, "").to_string() })
        }
        Ty::Local => match src.below(3) {
            0 => Json::Object(vec![("en-GB".into(), Json::String(text(src))), ("cy".into(), Json::String(text(src)))]),
            _ => Json::String(text(src)),
        },
        Ty::List(item) => Json::Array((0..src.below(5)).map(|_| shaped(src, item, d)).collect()),
        Ty::Object(fields) => {
            let mut members = Vec::new();
            for field in fields.iter() {
                if src.flip() || field.required && !src.one_in(4) {
                    members.push((field.name.to_string(), shaped(src, &field.ty, d)));
                }
            }
            if src.below(6) == 5 {
                let misspelt = format!("{}s", src.pick(&schema::names(fields), "x"));
                members.push((misspelt, wild(src, 1)));
            }
            Json::Object(members)
        }
        Ty::Keys(keys, value) => {
            let keys = keys();
            Json::Object((0..src.below(4)).map(|_| (if src.one_in(5) { text(src) } else { src.pick(&keys, "").to_string() }, shaped(src, value, d))).collect())
        }
        Ty::Named(value) => Json::Object((0..src.below(4)).map(|_| (text(src), shaped(src, value, d))).collect()),
        Ty::Messages => {
            let keys = locale::message_keys();
            Json::Object((0..src.below(6)).map(|_| (src.pick(&keys, "banner.title").to_string(), Json::String(text(src)))).collect())
        }
        Ty::Either(options) => {
            let i = src.below(options.len());
            options.get(i).map_or(Json::Null, |ty| shaped(src, ty, d))
        }
    }
}

/// A config built from `bytes`, shaped like Kite's schema (see [`shaped`]).
pub fn config_from_bytes(bytes: &[u8]) -> Json {
    shaped(&mut Bytes::new(bytes), &Ty::Object(schema::TOP), 8)
}

/// [`receipt`] from a fuzzer's bytes: eight for the time, eight for the offset, ten random.
pub fn receipt_from_bytes(bytes: &[u8]) {
    let mut src = Bytes::new(bytes);
    let time = u64::from_le_bytes(std::array::from_fn(|_| src.byte()));
    let offset = i64::from_le_bytes(std::array::from_fn(|_| src.byte()));
    receipt(time, offset, std::array::from_fn(|_| src.byte()));
}
