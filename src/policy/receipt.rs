//! Proof of consent without identifying anyone. Every choice makes a receipt: when, under
//! which revision, a hash of the words the person was shown, what they chose, who chose
//! (the visitor or a parent or carer) and a random receipt number. The number is new for
//! every choice and is not kept in the consent cookie, so it travels with no request and
//! links to no one. The school can collect receipts at an endpoint it names; Kite sends
//! nothing else.

use super::age::AgeBand;
use super::locale::Lang;
use super::record::DecidedBy;
use super::view::{ConsentView, Words};

/// One choice's receipt.
#[derive(Clone, Debug, PartialEq)]
pub struct Receipt {
    /// The receipt number: 80 random bits as four groups of Crockford base-32 (`7KQF-9M2X-…`).
    pub number: String,
    /// When the choice was made, in seconds since 1970.
    pub time: u64,
    /// The config revision in force.
    pub revision: u32,
    /// SHA-256 of [`wording`] as the person saw it, in hexadecimal.
    pub wording: String,
    /// Who chose.
    pub by: DecidedBy,
    /// The language and age band the words were in.
    pub lang: Lang,
    /// The age band the words were worded for.
    pub band: AgeBand,
    /// `(purpose, None)` or `(purpose, Some(service))`, and whether it is on.
    pub choices: Vec<(String, Option<String>, bool)>,
}

const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A receipt number from 10 random bytes: 16 Crockford base-32 characters in groups of four.
pub fn number(random: &[u8; 10]) -> String {
    let mut bits: u128 = 0;
    for b in random {
        bits = bits << 8 | u128::from(*b);
    }
    let mut out = String::with_capacity(19);
    for i in (0..16).rev() {
        // Five bits pick one of CROCKFORD's 32 characters.
        out.push(CROCKFORD.get(((bits >> (i * 5)) & 31) as usize).map_or('0', |&c| char::from(c)));
        if i % 4 == 0 && i > 0 {
            out.push('-');
        }
    }
    out
}

/// The words a person choosing saw, one per line, in a fixed order: the revision, language
/// and band, then the banner's and the preferences dialog's heading, text, note, buttons and
/// switches. Its SHA-256 goes in the receipt, so the school can show which wording a choice
/// was made under.
pub fn wording(view: &ConsentView, revision: u32) -> String {
    let mut lines = vec![format!("revision {revision}"), format!("lang {}", view.lang.tag()), format!("band {}", view.words.band.code())];
    let panels = view.banner().into_iter().chain(std::iter::once(view.preferences()));
    for panel in panels {
        lines.push(panel.title);
        lines.push(panel.text);
        lines.extend(panel.note);
        lines.extend(panel.buttons.into_iter().map(|b| b.label));
        for row in panel.switches.iter().flat_map(|r| std::iter::once(r).chain(r.services.iter())) {
            lines.push(row.label.clone());
            lines.extend(row.about.iter().cloned());
        }
    }
    lines.join("\n")
}

fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl Receipt {
    /// The receipt as JSON: what is kept in the browser, returned by `consent.receipt()` and
    /// sent to the school's endpoint. `time` is ISO 8601 in UTC; `choices` maps
    /// `"analytics"` and `"analytics/stats"` to true or false.
    pub fn to_json(&self) -> String {
        let choices: Vec<String> = self
            .choices
            .iter()
            .map(|(p, s, on)| format!("{}:{on}", quoted(&s.as_ref().map_or_else(|| p.clone(), |s| format!("{p}/{s}")))))
            .collect();
        format!(
            "{{\"receipt\":{},\"time\":{},\"revision\":{},\"wording\":{},\"by\":{},\"language\":{},\"ageBand\":{},\"choices\":{{{}}}}}",
            quoted(&self.number),
            quoted(&iso_time(self.time)),
            self.revision,
            quoted(&self.wording),
            quoted(if self.by == DecidedBy::Guardian { "guardian" } else { "visitor" }),
            quoted(self.lang.tag()),
            quoted(self.band.code()),
            choices.join(",")
        )
    }
}

/// Days since 1970-01-01 as (year, month, day), by Howard Hinnant's civil-from-days.
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// `2026-11-23T09:05:00Z`.
pub fn iso_time(seconds: u64) -> String {
    let (y, m, d) = civil((seconds / 86_400) as i64);
    let s = seconds % 86_400;
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60)
}

/// "You chose this on 3 March 2026." in the person's words, for the preferences dialog.
/// `offset_minutes` is the browser's difference from UTC (east positive), so the date is the
/// one the person saw on their calendar.
pub fn chosen_on(words: &Words, time: u64, offset_minutes: i64, number: &str) -> String {
    // `time` comes from a stored record; far-off times give a far-off date, never an overflow.
    let local = i64::try_from(time).unwrap_or(i64::MAX).saturating_add(offset_minutes.saturating_mul(60));
    let (y, m, d) = civil(local.div_euclid(86_400));
    let date = words.get("receipt.date").replace("{day}", &d.to_string()).replace("{month}", &words.get(&format!("month.{m}"))).replace("{year}", &y.to_string());
    words.get("receipt.chosen").replace("{date}", &date).replace("{number}", number)
}
