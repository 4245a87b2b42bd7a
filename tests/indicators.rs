//! Signs while someone can see a child's activity, while location is shared and while the
//! camera or microphone is on; the contact-details warning. What shows and what it says is
//! decided in the policy core; these are its rules.

use kite::policy::age::AgeBand;
use kite::policy::config::Config;
use kite::policy::contact::{GuardMode, Kind};
use kite::policy::indicators::{media_notices, monitors, signs, Sensors, Sign, Watcher, LOCATION_SIGN_MS};
use kite::policy::json::Json;
use kite::policy::locale::Lang;
use kite::policy::notices::Agreed;
use kite::policy::view::{self, Action, Words};

fn json(text: &str) -> Json {
    Json::parse(text).expect("test JSON parses")
}

fn words(band: AgeBand) -> Words {
    Words::new(&Config::default(), Lang::EnGb, band)
}

#[test]
fn monitoring_declarations_are_read_with_clear_errors_and_the_good_ones_kept() {
    let (list, errors) = monitors(&json(r#"[{ "by": "parent", "what": "progress" }, { "by": "techer", "what": "work" }, { "by": "teacher" }, { "by": "teacher", "what": { "en-GB": "work", "cy": "gwaith" } }]"#), "monitoring");
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].by, Watcher::Parent);
    assert_eq!(list[1].what.get(Lang::Cy), "gwaith");
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["monitoring[1].by", "monitoring[2].what"]);
    assert!(errors[0].message.contains("\"parent\", \"teacher\" or \"school\""), "{}", errors[0].message);
    let (none, errors) = monitors(&json(r#""teacher""#), "monitoring.set");
    assert!(none.is_empty());
    assert!(errors[0].message.contains("found text"), "{}", errors[0].message);
}

#[test]
fn the_config_can_declare_monitoring_and_the_guard_mode() {
    let (config, errors) = Config::from_json(&json(r#"{ "monitoring": [{ "by": "teacher", "what": "work" }], "guard": { "mode": "block" } }"#));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(config.monitoring.len(), 1);
    assert_eq!(config.guard, GuardMode::Block);
    assert_eq!(Config::default().guard, GuardMode::Warn);
    let (config, errors) = Config::from_json(&json(r#"{ "guard": { "mode": "stop" } }"#));
    assert_eq!(config.guard, GuardMode::Warn);
    assert_eq!(errors[0].path, "guard.mode");
    assert!(errors[0].message.contains("\"warn\"") && errors[0].message.contains("\"block\""));
}

#[test]
fn the_monitoring_sign_says_who_can_see_what_in_child_words() {
    let (one, _) = monitors(&json(r#"[{ "by": "teacher", "what": "work" }]"#), "m");
    let views = view::signs(&words(AgeBand::From10To12), &one, &signs(&one, &Sensors::default(), 0.0));
    assert_eq!(views.len(), 1);
    assert_eq!(views[0].label, "Your teacher can see your work");
    assert_eq!(views[0].opens, Some(Action::Monitoring));
    let (two, _) = monitors(&json(r#"[{ "by": "parent", "what": "progress" }, { "by": "teacher", "what": "work and messages" }]"#), "m");
    let views = view::signs(&words(AgeBand::From10To12), &two, &signs(&two, &Sensors::default(), 0.0));
    assert_eq!(views[0].label, "Your parent or carer and teacher can see what you do here");
    let panel = view::monitoring(&words(AgeBand::From6To9), &Config::default(), &two);
    assert_eq!(panel.lines.len(), 2);
    assert!(panel.lines[0].starts_with("Your parent or carer can see your progress. "), "{}", panel.lines[0]);
    assert!(panel.note.is_some(), "under-13s are told who to ask");
    assert!(view::monitoring(&words(AgeBand::From16To17), &Config::default(), &two).note.is_none());
    let welsh = view::signs(&Words::new(&Config::default(), Lang::Cy, AgeBand::From10To12), &one, &[Sign::Monitoring]);
    assert_eq!(welsh[0].label, "Mae eich athro yn gallu gweld eich work");
}

#[test]
fn nothing_declared_and_nothing_on_means_no_signs() {
    assert!(signs(&[], &Sensors::default(), 1_000_000.0).is_empty());
}

#[test]
fn the_location_sign_shows_while_a_watch_runs_and_for_a_minute_after_a_position() {
    let now = 1_700_000_000_000.0;
    let watching = Sensors { watches: 1, ..Sensors::default() };
    assert_eq!(signs(&[], &watching, now), vec![Sign::Location]);
    assert_eq!(watching.location_sign_ends_in(now), None, "a running watch keeps it on");
    let handed_out = Sensors { last_position: Some(now), ..Sensors::default() };
    assert!(handed_out.sharing_location(now + LOCATION_SIGN_MS - 1.0));
    assert!(!handed_out.sharing_location(now + LOCATION_SIGN_MS));
    assert_eq!(handed_out.location_sign_ends_in(now + 15_000.0), Some(45_000.0));
    let views = view::signs(&words(AgeBand::From10To12), &[], &signs(&[], &handed_out, now));
    assert_eq!(views[0].label, "Sharing where you are");
    assert_eq!(views[0].button.as_ref().map(|b| (b.action, b.label.as_str())), Some((Action::StopLocation, "Stop sharing")));
}

#[test]
fn the_camera_sign_names_what_is_on_and_offers_to_turn_it_off() {
    let both = Sensors { camera: true, microphone: true, ..Sensors::default() };
    let views = view::signs(&words(AgeBand::From10To12), &[], &signs(&[], &both, 0.0));
    assert_eq!(views[0].label, "Your camera and microphone are on");
    assert_eq!(views[0].button.as_ref().map(|b| b.action), Some(Action::StopMedia));
    let mic = Sensors { microphone: true, ..Sensors::default() };
    assert_eq!(view::signs(&words(AgeBand::From10To12), &[], &signs(&[], &mic, 0.0))[0].label, "Your microphone is on");
    assert_eq!(media_notices(true, true), ["camera", "microphone"]);
    assert_eq!(media_notices(false, true), ["microphone"]);
}

#[test]
fn an_ok_to_location_lasts_for_the_session_and_stop_sharing_takes_it_back() {
    let rules = Config::default().notices;
    let fresh = Agreed::read("");
    assert!(rules.should_show("location", &fresh), "a new session starts with location off");
    let mut agreed = Agreed::read("photo-upload");
    agreed.add("location");
    assert!(!rules.should_show("location", &Agreed::read(&agreed.encode())));
    agreed.remove("location");
    assert!(rules.should_show("location", &Agreed::read(&agreed.encode())), "after Stop sharing the next request asks again");
    assert!(agreed.contains("photo-upload"));
}

#[test]
fn the_guard_warns_kindly_and_only_warn_mode_offers_send_anyway() {
    let warn = view::guard_warning(&words(AgeBand::From10To12), &Config::default(), &[Kind::Phone], GuardMode::Warn);
    assert!(warn.text.starts_with("This looks like a phone number."), "{}", warn.text);
    let codes: Vec<&str> = warn.buttons.iter().map(|b| b.code).collect();
    assert_eq!(codes, ["change", "send"]);
    assert_eq!(warn.focus, Some("change"));
    assert_eq!(warn.dismiss, Action::Guard(false));
    let block = view::guard_warning(&words(AgeBand::From10To12), &Config::default(), &[Kind::Email], GuardMode::Block);
    assert_eq!(block.buttons.len(), 1);
    assert_eq!(block.text, "This looks like an email. You can't send contact details here.");
}

#[test]
fn welsh_repeats_the_possessive_when_it_joins_names() {
    let (two, _) = monitors(&json(r#"[{ "by": "parent", "what": "progress" }, { "by": "teacher", "what": "work" }]"#), "m");
    let welsh = view::signs(&Words::new(&Config::default(), Lang::Cy, AgeBand::From10To12), &two, &[Sign::Monitoring]);
    assert_eq!(welsh[0].label, "Mae eich rhiant neu ofalwr a'ch athro yn gallu gweld beth rydych chi'n ei wneud yma");
}
