//! A school admin's config mistakes: each names its field path and a fix, and everything
//! valid is kept. Kite never fails open.

use kite::policy::config::{Config, PurposeKind};
use kite::policy::json::Json;
use kite::policy::marker::{held_addresses, Marker};

fn check(text: &str) -> (Config, Vec<String>) {
    let (config, errors) = Config::from_json(&Json::parse(text).expect("test JSON parses"));
    (config, errors.iter().map(ToString::to_string).collect())
}

#[test]
fn an_empty_config_is_the_high_privacy_default() {
    let (config, errors) = check("{}");
    assert!(errors.is_empty());
    assert_eq!(config, Config::default());
    let names: Vec<&str> = config.purposes.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["necessary", "analytics", "functional", "marketing"]);
    assert!(config.audience.youngest_band().needs_guardian_consent(), "unknown age is treated as a child");
}

#[test]
fn each_mistake_names_its_field_path_and_the_fix() {
    let table: &[(&str, &str, &str)] = &[
        (r#"{ "revison": 2 }"#, "revison:", "Did you mean \"revision\""),
        (r#"{ "revision": "2" }"#, "revision:", "expected a whole number, found text"),
        (r#"{ "purposes": [ { "name": "analytics", "services": [ { "name": "ga4", "label": "" } ] } ] }"#, "purposes[0].services[0].label:", "expected text, found empty text"),
        (r#"{ "revision": 1.5 }"#, "revision:", "whole number"),
        (r#"{ "language": "fr" }"#, "language:", "\"en-GB\", \"cy\" or \"auto\""),
        (r#"{ "audience": "infants" }"#, "audience:", "\"primary\""),
        (r#"{ "audience": { "minAge": 16, "maxAge": 11 } }"#, "audience:", "Swap them"),
        (r#"{ "consentMaxAgeDays": 800 }"#, "consentMaxAgeDays:", "395 or fewer"),
        (r#"{ "reloadOnWithdraw": "yes" }"#, "reloadOnWithdraw:", "expected true or false"),
        (r#"{ "purposes": { "name": "analytics" } }"#, "purposes:", "expected a list, found an object"),
        (r#"{ "purposes": [ { "services": [] } ] }"#, "purposes[0]:", "needs a \"name\""),
        (r#"{ "purposes": [ { "name": "Google Analytics" } ] }"#, "purposes[0].name:", "like \"google-analytics\""),
        (r#"{ "purposes": [ { "name": "analytics" }, { "name": "analytics" } ] }"#, "purposes[1].name:", "already used by purposes[0]"),
        (r#"{ "purposes": [ { "name": "homework" } ] }"#, "purposes[0].label:", "needs a label"),
        (r#"{ "purposes": [ { "name": "analytics", "servces": [] } ] }"#, "purposes[0].servces:", "Did you mean \"services\""),
        (r#"{ "purposes": [ { "name": "analytics", "services": [ { "name": "ga", "cookies": "_ga" } ] } ] }"#,
            "purposes[0].services[0].cookies:", "[\"_ga\"]"),
        (r#"{ "purposes": [ { "name": "analytics", "services": [ { "name": "ga", "cookies": ["*"] } ] } ] }"#,
            "purposes[0].services[0].cookies[0]:", "every cookie"),
        (r#"{ "purposes": [ { "name": "analytics", "services": [ { "name": "ga", "domains": ["https://stats.example/tag.js"] } ] } ] }"#,
            "purposes[0].services[0].domains[0]:", "\"stats.example\""),
        (r#"{ "purposes": [ { "name": "analytics", "services": [ { "name": "ga" }, { "name": "ga" } ] } ] }"#,
            "purposes[0].services[1].name:", "listed twice"),
        (r#"{ "purposes": [ { "name": "analytics", "consentMode": ["ads_storage"] } ] }"#, "purposes[0].consentMode[0]:", "\"ad_storage\""),
        (r#"{ "text": { "en-GB": { "banner.titel": "Hi" } } }"#, "text.en-GB[\"banner.titel\"]:", "Did you mean \"banner.title\""),
        (r#"{ "cookie": { "name": "kite consent" } }"#, "cookie.name:", "can't be a cookie name"),
        ("[]", "(config):", "expected an object"),
    ];
    for (text, path, fix) in table {
        let (_, errors) = check(text);
        assert!(
            errors.iter().any(|e| e.starts_with(path) && e.contains(fix)),
            "config {text}\n  expected an error at {path} mentioning {fix:?}\n  got {errors:#?}"
        );
    }
}

#[test]
fn every_mistake_is_reported_not_just_the_first() {
    let (_, errors) = check(r#"{ "revison": 2, "language": "fr", "purposes": [ { "name": "Bad Name" }, { "name": "analytics", "sharing": 1 } ] }"#);
    assert_eq!(errors.len(), 4, "{errors:#?}");
}

#[test]
fn valid_parts_survive_next_to_broken_ones() {
    let (config, errors) = check(
        r#"{ "revision": 4, "purposes": [
            { "name": "analytics", "services": [ { "name": "stats", "cookies": ["_stats", 7, "_stats_*"] } ] },
            { "name": "Broken Purpose" } ] }"#,
    );
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_eq!(config.revision, 4);
    let stats = config.purpose("analytics").unwrap().service("stats").unwrap();
    assert_eq!(stats.cookies.len(), 2);
    assert!(config.purpose("broken-purpose").is_none(), "a purpose without a usable name is left out, so its markup stays blocked");
}

#[test]
fn necessary_is_always_first_and_listing_it_describes_its_services() {
    let (config, errors) = check(r#"{ "purposes": [ { "name": "analytics" }, { "name": "necessary", "services": [ { "name": "session", "cookies": ["PHPSESSID"] } ] } ] }"#);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(config.purposes[0].kind, PurposeKind::Necessary);
    assert_eq!(config.purposes[0].services[0].name, "session");
    assert_eq!(config.purposes.len(), 2, "listing purposes replaces the defaults");
}

#[test]
fn marketing_shares_data_by_default_and_custom_purposes_can_say_so() {
    let (config, _) = check(r#"{ "purposes": [ { "name": "marketing" }, { "name": "partners", "label": "Partner offers", "sharing": true }, { "name": "analytics" } ] }"#);
    assert!(config.purpose("marketing").unwrap().sharing);
    assert!(config.purpose("partners").unwrap().sharing);
    assert!(!config.purpose("analytics").unwrap().sharing);
}

#[test]
fn markup_that_names_a_missing_purpose_or_service_is_explained() {
    let (config, _) = check(r#"{ "purposes": [ { "name": "analytics", "services": [ { "name": "stats" } ] } ] }"#);
    assert_eq!(Marker::parse("analytics/stats", &config).unwrap().service.as_deref(), Some("stats"));
    assert_eq!(Marker::parse(" analytics ", &config).unwrap().purpose, "analytics");
    let err = Marker::parse("analytcs", &config).unwrap_err();
    assert!(err.contains("Did you mean \"analytics\"") && err.contains("stays blocked"), "{err}");
    let err = Marker::parse("analytics/stat", &config).unwrap_err();
    assert!(err.contains("Did you mean \"analytics/stats\""), "{err}");
    assert!(Marker::parse("marketing", &config).is_err(), "a purpose the config dropped is not run");
    // A mark pasted huge, or in any script, is quoted short, counted in characters.
    for huge in ["ü".repeat(50_000), "😀".repeat(50_000), format!("analytics/{}", "é".repeat(50_000))] {
        let err = Marker::parse(&huge, &config).unwrap_err();
        assert!(err.chars().count() < 400 && err.contains("stays blocked") && err.contains('…'), "{} characters", err.chars().count());
    }
}

#[test]
fn every_marked_element_keeps_its_addresses_where_the_browser_does_not_read_them() {
    let src = ("data-src", "src");
    for (tag, held) in [
        ("iframe", vec![src]),
        ("img", vec![src, ("data-srcset", "srcset")]),
        ("source", vec![src, ("data-srcset", "srcset")]),
        ("video", vec![src, ("data-poster", "poster")]),
        ("audio", vec![src]),
        ("embed", vec![src]),
        ("object", vec![("data-src", "data")]),
        ("link", vec![("data-href", "href")]),
        // A picture's addresses are in its <source> and <img>; a script waits by its type.
        ("picture", vec![]),
        ("script", vec![]),
        ("div", vec![]),
    ] {
        assert_eq!(held_addresses(tag), held.as_slice(), "<{tag}>");
    }
}

#[test]
fn links_name_sites_not_public_suffixes_and_keep_the_valid_ones() {
    let (config, errors) = check(
        r#"{ "links": {
            "ownHosts": ["Oakfield.Learning-Platform.example.", "https://vle.example/login"],
            "trusted": ["bbc.co.uk", "co.uk", "lancs.sch.uk", "github.io", "museum"],
            "stripParameters": ["ref", "pk_*", "*", "a=b"],
            "guardWindowOpen": false,
            "dontAskAgain": "no",
            "trustd": []
        } }"#,
    );
    assert_eq!(config.links.own_hosts, ["oakfield.learning-platform.example"]);
    assert_eq!(config.links.trusted, ["bbc.co.uk"]);
    assert_eq!(config.links.strip, ["ref", "pk_*"]);
    assert!(!config.links.guard_window_open, "the school switched the window.open guard off");
    assert!(config.links.dont_ask_again, "a wrong value keeps the default");
    let expected = [
        ("links.dontAskAgain:", "true or false"),
        ("links.trustd:", "Did you mean \"trusted\""),
        ("links.ownHosts[1]:", "Write only the host: \"vle.example\""),
        ("links.trusted[1]:", "\"co.uk\" is shared by many separate sites"),
        ("links.trusted[2]:", "\"lancs.sch.uk\" is shared"),
        ("links.trusted[3]:", "\"github.io\" is shared"),
        ("links.trusted[4]:", "\"museum\" is not a site"),
        ("links.stripParameters[2]:", "\"*\" is not a parameter name"),
        ("links.stripParameters[3]:", "\"a=b\" is not a parameter name"),
    ];
    for (path, fix) in expected {
        assert!(errors.iter().any(|e| e.starts_with(path) && e.contains(fix)), "{path} {fix}\n{errors:#?}");
    }
    assert_eq!(errors.len(), expected.len(), "{errors:#?}");
}

#[test]
fn a_service_declares_its_storage_and_withdrawal_lists_it_for_deletion() {
    use kite::policy::cookies::StorageKind;
    let (config, errors) = check(
        r#"{ "purposes": [ { "name": "analytics", "services": [ { "name": "stats",
             "storage": { "localStorage": ["stats_id", "stats_*"], "sessionStorage": ["stats_visit"], "indexedDB": ["stats-db"], "caches": ["stats-v*"] } },
             { "name": "heatmap", "storage": { "localStorage": ["*"], "cookieJar": ["x"], "caches": "heat" } } ] } ] }"#,
    );
    assert_eq!(errors.len(), 3, "{errors:?}");
    let said = |path: &str, fix: &str| errors.iter().any(|e| e.starts_with(&format!("purposes[0].services[1].storage.{path}:")) && e.contains(fix));
    assert!(said("localStorage[0]", "\"*\" alone"), "{errors:?}");
    assert!(said("cookieJar", "Known fields here: localStorage, sessionStorage, indexedDB, caches"), "{errors:?}");
    assert!(said("caches", "[\"heat\"]"), "{errors:?}");
    let withdrawn = [("analytics".to_string(), Some("stats".to_string()))];
    let listed: Vec<(StorageKind, &str)> = config.storage_of(&withdrawn).into_iter().map(|(k, p)| (k, p.as_str())).collect();
    assert_eq!(
        listed,
        [(StorageKind::Local, "stats_id"), (StorageKind::Local, "stats_*"), (StorageKind::Session, "stats_visit"), (StorageKind::IndexedDb, "stats-db"), (StorageKind::Cache, "stats-v*")]
    );
    assert!(config.storage_of(&[("functional".to_string(), None)]).is_empty());
    assert_eq!(config.storage_of(&[("analytics".to_string(), None)]).len(), 5, "a purpose's entry means all its services");
}

#[test]
fn a_huge_value_or_field_name_is_quoted_short_in_its_message() {
    // A config with a 2 MB address and a 100,000-character unknown field: each message names
    // the field and quotes only the start of what was written.
    let huge = "é".repeat(1_000_000);
    let long_key = "x".repeat(100_000);
    let text = format!(r#"{{ "privacyNotice": {{ "url": "{huge}" }}, "{long_key}": 1 }}"#);
    let (_, errors) = Config::from_json(&Json::parse(&text).unwrap());
    assert_eq!(errors.len(), 2, "{}", errors.len());
    for error in &errors {
        assert!(error.to_string().chars().count() < 600, "{} characters", error.to_string().chars().count());
    }
    let url = errors.iter().find(|e| e.path == "privacyNotice.url").expect("the field is named");
    assert!(url.message.starts_with(&format!("\"{}…\" is not a web address", "é".repeat(60))), "{}", url.message);
    assert!(errors.iter().any(|e| e.path.ends_with('…') && e.message.contains("unknown field")), "{errors:?}");
}
