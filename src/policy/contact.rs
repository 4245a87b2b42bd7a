//! Finds personal contact details in a message a child is writing: phone numbers, email
//! addresses, street addresses and postcodes, social-media handles and links to personal
//! profiles. Safeguarding policy: children and adults on a school platform do not exchange
//! personal contact details.
//!
//! Children write these the way they say them: "oh seven seven double oh…", "sam at gmail
//! dot com", "add me on snap its jess_09". Children also write a lot of numbers that are not
//! phone numbers: sums, dates, times, scores, prices, years, page numbers and homework codes.
//! The rules below are tuned on the labelled corpus in `tests/corpus/contact-details.txt`
//! (`tests/contact.rs` prints how many of each it gets right).
//!
//! One pass over the text, no regular expressions: it runs on every keystroke.

/// A kind of contact detail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A phone number, in digits, words or both.
    Phone,
    /// An email address, written with `@` or spelt out ("at … dot com").
    Email,
    /// A street address, a house number, or a UK postcode.
    Address,
    /// A social-media, chat or gaming account ("add me on snap …", "my insta is …", a link to
    /// a profile).
    Handle,
}

impl Kind {
    /// Its name in locale keys and events: `phone`, `email`, `address`, `handle`.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Phone => "phone",
            Kind::Email => "email",
            Kind::Address => "address",
            Kind::Handle => "handle",
        }
    }
}

/// What to do when a message holds contact details: let the child send it after the warning,
/// or not.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum GuardMode {
    /// Warn, then the child may still send it.
    #[default]
    Warn,
    /// Warn, and the message is not sent.
    Block,
}

impl GuardMode {
    /// Its name in the config: `warn` or `block`.
    pub fn code(self) -> &'static str {
        match self {
            GuardMode::Warn => "warn",
            GuardMode::Block => "block",
        }
    }

    /// `warn` or `block`.
    pub fn from_code(code: &str) -> Option<GuardMode> {
        match code.trim() {
            "warn" => Some(GuardMode::Warn),
            "block" => Some(GuardMode::Block),
            _ => None,
        }
    }
}

/// One piece of a message: a run of letters and digits (with `_`), or one other character.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Piece<'a> {
    text: &'a str,
    word: bool,
}

/// A letter or digit: ASCII, or a Latin letter with an accent (Welsh ŵ, ŷ, â). Kite tests
/// characters itself rather than with Unicode's tables, which would add about 15 KB to the
/// download for no gain on messages written in English or Welsh.
fn letter_or_digit(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '\u{c0}'..='\u{24f}') && c != '\u{d7}' && c != '\u{f7}'
}

// `s` and `i` come from `char_indices`, so every slice here starts and ends on a character.
#[allow(clippy::string_slice)]
fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let inside = letter_or_digit(c) || c == '_';
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Piece { text: &text[s..i], word: true });
                start = None;
            }
            _ => {}
        }
        if !inside {
            out.push(Piece { text: &text[i..i + c.len_utf8()], word: false });
        }
    }
    if let Some(s) = start {
        out.push(Piece { text: &text[s..], word: true });
    }
    out
}

/// The word before `words[i]`, if there is one.
fn before<'a>(words: &[&'a str], i: usize) -> Option<&'a str> {
    i.checked_sub(1).and_then(|j| words.get(j)).copied()
}

/// The words of a message, lower case, without the characters between them.
fn words<'a>(pieces: &[Piece<'a>]) -> Vec<&'a str> {
    pieces.iter().filter(|p| p.word).map(|p| p.text).collect()
}

/// Every kind of contact detail in `message`, each once, in [`Kind`] order.
pub fn find(message: &str) -> Vec<Kind> {
    let lower = message.to_ascii_lowercase();
    let pieces = pieces(&lower);
    let words = words(&pieces);
    let mut found = Vec::new();
    let mut add = |kind, yes: bool| {
        if yes && !found.contains(&kind) {
            found.push(kind);
        }
    };
    add(Kind::Phone, has_phone(&pieces, &words));
    add(Kind::Email, has_email(&lower, &words));
    add(Kind::Address, has_postcode(&words) || has_street(&words));
    add(Kind::Handle, has_handle(&lower, &words) || has_profile_link(&lower));
    found
}

