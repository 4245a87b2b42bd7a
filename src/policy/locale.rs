//! Child-facing words: looked up by message key, language and age band from the locale
//! files in `src/locales/`, compiled in by `build.rs`. Code never writes a sentence.
//!
//! The words come in groups, one per room (`build.rs` says which): the first paint carries
//! only [`CORE`], and each room adds its own group with [`add`] when it loads, so its words
//! download with it. Natively every group is always there.

use super::age::AgeBand;

/// One language's messages: each key with its wording per age band.
type Table = &'static [(&'static str, &'static [(&'static str, &'static str)])];

/// A group of messages, in both languages.
pub struct Group {
    en_gb: Table,
    cy: Table,
}

include!(concat!(env!("OUT_DIR"), "/locales.rs"));

#[cfg(target_arch = "wasm32")]
thread_local! {
    static LOADED: std::cell::RefCell<Vec<&'static Group>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Makes `group`'s words available: the core's at start, a room's as it loads.
pub fn add(group: &'static Group) {
    #[cfg(target_arch = "wasm32")]
    LOADED.with(|loaded| {
        let mut loaded = loaded.borrow_mut();
        if !loaded.iter().any(|g| std::ptr::eq(*g, group)) {
            loaded.push(group);
        }
    });
    #[cfg(not(target_arch = "wasm32"))]
    let _ = group;
}

/// The wording of `key` in `lang`, from the groups there are.
fn variants(lang: Lang, key: &str) -> Option<&'static [(&'static str, &'static str)]> {
    let find = |group: &Group| lang.table(group).iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
    #[cfg(target_arch = "wasm32")]
    return LOADED.with(|loaded| loaded.borrow().iter().find_map(|g| find(g)));
    #[cfg(not(target_arch = "wasm32"))]
    ALL.iter().find_map(|g| find(g))
}

/// A language Kite ships.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// British English, `en-GB`.
    EnGb,
    /// Welsh, `cy`.
    Cy,
}

impl Lang {
    /// The language for a tag from the config (`en-GB`, `en`, `cy`, `cy-GB`).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::EnGb),
            "cy" => Some(Lang::Cy),
            _ => None,
        }
    }

    /// The language to show for a page whose `<html lang>` is `tag`: Welsh for Welsh pages,
    /// English for everything else.
    pub fn for_page(tag: &str) -> Lang {
        Lang::from_tag(tag).unwrap_or(Lang::EnGb)
    }

    /// The BCP 47 tag, for the `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::EnGb => "en-GB",
            Lang::Cy => "cy",
        }
    }

    fn table(self, group: &Group) -> Table {
        match self {
            Lang::EnGb => group.en_gb,
            Lang::Cy => group.cy,
        }
    }
}

/// True when `key` names a built-in message.
pub fn is_message(key: &str) -> bool {
    KEYS.contains(&key)
}

/// Every built-in message key.
pub fn message_keys() -> Vec<&'static str> {
    KEYS.to_vec()
}

/// True when the locale file words `key` especially for `band` (not only as a default).
pub fn has_own(lang: Lang, key: &str, band: AgeBand) -> bool {
    variants(lang, key).is_some_and(|variants| variants.iter().any(|(c, _)| *c == band.code()))
}

/// The built-in wording of `key` for `band` in `lang`: the band's own wording if the locale
/// file has one, then (for under-sixes) the 6–9 wording, then (for under-13s) the `child`
/// wording, otherwise the default. Only Welsh has `child` wordings: they speak to one child
/// as "ti", where the default says "chi" (`build.rs` refuses one in English). `build.rs`
/// guarantees every key exists in both languages; an unknown key, or one whose room has not
/// loaded, gives empty text.
pub fn message(lang: Lang, key: &str, band: AgeBand) -> &'static str {
    let Some(variants) = variants(lang, key) else {
        return "";
    };
    let pick = |code: &str| variants.iter().find(|(c, _)| *c == code).map(|(_, text)| *text);
    let younger_than_six = (band == AgeBand::Under6).then(|| pick(AgeBand::From6To9.code())).flatten();
    let child = matches!(band, AgeBand::Under6 | AgeBand::From6To9 | AgeBand::From10To12).then(|| pick("child")).flatten();
    pick(band.code()).or(younger_than_six).or(child).or_else(|| pick("default")).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wording_follows_the_band_then_falls_back_to_the_default() {
        let child = message(Lang::EnGb, "banner.child_body", AgeBand::Under6);
        let nine = message(Lang::EnGb, "banner.child_body", AgeBand::From6To9);
        let twelve = message(Lang::EnGb, "banner.child_body", AgeBand::From10To12);
        assert!(child.len() < nine.len(), "the youngest get the shortest words");
        assert!(twelve.contains("parent or carer"));
        assert!(nine.contains("grown-up"));
        assert_eq!(message(Lang::EnGb, "banner.body", AgeBand::Adult), message(Lang::EnGb, "banner.body", AgeBand::From16To17));
        assert_ne!(message(Lang::EnGb, "banner.body", AgeBand::From13To15), message(Lang::EnGb, "banner.body", AgeBand::Adult));
    }

    #[test]
    fn under_sixes_get_the_six_to_nine_wording_before_the_default() {
        assert_eq!(message(Lang::EnGb, "notice.photo-upload.text", AgeBand::Under6), message(Lang::EnGb, "notice.photo-upload.text", AgeBand::From6To9));
        assert_ne!(message(Lang::EnGb, "notice.photo-upload.text", AgeBand::Under6), message(Lang::EnGb, "notice.photo-upload.text", AgeBand::Adult));
        assert_eq!(message(Lang::EnGb, "leave.adult", AgeBand::Under6), "Ask a grown-up first.");
    }

    #[test]
    fn welsh_words_each_message_for_every_age_band_english_does() {
        // Welsh may also have its own words for under-13s where English has none: the "ti"
        // register (`tests/welsh.rs`). From 13 the bands are the same.
        for key in message_keys() {
            for band in AgeBand::ALL {
                let (en, cy) = (has_own(Lang::EnGb, key, band), has_own(Lang::Cy, key, band));
                assert!(!en || cy, "{key} [{}]: English has its own words for this band and Welsh does not", band.code());
                if !matches!(band, AgeBand::Under6 | AgeBand::From6To9 | AgeBand::From10To12) {
                    assert_eq!(en, cy, "{key} [{}]: from 13, English and Welsh differ in which bands have their own words", band.code());
                }
            }
        }
    }

    #[test]
    fn welsh_has_every_message_in_welsh() {
        for key in message_keys() {
            for band in AgeBand::ALL {
                let cy = message(Lang::Cy, key, band);
                assert!(!cy.is_empty(), "{key} has Welsh");
                assert!(!message(Lang::EnGb, key, band).is_empty(), "{key} has English");
                // `receipt.date` is only the order of day, month and year, the same in both.
                if key != "button.ok" && !key.starts_with("help.") && key != "notice.microphone.picture" && key != "receipt.date" {
                    assert_ne!(cy, message(Lang::EnGb, key, band), "{key} is translated");
                }
            }
        }
    }

    #[test]
    fn page_language_tags_pick_welsh_only_for_welsh() {
        assert_eq!(Lang::for_page("cy"), Lang::Cy);
        assert_eq!(Lang::for_page("cy-GB"), Lang::Cy);
        assert_eq!(Lang::for_page("en-GB"), Lang::EnGb);
        assert_eq!(Lang::for_page("fr"), Lang::EnGb);
        assert_eq!(Lang::for_page(""), Lang::EnGb);
    }
}
