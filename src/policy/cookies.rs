//! Cookie names and patterns a service declares, the other storage it uses, and where to
//! delete them.

/// A cookie name, or a pattern with `*` standing for any run of characters (`_ga_*`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CookiePattern(String);

impl CookiePattern {
    /// Checks a name or pattern from the config.
    pub fn parse(text: &str) -> Result<CookiePattern, String> {
        let text = text.trim();
        if text.is_empty() || text == "*" {
            return Err("a cookie pattern must name something; \"*\" alone would delete every cookie, including the site's own log-in. Name the cookies, like \"_ga\" or \"_ga_*\".".to_string());
        }
        if let Some(bad) = text.chars().find(|c| c.is_whitespace() || matches!(c, ';' | ',' | '=' | '"' | '\\')) {
            return Err(format!("\"{text}\" can't be a cookie name because of the '{}' in it. Write only the name, like \"_ga\".", if bad.is_whitespace() { ' ' } else { bad }));
        }
        Ok(CookiePattern(text.to_string()))
    }

    /// Checks a storage name or pattern from the config (a `localStorage` key, an IndexedDB
    /// database, a cache): anything but nothing, or `*` alone.
    pub fn parse_storage(text: &str) -> Result<CookiePattern, String> {
        let text = text.trim();
        if text.is_empty() || text.bytes().all(|b| b == b'*') {
            return Err("a storage pattern must name something; \"*\" alone would delete everything the site keeps, including its own. Name the keys, like \"stats_id\" or \"stats_*\".".to_string());
        }
        Ok(CookiePattern(text.to_string()))
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when `name` is this cookie or fits this pattern.
    pub fn matches(&self, name: &str) -> bool {
        glob(self.0.as_bytes(), name.as_bytes())
    }
}

/// Where a service keeps things in the browser, beyond cookies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageKind {
    /// `localStorage` keys.
    Local,
    /// `sessionStorage` keys.
    Session,
    /// IndexedDB databases.
    IndexedDb,
    /// Cache Storage caches.
    Cache,
}

impl StorageKind {
    /// Every kind, in the order of the config's `storage` fields.
    pub const ALL: [StorageKind; 4] = [StorageKind::Local, StorageKind::Session, StorageKind::IndexedDb, StorageKind::Cache];

    /// Its field in a service's `storage`: `localStorage`, `sessionStorage`, `indexedDB`, `caches`.
    pub fn field(self) -> &'static str {
        match self {
            StorageKind::Local => "localStorage",
            StorageKind::Session => "sessionStorage",
            StorageKind::IndexedDb => "indexedDB",
            StorageKind::Cache => "caches",
        }
    }
}

/// Whether `name` matches `pattern`, where `*` stands for any run of bytes. It walks both once,
/// going back only to just after the last `*` when a literal part fails to match, so a pattern
/// with many stars against a long name takes `pattern × name` steps at most, not exponentially many.
fn glob(pattern: &[u8], name: &[u8]) -> bool {
    let (mut p, mut n) = (0, 0);
    // Where the last `*` was in the pattern, and the name position it is matched up to.
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        match (pattern.get(p), name.get(n)) {
            (Some(b'*'), _) => {
                star = Some((p, n));
                p += 1;
            }
            (Some(c), Some(d)) if c == d => {
                p += 1;
                n += 1;
            }
            _ => match star {
                // Let the last star take one more byte, and try again after it.
                Some((at, taken)) => {
                    star = Some((at, taken + 1));
                    p = at + 1;
                    n = taken + 1;
                }
                None => return false,
            },
        }
    }
    pattern.get(p..).unwrap_or_default().iter().all(|&c| c == b'*')
}