// ---- phone numbers ----------------------------------------------------------------------

/// A number word's digits: "oh" is 0, "double" repeats the next one.
fn digit_word(word: &str) -> Option<u8> {
    Some(match word {
        "oh" | "o" | "zero" | "nought" | "dim" => 0,
        "one" | "un" => 1,
        "two" | "dau" => 2,
        "three" | "tri" => 3,
        "four" | "for" | "pedwar" => 4,
        "five" | "pump" => 5,
        "six" | "chwech" => 6,
        "seven" | "saith" => 7,
        "eight" | "ate" | "wyth" => 8,
        "nine" | "naw" => 9,
        _ => return None,
    })
}

/// Words that say a number is for calling or texting.
const PHONE_WORDS: &[&str] = &[
    "number", "num", "phone", "mobile", "mob", "call", "ring", "text", "txt", "whatsapp", "wa", "tel", "cell", "digits", "ffon", "rhif", "facetime",
];

/// A run of digits as someone would dial them: the digits, whether it began with `+`, its
/// groups' lengths, and whether any digit was written as a word.
#[derive(Default)]
struct Run {
    digits: String,
    plus: bool,
    groups: Vec<String>,
    spoken: usize,
}

impl Run {
    /// Numbers counting up or down ("05 06 07 08 09"), not dialled.
    fn counting(&self) -> bool {
        let values: Vec<i64> = self.groups.iter().filter_map(|g| g.parse().ok()).collect();
        let step = |pair: &[i64]| match pair {
            [a, b] => b.checked_sub(*a),
            _ => None,
        };
        let first = values.get(..2).and_then(step);
        values.len() >= 3
            && first.is_some_and(|s| s != 0 && (-10..=10).contains(&s))
            && values.windows(2).all(|pair| step(pair) == first)
    }

    /// Written like a big number, in thousands ("1 000 000 000").
    fn thousands(&self) -> bool {
        match self.groups.split_first() {
            Some((first, rest)) => !rest.is_empty() && (1..=3).contains(&first.len()) && rest.iter().all(|g| g.len() == 3),
            None => false,
        }
    }

    fn is_phone(&self, context: bool) -> bool {
        let d = self.digits.as_str();
        let n = d.len();
        if n < 8 || self.counting() || d.bytes().skip(1).all(|b| b == b'0') {
            return false;
        }
        // Nobody spells out nine digits unless they are dialled.
        if self.spoken >= 9 {
            return true;
        }
        if self.plus {
            return (9..=15).contains(&n);
        }
        if d.starts_with("00") {
            return (11..=15).contains(&n);
        }
        if d.starts_with('0') {
            return (10..=11).contains(&n);
        }
        if d.starts_with("44") && (12..=13).contains(&n) {
            return true;
        }
        // A mobile number without its 0, or any long number said to be a phone number.
        context && (9..=13).contains(&n) && !self.thousands()
    }
}

