//! Just-in-time notices, the rights panel and the policy-change message: what each says in
//! each age band, which buttons it has, and where a child's request goes. Decided in the
//! policy core; the browser only shows it.

use kite::policy::age::AgeBand;
use kite::policy::config::Config;
use kite::policy::json::Json;
use kite::policy::locale::Lang;
use kite::policy::notices::{policy_changed, Answer, BUILT_IN};
use kite::policy::rights::Route;
use kite::policy::view::{self, Action, Panel, Words};

fn config(text: &str) -> Config {
    let (config, errors) = Config::from_json(&Json::parse(text).unwrap());
    assert!(errors.is_empty(), "{errors:?}");
    config
}

/// The config Kite would use, mistakes and all.
fn config_lenient(text: &str) -> Config {
    Config::from_json(&Json::parse(text).unwrap()).0
}

fn errors(text: &str) -> Vec<String> {
    Config::from_json(&Json::parse(text).unwrap()).1.iter().map(ToString::to_string).collect()
}

/// Each expected error (its start: field path and message) is among the config's errors.
fn assert_reports(text: &str, expected: &[&str]) {
    let found = errors(text);
    for e in expected {
        assert!(found.iter().any(|f| f.starts_with(e)), "missing {e:?} in {found:#?}");
    }
}

fn words(config: &Config, lang: Lang, band: AgeBand) -> Words {
    Words::new(config, lang, band)
}

fn codes(panel: &Panel) -> Vec<&str> {
    panel.buttons.iter().map(|b| b.code).collect()
}

fn sentences(text: &str) -> usize {
    text.matches(['.', '!', '?']).count()
}

#[test]
fn every_built_in_notice_has_a_picture_and_at_most_three_sentences_in_every_band_and_language() {
    let config = Config::default();
    for name in BUILT_IN {
        for lang in [Lang::EnGb, Lang::Cy] {
            for band in AgeBand::ALL {
                let panel = view::notice(&words(&config, lang, band), &config, name).expect("built in");
                assert!(!panel.title.is_empty() && !panel.text.is_empty(), "{name} {lang:?} {band:?}");
                assert!(sentences(&panel.text) <= 3, "{name} {lang:?} {band:?}: {}", panel.text);
                let (picture, alt) = panel.picture.clone().expect("a picture");
                assert_eq!(picture, *name);
                assert!(!alt.is_empty(), "the picture has a text alternative");
                assert_eq!(codes(&panel), ["not-now", "ok"]);
                assert_eq!(panel.focus, None, "neither answer is chosen for the child");
                assert_eq!(panel.dismiss, Action::Notice(Answer::NotNow), "Escape means not now");
            }
        }
    }
}

#[test]
fn under_thirteens_are_told_to_ask_an_adult_and_younger_children_get_simpler_words() {
    let config = Config::default();
    let young = view::notice(&words(&config, Lang::EnGb, AgeBand::From6To9), &config, "photo-upload").unwrap();
    let teen = view::notice(&words(&config, Lang::EnGb, AgeBand::From13To15), &config, "photo-upload").unwrap();
    assert_eq!(young.note.as_deref(), Some("Ask a grown-up if you are not sure."));
    assert_eq!(teen.note, None);
    assert_ne!(young.text, teen.text);
    assert!(young.text.len() < teen.text.len());
}

#[test]
fn a_child_can_read_the_same_notice_in_simpler_or_fuller_words() {
    let config = Config::default();
    let ten = view::notice(&words(&config, Lang::EnGb, AgeBand::From10To12), &config, "photo-upload").unwrap();
    let offered: Vec<(&str, Action)> = ten.read_as.iter().map(|b| (b.code, b.action)).collect();
    assert_eq!(offered, [("younger", Action::ReadAs(AgeBand::From6To9)), ("older", Action::ReadAs(AgeBand::From13To15))]);
    // The youngest words have nothing simpler; from 13 up the words are the same, so an
    // adult's "simpler" skips to 10-12.
    let five = view::notice(&words(&config, Lang::EnGb, AgeBand::Under6), &config, "photo-upload").unwrap();
    assert_eq!(five.read_as.iter().map(|b| b.action).collect::<Vec<_>>(), [Action::ReadAs(AgeBand::From6To9)]);
    let adult = view::notice(&words(&config, Lang::Cy, AgeBand::Adult), &config, "photo-upload").unwrap();
    assert_eq!(adult.read_as.iter().map(|b| b.action).collect::<Vec<_>>(), [Action::ReadAs(AgeBand::From10To12)]);
    assert_eq!(adult.read_as[0].label, "Dweud yn symlach");
}

