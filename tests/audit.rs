//! The self-audit's rules, over facts a browser would gather.

use kite::policy::audit::{audit, summary, ButtonLook, Link, Loaded, PageFacts};
use kite::policy::config::Config;
use kite::policy::cookies::StorageKind;
use kite::policy::json::Json;

fn config(text: &str) -> Config {
    Config::from_json(&Json::parse(text).unwrap()).0
}

fn loaded(element: &str, url: &str, marked: bool) -> Loaded {
    Loaded { element: element.into(), url: url.into(), marked }
}

fn button(code: &str, size: (f64, f64), style: &str) -> ButtonLook {
    ButtonLook { code: code.into(), size, style: style.into() }
}

#[test]
fn a_clean_page_has_nothing_to_fix() {
    let facts = PageFacts {
        host: "www.oakfield.lancs.sch.uk".into(),
        scripts: vec![loaded("<script src=\"/app.js\">", "https://www.oakfield.lancs.sch.uk/app.js", false), loaded("<script src=\"https://stats.example/tag.js\">", "https://stats.example/tag.js", true)],
        images: vec![loaded("<img src=\"https://media.oakfield.lancs.sch.uk/a.png\">", "https://media.oakfield.lancs.sch.uk/a.png", false)],
        links: vec![Link { element: "<a href=\"https://bbc.co.uk\">".into(), url: "https://bbc.co.uk/".into(), noreferrer: false }],
        cookies_before_choice: vec!["kite_consent".into(), "session".into()],
        storage_before_choice: vec![(StorageKind::Local, "kite_receipt".into())],
        banner_shown: true,
        buttons: vec![button("accept", (200.0, 44.0), "600 16px blue"), button("reject", (200.4, 44.0), "600 16px blue")],
        ..PageFacts::default()
    };
    let config = config(r#"{ "purposes": [ { "name": "necessary", "services": [ { "name": "login", "cookies": ["session"] } ] } ] }"#);
    assert_eq!(audit(&facts, &config), vec![]);
    assert_eq!(summary(&[]), "Kite self-audit: nothing to fix on this page.");
}

#[test]
fn each_mistake_is_found_with_its_element_and_fix() {
    let facts = PageFacts {
        host: "www.oakfield.lancs.sch.uk".into(),
        scripts: vec![loaded("<script src=\"https://stats.example/tag.js\">", "https://stats.example/tag.js", false)],
        iframes: vec![loaded("<iframe src=\"https://www.youtube.com/embed/x\">", "https://www.youtube.com/embed/x", false)],
        images: vec![loaded("<img src=\"https://px.example/p.gif\">", "https://px.example/p.gif", false)],
        fonts: vec![
            loaded("<link href=\"https://fonts.googleapis.com/css2?family=Lexend\">", "https://fonts.googleapis.com/css2?family=Lexend", false),
            loaded("<link href=\"https://fonts.gstatic.com\">", "https://fonts.gstatic.com/", true),
            loaded("<link href=\"/fonts/lexend.css\">", "https://www.oakfield.lancs.sch.uk/fonts/lexend.css", false),
        ],
        media: vec![loaded("<video src=\"https://cdn.videos.example/trip.mp4\">", "https://cdn.videos.example/trip.mp4", false)],
        links: vec![
            Link { element: "<a href=\"https://www.bbc.co.uk/bitesize\">".into(), url: "https://www.bbc.co.uk/bitesize".into(), noreferrer: false },
            Link { element: "<a href=\"https://other.example/\">".into(), url: "https://other.example/".into(), noreferrer: false },
        ],
        cookies_before_choice: vec!["_ga".into()],
        storage_before_choice: vec![(StorageKind::Session, "hj_session".into())],
        banner_shown: true,
        kite_hidden: Some("display: none".into()),
        buttons: vec![button("accept", (260.0, 60.0), "700 20px green"), button("reject", (200.0, 44.0), "600 16px blue")],
        csp_violations: vec![("script-src".into(), "wasm-eval".into())],
        ..PageFacts::default()
    };
    let config = config(r#"{ "links": { "trusted": ["bbc.co.uk"] } }"#);
    let found = audit(&facts, &config);
    let kinds: Vec<&str> = found.iter().map(|f| f.kind).collect();
    assert_eq!(
        kinds,
        ["ungated-script", "ungated-iframe", "ungated-image", "ungated-font", "ungated-media", "referrer", "cookie-before-choice", "storage-before-choice", "hidden", "unequal-buttons", "csp"]
    );
    assert!(found[0].message.contains("stats.example") && found[0].message.contains("data-kite"));
    assert!(found[3].message.contains("fonts.googleapis.com") && found[3].message.contains("IP address") && found[3].message.contains("data-href"), "{}", found[3].message);
    assert!(found[4].message.contains("cdn.videos.example") && found[4].message.contains("data-poster"), "{}", found[4].message);
    assert_eq!(found[5].element, "<a href=\"https://www.bbc.co.uk/bitesize\">", "only the trusted link Kite lets through; it asks before the other");
    assert!(found[7].message.contains("sessionStorage"));
    assert!(found[10].message.contains("'wasm-unsafe-eval'"));
    assert!(summary(&found).starts_with("Kite self-audit: 11 things to fix on this page.\n- ungated-script"));

    let safe = PageFacts { referrer_policy: Some("no-referrer".into()), ..facts };
    assert!(!audit(&safe, &config).iter().any(|f| f.kind == "referrer"), "a no-referrer page leaks nothing");
}
