//! What the consent panels show and which buttons they have, decided by the policy core so
//! the one Leptos `Panel` component only renders it.

use kite::policy::config::Config;
mod common;

use common::{NoRecord, Now};
use kite::policy::consent::{Change, Consent, Environment};
use kite::policy::json::Json;
use kite::policy::locale::Lang;
use kite::policy::record::DecidedBy::Visitor;
use kite::policy::view::{Action, ConsentView, Lock, Panel};

fn consent(audience: &str, environment: Environment) -> Consent<NoRecord, Now> {
    let text = format!(
        r#"{{ "audience": {audience}, "purposes": [
            {{ "name": "analytics", "services": [ {{ "name": "stats", "label": "Stats", "cookies": ["_ga", "_ga_*"] }} ] }},
            {{ "name": "marketing" }},
            {{ "name": "clubs", "label": {{ "en-GB": "Club sign-ups", "cy": "Cofrestru clybiau" }} }} ] }}"#
    );
    let (config, errors) = Config::from_json(&Json::parse(&text).unwrap());
    assert!(errors.is_empty(), "{errors:?}");
    Consent::open(config, NoRecord, Now, environment)
}

fn buttons(panel: &Panel) -> Vec<(&str, Action)> {
    panel.buttons.iter().map(|b| (b.code, b.action)).collect()
}

#[test]
fn the_banner_offers_accept_reject_and_choose_in_that_order_and_closing_it_rejects() {
    let view = ConsentView::of(&consent("\"sixth-form\"", Environment::default()), Lang::EnGb);
    let banner = view.banner().expect("asked before any choice");
    assert_eq!(buttons(&banner), [("accept", Action::Accept), ("reject", Action::Reject), ("choose", Action::Choose)]);
    assert_eq!(banner.dismiss, Action::Reject, "the close control and Escape mean reject");
    assert!(!banner.modal, "the banner does not block the page");
    assert!(banner.switches.is_empty());
    assert!(banner.buttons.iter().all(|b| !b.label.is_empty()));
    assert_eq!(banner.note, None, "no Global Privacy Control note without the signal");
}

#[test]
fn no_banner_once_a_choice_is_in_force() {
    let mut consent = consent("\"sixth-form\"", Environment::default());
    consent.apply(Change::RejectAll, Visitor).unwrap();
    assert_eq!(ConsentView::of(&consent, Lang::EnGb).banner(), None);
}

#[test]
fn an_under_13_gets_a_notice_with_one_ok_that_turns_nothing_on() {
    let view = ConsentView::of(&consent("\"primary\"", Environment::default()), Lang::EnGb);
    let banner = view.banner().expect("the child notice");
    assert_eq!(buttons(&banner), [("ok", Action::Reject)]);
    let preferences = view.preferences();
    assert_eq!(buttons(&preferences), [("close", Action::Close)], "only a parent or carer can switch things on");
    assert!(preferences.switches.iter().skip(1).all(|s| s.lock == Some(Lock::Guardian)));
}

#[test]
fn preferences_list_necessary_first_locked_on_then_each_purpose_with_its_services_and_cookies() {
    let view = ConsentView::of(&consent("\"sixth-form\"", Environment::default()), Lang::EnGb);
    let preferences = view.preferences();
    assert!(preferences.modal);
    assert_eq!(preferences.dismiss, Action::Close, "closing the dialog changes nothing");
    assert_eq!(buttons(&preferences), [("accept", Action::Accept), ("reject", Action::Reject), ("save", Action::Save)]);
    let ids: Vec<&str> = preferences.switches.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["kite-purpose-necessary", "kite-purpose-analytics", "kite-purpose-marketing", "kite-purpose-clubs"]);
    assert_eq!(preferences.switches[0].lock, Some(Lock::AlwaysOn));
    let stats = &preferences.switches[1].services[0];
    assert_eq!((stats.id.as_str(), stats.label.as_str(), stats.service.as_deref()), ("kite-service-analytics-stats", "Stats", Some("stats")));
    assert_eq!(stats.about.last().map(String::as_str), Some("Cookies it sets: _ga, _ga_*"));
    assert_eq!(preferences.switches[3].label, "Club sign-ups", "a custom purpose shows the site's label");
}

#[test]
fn welsh_panels_use_welsh_words_and_the_sites_welsh_labels() {
    let english = ConsentView::of(&consent("\"sixth-form\"", Environment::default()), Lang::EnGb).preferences();
    let welsh = ConsentView::of(&consent("\"sixth-form\"", Environment::default()), Lang::Cy).preferences();
    assert_ne!(english.title, welsh.title);
    assert_eq!(welsh.switches[3].label, "Cofrestru clybiau");
    assert_ne!(english.buttons[0].label, welsh.buttons[0].label);
}

