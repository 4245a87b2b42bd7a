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
