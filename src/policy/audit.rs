//! The self-audit of a live page: what the page does that Kite cannot keep in check, each
//! finding naming the element and the fix. The browser gathers the facts ([`PageFacts`]);
//! this decides what is wrong. Messages are for the school's web admin, in English, like the
//! config's errors.

use super::config::{Config, PurposeKind};
use super::cookies::StorageKind;
use super::links::{address, decide, same_site, Decision, Pass};

/// A thing on the page that loads from somewhere.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    /// How to find it: `<script src="https://stats.example/tag.js">`.
    pub element: String,
    /// The address it loads from, as the browser resolved it.
    pub url: String,
    /// It carries `data-kite`, so Kite holds it until allowed.
    pub marked: bool,
}

/// A link on the page.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// How to find it.
    pub element: String,
    /// Where it goes, resolved.
    pub url: String,
    /// Its `rel` has `noreferrer`.
    pub noreferrer: bool,
}

/// The size and look of one of the banner's buttons.
#[derive(Clone, Debug, PartialEq)]
pub struct ButtonLook {
    /// Its `data-action`.
    pub code: String,
    /// Width and height in CSS pixels.
    pub size: (f64, f64),
    /// Computed font weight, font size and background colour.
    pub style: String,
}

/// What the browser saw on the page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageFacts {
    /// The page's host.
    pub host: String,
    /// Scripts with a `src` (Kite's own files aside).
    pub scripts: Vec<Loaded>,
    /// Iframes with a `src` or `data-src`.
    pub iframes: Vec<Loaded>,
    /// Images.
    pub images: Vec<Loaded>,
    /// Stylesheets, fonts and connections the page opens with `<link>` (`stylesheet`,
    /// `preconnect`, `preload`, `dns-prefetch`): Google Fonts and Adobe Fonts arrive this way.
    pub fonts: Vec<Loaded>,
    /// Video, audio and plug-in files (`<video>`, `<audio>`, `<source>`, `<object>`, `<embed>`).
    pub media: Vec<Loaded>,
    /// Links to web pages.
    pub links: Vec<Link>,
    /// The page's `<meta name="referrer">`, if any.
    pub referrer_policy: Option<String>,
    /// Cookie names there were when Kite started, if no choice had been made yet.
    pub cookies_before_choice: Vec<String>,
    /// `localStorage` and `sessionStorage` keys there were then.
    pub storage_before_choice: Vec<(StorageKind, String)>,
    /// The banner is on screen (a choice is still to be made).
    pub banner_shown: bool,
    /// The page's CSS hides Kite (`display`, `visibility` or `opacity` on `<kite-root>`).
    pub kite_hidden: Option<String>,
    /// The banner's buttons as drawn.
    pub buttons: Vec<ButtonLook>,
    /// Content-Security-Policy violations seen since Kite started: (directive, blocked URL).
    pub csp_violations: Vec<(String, String)>,
}

/// One thing to fix.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// `ungated-script`, `ungated-iframe`, `ungated-image`, `ungated-font`, `ungated-media`,
    /// `referrer`, `cookie-before-choice`, `storage-before-choice`, `hidden`, `unequal-buttons`
    /// or `csp`.
    pub kind: &'static str,
    /// The element or item it is about.
    pub element: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

fn third_party(url: &str, host: &str) -> Option<String> {
    let to = address(url)?;
    if !matches!(to.scheme, "http" | "https") || to.host.is_empty() || same_site(&to.host.to_ascii_lowercase(), &host.to_ascii_lowercase()) {
        return None;
    }
    Some(to.host.to_ascii_lowercase())
}

fn necessary_cookie(config: &Config, name: &str) -> bool {
    name == config.cookie_name || config.purposes.iter().filter(|p| p.kind == PurposeKind::Necessary).flat_map(|p| &p.services).any(|s| s.cookies.iter().any(|c| c.matches(name)))
}

fn necessary_storage(config: &Config, kind: StorageKind, key: &str) -> bool {
    key.starts_with("kite_")
        || config.purposes.iter().filter(|p| p.kind == PurposeKind::Necessary).flat_map(|p| &p.services).any(|s| s.storage.iter().any(|(k, p)| *k == kind && p.matches(key)))
}

