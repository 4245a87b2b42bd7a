//! Where a link goes, and whether a child should be told before following it.
//!
//! Links are read as the browser's URL parser left them (`a.href`, `new URL(raw, base).href`):
//! the scheme is lower case, whitespace and control characters are gone, `//host` has the
//! page's scheme, credentials stay before an `@`, international names are in punycode and
//! IPv4 addresses are in dotted decimal. This module decides from that text; it never
//! parses raw markup itself, so a link cannot look different here from where the browser
//! will really go.
//!
//! Same site means the same registrable domain by the Public Suffix List
//! (`stmarys.lancs.sch.uk` and `oakfield.lancs.sch.uk` are different schools; `www.school.org.uk`
//! and `school.org.uk` are one). Kite ships the full list for a few top-level domains
//! ([`psl_rules::COMPLETE_TLDS`]); for any other, only the same host (ignoring `www.`) counts,
//! so an unknown case shows the dialog rather than hiding it.
//!
//! Children's Code standard 9 (data sharing) and the ICO's advice on links to third-party sites.

use super::age::AgeBand;
use super::psl_rules::{COMPLETE_TLDS, RULES};

/// Query parameters that only exist to track people across sites; removed before a child
/// continues to another site. A name ending in `*` is a prefix.
pub const TRACKING_PARAMETERS: &[&str] = &["utm_*", "gclid", "fbclid", "msclkid", "mc_eid", "yclid", "igshid", "_ga"];

/// What to do with a link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Follow it without asking.
    Go(Pass),
    /// Another site: ask first.
    Ask {
        /// The site to name in the dialog: its registrable domain (or host), in Unicode unless
        /// that could pass for another site, in which case in punycode.
        site: String,
        /// Where "Continue" goes: the link without tracking parameters.
        url: String,
    },
    /// Never follow it.
    Refuse(Refusal),
}

/// Why a link is followed without asking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pass {
    /// It stays on the school's site.
    SameSite,
    /// It goes to a host the config counts as the school's own.
    OwnHost,
    /// It goes to a site the config trusts.
    Trusted,
    /// It does not open another website (`mailto:`, `tel:`, the page's own `javascript:`).
    NotAWebsite,
}

/// Why a link is never followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A `data:` link can dress up any content as a page, with no site to name.
    Data,
    /// `vbscript:` runs code, and no current browser supports it.
    VbScript,
    /// The link could not be read as an address.
    Unreadable,
}

impl Decision {
    /// A short code for the API and events: `same-site`, `own-host`, `trusted`, `not-a-website`,
    /// `third-party`, `data`, `vbscript` or `unreadable`.
    pub fn reason(&self) -> &'static str {
        match self {
            Decision::Go(Pass::SameSite) => "same-site",
            Decision::Go(Pass::OwnHost) => "own-host",
            Decision::Go(Pass::Trusted) => "trusted",
            Decision::Go(Pass::NotAWebsite) => "not-a-website",
            Decision::Ask { .. } => "third-party",
            Decision::Refuse(Refusal::Data) => "data",
            Decision::Refuse(Refusal::VbScript) => "vbscript",
            Decision::Refuse(Refusal::Unreadable) => "unreadable",
        }
    }
}

/// Where a link the child may still follow goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leaving {
    /// The site named in the dialog.
    pub site: String,
    /// The address without tracking parameters.
    pub url: String,
    /// Open it in a new tab (the link asked to, or the config says so).
    pub new_tab: bool,
}

/// What the school's config says about links.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkRules {
    /// Hosts that are the school's own, though on another site (a learning platform). Each
    /// also covers its subdomains.
    pub own_hosts: Vec<String>,
    /// Sites trusted enough to skip the dialog. Each also covers its subdomains.
    pub trusted: Vec<String>,
    /// More query parameters to remove, beyond [`TRACKING_PARAMETERS`] (`*` at the end for a prefix).
    pub strip: Vec<String>,
    /// Open other sites in a new tab after "Continue". Default: as the link says.
    pub new_tab: bool,
    /// Ask before `window.open` calls made by the page's code open another site. Default: on.
    pub guard_window_open: bool,
    /// Pupils of 13 and over may tick "Don't ask again for this site today". Default: on.
    pub dont_ask_again: bool,
}

impl Default for LinkRules {
    fn default() -> Self {
        LinkRules { own_hosts: Vec::new(), trusted: Vec::new(), strip: Vec::new(), new_tab: false, guard_window_open: true, dont_ask_again: true }
    }
}

impl LinkRules {
    /// Whether a visitor in `band` may choose not to be asked again about a site today:
    /// never under 13, who see the dialog every time.
    pub fn may_skip(&self, band: AgeBand) -> bool {
        self.dont_ask_again && !band.needs_guardian_consent()
    }
}

/// Sites an older pupil chose not to be asked about again today. Kept in the browser's
/// session storage as one line, `2026-11-23 museum.example bbc.co.uk`: the day first, so a
/// session left open past midnight asks again.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Skips {
    day: String,
    sites: Vec<String>,
}