fn has_phone(pieces: &[Piece], words: &[&str]) -> bool {
    let context = words.iter().any(|w| PHONE_WORDS.contains(w));
    let mut run = Run::default();
    let mut gap = 0;
    let mut repeat = 1;
    let mut i = 0;
    let mut found = false;
    let mut finish = |run: &mut Run| {
        if !run.digits.is_empty() {
            found = found || run.is_phone(context);
            *run = Run::default();
        }
    };
    while let Some(&piece) = pieces.get(i) {
        i += 1;
        if piece.word {
            let digits = piece.text.bytes().all(|b| b.is_ascii_digit());
            if digits {
                let group = piece.text.repeat(repeat);
                run.digits.push_str(&group);
                run.groups.push(group);
                repeat = 1;
                gap = 0;
                continue;
            }
            match (piece.text, digit_word(piece.text)) {
                ("double" | "dwbl", _) => repeat = 2,
                ("triple", _) => repeat = 3,
                (_, Some(d)) if !run.digits.is_empty() || next_is_digit(pieces, i) => {
                    let digit = char::from(b'0' + d).to_string().repeat(repeat);
                    run.digits.push_str(&digit);
                    // Spoken digits make one group, however they are spaced.
                    match run.groups.last_mut() {
                        Some(last) if run.spoken > 0 && gap <= 1 => last.push_str(&digit),
                        _ => run.groups.push(digit),
                    }
                    run.spoken += 1;
                    repeat = 1;
                }
                _ => {
                    finish(&mut run);
                    repeat = 1;
                }
            }
            gap = 0;
            continue;
        }
        match piece.text {
            "+" if run.digits.is_empty() => run.plus = true,
            " " | "-" | "." | "(" | ")" | "\u{a0}" if gap < 3 => gap += 1,
            _ => {
                finish(&mut run);
                gap = 0;
                repeat = 1;
            }
        }
    }
    finish(&mut run);
    found
}

/// Whether the next word after `at` is a digit or a number word (so "one" in "one day" does
/// not start a run).
fn next_is_digit(pieces: &[Piece], at: usize) -> bool {
    pieces.iter().skip(at).find(|p| p.word).is_some_and(|p| p.text.bytes().all(|b| b.is_ascii_digit()) || digit_word(p.text).is_some() || p.text == "double")
}

// ---- email addresses --------------------------------------------------------------------

/// Email providers children use, so "sam at gmail" counts without "dot com".
const PROVIDERS: &[&str] = &["gmail", "googlemail", "hotmail", "outlook", "yahoo", "icloud", "aol", "btinternet", "protonmail", "proton", "msn", "ymail", "yahoomail"];

/// The last part of an email address's domain.
const TLDS: &[&str] = &["com", "co", "uk", "org", "net", "io", "ac", "sch", "gov", "edu", "info", "biz", "ie", "us", "wales", "cymru", "scot"];

/// Words that say the next word is not a name: "my email is not working", "my roblox is laggy".
const NOT_A_NAME: &[&str] = &[
    "a", "an", "the", "not", "so", "too", "really", "very", "still", "just", "now", "on", "off", "in", "down", "up", "broken", "laggy", "slow", "banned", "hacked",
    "deleted", "blocked", "private", "full", "fun", "boring", "good", "bad", "better", "best", "rubbish", "cool", "dead", "glitching", "glitchy", "updating",
    "working", "new", "old", "locked", "loading", "gone", "same", "different", "weird", "annoying", "amazing", "fine", "ok", "okay", "better", "level",
    "getting", "going", "being", "kind", "like", "only", "for", "about", "what", "how", "why", "where", "when", "because", "cos", "and", "but", "or", "it",
    "this", "that", "there", "here", "my", "your", "his", "her", "their", "our", "at", "to", "from", "with", "by", "of", "if", "is", "was", "are", "be", "all",
    "mine", "yours", "secret", "hidden", "empty", "no", "none", "nothing", "over", "back", "out", "set", "called", "named",
];

/// Words that say an email address comes next.
const EMAIL_WORDS: &[&str] = &["email", "e", "gmail", "hotmail", "outlook", "icloud", "yahoo", "ebost"];