/// Everything the page does that works against Kite, in the order a person would fix it.
pub fn audit(facts: &PageFacts, config: &Config) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut add = |kind, element: &str, message: String| out.push(Finding { kind, element: element.to_string(), message });
    for (list, kind, what, fix) in [
        (&facts.scripts, "ungated-script", "script", "Mark it: type=\"text/plain\" data-kite=\"purpose/service\", so it waits for a choice."),
        (&facts.iframes, "ungated-iframe", "iframe", "Mark it: move src to data-src and add data-kite=\"purpose/service\", so a placeholder shows until it is allowed."),
        (&facts.images, "ungated-image", "image", "An image from another site can count visits or set cookies. Host it on the school's site, or mark it: move src to data-src and add data-kite=\"purpose/service\"."),
        (&facts.fonts, "ungated-font", "stylesheet or font", "It gives the other site every visitor's IP address. Host it on the school's site, or mark it: move href to data-href and add data-kite=\"purpose/service\"."),
        (&facts.media, "ungated-media", "video, audio or plug-in", "Host it on the school's site, or mark it: move src to data-src (poster to data-poster) and add data-kite=\"purpose/service\"."),
    ] {
        for item in list.iter().filter(|i| !i.marked) {
            if let Some(host) = third_party(&item.url, &facts.host) {
                add(kind, &item.element, format!("This {what} loads from {host} before anyone has chosen. {fix}"));
            }
        }
    }
    let policy = facts.referrer_policy.as_deref().map(str::trim).map(str::to_ascii_lowercase);
    let safe_policy = matches!(policy.as_deref(), Some("no-referrer" | "same-origin"));
    if !safe_policy {
        // Kite carries on to other sites without the referrer; links to trusted sites it lets
        // go straight there, so the browser's default policy tells them where the child was.
        for link in facts.links.iter().filter(|l| !l.noreferrer) {
            if let Decision::Go(Pass::Trusted) = decide(&link.url, &facts.host, &config.links) {
                let host = address(&link.url).map(|a| a.host.to_ascii_lowercase()).unwrap_or_default();
                add("referrer", &link.element, format!("Kite lets links to {host} through without asking (it is trusted), so this link tells {host} which school site the child came from. Add rel=\"noopener noreferrer\" to it, or <meta name=\"referrer\" content=\"no-referrer\"> to the page."));
            }
        }
    }
    for name in facts.cookies_before_choice.iter().filter(|n| !necessary_cookie(config, n)) {
        add("cookie-before-choice", name, format!("The cookie \"{name}\" was there before anyone chose. If the site needs it to work, list it under the necessary purpose's services; if not, find the script that sets it and mark that script."));
    }
    for (kind, key) in facts.storage_before_choice.iter().filter(|(k, key)| !necessary_storage(config, *k, key)) {
        add("storage-before-choice", key, format!("\"{key}\" was in {} before anyone chose. If the site needs it, list it under the necessary purpose's \"storage\"; if not, mark the script that writes it.", kind.field()));
    }
    if let Some(how) = &facts.kite_hidden {
        add("hidden", "kite-root", format!("The page's CSS hides Kite ({how}), so nobody can make a choice. Remove that rule."));
    }
    if facts.banner_shown {
        if let Some(first) = facts.buttons.first() {
            for other in facts.buttons.iter().skip(1) {
                let (dw, dh) = ((first.size.0 - other.size.0).abs(), (first.size.1 - other.size.1).abs());
                if dw > 1.0 || dh > 1.0 || first.style != other.style {
                    // Whole pixels, formatted as integers: float formatting would add ~30 KB.
                    let px = |v: f64| v.round() as i64;
                    add("unequal-buttons", &format!("[data-action=\"{}\"]", other.code), format!("The banner's \"{}\" and \"{}\" buttons are no longer equal in size and weight ({}×{} and {}×{}; {} and {}): the page's CSS is nudging. Remove the rule that reaches Kite's buttons.", first.code, other.code, px(first.size.0), px(first.size.1), px(other.size.0), px(other.size.1), first.style, other.style));
                }
            }
        }
    }
    for (directive, blocked) in &facts.csp_violations {
        let kite = blocked.contains("kite") || matches!(blocked.as_str(), "wasm-eval" | "eval" | "inline");
        let fix = if kite {
            "Kite needs script-src 'wasm-unsafe-eval' and its own files allowed (it never needs 'unsafe-inline')."
        } else {
            "If the page needs it, allow it in the policy; if not, remove what asks for it."
        };
        add("csp", blocked, format!("The page's Content-Security-Policy blocked {blocked} ({directive}). {fix}"));
    }
    out
}

/// The findings as text for the console: one line each, or that all is well.
pub fn summary(findings: &[Finding]) -> String {
    if findings.is_empty() {
        return "Kite self-audit: nothing to fix on this page.".to_string();
    }
    let mut out = format!("Kite self-audit: {} thing{} to fix on this page.", findings.len(), if findings.len() == 1 { "" } else { "s" });
    for f in findings {
        out.push_str(&format!("\n- {} {}: {}", f.kind, f.element, f.message));
    }
    out
}
