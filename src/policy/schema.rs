//! The config's shape, declared once: every field, its type, its default and what it is for.
//!
//! The checker in [`super::config`] takes its known fields from here (so "unknown field" and
//! "did you mean" can never disagree with the schema), and [`json_schema`] turns the same tree
//! into the JSON Schema shipped in the npm package (`kite.schema.json`), which editors use to
//! autocomplete and validate a `kite.json`. The docs site's config reference is generated from
//! that file. Descriptions and examples exist only in native builds: the browser's copy of the
//! tree holds names and types alone.

use super::age::Audience;
use super::consent_mode::ConsentSignal;
use super::contact::GuardMode;
use super::cookies::StorageKind;
use super::indicators::Watcher;
use super::notices::BUILT_IN as BUILT_IN_NOTICES;
use super::rights::{Help, Route};

/// Words for the schema that only native builds keep (descriptions, defaults, examples).
macro_rules! doc {
    ($text:expr) => {{
        #[cfg(not(target_arch = "wasm32"))]
        let text: &'static str = $text;
        #[cfg(target_arch = "wasm32")]
        let text: &'static str = "";
        text
    }};
}

/// One field of an object in the config.
pub struct Field {
    /// Its name in the JSON.
    pub name: &'static str,
    /// What it holds.
    pub ty: Ty,
    /// The config is incomplete without it (an entry missing it is left out).
    pub required: bool,
    /// What it is for, in a sentence or two (empty in the browser).
    pub doc: &'static str,
    /// Its default as JSON text, when it has one (empty in the browser).
    pub default: &'static str,
}

/// The types a config field can have.
pub enum Ty {
    /// `true` or `false`.
    Bool,
    /// A whole number in this range.
    Whole(u32, u32),
    /// Text that is not empty.
    Text,
    /// A web address a child is sent to: `https://…`, or a path on this site (`/privacy`).
    Address,
    /// An email address.
    Email,
    /// A name for markup and the API: 1 to 32 lower-case letters, digits, `-` or `_`.
    Name,
    /// A host name (`bbc.co.uk`).
    Host,
    /// A cookie name: letters, digits, `-` or `_`.
    CookieName,
    /// A name, or a prefix ending in `*`.
    Pattern,
    /// One of these words.
    OneOf(fn() -> Vec<&'static str>),
    /// Text, or text per language: `{ "en-GB": "…", "cy": "…" }`.
    Local,
    /// A list of these.
    List(&'static Ty),
    /// An object with exactly these fields (any may be left out unless required).
    Object(&'static [Field]),
    /// An object whose keys are any of these words, each holding this.
    Keys(fn() -> Vec<&'static str>, &'static Ty),
    /// An object whose keys are names (see [`Ty::Name`]), each holding this.
    Named(&'static Ty),
    /// The site's own wording: message keys to text.
    Messages,
    /// Any of these.
    Either(&'static [Ty]),
}

const fn field(name: &'static str, ty: Ty, doc: &'static str, default: &'static str) -> Field {
    Field { name, ty, required: false, doc, default }
}

const fn needed(name: &'static str, ty: Ty, doc: &'static str) -> Field {
    Field { name, ty, required: true, doc, default: "" }
}

/// The names of these fields, for the checker's "unknown field" and "did you mean".
pub fn names(fields: &[Field]) -> Vec<&'static str> {
    fields.iter().map(|f| f.name).collect()
}

fn languages() -> Vec<&'static str> {
    vec!["en-GB", "cy"]
}

fn language_choices() -> Vec<&'static str> {
    vec!["auto", "en-GB", "cy"]
}

fn audiences() -> Vec<&'static str> {
    Audience::NAMES.to_vec()
}

fn signals() -> Vec<&'static str> {
    ConsentSignal::ALL.iter().map(|s| s.name()).collect()
}

fn storage_kinds() -> Vec<&'static str> {
    StorageKind::ALL.iter().map(|k| k.field()).collect()
}

fn pictures() -> Vec<&'static str> {
    BUILT_IN_NOTICES.to_vec()
}

fn routes() -> Vec<&'static str> {
    Route::ALL.iter().map(|r| r.code()).collect()
}

fn helpers() -> Vec<&'static str> {
    Help::NAMES.to_vec()
}

fn watchers() -> Vec<&'static str> {
    Watcher::ALL.iter().map(|w| w.code()).collect()
}

fn guard_modes() -> Vec<&'static str> {
    [GuardMode::Warn, GuardMode::Block].iter().map(|m| m.code()).collect()
}

const PATTERNS: Ty = Ty::List(&Ty::Pattern);
const HOSTS: Ty = Ty::List(&Ty::Host);

