//! Age bands and the audience a site declares.
//!
//! Children's Code standard 3 (age appropriate application): the ICO's bands are 0–5, 6–9,
//! 10–12, 13–15 and 16–17. Unknown age is treated as a child: the youngest band the site
//! declares. Under 13, UK law needs a parent's authorisation for consent-based processing
//! (UK GDPR Article 8 with the Data Protection Act 2018, section 9).

/// One of the ICO's age bands, youngest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum AgeBand {
    /// 0 to 5: pre-literate and early literacy.
    Under6,
    /// 6 to 9: core primary school years.
    From6To9,
    /// 10 to 12: transition years.
    From10To12,
    /// 13 to 15: early teens.
    From13To15,
    /// 16 to 17: approaching adulthood.
    From16To17,
    /// 18 and over.
    Adult,
}

impl AgeBand {
    /// The band a person of `age` years is in.
    pub fn for_age(age: u8) -> AgeBand {
        match age {
            0..=5 => AgeBand::Under6,
            6..=9 => AgeBand::From6To9,
            10..=12 => AgeBand::From10To12,
            13..=15 => AgeBand::From13To15,
            16..=17 => AgeBand::From16To17,
            _ => AgeBand::Adult,
        }
    }

    /// The band of a pupil in year group `year` in England and Wales (Reception is 0, Year 1
    /// is 1, up to Year 13). A year group holds two ages; the younger one decides, as unknown
    /// age is treated as the younger child.
    pub fn for_year_group(year: u8) -> AgeBand {
        AgeBand::for_age(year.saturating_add(4))
    }

    /// Every band, youngest first.
    pub const ALL: [AgeBand; 6] = [AgeBand::Under6, AgeBand::From6To9, AgeBand::From10To12, AgeBand::From13To15, AgeBand::From16To17, AgeBand::Adult];

    /// The band with this code (`6-9`).
    pub fn from_code(code: &str) -> Option<AgeBand> {
        AgeBand::ALL.into_iter().find(|b| b.code() == code)
    }

    /// The next band up or down (`older` true for up), if there is one.
    pub fn step(self, older: bool) -> Option<AgeBand> {
        let at = AgeBand::ALL.iter().position(|b| *b == self)?;
        if older { AgeBand::ALL.get(at + 1).copied() } else { at.checked_sub(1).and_then(|i| AgeBand::ALL.get(i).copied()) }
    }

    /// The band's code in locale files: `0-5`, `6-9`, `10-12`, `13-15`, `16-17`, `adult`.
    pub fn code(self) -> &'static str {
        match self {
            AgeBand::Under6 => "0-5",
            AgeBand::From6To9 => "6-9",
            AgeBand::From10To12 => "10-12",
            AgeBand::From13To15 => "13-15",
            AgeBand::From16To17 => "16-17",
            AgeBand::Adult => "adult",
        }
    }

    /// True for bands where consent must come from a parent or carer (under 13).
    pub fn needs_guardian_consent(self) -> bool {
        self < AgeBand::From13To15
    }
}

/// Who a site is for, as an age range in years. Decides the wording and whether a child may
/// consent for themselves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Audience {
    /// The youngest age the site is for.
    pub min_age: u8,
    /// The oldest age the site is for (99 when open-ended).
    pub max_age: u8,
}

impl Audience {
    /// Everyone from age 4 up: what Kite assumes when the config does not say.
    pub const ALL_AGES: Audience = Audience { min_age: 4, max_age: 99 };

    /// A named audience from the config: `primary`, `secondary`, `sixth-form`, `all-ages`, `adults`.
    pub fn named(name: &str) -> Option<Audience> {
        let (min_age, max_age) = match name {
            "primary" => (4, 11),
            "secondary" => (11, 18),
            "sixth-form" => (16, 18),
            "all-ages" => (4, 99),
            "adults" => (18, 99),
            _ => return None,
        };
        Some(Audience { min_age, max_age })
    }

    /// The names [`Audience::named`] accepts, for error messages.
    pub const NAMES: &'static [&'static str] = &["primary", "secondary", "sixth-form", "all-ages", "adults"];

    /// The band used when the visitor's age is unknown: the youngest the site declares.
    pub fn youngest_band(self) -> AgeBand {
        AgeBand::for_age(self.min_age)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_fall_into_the_icos_bands() {
        let table = [(0, "0-5"), (5, "0-5"), (6, "6-9"), (9, "6-9"), (10, "10-12"), (12, "10-12"),
            (13, "13-15"), (15, "13-15"), (16, "16-17"), (17, "16-17"), (18, "adult"), (70, "adult")];
        for (age, code) in table {
            assert_eq!(AgeBand::for_age(age).code(), code, "age {age}");
        }
    }

    #[test]
    fn year_groups_take_the_younger_age_in_the_year() {
        let table = [(0, AgeBand::Under6), (1, AgeBand::Under6), (2, AgeBand::From6To9), (5, AgeBand::From6To9), (6, AgeBand::From10To12),
            (8, AgeBand::From10To12), (9, AgeBand::From13To15), (11, AgeBand::From13To15), (12, AgeBand::From16To17), (13, AgeBand::From16To17)];
        for (year, band) in table {
            assert_eq!(AgeBand::for_year_group(year), band, "year {year}");
        }
        assert_eq!(AgeBand::From6To9.step(true), Some(AgeBand::From10To12));
        assert_eq!(AgeBand::Under6.step(false), None);
        assert_eq!(AgeBand::Adult.step(true), None);
        assert_eq!(AgeBand::from_code("13-15"), Some(AgeBand::From13To15));
    }

    #[test]
    fn under_thirteens_need_a_guardian_to_consent() {
        assert!(AgeBand::for_age(12).needs_guardian_consent());
        assert!(!AgeBand::for_age(13).needs_guardian_consent());
        assert!(Audience::named("secondary").unwrap().youngest_band().needs_guardian_consent());
        assert!(!Audience::named("sixth-form").unwrap().youngest_band().needs_guardian_consent());
    }

    #[test]
    fn unknown_age_means_the_youngest_declared_band() {
        assert_eq!(Audience::named("primary").unwrap().youngest_band(), AgeBand::Under6);
        assert_eq!(Audience::ALL_AGES.youngest_band(), AgeBand::Under6);
        assert_eq!(Audience::named("adults").unwrap().youngest_band(), AgeBand::Adult);
    }
}
