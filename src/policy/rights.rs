//! The rights panel (Children's Code standard 15, online tools): prominent, accessible ways
//! for a child to ask to see, fix, delete or stop the use of their information, or to say
//! they are worried. Kite explains what happens next and sends the child to the school's own
//! route: an email with a subject filled in and nothing else about the child, or a web page.
//! Kite itself contacts nobody.

use super::config::LocalText;

/// What the child wants to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// "See my information" (right of access).
    See,
    /// "Fix something that's wrong" (rectification).
    Fix,
    /// "Delete my information" (erasure).
    Delete,
    /// "Stop using my information" (objection and restriction).
    Stop,
    /// "I'm worried about something".
    Worry,
}

impl Route {
    /// Every route, in the order the panel lists them.
    pub const ALL: [Route; 5] = [Route::See, Route::Fix, Route::Delete, Route::Stop, Route::Worry];

    /// Its name in the config, the API and locale keys: `see`, `fix`, `delete`, `stop`, `worry`.
    pub fn code(self) -> &'static str {
        match self {
            Route::See => "see",
            Route::Fix => "fix",
            Route::Delete => "delete",
            Route::Stop => "stop",
            Route::Worry => "worry",
        }
    }

    /// The route called `code`.
    pub fn from_code(code: &str) -> Option<Route> {
        Route::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// Where a request goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Contact {
    /// An email address (opened with `mailto:`).
    Email(String),
    /// A web page (`https:`), such as the school's request form.
    Page(String),
}

/// A help service for a worried child.
#[derive(Clone, Debug, PartialEq)]
pub enum Help {
    /// CEOP's Safety Centre (report online sexual abuse or grooming).
    Ceop,
    /// Childline (free, confidential, 0800 1111).
    Childline,
    /// One the school names.
    Custom {
        /// What it is, in the school's words.
        label: LocalText,
        /// Its address.
        url: String,
    },
}

impl Help {
    /// The built-in help services' names in the config.
    pub const NAMES: &'static [&'static str] = &["ceop", "childline"];

    /// A built-in help service by name.
    pub fn named(name: &str) -> Option<Help> {
        match name {
            "ceop" => Some(Help::Ceop),
            "childline" => Some(Help::Childline),
            _ => None,
        }
    }

    /// Its address.
    pub fn url(&self) -> &str {
        match self {
            Help::Ceop => "https://www.ceop.police.uk/Safety-Centre/",
            Help::Childline => "https://www.childline.org.uk/",
            Help::Custom { url, .. } => url,
        }
    }
}

/// The config's `rights`: where each request goes, and the help shown to a worried child.
#[derive(Clone, Debug, PartialEq)]
pub struct RightsRules {
    /// Where every route goes unless it has its own.
    pub contact: Option<Contact>,
    /// Routes with their own contact.
    pub routes: Vec<(Route, Contact)>,
    /// Help services listed on the worry route. Default: CEOP and Childline.
    pub help: Vec<Help>,
}

impl Default for RightsRules {
    fn default() -> Self {
        RightsRules { contact: None, routes: Vec::new(), help: vec![Help::Ceop, Help::Childline] }
    }
}

impl RightsRules {
    /// Where `route` goes, if the school said.
    pub fn contact(&self, route: Route) -> Option<&Contact> {
        self.routes.iter().find(|(r, _)| *r == route).map(|(_, c)| c).or(self.contact.as_ref())
    }
}

/// The address a route's button opens: for email, a `mailto:` with `subject` and `body`
/// filled in (words from the locale file, nothing about the child); for a web page, the page.
pub fn href(contact: &Contact, subject: &str, body: &str) -> String {
    match contact {
        Contact::Email(address) => format!("mailto:{address}?subject={}&body={}", encode(subject), encode(body)),
        Contact::Page(url) => url.clone(),
    }
}

/// Percent-encodes text for a `mailto:` query (RFC 6068): everything but unreserved
/// characters, so spaces become `%20`, not `+`, which mail programs would show.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Is `text` usable as an email address for a `mailto:` link? One `@`, something before it,
/// a dotted domain after it, and nothing that would change the link: no query (`?`, `&`), no
/// escapes (`%`), and no second recipient (`,` or `;` separate addresses in a `mailto:`).
pub fn is_email(text: &str) -> bool {
    let Some((user, domain)) = text.split_once('@') else { return false };
    !user.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && text.bytes().filter(|b| *b == b'@').count() == 1
        && text.bytes().all(|b| b.is_ascii_graphic() && !matches!(b, b'?' | b'&' | b'#' | b'/' | b'<' | b'>' | b'"' | b'\'' | b'%' | b',' | b';' | b':' | b'(' | b')' | b'[' | b']' | b'\\'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_routes_fill_in_only_the_subject_and_a_prompt() {
        let href = href(&Contact::Email("dpo@oakfield.sch.uk".into()), "See my information", "Write here. Cymraeg: ŵ");
        assert_eq!(href, "mailto:dpo@oakfield.sch.uk?subject=See%20my%20information&body=Write%20here.%20Cymraeg%3A%20%C5%B5");
    }

    #[test]
    fn a_route_uses_its_own_contact_then_the_schools() {
        let mut rules = RightsRules { contact: Some(Contact::Email("office@school.sch.uk".into())), ..RightsRules::default() };
        rules.routes.push((Route::Worry, Contact::Page("https://school.sch.uk/worried".into())));
        assert_eq!(rules.contact(Route::See), Some(&Contact::Email("office@school.sch.uk".into())));
        assert_eq!(rules.contact(Route::Worry), Some(&Contact::Page("https://school.sch.uk/worried".into())));
        assert_eq!(RightsRules::default().contact(Route::Delete), None);
    }

    #[test]
    fn email_addresses_that_would_change_the_link_are_refused() {
        assert!(is_email("dpo@oakfield.sch.uk"));
        for bad in ["dpo", "@school.sch.uk", "dpo@school", "dpo@school.sch.uk?cc=x@evil.example", "a@b@c.uk", "dpo @school.uk", "dpo@.uk"] {
            assert!(!is_email(bad), "{bad}");
        }
    }
}
