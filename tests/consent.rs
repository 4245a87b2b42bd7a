//! The consent state machine, driven through its ports with in-memory doubles.

use kite::policy::config::Config;
use kite::policy::consent::{Change, Clock, Consent, ConsentError, Environment, Prompt, RecordStore};
use kite::policy::consent_mode::signals;
use kite::policy::json::Json;
use kite::policy::record::DecidedBy::{Guardian, Visitor};
use std::cell::RefCell;
use std::rc::Rc;

/// The record's text and how long it lasts (in days), as a cookie would keep them.
type Stored = Option<(String, Option<u32>)>;

#[derive(Clone, Default)]
struct MemoryStore(Rc<RefCell<Stored>>);

impl RecordStore for MemoryStore {
    fn load(&self) -> Option<String> {
        self.0.borrow().as_ref().map(|(s, _)| s.clone())
    }
    fn save(&self, record: &str, max_age_days: Option<u32>) {
        *self.0.borrow_mut() = Some((record.to_string(), max_age_days));
    }
    fn clear(&self) {
        *self.0.borrow_mut() = None;
    }
}

#[derive(Clone)]
struct FixedClock(Rc<RefCell<u64>>);

impl Clock for FixedClock {
    fn now(&self) -> u64 {
        *self.0.borrow()
    }
}

const DAY: u64 = 86_400;
const START: u64 = 1_790_000_000;

fn config(extra: &str) -> Config {
    let text = format!(
        r#"{{ "audience": "sixth-form", {extra} "purposes": [
            {{ "name": "analytics", "services": [ {{ "name": "stats", "cookies": ["_stats_*"] }}, {{ "name": "heatmap" }} ] }},
            {{ "name": "functional", "services": [ {{ "name": "video" }} ] }},
            {{ "name": "marketing" }} ] }}"#
    );
    let (config, errors) = Config::from_json(&Json::parse(&text).unwrap());
    assert!(errors.is_empty(), "{errors:?}");
    config
}

struct Page {
    store: MemoryStore,
    clock: FixedClock,
}

impl Page {
    fn new() -> Page {
        Page { store: MemoryStore::default(), clock: FixedClock(Rc::new(RefCell::new(START))) }
    }
    fn open(&self, config: Config) -> Consent<MemoryStore, FixedClock> {
        self.open_with(config, Environment::default())
    }
    fn open_with(&self, config: Config, environment: Environment) -> Consent<MemoryStore, FixedClock> {
        Consent::open(config, self.store.clone(), self.clock.clone(), environment)
    }
    fn wait_days(&self, days: u64) {
        *self.clock.0.borrow_mut() += days * DAY;
    }
}

#[test]
fn nothing_optional_is_allowed_before_a_choice() {
    let page = Page::new();
    let consent = page.open(config(""));
    assert_eq!(consent.prompt(), Prompt::Banner);
    assert!(consent.allows("necessary", None));
    for purpose in ["analytics", "functional", "marketing", "unknown"] {
        assert!(!consent.allows(purpose, None), "{purpose}");
    }
    assert!(!consent.allows("analytics", Some("stats")));
}

#[test]
fn accepting_allows_everything_and_is_remembered_on_the_next_page() {
    let page = Page::new();
    let mut consent = page.open(config(""));
    let outcome = consent.apply(Change::AcceptAll, Visitor).unwrap();
    assert!(outcome.granted.contains(&("analytics".into(), Some("stats".into()))));
    let next = page.open(config(""));
    assert_eq!(next.prompt(), Prompt::Nothing);
    assert!(next.allows("analytics", Some("stats")) && next.allows("marketing", None));
}

#[test]
fn rejecting_is_remembered_and_allows_nothing() {
    let page = Page::new();
    page.open(config("")).apply(Change::RejectAll, Visitor).unwrap();
    let next = page.open(config(""));
    assert_eq!(next.prompt(), Prompt::Nothing);
    assert!(!next.allows("analytics", None));
}