fn has_email(lower: &str, words: &[&str]) -> bool {
    // Written out: name@domain.tld
    for (at, _) in lower.match_indices('@') {
        let (before, after) = (lower.get(..at).unwrap_or(""), lower.get(at + 1..).unwrap_or(""));
        let local = before.chars().rev().take_while(|c| letter_or_digit(*c) || "._%+-".contains(*c)).count();
        let domain: String = after.chars().take_while(|c| letter_or_digit(*c) || ".-".contains(*c)).collect();
        let domain = domain.trim_end_matches('.');
        let parts: Vec<&str> = domain.split('.').collect();
        if local > 0 && (parts.len() >= 2 && parts.last().is_some_and(|t| t.len() >= 2 && t.bytes().all(|b| b.is_ascii_alphabetic())) || parts.first().is_some_and(|p| PROVIDERS.contains(p))) {
            return true;
        }
    }
    // Spelt out: "sam at gmail dot com", "sam (at) school dot org", "sam at hotmail".
    for (i, w) in words.iter().enumerate() {
        if *w != "at" || before(words, i).is_none_or(|b| NOT_A_NAME.contains(&b)) {
            continue;
        }
        let Some(host) = words.get(i + 1) else { continue };
        if PROVIDERS.contains(host) {
            return true;
        }
        if matches!(words.get(i + 2), Some(&"dot")) && words.get(i + 3).is_some_and(|t| TLDS.contains(t)) {
            return true;
        }
    }
    // "my email is sam jones 2010", "email me: …"
    named_after(words, EMAIL_WORDS, &["address"])
}

/// "my <thing> is <name>", "my <thing> <name> is <name>", "<thing>: <name>": true when a name
/// follows one of `things` (optionally with one of `extra` between, "email address is …").
fn named_after(words: &[&str], things: &[&str], extra: &[&str]) -> bool {
    for (i, w) in words.iter().enumerate() {
        if !things.contains(w) || before(words, i) != Some("my") {
            continue;
        }
        let mut j = i + 1;
        if words.get(j).is_some_and(|w| extra.contains(w) || *w == "mail") {
            j += 1;
        }
        if matches!(words.get(j), Some(&("is" | "its" | "it's" | "=" | "yw" | "ydy"))) {
            j += 1;
        }
        if words.get(j).is_some_and(|name| !NOT_A_NAME.contains(name) && !PHONE_WORDS.contains(name)) && j > i + 1 {
            return true;
        }
    }
    false
}

// ---- addresses --------------------------------------------------------------------------

/// UK postcode areas: the letters a postcode starts with.
const POSTCODE_AREAS: &[&str] = &[
    "ab", "al", "b", "ba", "bb", "bd", "bh", "bl", "bn", "br", "bs", "bt", "ca", "cb", "cf", "ch", "cm", "co", "cr", "ct", "cv", "cw", "da", "dd", "de", "dg", "dh",
    "dl", "dn", "dt", "dy", "e", "ec", "eh", "en", "ex", "fk", "fy", "g", "gl", "gu", "gy", "ha", "hd", "hg", "hp", "hr", "hs", "hu", "hx", "ig", "im", "ip", "iv",
    "je", "ka", "kt", "kw", "ky", "l", "la", "ld", "le", "ll", "ln", "ls", "lu", "m", "me", "mk", "ml", "n", "ne", "ng", "nn", "np", "nr", "nw", "ol", "ox", "pa",
    "pe", "ph", "pl", "po", "pr", "rg", "rh", "rm", "s", "sa", "se", "sg", "sk", "sl", "sm", "sn", "so", "sp", "sr", "ss", "st", "sw", "sy", "ta", "td", "tf",
    "tn", "tq", "tr", "ts", "tw", "ub", "w", "wa", "wc", "wd", "wf", "wn", "wr", "ws", "wv", "yo", "ze",
];

/// The first half of a postcode: an area, a district number and maybe a letter (`m1`,
/// `sw1a`, `cf10`).
fn outward(w: &str) -> bool {
    let letters = w.bytes().take_while(u8::is_ascii_alphabetic).count();
    let Some((area, rest)) = w.split_at_checked(letters) else { return false };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let tail = rest.get(digits..).unwrap_or("");
    (1..=2).contains(&letters)
        && (1..=2).contains(&digits)
        && (tail.is_empty() || tail.len() == 1 && tail.bytes().all(|b| b.is_ascii_alphabetic()))
        && POSTCODE_AREAS.contains(&area)
}

