//! Kite's words must be readable by the children who see them. Every bundled English message
//! is measured, as each age band would see it, with the Flesch–Kincaid grade:
//! `0.39 × words per sentence + 11.8 × syllables per word − 15.59`.
//!
//! Limits (issue 4): 6–9 at or under grade 2 (0–5 is held to the same), 10–12 at or under 4,
//! 13–15 at or under 6; for bands under 13, no sentence of 15 words or more. Labels and
//! headings (text with no full stop, question or exclamation mark) are too short for the
//! formula to mean anything, so they are held to the sentence length only.
//!
//! Run with `cargo test --test readability -- --nocapture` to see the distribution.

use kite::policy::age::AgeBand;
use kite::policy::locale::{message, message_keys, Lang};

/// Messages only ever shown to people of 13 and over: the full banner and preferences text
/// (under-13s see `banner.child_body` and `prefs.child_intro`), and the "don't ask again
/// today" tick box (`LinkRules::may_skip`).
const THIRTEEN_AND_OVER: &[&str] = &["banner.body", "prefs.intro", "leave.skip"];

const LIMITS: [(AgeBand, f64); 4] = [(AgeBand::Under6, 2.0), (AgeBand::From6To9, 2.0), (AgeBand::From10To12, 4.0), (AgeBand::From13To15, 6.0)];

/// Syllables in an English word, by the usual vowel-group rule: groups of vowels (and y),
/// less a silent final e, -es or -ed.
fn syllables(word: &str) -> usize {
    let w: String = word.chars().filter(|c| c.is_ascii_alphabetic()).map(|c| c.to_ascii_lowercase()).collect();
    if w.is_empty() {
        return 0;
    }
    if w.len() <= 3 {
        return 1;
    }
    let before = |n: usize| w.as_bytes()[w.len() - n];
    let stem = if w.ends_with("es") && !b"sxzcg".contains(&before(3)) || w.ends_with("ed") && !b"td".contains(&before(3)) {
        &w[..w.len() - 2]
    } else if w.ends_with('e') && !w.ends_with("le") {
        &w[..w.len() - 1]
    } else {
        &w[..]
    };
    let mut groups = 0;
    let mut in_vowels = false;
    for c in stem.chars() {
        let vowel = "aeiouy".contains(c);
        if vowel && !in_vowels {
            groups += 1;
        }
        in_vowels = vowel;
    }
    groups.max(1)
}

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().filter(|w| w.chars().any(|c| c.is_ascii_alphabetic())).collect()
}

fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, (at, c)) in chars.iter().enumerate() {
        let ends = matches!(c, '.' | '!' | '?') && chars.get(i + 1).is_none_or(|(_, next)| next.is_whitespace());
        if ends {
            out.push(&text[start..*at]);
            start = at + 1;
        }
    }
    out.push(&text[start..]);
    out.retain(|s| !words(s).is_empty());
    out
}

struct Reading {
    grade: f64,
    longest: usize,
    is_sentence: bool,
}

fn reading(text: &str) -> Reading {
    let text = text.replace("{site}", "the site").replace("{provider}", "YouTube");
    let all = words(&text);
    let parts = sentences(&text);
    let syllables: usize = all.iter().map(|w| syllables(w)).sum();
    let per_sentence = all.len() as f64 / parts.len().max(1) as f64;
    Reading {
        grade: 0.39 * per_sentence + 11.8 * syllables as f64 / all.len().max(1) as f64 - 15.59,
        longest: parts.iter().map(|s| words(s).len()).max().unwrap_or(0),
        is_sentence: text.trim_end().ends_with(['.', '!', '?']),
    }
}

#[test]
fn the_syllable_counter_agrees_with_a_dictionary_on_kites_own_words() {
    let table = [
        ("site", 1), ("website", 2), ("cookies", 2), ("information", 4), ("uses", 2), ("makes", 1), ("changes", 2),
        ("used", 1), ("wanted", 2), ("people", 2), ("every", 3), ("they", 1), ("grown-up", 2), ("teacher", 2),
        ("permission", 3), ("you", 1), ("school", 1), ("privacy", 3),
    ];
    for (word, count) in table {
        assert_eq!(syllables(word), count, "{word}");
    }
}

#[test]
fn the_grade_formula_gives_known_answers() {
    let plain = reading("The cat sat on the mat.");
    assert!(plain.grade < 0.0, "one-syllable words in a short sentence read below grade 0: {}", plain.grade);
    let dense = reading("Unauthorised processing necessitates comprehensive organisational accountability.");
    assert!(dense.grade > 15.0, "long words read as a high grade: {}", dense.grade);
    assert_eq!(reading("It is not our site. It has its own rules about you.").longest, 7);
}

#[test]
fn every_english_message_is_readable_by_the_age_band_that_sees_it() {
    let mut failures = Vec::new();
    let mut distribution = Vec::new();
    for (band, limit) in LIMITS {
        let mut grades = Vec::new();
        for key in message_keys() {
            if band < AgeBand::From13To15 && THIRTEEN_AND_OVER.contains(&key) {
                continue;
            }
            let text = message(Lang::EnGb, key, band);
            let r = reading(text);
            if r.is_sentence {
                grades.push(r.grade);
                if r.grade > limit {
                    failures.push(format!("{key} [{}] reads at grade {:.1}, over {limit}: {text}", band.code(), r.grade));
                }
            }
            if band < AgeBand::From13To15 && r.longest >= 15 {
                failures.push(format!("{key} [{}] has a sentence of {} words; keep them under 15: {text}", band.code(), r.longest));
            }
        }
        grades.sort_by(f64::total_cmp);
        let count = |lo: f64, hi: f64| grades.iter().filter(|g| **g > lo && **g <= hi).count();
        distribution.push(format!(
            "{:>6}: {} texts, median grade {:.1}, max {:.1}; ≤0: {}, 0–2: {}, 2–4: {}, 4–6: {}",
            band.code(),
            grades.len(),
            grades[grades.len() / 2],
            grades.last().copied().unwrap_or(0.0),
            count(f64::MIN, 0.0),
            count(0.0, 2.0),
            count(2.0, 4.0),
            count(4.0, 6.0),
        ));
    }
    println!("Flesch–Kincaid grade of Kite's English messages, by age band:\n{}", distribution.join("\n"));
    assert!(failures.is_empty(), "{} messages are too hard for their band:\n{}", failures.len(), failures.join("\n"));
}