#[test]
fn the_record_holds_choices_revision_and_time_but_no_identifier() {
    let page = Page::new();
    page.open(config("")).apply(Change::AcceptAll, Visitor).unwrap();
    let (stored, days) = page.store.0.borrow().clone().unwrap();
    assert_eq!(days, Some(182));
    assert_eq!(stored, format!("1~1~{START}~v~analytics=1.functional=1.marketing=1.analytics/stats=1.analytics/heatmap=1.functional/video=1"));
}

#[test]
fn a_single_service_can_be_chosen_without_its_siblings() {
    let page = Page::new();
    let mut consent = page.open(config(""));
    consent.apply(Change::Set(vec![("analytics".into(), Some("stats".into()), true)]), Visitor).unwrap();
    assert!(consent.allows("analytics", Some("stats")));
    assert!(!consent.allows("analytics", Some("heatmap")));
    assert!(consent.allows("analytics", None), "the purpose is on while one of its services is");
    consent.apply(Change::Set(vec![("analytics".into(), Some("stats".into()), false)]), Visitor).unwrap();
    assert!(!consent.allows("analytics", None), "and off when none is");
}

#[test]
fn withdrawing_reports_what_must_be_cleaned_up_and_whether_to_reload() {
    let page = Page::new();
    let mut consent = page.open(config(""));
    consent.apply(Change::AcceptAll, Visitor).unwrap();
    let ran = vec![("analytics".to_string(), Some("stats".to_string()))];
    assert!(!consent.must_reload(&ran));
    let outcome = consent.apply(Change::Set(vec![("analytics".into(), None, false)]), Visitor).unwrap();
    assert!(outcome.withdrawn.contains(&("analytics".into(), None)));
    assert!(outcome.withdrawn.contains(&("analytics".into(), Some("stats".into()))));
    assert!(outcome.granted.is_empty());
    assert!(consent.must_reload(&ran));
    assert!(!page.open(config(r#""reloadOnWithdraw": false,"#)).must_reload(&ran));
}

#[test]
fn a_new_revision_asks_again_and_allows_nothing_until_then() {
    let page = Page::new();
    page.open(config("")).apply(Change::AcceptAll, Visitor).unwrap();
    let bumped = page.open(config(r#""revision": 2,"#));
    assert_eq!(bumped.prompt(), Prompt::Banner);
    assert!(!bumped.allows("analytics", None));
}

#[test]
fn a_choice_expires_after_the_configured_days() {
    let page = Page::new();
    page.open(config(r#""consentMaxAgeDays": 30,"#)).apply(Change::AcceptAll, Visitor).unwrap();
    page.wait_days(30);
    assert_eq!(page.open(config(r#""consentMaxAgeDays": 30,"#)).prompt(), Prompt::Nothing);
    page.wait_days(1);
    let expired = page.open(config(r#""consentMaxAgeDays": 30,"#));
    assert_eq!(expired.prompt(), Prompt::Banner);
    assert!(!expired.allows("analytics", None));
}

#[test]
fn the_default_lifetime_is_182_days() {
    let page = Page::new();
    page.open(config("")).apply(Change::AcceptAll, Visitor).unwrap();
    page.wait_days(182);
    assert_eq!(page.open(config("")).prompt(), Prompt::Nothing);
    page.wait_days(1);
    assert_eq!(page.open(config("")).prompt(), Prompt::Banner);
}

#[test]
fn a_corrupted_record_counts_as_no_choice_yet() {
    for junk in ["garbage%%", "1~1~1790000000~v~analytics=maybe", "", "1~1~99999999999~v~analytics=1"] {
        let page = Page::new();
        page.store.save(junk, Some(182));
        let consent = page.open(config(""));
        assert_eq!(consent.prompt(), Prompt::Banner, "{junk:?}");
        assert!(!consent.allows("analytics", None));
    }
}

#[test]
fn a_service_added_after_the_choice_stays_off() {
    let page = Page::new();
    page.store.save(&format!("1~1~{START}~v~analytics=1.analytics/stats=1"), Some(182));
    let consent = page.open(config(""));
    assert!(consent.allows("analytics", Some("stats")));
    assert!(!consent.allows("analytics", Some("heatmap")));
}

#[test]
fn a_privacy_signal_only_tightens_and_an_explicit_choice_made_with_it_on_stands() {
    for signal in [Environment { global_privacy_control: true, ..Environment::default() }, Environment { do_not_track: true, ..Environment::default() }] {
        // A choice made before the browser sent the signal no longer counts: nothing optional
        // runs, and the banner (saying the signal was honoured) asks again.
        let page = Page::new();
        page.open(config("")).apply(Change::AcceptAll, Visitor).unwrap();
        let tightened = page.open_with(config(""), signal);
        assert!(!tightened.allows("analytics", None) && !tightened.allows("marketing", None), "{signal:?}");
        assert_eq!(tightened.prompt(), Prompt::Banner);
        assert!(page.open(config("")).allows("marketing", None), "without the signal the old choice stands");

        // The signal never counts as consent: nothing optional before a choice.
        let fresh = Page::new();
        assert!(!fresh.open_with(config(""), signal).allows("analytics", None));

        // A person old enough chooses explicitly with the signal on: that choice stands.
        let page = Page::new();
        page.open_with(config(""), signal).apply(Change::Set(vec![("marketing".into(), None, true)]), Visitor).unwrap();
        let later = page.open_with(config(""), signal);
        assert!(later.allows("marketing", None) && !later.allows("analytics", None), "{signal:?}");
        assert!(later.record().unwrap().signal);
    }
}

#[test]
fn under_thirteens_are_not_asked_and_only_a_guardian_can_switch_things_on() {
    let page = Page::new();
    let text = r#"{ "audience": "primary", "purposes": [ { "name": "analytics" } ] }"#;
    let config = || Config::from_json(&Json::parse(text).unwrap()).0;
    let mut consent = page.open(config());
    assert_eq!(consent.prompt(), Prompt::ChildNotice);
    assert!(consent.guardian_required());
    assert_eq!(consent.apply(Change::AcceptAll, Visitor), Err(ConsentError::GuardianRequired));
    consent.apply(Change::RejectAll, Visitor).unwrap();
    assert_eq!(page.open(config()).prompt(), Prompt::Nothing, "the child's OK is remembered");
    consent.apply(Change::Set(vec![("analytics".into(), None, true)]), Guardian).unwrap();
    assert!(page.open(config()).allows("analytics", None));
}

#[test]
fn a_childs_own_yes_stored_earlier_does_not_count_on_a_childrens_site() {
    let page = Page::new();
    page.store.save(&format!("1~1~{START}~v~analytics=1"), Some(182));
    let text = r#"{ "audience": "primary", "purposes": [ { "name": "analytics" } ] }"#;
    let consent = page.open(Config::from_json(&Json::parse(text).unwrap()).0);
    assert!(!consent.allows("analytics", None));
}

#[test]
fn unknown_names_in_a_change_are_refused_and_change_nothing() {
    let page = Page::new();
    let mut consent = page.open(config(""));
    let err = consent.apply(Change::Set(vec![("analytics".into(), None, true), ("analytcs".into(), None, true)]), Visitor).unwrap_err();
    assert!(err.to_string().contains("analytcs"));
    assert!(!consent.allows("analytics", None));
    assert!(page.store.load().is_none());
}

#[test]
fn reset_forgets_the_choice_and_asks_again() {
    let page = Page::new();
    let mut consent = page.open(config(""));
    consent.apply(Change::AcceptAll, Visitor).unwrap();
    let outcome = consent.reset();
    assert!(outcome.withdrawn.contains(&("marketing".into(), None)));
    assert_eq!(consent.prompt(), Prompt::Banner);
    assert!(page.store.load().is_none());
}

#[test]
fn another_tabs_choice_is_picked_up_on_reload() {
    let page = Page::new();
    let mut here = page.open(config(""));
    let mut there = page.open(config(""));
    there.apply(Change::AcceptAll, Visitor).unwrap();
    let outcome = here.reload();
    assert!(outcome.granted.contains(&("analytics".into(), None)));
    assert_eq!(here.prompt(), Prompt::Nothing);
    there.apply(Change::RejectAll, Visitor).unwrap();
    assert!(here.reload().withdrawn.contains(&("analytics".into(), None)));
}

#[test]
fn consent_mode_grants_only_what_is_allowed() {
    let page = Page::new();
    let mut consent = page.open(config(""));
    let granted = |c: &Consent<MemoryStore, FixedClock>| {
        signals(c.config(), |p| c.allows(p, None)).iter().filter(|(_, g)| *g).map(|(s, _)| s.name()).collect::<Vec<_>>()
    };
    assert!(granted(&consent).is_empty());
    consent.apply(Change::Set(vec![("analytics".into(), None, true)]), Visitor).unwrap();
    assert_eq!(granted(&consent), ["analytics_storage"]);
    consent.apply(Change::AcceptAll, Visitor).unwrap();
    assert_eq!(granted(&consent).len(), 6);
}

#[test]
fn a_record_from_another_tab_is_checked_like_a_stored_one() {
    let page = Page::new();
    let mut here = page.open(config(""));
    let granted = here.adopt(Some(format!("1~1~{START}~v~analytics=1")));
    assert!(granted.granted.contains(&("analytics".into(), None)));
    assert!(here.adopt(Some(format!("1~2~{START}~v~analytics=1"))).withdrawn.contains(&("analytics".into(), None)), "another revision is refused");
    assert!(!here.allows("analytics", None));
    here.adopt(Some(format!("1~1~{START}~v~analytics=1")));
    assert!(here.adopt(None).withdrawn.contains(&("analytics".into(), None)), "a forgotten choice withdraws everything");
    assert_eq!(here.prompt(), Prompt::Banner);
}

#[test]
fn a_rejection_can_be_remembered_longer_than_an_acceptance() {
    let lifetimes = r#""consentMaxAgeDays": { "accept": 90, "reject": 365 },"#;
    let page = Page::new();
    page.open(config(lifetimes)).apply(Change::AcceptAll, Visitor).unwrap();
    assert_eq!(page.store.0.borrow().as_ref().unwrap().1, Some(90));
    page.wait_days(91);
    assert_eq!(page.open(config(lifetimes)).prompt(), Prompt::Banner, "an acceptance is asked again after 90 days");

    let page = Page::new();
    page.open(config(lifetimes)).apply(Change::RejectAll, Visitor).unwrap();
    assert_eq!(page.store.0.borrow().as_ref().unwrap().1, Some(365));
    page.wait_days(300);
    assert_eq!(page.open(config(lifetimes)).prompt(), Prompt::Nothing, "a rejection still stands after 300 days");
    page.wait_days(66);
    assert_eq!(page.open(config(lifetimes)).prompt(), Prompt::Banner);
}

#[test]
fn on_a_shared_device_every_choice_lasts_for_the_session_only() {
    let page = Page::new();
    page.open(config(r#""sharedDevice": true,"#)).apply(Change::AcceptAll, Visitor).unwrap();
    assert_eq!(page.store.0.borrow().as_ref().unwrap().1, None, "kept for the browser session only");

    // A dashboard says so at log-in: the choice already made is kept for the session too.
    let page = Page::new();
    let mut consent = page.open(config(""));
    consent.apply(Change::AcceptAll, Visitor).unwrap();
    assert_eq!(page.store.0.borrow().as_ref().unwrap().1, Some(182));
    consent.set_shared(true);
    assert_eq!(page.store.0.borrow().as_ref().unwrap().1, None);
    assert!(consent.allows("analytics", None), "the choice itself stands until log-out");
    let mut shared = page.open_with(config(r#""sharedDevice": true,"#), Environment::default());
    shared.set_shared(false);
    assert_eq!(shared.keep_for(shared.table()), None, "the config's shared device cannot be switched off by the page");
}