/// The `Domain` values a cookie set by the page at `host` may have been given: the host and
/// each parent domain (`a.school.sch.uk`, `school.sch.uk`, `sch.uk`). Deleting needs the
/// same domain the cookie was set with, so withdrawal tries each; browsers ignore the ones
/// that cannot apply. IP addresses have no parents.
pub fn deletion_domains(host: &str) -> Vec<String> {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let ip = host.split('.').all(|label| !label.is_empty() && label.bytes().all(|b| b.is_ascii_digit()));
    if ip || host.starts_with('[') || !host.contains('.') {
        return vec![host];
    }
    let labels: Vec<&str> = host.split('.').collect();
    (0..labels.len().saturating_sub(1)).filter_map(|i| labels.get(i..)).map(|parents| parents.join(".")).collect()
}

/// The paths a cookie set by the page at `path` may have been given: `/` and each folder above.
pub fn deletion_paths(path: &str) -> Vec<String> {
    let folder = path.rsplit_once('/').map_or("", |(folder, _)| folder);
    let mut out = vec!["/".to_string()];
    let mut acc = String::new();
    for segment in folder.split('/').filter(|s| !s.is_empty()) {
        acc.push('/');
        acc.push_str(segment);
        out.push(acc.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_names_and_wildcards() {
        let table = [("_ga", "_ga", true), ("_ga", "_gat", false), ("_ga_*", "_ga_XYZ123", true), ("_ga_*", "_ga", false),
            ("*_session", "yt_session", true), ("_hj*", "_hjid", true), ("a*b*c", "axxbyyc", true), ("a*b*c", "axxbyy", false)];
        for (pattern, name, expected) in table {
            assert_eq!(CookiePattern::parse(pattern).unwrap().matches(name), expected, "{pattern} vs {name}");
        }
    }

    #[test]
    fn more_patterns_with_stars_match_as_a_shell_would() {
        let table = [("*a", "a", true), ("a*", "a", true), ("a**b", "ab", true), ("*x*", "yyy", false), ("_ga_*_*", "_ga_1_", true), ("*ab", "aab", true),
            ("a*a", "a", false), ("*_id", "é_id", true), ("stats_*", "stats", false), ("*", "", true)];
        for (pattern, name, expected) in table {
            assert_eq!(glob(pattern.as_bytes(), name.as_bytes()), expected, "{pattern} vs {name}");
        }
    }

    #[test]
    fn a_pattern_with_many_stars_against_a_long_cookie_name_answers_at_once() {
        // Trying every split at every star took 2^stars steps: 30 stars against a page's
        // 4 KB cookie name would never finish.
        let pattern = format!("{}b", "*a".repeat(30));
        let name = "a".repeat(4096);
        let start = std::time::Instant::now();
        assert!(!CookiePattern::parse(&pattern).unwrap().matches(&name));
        assert!(CookiePattern::parse(&pattern).unwrap().matches(&format!("{name}b")));
        assert!(start.elapsed() < std::time::Duration::from_secs(1), "{:?}", start.elapsed());
    }

    #[test]
    fn a_bare_star_is_refused_because_it_would_log_people_out() {
        assert!(CookiePattern::parse("*").unwrap_err().contains("every cookie"));
        assert!(CookiePattern::parse("_ga; path=/").unwrap_err().contains("_ga; path=/"));
    }

    #[test]
    fn deletion_covers_the_host_and_every_parent_domain() {
        assert_eq!(deletion_domains("www.oakfield.lancs.sch.uk"), ["www.oakfield.lancs.sch.uk", "oakfield.lancs.sch.uk", "lancs.sch.uk", "sch.uk"]);
        assert_eq!(deletion_domains("127.0.0.1"), ["127.0.0.1"]);
        assert_eq!(deletion_domains("localhost"), ["localhost"]);
    }

    #[test]
    fn deletion_covers_the_root_path_and_each_folder_above_the_page() {
        assert_eq!(deletion_paths("/"), ["/"]);
        assert_eq!(deletion_paths("/news/item.html"), ["/", "/news"]);
        assert_eq!(deletion_paths("/news/"), ["/", "/news"]);
    }
}
