//! Welsh that a Welsh-medium teacher would put in front of children: one child is "ti" up to
//! 12 (as Welsh-medium primary schools and Meic write), "chi" from 13 and for parents and
//! staff; and the words for the under-tens are the ones children speak, not literary forms.
//! `src/locales/cy-review.md` lists what a fluent reviewer should still check.

use kite::policy::age::AgeBand;
use kite::policy::locale::{message, message_keys, Lang};

const CHILDREN: [AgeBand; 3] = [AgeBand::Under6, AgeBand::From6To9, AgeBand::From10To12];
const OLDER: [AgeBand; 3] = [AgeBand::From13To15, AgeBand::From16To17, AgeBand::Adult];

/// Messages no under-13 sees, and why.
const NOT_FOR_CHILDREN: [(&str, &str); 3] = [
    ("banner.body", "under-13s are told, not asked: they see banner.child_body"),
    ("prefs.intro", "under-13s see prefs.child_intro; only a parent or carer chooses for them"),
    ("audit.", "the self-audit is for the site's admin"),
];

/// Messages children see that keep "chi", and why.
const CHI_FOR_EVERYONE: [(&str, &str); 4] = [
    ("receipt.chosen", "it speaks to whoever chose, for an under-13 a parent or carer"),
    ("monitor.sign.one", "the school's own words follow the possessive, and after \"dy\" they would need a soft mutation Kite does not make (gwaith, dy waith)"),
    ("monitor.sign.many", "it shares its possessive with monitor.sign.one, so a sign reads the same way"),
    ("monitor.join", "it joins the school's words after monitor.sign's \"eich\""),
];

/// The words of `text`, lower case, split at anything that is not a letter or an apostrophe.
fn words(text: &str) -> Vec<String> {
    text.to_lowercase().split(|c: char| !(c.is_alphabetic() || c == '\'')).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// The "chi" forms in `text`: the pronoun, "eich", the infixed "'ch" (i'ch, â'ch, a'ch, wedi'ch),
/// the second person plural of verbs and prepositions, and "-wch" imperatives (Gofynnwch).
fn chi_forms(text: &str) -> Vec<String> {
    const FORMS: [&str; 14] =
        ["chi", "eich", "rydych", "ydych", "gallwch", "allwch", "byddwch", "fyddwch", "wnaethoch", "amdanoch", "wrthych", "ichi", "gennych", "oeddech"];
    words(text)
        .into_iter()
        .filter(|w| {
            let bare = w.trim_matches('\'');
            FORMS.contains(&bare) || bare.starts_with("chi'") || bare.ends_with("'ch") || (bare.ends_with("wch") && bare.len() > 4)
        })
        .collect()
}

/// The "ti" forms in `text`.
fn ti_forms(text: &str) -> Vec<String> {
    const FORMS: [&str; 12] = ["ti", "di", "dy", "rwyt", "wyt", "galli", "alli", "byddi", "fyddi", "amdanat", "wrthot", "gen"];
    words(text).into_iter().filter(|w| FORMS.contains(&w.trim_matches('\'')) || w.ends_with("'th")).collect()
}

fn listed(list: &[(&str, &str)], key: &str) -> bool {
    list.iter().any(|(k, _)| key == *k || (k.ends_with('.') && key.starts_with(k)))
}

/// The messages a child up to twelve may see.
fn for_children() -> Vec<&'static str> {
    message_keys().into_iter().filter(|k| !listed(&NOT_FOR_CHILDREN, k)).collect()
}

/// Each message of `keys` in each of `bands` in which `forms` finds something, with what it found.
fn offending(keys: Vec<&'static str>, bands: &[AgeBand], forms: fn(&str) -> Vec<String>) -> Vec<String> {
    let mut wrong = Vec::new();
    for key in keys {
        for band in bands {
            let text = message(Lang::Cy, key, *band);
            let found = forms(text);
            if !found.is_empty() {
                wrong.push(format!("{key} [{}]: {found:?} in {text:?}", band.code()));
            }
        }
    }
    wrong
}

#[test]
fn welsh_speaks_to_a_child_up_to_twelve_as_ti() {
    let keys = for_children().into_iter().filter(|k| !listed(&CHI_FOR_EVERYONE, k)).collect();
    let wrong = offending(keys, &CHILDREN, chi_forms);
    assert!(wrong.is_empty(), "\"chi\" forms in children's Welsh:\n{}", wrong.join("\n"));
}

#[test]
fn welsh_speaks_to_thirteens_and_over_as_chi() {
    let wrong = offending(message_keys(), &OLDER, ti_forms);
    assert!(wrong.is_empty(), "\"ti\" forms in Welsh for 13 and over:\n{}", wrong.join("\n"));
}

#[test]
fn the_under_tens_welsh_has_no_literary_forms() {
    // Caiff → Bydd … yn cael; Daw → Mae … yn dod; mynnwch → unrhyw bryd; Rydym → Rydyn ni;
    // wrthym → wrthon ni; Nid yw → Dydy … ddim.
    const LITERARY: [&str; 6] = ["caiff", "daw", "mynnwch", "rydym", "wrthym", "nid yw"];
    let mut wrong = Vec::new();
    for key in for_children() {
        for band in [AgeBand::Under6, AgeBand::From6To9] {
            let text = message(Lang::Cy, key, band);
            let spoken = format!(" {} ", words(text).join(" "));
            for form in LITERARY.iter().filter(|f| spoken.contains(&format!(" {f} "))) {
                wrong.push(format!("{key} [{}]: {form:?} in {text:?}", band.code()));
            }
        }
    }
    assert!(wrong.is_empty(), "literary forms in the under-tens' Welsh:\n{}", wrong.join("\n"));
}

#[test]
fn the_register_checks_catch_each_form() {
    assert_eq!(chi_forms("Gofynnwch i oedolyn os nad ydych chi'n siŵr."), ["gofynnwch", "ydych", "chi'n"]);
    assert_eq!(chi_forms("Gall yr ysgol ei gweld, i'ch cadw'n ddiogel."), ["i'ch"]);
    assert_eq!(chi_forms("Gofynna i oedolyn os nad wyt ti'n siŵr."), Vec::<String>::new());
    assert_eq!(ti_forms("Mae dy gamera a'th feicroffon ymlaen"), ["dy", "a'th"]);
    assert_eq!(ti_forms("Ydy'r ysgol yn cadw eich gwybodaeth?"), Vec::<String>::new());
}

#[test]
fn welsh_names_one_thing_with_one_word() {
    for key in message_keys() {
        for band in AgeBand::ALL {
            let text = message(Lang::Cy, key, band).to_lowercase();
            // Tracking is "dilyn" for children and "olrhain" for adults, never "tracio".
            assert!(!text.contains("tracio"), "{key} [{}]: {text}", band.code());
            // Fixing is "cywiro" in the rights panel and the self-audit alike.
            assert!(!text.contains("trwsio"), "{key} [{}]: {text}", band.code());
            // A consent receipt is a reference, not a payment's "derbynneb".
            assert!(!text.contains("derbynneb"), "{key} [{}]: {text}", band.code());
            // "Efallai y bydd", with the particle.
            assert!(!text.contains("efallai bydd"), "{key} [{}]: {text}", band.code());
            // A teacher is "athro neu athrawes" (or "athrawon") to an under-ten.
            if matches!(band, AgeBand::Under6 | AgeBand::From6To9) && words(&text).iter().any(|w| w == "athro") {
                assert!(text.contains("athro neu athrawes"), "{key} [{}]: {text}", band.code());
            }
        }
    }
}
