//! Just-in-time notices (Children's Code standard 4, transparency): a bite-sized explanation
//! shown at the moment a use of data starts, before the action happens. "OK" lets it go
//! ahead; "Not now" cancels it and nothing is sent.
//!
//! A notice is named in markup (`data-kite-notice="photo-upload"`) or by the page's code
//! (`notice.show("photo-upload")`). Each is shown once per session unless the config asks for
//! every time.

use super::config::LocalText;

/// The notices Kite has words (and a picture) for, in every age band and both languages.
pub const BUILT_IN: &[&str] = &[
    "photo-upload",
    "comment",
    "profile",
    "location",
    "camera",
    "microphone",
    "message",
    "share-with-class",
    "share-with-parents",
    "search",
    "contact-support",
];

/// A notice the school wrote itself.
#[derive(Clone, Debug, PartialEq)]
pub struct CustomNotice {
    /// Its name in markup and the API.
    pub name: String,
    /// Its heading.
    pub title: LocalText,
    /// What will happen to the data, who will see it and for how long: at most three short
    /// sentences.
    pub text: LocalText,
    /// Which built-in notice's picture to show, if any.
    pub picture: Option<&'static str>,
}

/// The config's `notices`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NoticeRules {
    /// Show each notice every time, not once per session. Default false.
    pub every_time: bool,
    /// The school's own notices.
    pub custom: Vec<CustomNotice>,
}

/// Where a notice's words come from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Source<'a> {
    /// One of [`BUILT_IN`]: its words are in the locale files under `notice.<name>.*`.
    BuiltIn(&'static str),
    /// The school's own.
    Custom(&'a CustomNotice),
}

impl NoticeRules {
    /// Finds a notice by name: the school's own first, so a school can reword a built-in one.
    pub fn find(&self, name: &str) -> Option<Source<'_>> {
        let name = name.trim();
        if let Some(custom) = self.custom.iter().find(|c| c.name == name) {
            return Some(Source::Custom(custom));
        }
        BUILT_IN.iter().find(|n| **n == name).map(|n| Source::BuiltIn(n))
    }

    /// Every name a notice can be shown by, for error messages.
    pub fn names(&self) -> Vec<&str> {
        BUILT_IN.iter().copied().chain(self.custom.iter().map(|c| c.name.as_str())).collect()
    }

    /// Should the notice `name` be shown, given the ones agreed to this session?
    pub fn should_show(&self, name: &str, agreed: &Agreed) -> bool {
        self.every_time || !agreed.contains(name.trim())
    }
}

/// The notices agreed to this session, kept in `sessionStorage` as names separated by spaces.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Agreed(Vec<String>);

impl Agreed {
    /// Reads what was stored (anything unreadable is ignored).
    pub fn read(stored: &str) -> Agreed {
        Agreed(stored.split(' ').filter(|n| super::config::is_name(n)).map(str::to_string).collect())
    }

    /// True when `name` was agreed to.
    pub fn contains(&self, name: &str) -> bool {
        self.0.iter().any(|n| n == name)
    }

    /// Adds `name`.
    pub fn add(&mut self, name: &str) {
        if super::config::is_name(name) && !self.contains(name) {
            self.0.push(name.to_string());
        }
    }

    /// Takes `name` back: the child stopped what they agreed to ("Stop sharing"), so the next
    /// use asks again.
    pub fn remove(&mut self, name: &str) {
        self.0.retain(|n| n != name);
    }

    /// The line to store.
    pub fn encode(&self) -> String {
        self.0.join(" ")
    }
}

/// The child's answer to a notice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// "OK": the action goes ahead.
    Ok,
    /// "Not now": the action is cancelled and nothing is sent.
    NotNow,
}

impl Answer {
    /// The answer's name in the API and events: `ok` or `not-now`.
    pub fn code(self) -> &'static str {
        match self {
            Answer::Ok => "ok",
            Answer::NotNow => "not-now",
        }
    }
}

/// Should "we changed how we look after your information" show? Only to someone who has seen
/// an earlier revision (a stored choice made under it, or an earlier message acknowledged)
/// and has not acknowledged this one. A first visit has nothing changed to tell about.
pub fn policy_changed(revision: u32, chosen_under: Option<u32>, acknowledged: Option<u32>) -> bool {
    let seen = chosen_under.max(acknowledged);
    seen.is_some_and(|seen| seen < revision)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agreed_notices_survive_a_round_trip_and_ignore_junk() {
        let mut agreed = Agreed::read("photo-upload  camera <script> Bad");
        assert!(agreed.contains("photo-upload") && agreed.contains("camera"));
        assert!(!agreed.contains("Bad") && !agreed.contains("<script>"));
        agreed.add("comment");
        agreed.add("comment");
        agreed.add("no spaces please");
        assert_eq!(agreed.encode(), "photo-upload camera comment");
    }

    #[test]
    fn a_notice_shows_once_a_session_unless_every_time() {
        let mut rules = NoticeRules::default();
        let agreed = Agreed::read("camera");
        assert!(!rules.should_show("camera", &agreed));
        assert!(rules.should_show("location", &agreed));
        rules.every_time = true;
        assert!(rules.should_show("camera", &agreed));
    }

    #[test]
    fn policy_change_message_needs_an_earlier_revision_seen() {
        assert!(!policy_changed(2, None, None), "a first visit has nothing changed");
        assert!(policy_changed(2, Some(1), None), "chose under revision 1");
        assert!(policy_changed(3, None, Some(2)), "acknowledged revision 2");
        assert!(!policy_changed(2, Some(1), Some(2)), "already acknowledged");
        assert!(!policy_changed(2, Some(2), None), "chose under this revision");
        assert!(!policy_changed(1, Some(3), None), "a lower revision is not a change");
    }
}
