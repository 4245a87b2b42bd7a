//! The consent record in a first-party cookie ([`RecordStore`] over `document.cookie`), and
//! deleting a withdrawn service's cookies.
//!
//! MDN: <https://developer.mozilla.org/docs/Web/API/Document/cookie>

use super::html_document;
use crate::policy::consent::RecordStore;
use crate::policy::cookies::{deletion_domains, deletion_paths, CookiePattern};

/// The record cookie: `SameSite=Lax`, `Secure` on https, `Path=/`, host-only unless the config
/// names a domain.
pub struct CookieStore {
    name: String,
    domain: Option<String>,
}

impl CookieStore {
    /// A store for the cookie `name`, optionally shared across `domain`.
    pub fn new(name: &str, domain: Option<&str>) -> CookieStore {
        CookieStore { name: name.to_string(), domain: domain.map(str::to_string) }
    }

    /// Writes the cookie for `max_age_seconds`, or for the browser session (`None`).
    fn write(&self, value: &str, max_age_seconds: Option<u64>) {
        let Some(doc) = html_document() else { return };
        let secure = web_sys::window().and_then(|w| w.location().protocol().ok()).is_some_and(|p| p == "https:");
        let mut cookie = format!("{}={value}; Path=/; SameSite=Lax", self.name);
        if let Some(seconds) = max_age_seconds {
            cookie.push_str(&format!("; Max-Age={seconds}"));
        }
        if let Some(domain) = &self.domain {
            cookie.push_str("; Domain=");
            cookie.push_str(domain);
        }
        if secure {
            cookie.push_str("; Secure");
        }
        let _ = doc.set_cookie(&cookie);
    }
}

impl RecordStore for CookieStore {
    fn load(&self) -> Option<String> {
        cookies().into_iter().find(|(name, _)| *name == self.name).map(|(_, value)| value)
    }

    fn save(&self, record: &str, max_age_days: Option<u32>) {
        self.write(record, max_age_days.map(|d| u64::from(d) * 86_400));
    }

    fn clear(&self) {
        self.write("", Some(0));
    }
}

/// The page's readable cookies as (name, value).
pub fn cookies() -> Vec<(String, String)> {
    let text = html_document().and_then(|d| d.cookie().ok()).unwrap_or_default();
    text.split(';')
        .filter_map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let name = name.trim();
            (!name.is_empty()).then(|| (name.to_string(), value.trim().to_string()))
        })
        .collect()
}

/// Deletes every readable cookie matching `patterns`, on the host and each parent domain and
/// on `/` and each folder above the page, since a cookie is only deleted by writing it with
/// the same domain and path it was set with. Returns the names deleted.
pub fn delete_matching(patterns: &[&CookiePattern]) -> Vec<String> {
    if patterns.is_empty() {
        return Vec::new();
    }
    let Some(doc) = html_document() else { return Vec::new() };
    let Some(location) = web_sys::window().map(|w| w.location()) else { return Vec::new() };
    let host = location.hostname().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    let mut deleted = Vec::new();
    for (name, _) in cookies() {
        if !patterns.iter().any(|p| p.matches(&name)) {
            continue;
        }
        for path in deletion_paths(&path) {
            let _ = doc.set_cookie(&format!("{name}=; Max-Age=0; Path={path}"));
            for domain in deletion_domains(&host) {
                let _ = doc.set_cookie(&format!("{name}=; Max-Age=0; Path={path}; Domain={domain}"));
            }
        }
        deleted.push(name);
    }
    deleted
}