/// The second half: a digit and two letters, never C, I, K, M, O or V.
fn inward(w: &str) -> bool {
    match w.as_bytes() {
        [digit, letters @ ..] => letters.len() == 2 && digit.is_ascii_digit() && letters.iter().all(|c| c.is_ascii_lowercase() && !b"cikmov".contains(c)),
        [] => false,
    }
}

fn has_postcode(words: &[&str]) -> bool {
    words.windows(2).any(|pair| matches!(pair, [a, b] if outward(a) && inward(b)))
        || words.iter().any(|w| {
            (5..=7).contains(&w.len()) && w.split_at_checked(w.len() - 3).is_some_and(|(out, inn)| outward(out) && inward(inn))
        })
}

/// What a street's name ends with.
const STREETS: &[&str] = &[
    "road", "rd", "street", "st", "avenue", "ave", "lane", "ln", "close", "drive", "dr", "way", "crescent", "cres", "grove", "terrace", "place", "court", "ct",
    "gardens", "gdns", "square", "walk", "mews", "row", "rise", "hill", "view", "parade", "cottages", "heol", "stryd", "ffordd", "lon",
];

/// Words that do not belong in a street's name ("3 goals down the street").
const LINKING: &[&str] = &[
    "the", "a", "an", "to", "in", "on", "at", "down", "up", "my", "your", "and", "of", "for", "with", "is", "was", "are", "from", "into", "by", "than", "times",
    "x", "minus", "plus", "out", "off", "over", "per", "each", "or", "then", "we", "i", "you", "he", "she", "they", "it",
];

fn is_house_number(w: &str) -> bool {
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    (1..=4).contains(&digits) && w.len() - digits <= 1 && w.bytes().skip(digits).all(|b| b.is_ascii_alphabetic())
}

fn has_street(words: &[&str]) -> bool {
    for (i, w) in words.iter().enumerate() {
        // "23 acacia avenue", "4b oak tree close"
        if is_house_number(w) {
            for between in 1..=3 {
                let Some(end) = words.get(i + between + 1) else { break };
                let names = words.get(i + 1..i + between + 1).unwrap_or_default();
                if names.iter().any(|n| LINKING.contains(n) || n.bytes().all(|b| b.is_ascii_digit())) {
                    break;
                }
                if STREETS.contains(end) {
                    return true;
                }
            }
        }
        // "I live at number 12", "my address is …", "house number 7", "flat 3"
        let next = words.get(i + 1).copied().unwrap_or("");
        let after = words.get(i + 2).copied().unwrap_or("");
        match (*w, next, after) {
            ("address" | "cyfeiriad", "is" | "its" | "ydy" | "yw", name) if before(words, i) == Some("my") && !name.is_empty() && !NOT_A_NAME.contains(&name) => return true,
            ("live" | "lives" | "byw", "at" | "on" | "yn", _) if words.iter().skip(i + 2).take(5).any(|n| is_house_number(n) || STREETS.contains(n)) => return true,
            ("house" | "flat" | "door", "number" | "no", n) if is_house_number(n) || n == "is" => return true,
            ("come" | "cum", "to", "mine" | "my") if words.iter().skip(i + 3).take(5).any(|n| STREETS.contains(n) || is_house_number(n)) => return true,
            _ => {}
        }
    }
    false
}

// ---- social media -----------------------------------------------------------------------

/// Apps and games whose accounts children swap.
const PLATFORMS: &[&str] = &[
    "snap", "snapchat", "sc", "insta", "instagram", "ig", "tiktok", "tt", "discord", "whatsapp", "wa", "telegram", "kik", "facebook", "fb", "twitter", "threads",
    "tok", "youtube", "yt", "roblox", "fortnite", "epic", "psn", "xbox", "gamertag", "steam", "twitch", "minecraft", "messenger", "signal", "bereal", "pinterest",
];