#[test]
fn schools_add_their_own_notices_and_mistakes_are_explained() {
    let config = config(r#"{ "notices": { "everyTime": true, "custom": {
        "homework": { "title": "Sending homework", "text": { "en-GB": "Your teacher will see it.", "cy": "Bydd eich athro yn ei weld." }, "picture": "photo-upload" } } } }"#);
    assert!(config.notices.every_time);
    let panel = view::notice(&words(&config, Lang::Cy, AgeBand::From6To9), &config, "homework").unwrap();
    assert_eq!((panel.title.as_str(), panel.text.as_str()), ("Sending homework", "Bydd eich athro yn ei weld."));
    assert_eq!(panel.picture.unwrap().0, "photo-upload");
    assert!(view::notice(&words(&config, Lang::EnGb, AgeBand::Adult), &config, "nope").is_none());

    assert_reports(r#"{ "notices": { "everytime": true, "custom": { "Home Work": {}, "quiz": { "title": "Quiz" }, "pic": { "title": "a", "text": "b", "picture": "selfie" } } } }"#, &[
        "notices.everytime: unknown field; Kite ignored it. Did you mean \"everyTime\"?",
        "notices.custom.Home Work: \"Home Work\" can't be used as a notice name",
        "notices.custom.quiz: needs a \"title\" and a \"text\"",
        "notices.custom.pic.picture: Kite has no picture called \"selfie\"",
    ]);
}

#[test]
fn each_rights_route_explains_what_happens_and_goes_to_the_schools_route() {
    let config = config(r#"{ "rights": { "email": "dpo@oakfield.sch.uk", "routes": { "worry": { "url": "https://oakfield.sch.uk/worried" } },
        "help": ["childline", { "label": "Kooth", "url": "https://www.kooth.com/" }] } }"#);
    let w = words(&config, Lang::EnGb, AgeBand::From10To12);
    let list = view::rights_list(&w, &config);
    assert_eq!(codes(&list), ["see", "fix", "delete", "stop", "worry"]);
    assert_eq!(list.buttons[4].label, "I'm worried about something");

    let see = view::rights_route(&w, &config, Route::See);
    assert_eq!(see.title, "See my information");
    assert_eq!(see.links.len(), 1);
    assert_eq!(see.links[0].label, "Email the school");
    assert_eq!(see.links[0].href, "mailto:dpo@oakfield.sch.uk?subject=Request%20to%20see%20my%20information&body=Write%20your%20message%20here.");
    assert_eq!(codes(&see), ["back"]);
    assert_eq!(see.buttons[0].action, Action::Rights);

    let worry = view::rights_route(&w, &config, Route::Worry);
    let links: Vec<(&str, &str)> = worry.links.iter().map(|l| (l.label.as_str(), l.href.as_str())).collect();
    assert_eq!(links, [
        ("Go to the school's form", "https://oakfield.sch.uk/worried"),
        ("Childline: talk to someone, free, on 0800 1111", "https://www.childline.org.uk/"),
        ("Kooth", "https://www.kooth.com/"),
    ]);

    let welsh = view::rights_route(&words(&config, Lang::Cy, AgeBand::From6To9), &config, Route::Delete);
    assert!(welsh.links[0].href.contains("subject=Cais%20i%20ddileu%20fy%20ngwybodaeth"), "{}", welsh.links[0].href);
}

#[test]
fn without_a_route_the_child_is_told_to_tell_an_adult_and_help_defaults_to_ceop_and_childline() {
    let config = Config::default();
    let stop = view::rights_route(&words(&config, Lang::EnGb, AgeBand::From6To9), &config, Route::Stop);
    assert!(stop.links.is_empty());
    assert_eq!(stop.note.as_deref(), Some("Tell a grown-up you trust."));
    let worry = view::rights_route(&words(&config, Lang::EnGb, AgeBand::From13To15), &config, Route::Worry);
    let hrefs: Vec<&str> = worry.links.iter().map(|l| l.href.as_str()).collect();
    assert_eq!(hrefs, ["https://www.ceop.police.uk/Safety-Centre/", "https://www.childline.org.uk/"]);
}

