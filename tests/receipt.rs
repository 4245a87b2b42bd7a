//! Consent receipts: proof of a choice without identifying anyone.

use kite::policy::age::AgeBand;
use kite::policy::config::Config;
mod common;

use common::{NoRecord, Now};
use kite::policy::consent::{Change, Consent, Environment};
use kite::policy::json::Json;
use kite::policy::locale::Lang;
use kite::policy::receipt::{chosen_on, iso_time, number, wording, Receipt};
use kite::policy::record::DecidedBy;
use kite::policy::view::{ConsentView, Words};

fn config(text: &str) -> Config {
    let (config, errors) = Config::from_json(&Json::parse(text).unwrap());
    assert!(errors.is_empty(), "{errors:?}");
    config
}

fn view(config: Config, lang: Lang) -> ConsentView {
    ConsentView::of(&Consent::open(config, NoRecord, Now, Environment::default()), lang)
}

#[test]
fn receipt_numbers_are_sixteen_unambiguous_characters_from_the_random_bytes() {
    let a = number(&[0; 10]);
    assert_eq!(a, "0000-0000-0000-0000");
    let b = number(&[0xff; 10]);
    assert_eq!(b, "ZZZZ-ZZZZ-ZZZZ-ZZZZ");
    let c = number(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert_eq!(c.len(), 19);
    assert!(c.chars().all(|ch| ch == '-' || "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains(ch)), "no I, L, O or U: {c}");
    assert_ne!(c, number(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 11]));
}

#[test]
fn the_wording_hash_covers_the_words_shown_and_changes_when_they_do() {
    let plain = r#"{ "audience": "sixth-form" }"#;
    let shown = wording(&view(config(plain), Lang::EnGb), 1);
    assert!(shown.starts_with("revision 1\nlang en-GB\nband 16-17\nCookies on this site\n"), "{shown}");
    assert!(shown.contains("\nAccept all\n") && shown.contains("\nCounting visits\n"), "the buttons and switches are in it: {shown}");
    assert_eq!(shown, wording(&view(config(plain), Lang::EnGb), 1), "the same words give the same text");
    assert_ne!(shown, wording(&view(config(plain), Lang::Cy), 1));
    assert_ne!(shown, wording(&view(config(plain), Lang::EnGb), 2));
    let reworded = config(r#"{ "audience": "sixth-form", "text": { "en-GB": { "banner.title": "Cookies at Oakfield" } } }"#);
    assert_ne!(shown, wording(&view(reworded, Lang::EnGb), 1));
}

#[test]
fn a_receipt_is_json_with_the_choice_and_nothing_about_the_person() {
    let receipt = Receipt {
        number: "7KQF-9M2X-0000-ZZZZ".into(),
        time: 1_772_528_400,
        revision: 3,
        wording: "ab".repeat(32),
        by: DecidedBy::Visitor,
        lang: Lang::Cy,
        band: AgeBand::From13To15,
        choices: vec![("analytics".into(), None, true), ("analytics".into(), Some("stats".into()), false)],
    };
    let json = receipt.to_json();
    let parsed: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(parsed["receipt"], "7KQF-9M2X-0000-ZZZZ");
    assert_eq!(parsed["time"], "2026-03-03T09:00:00Z");
    assert_eq!(parsed["revision"], 3);
    assert_eq!(parsed["by"], "visitor");
    assert_eq!(parsed["language"], "cy");
    assert_eq!(parsed["ageBand"], "13-15");
    assert_eq!(parsed["choices"], serde_json::json!({ "analytics": true, "analytics/stats": false }));
    let keys: Vec<&String> = parsed.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["receipt", "time", "revision", "wording", "by", "language", "ageBand", "choices"], "nothing else: no address, no agent, no identifier");
}

#[test]
fn the_preferences_dialog_says_when_in_plain_words_on_the_persons_own_calendar() {
    let words = Words::new(&Config::default(), Lang::EnGb, AgeBand::From10To12);
    // 23:30 UTC on 2 March 2026 is already 3 March an hour east.
    let late = 1_772_494_200;
    assert_eq!(iso_time(late), "2026-03-02T23:30:00Z");
    assert_eq!(chosen_on(&words, late, 0, "7KQF-9M2X-0000-ZZZZ"), "You chose this on 2 March 2026. Receipt 7KQF-9M2X-0000-ZZZZ.");
    assert_eq!(chosen_on(&words, late, 60, "X"), "You chose this on 3 March 2026. Receipt X.");
    let welsh = Words::new(&Config::default(), Lang::Cy, AgeBand::From10To12);
    assert_eq!(chosen_on(&welsh, late, 60, "X"), "Fe wnaethoch chi ddewis hyn ar 3 Mawrth 2026. Cyfeirnod X.");
    assert_eq!(iso_time(0), "1970-01-01T00:00:00Z");
    assert_eq!(iso_time(951_782_400), "2000-02-29T00:00:00Z");
}

#[test]
fn the_preferences_dialog_shows_the_receipt_line() {
    let mut consent = Consent::open(config(r#"{ "audience": "sixth-form" }"#), NoRecord, Now, Environment::default());
    consent.apply(Change::RejectAll, DecidedBy::Visitor).unwrap();
    let mut view = ConsentView::of(&consent, Lang::EnGb);
    assert!(view.preferences().lines.is_empty());
    view.receipt = Some("You chose this on 3 March 2026. Receipt X.".into());
    assert_eq!(view.preferences().lines, ["You chose this on 3 March 2026. Receipt X."]);
}

#[test]
fn the_receipt_endpoint_must_be_a_web_address() {
    let (config, errors) = Config::from_json(&Json::parse(r#"{ "receipts": { "endpoint": "consent.oakfield" } }"#).unwrap());
    assert_eq!(config.receipt_endpoint, None);
    assert_eq!(errors[0].path, "receipts.endpoint");
    let (config, errors) = Config::from_json(&Json::parse(r#"{ "receipts": { "endpoint": "https://consent.oakfield.sch.uk/r" } }"#).unwrap());
    assert!(errors.is_empty());
    assert_eq!(config.receipt_endpoint.as_deref(), Some("https://consent.oakfield.sch.uk/r"));
}