impl Skips {
    /// The skips stored as `stored`, if they were made on `today` (`YYYY-MM-DD`).
    pub fn read(stored: &str, today: &str) -> Skips {
        let mut words = stored.split(' ').filter(|w| !w.is_empty());
        let sites = if words.next() == Some(today) { words.map(str::to_string).collect() } else { Vec::new() };
        Skips { day: today.to_string(), sites }
    }

    /// True when the pupil asked not to be asked about `site` today.
    pub fn contains(&self, site: &str) -> bool {
        self.sites.iter().any(|s| s == site)
    }

    /// Adds `site`.
    pub fn add(&mut self, site: &str) {
        if !self.contains(site) && !site.is_empty() && !site.contains(' ') {
            self.sites.push(site.to_string());
        }
    }

    /// The line to store.
    pub fn encode(&self) -> String {
        std::iter::once(self.day.as_str()).chain(self.sites.iter().map(String::as_str)).collect::<Vec<_>>().join(" ")
    }
}

/// The parts of a URL the decision needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Address<'a> {
    /// The scheme, lower case, without `:`.
    pub scheme: &'a str,
    /// The host, without credentials, port or a trailing dot (empty for schemes without one).
    pub host: &'a str,
}

/// Splits a URL as the browser serialises it into scheme and host. Credentials
/// (`https://school.sch.uk@evil.example/`) are skipped: the host is what follows the last `@`.
pub fn address(href: &str) -> Option<Address<'_>> {
    let (scheme, rest) = href.split_once(':')?;
    if scheme.is_empty() || !scheme.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')) {
        return None;
    }
    let Some(rest) = rest.strip_prefix("//") else {
        return Some(Address { scheme, host: "" });
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if host_port.starts_with('[') {
        host_port.split_inclusive(']').next().unwrap_or(host_port)
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    Some(Address { scheme, host: host.trim_end_matches('.') })
}

/// Decides about a link on a page served from `page_host`.
pub fn decide(href: &str, page_host: &str, rules: &LinkRules) -> Decision {
    let Some(to) = address(href) else { return Decision::Refuse(Refusal::Unreadable) };
    let to_host = to.host.to_ascii_lowercase();
    match to.scheme.to_ascii_lowercase().as_str() {
        "data" => return Decision::Refuse(Refusal::Data),
        "vbscript" => return Decision::Refuse(Refusal::VbScript),
        "http" | "https" | "ftp" | "ws" | "wss" => {}
        _ => return Decision::Go(Pass::NotAWebsite),
    }
    if to_host.is_empty() {
        return Decision::Refuse(Refusal::Unreadable);
    }
    if same_site(&to_host, &page_host.trim_end_matches('.').to_ascii_lowercase()) {
        Decision::Go(Pass::SameSite)
    } else if rules.own_hosts.iter().any(|h| covers(h, &to_host)) {
        Decision::Go(Pass::OwnHost)
    } else if rules.trusted.iter().any(|h| covers(h, &to_host)) {
        Decision::Go(Pass::Trusted)
    } else {
        Decision::Ask { site: display(site(&to_host)), url: without_tracking(href, &rules.strip) }
    }
}

/// True when `entry` from the config (a host or domain) is `host` or one of its parents.
fn covers(entry: &str, host: &str) -> bool {
    let entry = entry.trim().trim_start_matches('.').trim_end_matches('.').to_ascii_lowercase();
    !entry.is_empty() && (host == entry || host.strip_suffix(entry.as_str()).is_some_and(|sub| sub.ends_with('.')))
}

/// True when two hosts are the same site.
pub fn same_site(a: &str, b: &str) -> bool {
    site(a) == site(b)
}

/// The site a host belongs to: its registrable domain where Kite knows the rules for its
/// top-level domain, otherwise the host itself without a leading `www.`. IP addresses and
/// hosts that are themselves public suffixes are their own site.
pub fn site(host: &str) -> &str {
    if is_ip(host) {
        return host;
    }
    match registrable_domain(host) {
        Some(domain) => domain,
        None => host.strip_prefix("www.").filter(|rest| rest.contains('.')).unwrap_or(host),
    }
}

/// True when `host` is itself a public suffix that Kite knows of (`co.uk`, `lancs.sch.uk`,
/// `github.io`): many unrelated sites sit under it.
pub fn is_public_suffix(host: &str) -> bool {
    host.rsplit('.').next().is_some_and(|tld| COMPLETE_TLDS.contains(&tld)) && registrable_domain(host).is_none()
}

fn is_ip(host: &str) -> bool {
    host.starts_with('[') || (!host.is_empty() && host.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
}

/// The registrable domain of `host` (the public suffix and one more label), when its
/// top-level domain's rules are shipped and the host is not itself a public suffix.
pub fn registrable_domain(host: &str) -> Option<&str> {
    let tld = host.rsplit('.').next()?;
    if !COMPLETE_TLDS.contains(&tld) {
        return None;
    }
    let labels = host.split('.').count();
    let suffix = public_suffix_labels(host);
    if labels <= suffix {
        return None;
    }
    Some(last_labels(host, suffix + 1))
}

/// The number of labels in `host`'s public suffix, by the list's algorithm: an exception
/// rule wins; otherwise the matching rule with the most labels; otherwise the top-level domain.
fn public_suffix_labels(host: &str) -> usize {
    let labels = host.split('.').count();
    let listed = |rule: &str| RULES.contains(&format!("\n{rule}\n"));
    let mut longest = 1;
    for n in 1..=labels {
        let suffix = last_labels(host, n);
        if listed(&format!("!{suffix}")) {
            return n - 1;
        }
        if listed(suffix) {
            longest = n;
        }
        if n > 1 && listed(&format!("*.{}", last_labels(host, n - 1))) {
            longest = n;
        }
    }
    longest
}

/// The last `n` labels of `host`.
fn last_labels(host: &str, n: usize) -> &str {
    match host.rmatch_indices('.').nth(n.saturating_sub(1)) {
        Some((i, _)) if n > 0 => host.get(i + 1..).unwrap_or(host),
        _ => host,
    }
}

/// Removes tracking parameters ([`TRACKING_PARAMETERS`] and `extra`) from a URL's query,
/// keeping everything else in order.
pub fn without_tracking(href: &str, extra: &[String]) -> String {
    let (before_fragment, fragment) = match href.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (href, None),
    };
    let Some((base, query)) = before_fragment.split_once('?') else { return href.to_string() };
    let tracking = |name: &str| {
        let name = name.to_ascii_lowercase();
        TRACKING_PARAMETERS.iter().copied().chain(extra.iter().map(String::as_str)).any(|pattern| {
            let pattern = pattern.to_ascii_lowercase();
            match pattern.strip_suffix('*') {
                Some(prefix) => name.starts_with(prefix),
                None => name == pattern,
            }
        })
    };
    let kept: Vec<&str> = query.split('&').filter(|pair| !pair.is_empty() && !tracking(pair.split('=').next().unwrap_or(""))).collect();
    let mut out = base.to_string();
    if !kept.is_empty() {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

/// A site name to show a child: each punycode label in Unicode, unless any label mixes
/// writing systems (`раураl`, Cyrillic letters posing as Latin) or is wholly Cyrillic or Greek
/// under a Latin top-level domain; then the whole name stays in punycode, which cannot pass
/// for a known site.
pub fn display(site: &str) -> String {
    let latin_tld = site.rsplit('.').next().is_some_and(|tld| !tld.starts_with("xn--"));
    let mut labels = Vec::new();
    for label in site.split('.') {
        let Some(encoded) = label.strip_prefix("xn--") else {
            labels.push(label.to_string());
            continue;
        };
        match punycode::decode(encoded) {
            Ok(decoded) if honest(&decoded, latin_tld) => labels.push(decoded),
            _ => return site.to_string(),
        }
    }
    labels.join(".")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Script {
    Latin,
    Greek,
    Cyrillic,
    Armenian,
    Hebrew,
    Arabic,
    Devanagari,
    Bengali,
    Thai,
    Georgian,
    Hangul,
    Han,
    Kana,
    Other,
}

fn script(c: char) -> Option<Script> {
    Some(match c as u32 {
        0x30..=0x39 | 0x2D => return None,
        0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF => Script::Latin,
        0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
        0x400..=0x52F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x530..=0x58F => Script::Armenian,
        0x590..=0x5FF => Script::Hebrew,
        0x600..=0x6FF | 0x750..=0x77F => Script::Arabic,
        0x900..=0x97F => Script::Devanagari,
        0x980..=0x9FF => Script::Bengali,
        0xE00..=0xE7F => Script::Thai,
        0x10A0..=0x10FF => Script::Georgian,
        0x1100..=0x11FF | 0xAC00..=0xD7AF => Script::Hangul,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF => Script::Han,
        0x3040..=0x30FF => Script::Kana,
        _ => Script::Other,
    })
}

/// True when a decoded label can be shown as it is: one writing system (Japanese may mix Han
/// and kana, Korean Han and Hangul, each with Latin), nothing unrecognised, and not wholly
/// Cyrillic or Greek under a Latin top-level domain.
fn honest(label: &str, latin_tld: bool) -> bool {
    let mut scripts: Vec<Script> = Vec::new();
    for c in label.chars() {
        match script(c) {
            Some(Script::Other) => return false,
            Some(s) if !scripts.contains(&s) => scripts.push(s),
            _ => {}
        }
    }
    let within = |allowed: &[Script]| scripts.iter().all(|s| allowed.contains(s));
    match scripts.as_slice() {
        [] => true,
        [Script::Cyrillic | Script::Greek] => !latin_tld,
        [_] => true,
        _ => within(&[Script::Latin, Script::Han, Script::Kana]) || within(&[Script::Latin, Script::Han, Script::Hangul]),
    }
}