/// The lifetimes of a choice, when a "yes" and a "no" last differently.
pub const LIFETIMES: &[Field] = &[
    field("accept", Ty::Whole(1, 395), doc!("Days a choice that allows something lasts (at most 395, 13 months)."), doc!("182")),
    field("reject", Ty::Whole(1, 395), doc!("Days a choice that allows nothing optional lasts (at most 395)."), doc!("182")),
];

/// An age range.
pub const AGE_RANGE: &[Field] = &[
    needed("minAge", Ty::Whole(0, 120), doc!("The youngest age the site is for.")),
    field("maxAge", Ty::Whole(0, 120), doc!("The oldest age the site is for."), doc!("99")),
];

/// A consent-record cookie.
pub const COOKIE: &[Field] = &[
    field("name", Ty::CookieName, doc!("The first-party cookie that holds the visitor's choice (no identifiers, only the choices)."), doc!("\"kite_consent\"")),
    field("domain", Ty::Host, doc!("Share the choice across subdomains, like \"oakfield.sch.uk\". Default: this host only."), ""),
];

/// A service's storage other than cookies.
pub const STORAGE: Ty = Ty::Keys(storage_kinds, &PATTERNS);

/// One service that runs under a purpose.
pub const SERVICE: &[Field] = &[
    needed("name", Ty::Name, doc!("Its name in markup: data-kite=\"analytics/stats\".")),
    field("label", Ty::Local, doc!("Its name for people. Default: the name."), ""),
    field("description", Ty::Local, doc!("What it does, in plain words a child can read."), ""),
    field("cookies", PATTERNS, doc!("The cookies it sets, by name or prefix (\"_ga_*\"). Kite deletes them when the choice is taken back."), doc!("[]")),
    field("domains", HOSTS, doc!("The hosts it loads from. Shown in the inventory; the self-audit uses them."), doc!("[]")),
    field("storage", STORAGE, doc!("What else it keeps in the browser: localStorage and sessionStorage keys, IndexedDB databases, caches, by name or prefix. Deleted when the choice is taken back."), doc!("{}")),
];

/// One purpose.
pub const PURPOSE: &[Field] = &[
    needed("name", Ty::Name, doc!("\"necessary\", \"analytics\", \"functional\", \"marketing\", or a name of the school's own (which then needs a label).")),
    field("label", Ty::Local, doc!("Its name for people, replacing the built-in one."), ""),
    field("description", Ty::Local, doc!("What it is for, replacing the built-in words."), ""),
    field("services", Ty::List(&Ty::Object(SERVICE)), doc!("The services that use it."), doc!("[]")),
    field("consentMode", Ty::List(&Ty::OneOf(signals)), doc!("The Google Consent Mode v2 signals it grants. The built-in purposes have sensible ones."), ""),
    field("sharing", Ty::Bool, doc!("It shares or sells data, so Global Privacy Control and Do Not Track keep it off."), doc!("false (true for marketing)")),
];

/// The rules for links to other sites.
pub const LINKS: &[Field] = &[
    field("ownHosts", HOSTS, doc!("Other hosts that are the school's own (no dialog)."), doc!("[]")),
    field("trusted", HOSTS, doc!("Sites the school trusts: no dialog, but the referrer and tracking parameters are still removed."), doc!("[]")),
    field("stripParameters", Ty::List(&Ty::Text), doc!("Tracking parameters to remove beyond the built-in ones (utm_*, fbclid, gclid …): a name, or a prefix ending in *."), doc!("[]")),
    field("newTab", Ty::Bool, doc!("Open other sites in a new tab after the child says yes."), doc!("false")),
    field("guardWindowOpen", Ty::Bool, doc!("Ask before window.open takes a child to another site, too."), doc!("true")),
    field("dontAskAgain", Ty::Bool, doc!("Offer \"Don't ask again today\" for a site, to visitors aged 13 and over only."), doc!("true")),
];

/// A notice the school writes.
pub const CUSTOM_NOTICE: &[Field] = &[
    needed("title", Ty::Local, doc!("A short heading: \"Sending your homework\".")),
    needed("text", Ty::Local, doc!("At most three short sentences: what happens to the information, who sees it, for how long.")),
    field("picture", Ty::OneOf(pictures), doc!("A built-in notice whose picture it uses."), ""),
];

/// Just-in-time notices.
pub const NOTICES: &[Field] = &[
    field("everyTime", Ty::Bool, doc!("Show each notice every time, not once per session."), doc!("false")),
    field("custom", Ty::Named(&Ty::Object(CUSTOM_NOTICE)), doc!("The school's own notices, by name (data-kite-notice=\"homework\")."), doc!("{}")),
];

