//! Child-facing words: looked up by message key, language and age band from the locale
//! files in `src/locales/`, compiled in by `build.rs`. Code never writes a sentence.

use super::age::AgeBand;

include!(concat!(env!("OUT_DIR"), "/locales.rs"));

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

    fn table(self) -> &'static [(&'static str, &'static [(&'static str, &'static str)])] {
        match self {
            Lang::EnGb => EN_GB,
            Lang::Cy => CY,
        }
    }
}

/// True when `key` names a built-in message.
pub fn is_message(key: &str) -> bool {
    EN_GB.iter().any(|(k, _)| *k == key)
}

/// Every built-in message key.
pub fn message_keys() -> Vec<&'static str> {
    EN_GB.iter().map(|(k, _)| *k).collect()
}

/// The built-in wording of `key` for `band` in `lang`: the band's own wording if the locale
/// file has one, otherwise the default. `build.rs` guarantees every key exists in both
/// languages; an unknown key gives empty text.
pub fn message(lang: Lang, key: &str, band: AgeBand) -> &'static str {
    let Some((_, variants)) = lang.table().iter().find(|(k, _)| *k == key) else {
        return "";
    };
    let pick = |code: &str| variants.iter().find(|(c, _)| *c == code).map(|(_, text)| *text);
    pick(band.code()).or_else(|| pick("default")).unwrap_or("")
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
    fn welsh_has_every_message_in_welsh() {
        for key in message_keys() {
            for band in [AgeBand::Under6, AgeBand::From13To15, AgeBand::Adult] {
                let cy = message(Lang::Cy, key, band);
                assert!(!cy.is_empty(), "{key} has Welsh");
                if key != "button.ok" {
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