/// Words for an account's name.
const ACCOUNT_WORDS: &[&str] = &["username", "user", "name", "handle", "tag", "id", "account", "acc", "gamertag", "code"];

/// Asking to be found: "add me", "follow me", "dm me".
const ASKS: &[&str] = &["add", "follow", "dm", "message", "msg", "friend", "find", "sub", "subscribe", "ychwanega", "dilyna"];

fn handle_like(w: &str) -> bool {
    w.len() >= 3 && !NOT_A_NAME.contains(&w) && (w.contains('_') || w.bytes().any(|b| b.is_ascii_digit()) && w.bytes().any(|b| b.is_ascii_alphabetic()))
}

fn has_handle(lower: &str, words: &[&str]) -> bool {
    let platform = words.iter().any(|w| PLATFORMS.contains(w)) || lower.contains("tik tok");
    for (i, w) in words.iter().enumerate() {
        let rest = words.get(i + 1..).unwrap_or_default();
        // "add me on snap", "follow me on insta", "add me its jess_09", "snap me", "add my snap"
        if (ASKS.contains(w) || PLATFORMS.contains(w))
            && rest.first().is_some_and(|n| matches!(*n, "me" | "fi" | "my"))
            && (rest.iter().take(4).any(|n| PLATFORMS.contains(n)) || rest.iter().take(5).any(|n| handle_like(n)))
        {
            return true;
        }
        // "my snap is jess", "my insta username is …", "my discord: …"
        if PLATFORMS.contains(w) && matches!(before(words, i), Some("my" | "fy")) {
            let mut j = 0;
            if rest.first().is_some_and(|n| ACCOUNT_WORDS.contains(n)) {
                j = 1;
            }
            if matches!(rest.get(j), Some(&("is" | "its" | "it's" | "yw" | "ydy"))) {
                j += 1;
            }
            if j > 0 && rest.get(j).is_some_and(|n| !NOT_A_NAME.contains(n)) {
                return true;
            }
        }
        // "<platform> username jess_09", "user: jess_09" next to an app's name
        if ACCOUNT_WORDS.contains(w) && platform && rest.iter().take(2).any(|n| handle_like(n)) {
            return true;
        }
    }
    // "@jess_09" next to an app's name or an ask
    let asks = words.iter().any(|w| ASKS.contains(w));
    (platform || asks) && lower.split(|c: char| c.is_whitespace() || c == ',').any(|t| t.strip_prefix('@').is_some_and(|name| name.len() > 1 && name.chars().all(|c| letter_or_digit(c) || "._".contains(c))))
}

/// Sites whose addresses lead to someone's own profile.
const PROFILE_SITES: &[&str] = &[
    "instagram.com/",
    "tiktok.com/@",
    "snapchat.com/add/",
    "facebook.com/",
    "fb.com/",
    "discord.gg/",
    "discord.com/users/",
    "wa.me/",
    "t.me/",
    "twitter.com/",
    "x.com/",
    "youtube.com/@",
    "youtube.com/channel/",
    "youtube.com/c/",
    "roblox.com/users/",
    "twitch.tv/",
    "linktr.ee/",
    "kik.me/",
    "steamcommunity.com/id/",
    "threads.net/@",
];

fn has_profile_link(lower: &str) -> bool {
    lower.split_whitespace().filter(|t| t.contains('/')).any(|token| {
        PROFILE_SITES.iter().any(|site| {
            token.match_indices(site).any(|(at, _)| {
                let Some((before, from)) = token.split_at_checked(at) else { return false };
                let host_start = before.is_empty() || before.ends_with('.') || before.ends_with('/');
                let path = from.strip_prefix(site).unwrap_or("").trim_end_matches(|c: char| !letter_or_digit(c));
                host_start && !path.is_empty()
            })
        })
    })
}