/// Where one of a child's requests goes.
pub const CONTACT: &[Field] = &[
    field("email", Ty::Email, doc!("An email address the request is written to."), ""),
    field("url", Ty::Address, doc!("A web form the child is sent to."), ""),
];

/// A help service of the school's own.
pub const HELP: &[Field] = &[
    needed("label", Ty::Local, doc!("Its name: \"Kooth\".")),
    needed("url", Ty::Address, doc!("Its web address.")),
];

/// The rights panel.
pub const RIGHTS: &[Field] = &[
    field("email", Ty::Email, doc!("Where a child's requests about their information go (the data protection officer). Use this or url."), ""),
    field("url", Ty::Address, doc!("A web form for those requests, instead of an email address."), ""),
    field("routes", Ty::Keys(routes, &Ty::Object(CONTACT)), doc!("A different email or form for one kind of request: see, fix, delete, stop or worry."), doc!("{}")),
    field("help", Ty::List(&Ty::Either(&[Ty::OneOf(helpers), Ty::Object(HELP)])), doc!("Who helps a worried child: \"ceop\", \"childline\", or { \"label\", \"url\" }."), doc!("[\"childline\", \"ceop\"]")),
];

/// The privacy notice.
pub const PRIVACY_NOTICE: &[Field] = &[
    field("url", Ty::Address, doc!("The full privacy notice."), ""),
    field("changes", Ty::Local, doc!("What changed in this revision, in plain words, shown once to people who saw an earlier one."), ""),
];

/// The contact-details guard.
pub const GUARD: &[Field] = &[
    field("mode", Ty::OneOf(guard_modes), doc!("\"warn\": the child may still send after the warning. \"block\": the message is not sent."), doc!("\"warn\"")),
];

/// Who can see a child's activity.
pub const MONITOR: &[Field] = &[
    needed("by", Ty::OneOf(watchers), doc!("Who can see: \"parent\", \"teacher\" or \"school\".")),
    needed("what", Ty::Local, doc!("What they can see, in a child's words after \"your\": \"work and messages\".")),
];

/// Consent receipts.
pub const RECEIPTS: &[Field] = &[
    field("endpoint", Ty::Address, doc!("Where each receipt is sent with navigator.sendBeacon. Default: nowhere; receipts stay in the browser."), ""),
];

/// The whole config.
pub const TOP: &[Field] = &[
    field("$schema", Ty::Text, doc!("The address of this schema, for editors."), ""),
    field("revision", Ty::Whole(1, u32::MAX), doc!("The privacy policy's revision. Raise it when the policy changes and everyone is asked again."), doc!("1")),
    field("language", Ty::OneOf(language_choices), doc!("Which language Kite speaks: \"auto\" follows the page's <html lang>."), doc!("\"auto\"")),
    field("audience", Ty::Either(&[Ty::OneOf(audiences), Ty::Object(AGE_RANGE)]), doc!("Who the site is for: a name or { \"minAge\", \"maxAge\" }. Kite uses the youngest age until a dashboard says the pupil's age."), doc!("\"all-ages\"")),
    field("purposes", Ty::List(&Ty::Object(PURPOSE)), doc!("Why data is used, and the services each purpose covers. \"necessary\" is always there."), doc!("necessary, analytics, functional, marketing, with no services")),
    field("consentMaxAgeDays", Ty::Either(&[Ty::Whole(1, 395), Ty::Object(LIFETIMES)]), doc!("Days before Kite asks again: one number, or { \"accept\", \"reject\" }. At most 395."), doc!("182")),
    field("reloadOnWithdraw", Ty::Bool, doc!("Reload the page when a choice is taken back from a script that already ran, so it stops at once."), doc!("true")),
    field("cookie", Ty::Object(COOKIE), doc!("The cookie that holds the choice."), ""),
    field("consentMode", Ty::Bool, doc!("Send Google Consent Mode v2 updates to gtag."), doc!("true")),
    field("settingsButton", Ty::Bool, doc!("Show the small \"Privacy settings\" button after a choice. Turn off only if the page has <kite-consent> or another way to change the choice."), doc!("true")),
    field("text", Ty::Keys(languages, &Ty::Messages), doc!("The school's own wording in place of Kite's: { \"en-GB\": { \"banner.title\": \"…\" }, \"cy\": { … } }."), doc!("{}")),
    field("links", Ty::Object(LINKS), doc!("Links to other sites."), ""),
    field("notices", Ty::Object(NOTICES), doc!("Just-in-time notices."), ""),
    field("rights", Ty::Object(RIGHTS), doc!("The rights panel: where a child's requests go, and who helps."), ""),
    field("privacyNotice", Ty::Object(PRIVACY_NOTICE), doc!("The school's full privacy notice."), ""),
    field("guard", Ty::Object(GUARD), doc!("Message boxes marked data-kite-guard."), ""),
    field("monitoring", Ty::Either(&[Ty::List(&Ty::Object(MONITOR)), Ty::Object(MONITOR)]), doc!("Who can always see the child's activity on this site. A dashboard can also call kite.monitoring.set()."), doc!("[]")),
    field("sharedDevice", Ty::Bool, doc!("The site is used on shared school computers: choices last for the browser session only."), doc!("false")),
    field("receipts", Ty::Object(RECEIPTS), doc!("Consent receipts."), ""),
];

