//! Compiles the locale files in `src/locales/` into static tables, so the browser build parses
//! no JSON at run time. The build fails if English and Welsh do not have the same messages,
//! or if a message names an age band that does not exist.
//!
//! The messages are grouped by the room that shows them (`GROUPS`), one table per group, so
//! that each room's words travel with its code: the first paint carries only the banner's,
//! the placeholders' and the buttons' words.
//!
//! It also minifies Kite's stylesheets (`src/ui/*.css`, comments and spacing out), which the
//! WebAssembly carries as text: 0.2 KB brotli off the first paint and as much off the rooms.

use std::{collections::BTreeMap, env, fs, path::Path};

const LOCALES: [(&str, &str); 2] = [("EN_GB", "en-GB"), ("CY", "cy")];
const BANDS: [&str; 8] = ["default", "0-5", "6-9", "10-12", "13-15", "16-17", "adult", "child"];

type Messages = BTreeMap<String, BTreeMap<String, String>>;

/// Which group (room) each message belongs to: by the key's first part, with a few messages
/// the first paint shows although their part belongs to a room.
const GROUPS: [(&str, &[&str]); 8] = [
    ("CORE", &["banner", "button", "embed", "read", "leave.adult", "rights.title"]),
    ("PREFS", &["prefs", "purpose", "receipt", "month"]),
    ("LEAVING", &["leave", "refuse"]),
    ("NOTICES", &["notice", "changes"]),
    ("RIGHTS", &["rights", "help"]),
    ("MONITORING", &["monitor", "sign"]),
    ("GUARD", &["guard"]),
    ("AUDIT", &["audit"]),
];

/// The group of `key`: an exact key listed first, then its first part.
fn group_of(key: &str) -> &'static str {
    let exact = GROUPS.iter().find(|(_, members)| members.contains(&key));
    let part = key.split('.').next().unwrap_or(key);
    let by_part = GROUPS.iter().find(|(_, members)| members.contains(&part));
    exact.or(by_part).map(|(name, _)| *name).unwrap_or_else(|| panic!("src/locales: {key}: no room shows it; add its first part to GROUPS in build.rs"))
}

fn load(tag: &str) -> Messages {
    let path = format!("src/locales/{tag}.json");
    println!("cargo:rerun-if-changed={path}");
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let object = json.as_object().unwrap_or_else(|| panic!("{path}: expected an object of messages"));
    let mut out = Messages::new();
    for (key, value) in object {
        let mut bands = BTreeMap::new();
        match value {
            serde_json::Value::String(s) => {
                bands.insert("default".to_string(), s.clone());
            }
            serde_json::Value::Object(by_band) => {
                for (band, text) in by_band {
                    assert!(BANDS.contains(&band.as_str()), "{path}: {key}: unknown age band {band:?}; use one of {BANDS:?}");
                    let text = text.as_str().unwrap_or_else(|| panic!("{path}: {key}.{band}: expected text"));
                    bands.insert(band.clone(), text.to_string());
                }
                assert!(bands.contains_key("default"), "{path}: {key}: needs a \"default\" wording");
                // "child" is Welsh's register for 0–12 ("ti", not "chi"); English has one "you".
                assert!(tag == "cy" || !bands.contains_key("child"), "{path}: {key}: \"child\" is for Welsh's \"ti\" register only");
            }
            _ => panic!("{path}: {key}: expected text or an object keyed by age band"),
        }
        out.insert(key.clone(), bands);
    }
    out
}

fn main() {
    let all: Vec<(&str, Messages)> = LOCALES.iter().map(|(name, tag)| (*name, load(tag))).collect();
    let (_, english) = &all[0];
    for (name, messages) in &all[1..] {
        for key in english.keys() {
            assert!(messages.contains_key(key), "locale {name} lacks the message {key:?}");
        }
        for key in messages.keys() {
            assert!(english.contains_key(key), "locale {name} has {key:?}, which en-GB lacks");
        }
    }
    let mut code = String::new();
    // The first paint's words in Welsh are a group of their own (`WELSH`), loaded on Welsh
    // pages: an English page carries only the English.
    let mut groups: Vec<(String, &str, Option<&str>)> = GROUPS.iter().map(|(g, _)| (g.to_string(), *g, None)).collect();
    groups[0].2 = Some("EN_GB");
    groups.push(("WELSH".to_string(), "CORE", Some("CY")));
    for (group, members, only) in &groups {
        code.push_str(&format!("/// The messages of the {} group, in each language.\npub static {group}: Group = Group {{\n", group.to_lowercase()));
        for (name, messages) in &all {
            code.push_str(&format!("    {}: &[\n", name.to_lowercase()));
            let wanted = only.is_none_or(|only| only == *name);
            for (key, bands) in messages.iter().filter(|(key, _)| wanted && group_of(key) == *members) {
                code.push_str(&format!("        ({key:?}, &["));
                for (band, text) in bands {
                    code.push_str(&format!("({band:?}, {text:?}), "));
                }
                code.push_str("]),\n");
            }
            code.push_str("    ],\n");
        }
        code.push_str("};\n");
    }
    let names: Vec<String> = groups.iter().map(|(g, _, _)| format!("&{g}")).collect();
    code.push_str(&format!("/// Every group (natively; in the browser each room adds its own).\n#[cfg(not(target_arch = \"wasm32\"))]\npub(crate) static ALL: [&Group; {}] = [{}];\n", names.len(), names.join(", ")));
    code.push_str("/// Every message key, in order.\npub(crate) static KEYS: &[&str] = &[");
    for key in english.keys() {
        code.push_str(&format!("{key:?}, "));
    }
    code.push_str("];\n");
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("locales.rs");
    fs::write(out, code).unwrap();
    for sheet in ["kite.css", "rooms.css"] {
        let path = format!("src/ui/{sheet}");
        println!("cargo:rerun-if-changed={path}");
        let css = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        // The minifier keeps each rule's last ";"; a rule needs none ("a{b:c;}" is "a{b:c}").
        let small = minifier::css::minify(&css).unwrap_or_else(|e| panic!("{path}: {e}")).to_string().replace(";}", "}");
        fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join(sheet), small).unwrap();
    }
}
