//! Every parser a page or a config can reach, on inputs nobody wrote by hand: a short run
//! with a fixed seed in `make test` (set `KITE_PROPERTY_CASES` for more, `KITE_PROPERTY_SEED`
//! for another seed). The properties are in `common/properties.rs`; `make fuzz` runs the same
//! ones for as long as you like. Every input a fuzzer kept (`tests/fuzz/corpus`) or that once
//! failed (`tests/fuzz/regressions`) runs here too, every time.

#[path = "common/properties.rs"]
mod props;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use std::path::Path;
use std::time::{Duration, Instant};

fn config(cases: u32) -> Config {
    let seed = std::env::var("KITE_PROPERTY_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(20_261_202);
    let cases = std::env::var("KITE_PROPERTY_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(cases);
    Config { cases, rng_seed: RngSeed::Fixed(seed), failure_persistence: None, ..Config::default() }
}

/// Text with the characters that trip parsers up: multi-byte letters, separators, escapes.
fn awkward_text(max: usize) -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        any::<char>().prop_map(String::from),
        proptest::sample::select(vec!["é", "ŵ", "🙂", "~", "=", ".", "/", "@", "%", "%0d%0a", "\r\n", "&cc=", "?", "#", ":", "//", "\\", "[", "]", "*", " ", ",", ";", "<", ">", "\"", "0", "1", "v", "g", "s"])
            .prop_map(String::from),
        "[a-z0-9]{1,8}",
    ];
    proptest::collection::vec(pieces, 0..max).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn a_config_of_any_shape_gives_a_usable_config_with_everything_optional_off(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        props::config_tree(&props::config_from_bytes(&bytes));
    }

    #[test]
    fn config_text_of_any_kind_never_stops_the_checker(text in awkward_text(40)) {
        props::config_text(&text);
        props::config_text(&format!("{{ \"privacyNotice\": {{ \"url\": {:?} }}, \"purposes\": [ {{ \"name\": {:?} }} ] }}", text, text));
    }

    #[test]
    fn a_stored_record_that_does_not_read_is_no_choice(text in awkward_text(30), version in 0u32..4, revision in any::<u32>(), time in any::<u64>()) {
        props::record(&text);
        props::record(&format!("{version}~{revision}~{time}~v~{text}"));
        props::record(&format!("{version}~{revision}~{time}~g~analytics=1.analytics/stats={text}~s"));
    }

    #[test]
    fn a_mark_names_a_purpose_of_the_config_or_stays_blocked(text in awkward_text(12)) {
        props::mark(&text);
        props::mark(&format!("analytics/{text}"));
    }

    #[test]
    fn a_link_goes_without_asking_only_to_the_schools_own_or_trusted_sites(raw in awkward_text(16), host in "[a-z]{1,6}(\\.[a-z]{2,4}){0,2}", page in 0usize..5) {
        props::link(&raw, page);
        props::link(&format!("https://{host}/{raw}"), page);
        props::link(&format!("https://{raw}.bbc.co.uk/"), page);
        props::link(&format!("https://www.oakfield.sch.uk{raw}"), page);
        props::link(&format!("//{raw}@{host}.oakfield.sch.uk/"), page);
        // Hosts that end like a trusted or own one without being under it.
        props::link(&format!("https://{host}bbc.co.uk/"), page);
        props::link(&format!("https://{host}oakfield.sch.uk/"), page);
        props::link(&format!("https://{host}learn.oakfield-vle.example/"), page);
    }

    #[test]
    fn a_rights_email_carries_only_its_subject_and_body(user in awkward_text(6), domain in awkward_text(6), subject in awkward_text(10), body in awkward_text(20)) {
        props::mailto(&format!("{user}@{domain}.sch.uk"), &subject, &body);
        props::mailto(&format!("dpo@oakfield.sch.uk{domain}"), &subject, &body);
    }

    #[test]
    fn the_detector_answers_any_message(message in awkward_text(60)) {
        props::detector(&message);
    }

    #[test]
    fn a_receipt_reads_back_for_any_time(time in any::<u64>(), offset in any::<i64>(), random in any::<[u8; 10]>()) {
        props::receipt(time, offset, random);
    }
}

/// Inputs kept by the fuzzers (`tests/fuzz/corpus/<target>`) and inputs that once failed
/// (`tests/fuzz/regressions/<target>`), each run through its target's property.
fn each_kept_input(target: &str, check: impl Fn(&[u8])) -> usize {
    let mut seen = 0;
    for folder in ["corpus", "regressions"] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz").join(folder).join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let bytes = std::fs::read(entry.path()).unwrap();
            check(&bytes);
            seen += 1;
        }
    }
    seen
}

#[test]
fn every_input_the_fuzzers_kept_still_holds() {
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    let mut seen = 0;
    seen += each_kept_input("config_text", |b| props::config_text(&text(b)));
    seen += each_kept_input("config_tree", |b| props::config_tree(&props::config_from_bytes(b)));
    seen += each_kept_input("record", |b| props::record(&text(b)));
    seen += each_kept_input("mark", |b| props::mark(&text(b)));
    seen += each_kept_input("link", |b| props::link(&text(b), b.first().map_or(0, |&p| usize::from(p))));
    seen += each_kept_input("mailto", |b| {
        let t = text(b);
        let mut parts = t.splitn(3, '\n');
        props::mailto(parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    });
    seen += each_kept_input("detector", |b| props::detector(&text(b)));
    seen += each_kept_input("receipt", props::receipt_from_bytes);
    assert!(seen > 0, "the fuzz corpus is in tests/fuzz/corpus");
}

/// The detector reads each message once: a long message costs in proportion to its length.
/// A child can paste anything into a guarded box, and the check runs as they type.
#[test]
fn the_detector_reads_a_100000_character_message_in_linear_time() {
    // Shapes that would be slow for a detector that looked back or ahead from every word.
    let shapes = [
        "one ".repeat(25_000),
        "07700 ".repeat(16_667),
        "a@".repeat(50_000),
        "my my my my ".repeat(8_334),
        "at ".repeat(33_334),
        "live at ".repeat(12_500),
        "add me on ".repeat(10_000),
        "@".repeat(100_000),
        "ŵ".repeat(100_000),
        "instagram.com/".repeat(7_143),
        "a".repeat(100_000),
        "1 2 3 4 5 6 7 8 9 ".repeat(5_556),
    ];
    // The budget is for a debug build (`cargo test`); a release build, as in the browser, is
    // about ten times faster. Quadratic work on 100,000 characters would take minutes. The
    // two lengths are timed in turn, five times, and each keeps its best: a busy machine (CI,
    // a build beside it) slows a run, never speeds one up.
    let budget = Duration::from_millis(1500);
    let time = |message: &str| {
        let start = Instant::now();
        let _ = kite::policy::contact::find(message);
        start.elapsed()
    };
    for message in shapes {
        let message: String = message.chars().take(100_000).collect();
        let double = message.repeat(2);
        let (mut took, mut took2) = (Duration::MAX, Duration::MAX);
        for _ in 0..5 {
            took = took.min(time(&message));
            took2 = took2.min(time(&double));
        }
        assert!(took < budget, "{took:?} for 100,000 characters of {:?}…", message.chars().take(20).collect::<String>());
        // Twice the length takes about twice as long; quadratic work would take four times.
        assert!(took2 < took.mul_f64(3.5) + Duration::from_millis(20), "{took:?} then {took2:?} for twice the length of {:?}…", message.chars().take(20).collect::<String>());
    }
}