/// The JSON Schema (draft 07) for a `kite.json`, as pretty-printed text.
#[cfg(not(target_arch = "wasm32"))]
// Indexing here writes into objects this function has just built with `json!({ … })`; it
// reads nothing from outside.
#[allow(clippy::indexing_slicing)]
pub fn json_schema(version: &str) -> String {
    use serde_json::{json, Map, Value};

    fn ty(t: &Ty) -> Value {
        match t {
            Ty::Bool => json!({ "type": "boolean" }),
            Ty::Whole(min, max) if *max == u32::MAX => json!({ "type": "integer", "minimum": min }),
            Ty::Whole(min, max) => json!({ "type": "integer", "minimum": min, "maximum": max }),
            Ty::Text => json!({ "type": "string", "minLength": 1 }),
            Ty::Address => json!({ "type": "string", "pattern": "^\\s*(https?://\\S+|/(?!/)\\S*)\\s*$", "description": "https://… or a path on this site, like /privacy" }),
            Ty::Email => json!({ "type": "string", "pattern": "^\\s*[^@\\s]+@[^@\\s]+\\.[^@\\s]+\\s*$" }),
            Ty::Name => json!({ "type": "string", "pattern": "^[a-z0-9_-]{1,32}$" }),
            Ty::Host => json!({ "type": "string", "pattern": "^\\.?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.?$" }),
            Ty::CookieName => json!({ "type": "string", "pattern": "^[A-Za-z0-9_-]+$" }),
            Ty::Pattern => json!({ "type": "string", "pattern": "[^*\\s]" }),
            Ty::OneOf(words) => json!({ "enum": words() }),
            Ty::Local => json!({ "anyOf": [
                { "type": "string", "minLength": 1 },
                { "type": "object", "properties": { "en-GB": { "type": "string" }, "cy": { "type": "string" } }, "required": ["en-GB"], "additionalProperties": false }
            ] }),
            Ty::List(item) => json!({ "type": "array", "items": ty(item) }),
            Ty::Object(fields) => object(fields),
            Ty::Keys(keys, value) => {
                let properties: Map<String, Value> = keys().into_iter().map(|k| (k.to_string(), ty(value))).collect();
                json!({ "type": "object", "properties": properties, "additionalProperties": false })
            }
            Ty::Named(value) => json!({ "type": "object", "propertyNames": { "pattern": "^[a-z0-9_-]{1,32}$" }, "additionalProperties": ty(value) }),
            Ty::Messages => json!({
                "type": "object",
                "propertyNames": { "enum": super::locale::message_keys() },
                "additionalProperties": { "type": "string", "minLength": 1 }
            }),
            Ty::Either(options) => json!({ "anyOf": options.iter().map(ty).collect::<Vec<_>>() }),
        }
    }

    fn object(fields: &[Field]) -> Value {
        let mut properties = Map::new();
        for f in fields {
            let mut schema = ty(&f.ty);
            if let Value::Object(map) = &mut schema {
                map.insert("description".into(), Value::String(describe(f)));
                if let Ok(default) = serde_json::from_str::<Value>(f.default) {
                    map.insert("default".into(), default);
                }
            }
            properties.insert(f.name.to_string(), schema);
        }
        let required: Vec<&str> = fields.iter().filter(|f| f.required).map(|f| f.name).collect();
        let mut out = json!({ "type": "object", "properties": properties, "additionalProperties": false });
        if !required.is_empty() {
            out["required"] = json!(required);
        }
        out
    }

    fn describe(f: &Field) -> String {
        match (f.default, serde_json::from_str::<Value>(f.default).is_ok()) {
            ("", _) | (_, true) => f.doc.to_string(),
            (default, false) => format!("{} Default: {default}.", f.doc),
        }
    }

    let mut schema = object(TOP);
    schema["$schema"] = json!("http://json-schema.org/draft-07/schema#");
    schema["$id"] = json!(format!("https://unpkg.com/kite-privacy@{version}/pkg/kite.schema.json"));
    schema["title"] = json!("Kite config (kite.json)");
    schema["description"] = json!("The configuration of Kite, the Children's Code privacy layer. Check a file with: npx kite-privacy check kite.json");
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