#[test]
fn rights_config_mistakes_name_the_field_and_the_fix() {
    assert_reports(r#"{ "rights": { "email": "dpo@school.sch.uk?cc=me@evil.example", "routes": { "remove": {}, "see": { "url": "javascript:alert(1)" } }, "help": ["samaritans"] } }"#, &[
        "rights.email: \"dpo@school.sch.uk?cc=me@evil.example\" is not an email address",
        "rights.routes.remove: unknown field",
        "rights.routes.see.url: \"javascript:alert(1)\" is not a web address Kite can send a child to",
        "rights.help[0]: Kite doesn't know a help service called \"samaritans\"",
    ]);
}

#[test]
fn the_policy_change_message_shows_the_schools_summary_and_links_the_full_notice() {
    let config = config(r#"{ "revision": 3, "privacyNotice": { "url": "/privacy", "changes": { "en-GB": "We no longer use a quiz app.", "cy": "Dydyn ni ddim yn defnyddio ap cwis mwyach." } } }"#);
    let panel = view::policy_change(&words(&config, Lang::Cy, AgeBand::From13To15), &config);
    assert_eq!(panel.text, "Dydyn ni ddim yn defnyddio ap cwis mwyach.");
    assert_eq!(panel.links[0].href, "/privacy");
    assert_eq!(codes(&panel), ["ok"]);
    assert_eq!(panel.dismiss, Action::Acknowledge);
    let plain = view::policy_change(&words(&Config::default(), Lang::EnGb, AgeBand::Adult), &Config::default());
    assert_eq!(plain.text, "We have updated our privacy notice. Read it to see what is new.");
    assert!(plain.links.is_empty());
    assert!(policy_changed(3, Some(2), None) && !policy_changed(3, Some(2), Some(3)));
    assert!(errors(r#"{ "privacyNotice": { "url": "privacy.html" } }"#)[0].starts_with("privacyNotice.url: \"privacy.html\" is not a web address"));
}

/// What a mail program reads from a rights `mailto:`: its recipients and its fields.
fn mail(href: &str) -> (String, Vec<(String, String)>) {
    let url = url::Url::parse(href).unwrap();
    assert_eq!(url.scheme(), "mailto", "{href}");
    (url.path().to_string(), url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect())
}

#[test]
fn no_rights_field_can_add_a_header_or_a_recipient_to_the_email() {
    // Header injection in a mailto: a line break, an escaped one, or a second field.
    let attacks = ["\r\nBcc: spy@evil.example", "%0d%0aBcc:%20spy@evil.example", "&cc=spy@evil.example", "?cc=spy@evil.example", ",spy@evil.example", ";spy@evil.example"];
    for attack in attacks {
        // As the address, the school-wide one or a route's: refused, with the field named.
        for (field, json) in [
            ("rights.email", format!(r#"{{ "rights": {{ "email": {} }} }}"#, serde_json::to_string(&format!("dpo@oakfield.sch.uk{attack}")).unwrap())),
            ("rights.routes.fix.email", format!(r#"{{ "rights": {{ "routes": {{ "fix": {{ "email": {} }} }} }} }}"#, serde_json::to_string(&format!("dpo@oakfield.sch.uk{attack}")).unwrap())),
        ] {
            let found = errors(&json);
            assert!(found.iter().any(|e| e.starts_with(&format!("{field}:"))), "{attack:?} in {field} was not refused: {found:?}");
            let config = config_lenient(&json);
            for route in Route::ALL {
                for link in view::rights_route(&words(&config, Lang::EnGb, AgeBand::Adult), &config, route).links {
                    assert!(!link.href.to_ascii_lowercase().contains("spy@"), "{attack:?} in {field} reached {}", link.href);
                }
            }
        }
        // As the school's own words for the subject or the body: they stay words.
        let words_json = format!(
            r#"{{ "rights": {{ "email": "dpo@oakfield.sch.uk" }}, "text": {{ "en-GB": {{ "rights.fix.subject": {}, "rights.mail_body": {} }} }} }}"#,
            serde_json::to_string(&format!("Fix it{attack}")).unwrap(),
            serde_json::to_string(&format!("Hello{attack}")).unwrap()
        );
        let config = config(&words_json);
        let fix = view::rights_route(&words(&config, Lang::EnGb, AgeBand::Adult), &config, Route::Fix);
        let (to, fields) = mail(&fix.links[0].href);
        assert_eq!(to, "dpo@oakfield.sch.uk", "{attack:?}");
        assert_eq!(fields, [("subject".to_string(), format!("Fix it{attack}")), ("body".to_string(), format!("Hello{attack}"))], "{attack:?}: {}", fix.links[0].href);
        assert!(!fix.links[0].href.contains(['\r', '\n', ' ']), "{}", fix.links[0].href);
    }
}
