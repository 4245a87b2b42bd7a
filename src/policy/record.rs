//! The stored consent record: choices, policy revision and time. No identifier, no
//! fingerprint. Compact enough for one first-party cookie, versioned so a future format can
//! be told apart, and strict: anything unrecognised reads as "no choice yet".
//!
//! Format (version 1), fields separated by `~`:
//! `1~<revision>~<unix seconds>~<v|g>~<name>=<0|1>.<purpose/service>=<0|1>…`
//! where `v` means the visitor chose and `g` means a parent or carer did. Version 2 adds one
//! field, `s`: the choice was made while the browser sent Global Privacy Control or Do Not
//! Track, so it stands despite the signal. Kite writes version 1 whenever it can.

/// Who made the choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecidedBy {
    /// The person using the page.
    Visitor,
    /// A parent or carer, through the API (needed for under-13s).
    Guardian,
}

/// One stored choice: the on/off state of each purpose and service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsentRecord {
    /// The config revision the choice was made under.
    pub revision: u32,
    /// When it was made, in seconds since 1970.
    pub time: u64,
    /// Who made it.
    pub by: DecidedBy,
    /// `(purpose, None)` for a purpose, `(purpose, Some(service))` for a service, and whether it is on.
    pub choices: Vec<(String, Option<String>, bool)>,
    /// Made while the browser sent Global Privacy Control or Do Not Track: an explicit choice
    /// that stands despite the signal.
    pub signal: bool,
}

/// The format version written by [`ConsentRecord::encode`].
pub const RECORD_VERSION: u32 = 1;

impl ConsentRecord {
    /// The record as a cookie-safe string.
    pub fn encode(&self) -> String {
        let by = match self.by {
            DecidedBy::Visitor => "v",
            DecidedBy::Guardian => "g",
        };
        let choices: Vec<String> = self
            .choices
            .iter()
            .map(|(purpose, service, on)| match service {
                Some(s) => format!("{purpose}/{s}={}", u8::from(*on)),
                None => format!("{purpose}={}", u8::from(*on)),
            })
            .collect();
        let head = format!("~{}~{}~{by}~{}", self.revision, self.time, choices.join("."));
        if self.signal { format!("2{head}~s") } else { format!("{RECORD_VERSION}{head}") }
    }

    /// Reads a stored record. `None` for anything that is not exactly a record Kite wrote.
    pub fn decode(text: &str) -> Option<ConsentRecord> {
        let mut fields = text.split('~');
        let version = fields.next()?.parse::<u32>().ok()?;
        if version != RECORD_VERSION && version != 2 {
            return None;
        }
        let revision = fields.next()?.parse().ok()?;
        let time = fields.next()?.parse().ok()?;
        let by = match fields.next()? {
            "v" => DecidedBy::Visitor,
            "g" => DecidedBy::Guardian,
            _ => return None,
        };
        let list = fields.next()?;
        let signal = match (version, fields.next()) {
            (1, None) => false,
            (2, Some("s")) => true,
            _ => return None,
        };
        if fields.next().is_some() {
            return None;
        }
        let mut choices = Vec::new();
        for entry in list.split('.').filter(|e| !e.is_empty()) {
            let (name, on) = entry.split_once('=')?;
            let on = match on {
                "1" => true,
                "0" => false,
                _ => return None,
            };
            let (purpose, service) = match name.split_once('/') {
                Some((p, s)) => (p, Some(s)),
                None => (name, None),
            };
            if !super::config::is_name(purpose) || !service.is_none_or(super::config::is_name) {
                return None;
            }
            choices.push((purpose.to_string(), service.map(str::to_string), on));
        }
        Some(ConsentRecord { revision, time, by, choices, signal })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> ConsentRecord {
        ConsentRecord {
            revision: 3,
            time: 1_790_000_000,
            by: DecidedBy::Guardian,
            choices: vec![("analytics".into(), None, true), ("analytics".into(), Some("stats".into()), true), ("marketing".into(), None, false)],
            signal: false,
        }
    }

    #[test]
    fn a_choice_made_despite_a_do_not_track_signal_says_so() {
        let record = ConsentRecord { signal: true, ..sample() };
        let text = record.encode();
        assert_eq!(text, "2~3~1790000000~g~analytics=1.analytics/stats=1.marketing=0~s");
        assert_eq!(ConsentRecord::decode(&text), Some(record));
        assert_eq!(ConsentRecord::decode("2~3~1790000000~g~analytics=1~x"), None);
        assert_eq!(ConsentRecord::decode("1~3~1790000000~g~analytics=1~s"), None, "version 1 has no flags");
    }

    #[test]
    fn a_record_survives_the_round_trip_and_holds_no_identifier() {
        let text = sample().encode();
        assert_eq!(text, "1~3~1790000000~g~analytics=1.analytics/stats=1.marketing=0");
        assert_eq!(ConsentRecord::decode(&text), Some(sample()));
    }

    #[test]
    fn anything_unrecognised_is_no_choice_yet() {
        let table = ["", "garbage%%", "2~3~1790000000~v~analytics=1", "3~3~1790000000~v~analytics=1~s", "1~3~1790000000~x~analytics=1", "1~three~1~v~",
            "1~3~1790000000~v~analytics=yes", "1~3~1790000000~v~Analytics=1", "1~3~-5~v~", "1~3~1~v~a=1~extra",
            "1~3~1~v~a=1;b=0", "{\"analytics\":true}"];
        for text in table {
            assert_eq!(ConsentRecord::decode(text), None, "{text:?}");
        }
    }

    #[test]
    fn an_empty_choice_list_is_a_valid_rejection() {
        assert_eq!(ConsentRecord::decode("1~1~5~v~").map(|r| r.choices.len()), Some(0));
    }
}