#[test]
fn a_privacy_signal_is_acknowledged_and_the_visitor_may_still_choose() {
    for signal in [Environment { global_privacy_control: true, ..Environment::default() }, Environment { do_not_track: true, ..Environment::default() }] {
        let view = ConsentView::of(&consent("\"sixth-form\"", signal), Lang::EnGb);
        let banner = view.banner().unwrap();
        assert!(banner.note.as_deref().is_some_and(|n| n.starts_with("Your browser asked sites not to track you")), "{:?}", banner.note);
        let preferences = view.preferences();
        assert!(preferences.note.is_some());
        assert!(preferences.switches.iter().skip(1).all(|s| s.lock.is_none()), "an explicit choice by someone old enough wins");
    }
}

#[test]
fn the_leaving_dialog_names_the_site_and_go_back_has_focus() {
    use kite::policy::view::leaving;
    let older = ConsentView::of(&consent("\"sixth-form\"", Environment::default()), Lang::EnGb);
    let panel = leaving(&older.words, "bbc.co.uk", false);
    assert_eq!(panel.site.as_deref(), Some("bbc.co.uk"));
    assert_eq!(panel.tick, None);
    assert_eq!(buttons(&panel), [("back", Action::Back), ("continue", Action::Continue)]);
    assert_eq!(panel.buttons[1].label, "Continue to bbc.co.uk");
    assert_eq!(panel.focus, Some("back"), "Enter pressed by habit keeps the child here");
    assert_eq!((panel.dismiss, panel.modal), (Action::Back, true));
    assert_eq!(panel.note, None, "sixth-formers are not told to ask an adult");

    let child = ConsentView::of(&consent("\"primary\"", Environment::default()), Lang::EnGb);
    let panel = leaving(&child.words, "bbc.co.uk", false);
    assert!(panel.note.as_deref().is_some_and(|n| n.contains("adult") || n.contains("grown-up")), "{:?}", panel.note);

    let welsh = ConsentView::of(&consent("\"primary\"", Environment::default()), Lang::Cy);
    assert_eq!(leaving(&welsh.words, "bbc.co.uk", false).buttons[1].label, "Ymlaen i bbc.co.uk");
}

#[test]
fn older_pupils_may_tick_dont_ask_again_today_and_under_13s_never_can() {
    use kite::policy::age::AgeBand;
    use kite::policy::links::LinkRules;
    use kite::policy::view::leaving;
    let rules = LinkRules::default();
    for (age, offered) in [(5, false), (9, false), (12, false), (13, true), (16, true), (30, true)] {
        assert_eq!(rules.may_skip(AgeBand::for_age(age)), offered, "age {age}");
    }
    let off = LinkRules { dont_ask_again: false, ..LinkRules::default() };
    assert!(!off.may_skip(AgeBand::Adult), "the school can switch the choice off");

    let older = ConsentView::of(&consent("\"sixth-form\"", Environment::default()), Lang::EnGb);
    let panel = leaving(&older.words, "bbc.co.uk", rules.may_skip(older.words.band));
    assert_eq!(panel.tick.as_deref(), Some("Don't ask me again about this site today"));
    assert_eq!(panel.focus, Some("back"), "the tick box is never where focus starts");
    let welsh = ConsentView::of(&consent("\"sixth-form\"", Environment::default()), Lang::Cy);
    assert!(leaving(&welsh.words, "bbc.co.uk", true).tick.is_some_and(|t| t.contains("heddiw")));
}

#[test]
fn a_refused_link_gets_one_ok_that_stays_here() {
    let view = ConsentView::of(&consent("\"sixth-form\"", Environment::default()), Lang::EnGb);
    let panel = kite::policy::view::refused(&view.words);
    assert_eq!(buttons(&panel), [("ok", Action::Back)]);
    assert_eq!(panel.site, None);
}

#[test]
fn read_to_me_is_offered_to_children_under_ten_with_the_words_in_reading_order() {
    use kite::policy::age::AgeBand;
    use kite::policy::config::Config;
    use kite::policy::view::{leaving, notice, Words};
    let config = Config::default();
    let young = Words::new(&config, Lang::EnGb, AgeBand::From6To9);
    let panel = notice(&young, &config, "camera").unwrap();
    let (label, text) = panel.speak.clone().expect("6-9 get Read to me");
    assert_eq!(label, "Read to me");
    assert_eq!(text, format!("{} {} {}", panel.title, panel.text, panel.note.clone().unwrap()));
    let out = leaving(&Words::new(&config, Lang::Cy, AgeBand::Under6), "bbc.co.uk", false);
    let (label, text) = out.speak.expect("under-sixes too");
    assert_eq!(label, "Darllen i mi");
    assert!(text.contains(" bbc.co.uk "), "the site is read out: {text}");
    let older = Words::new(&config, Lang::EnGb, AgeBand::From10To12);
    assert_eq!(notice(&older, &config, "camera").unwrap().speak, None);
    let primary = ConsentView::of(&consent("\"primary\"", Environment::default()), Lang::EnGb);
    assert!(primary.banner().unwrap().speak.is_some());
    assert!(ConsentView::of(&consent("\"secondary\"", Environment::default()), Lang::EnGb).banner().unwrap().speak.is_none());
}
