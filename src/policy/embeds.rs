//! Third-party embeds (videos, maps, forms, slides, walls): who provides one, what it may
//! collect, and the privacy-enhanced address to load it from where the provider has one.
//!
//! An embed is marked like any other service, `<iframe data-kite="functional/youtube"
//! data-src="…">`. Until it is allowed, Kite shows a placeholder in the iframe's own box (so
//! nothing moves) naming the provider, with "Load this once" and "Always allow <provider>".
//! Children's Code standard 9 (data sharing) and 7 (default settings).

use super::links::address;

/// A provider Kite knows by its address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Provider {
    /// A short code, also the locale key `embed.<code>` for what it may collect.
    pub code: &'static str,
    /// Its name, the same in every language.
    pub name: &'static str,
}

const YOUTUBE: Provider = Provider { code: "youtube", name: "YouTube" };
const VIMEO: Provider = Provider { code: "vimeo", name: "Vimeo" };
const MAPS: Provider = Provider { code: "maps", name: "Google Maps" };
const FORMS: Provider = Provider { code: "forms", name: "Google Forms" };
const SLIDES: Provider = Provider { code: "slides", name: "Google Slides" };
const PADLET: Provider = Provider { code: "padlet", name: "Padlet" };
const MS_FORMS: Provider = Provider { code: "forms", name: "Microsoft Forms" };

/// The provider of an embed at `src` (an absolute address), if Kite knows it.
pub fn provider(src: &str) -> Option<Provider> {
    let to = address(src)?;
    let host = to.host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let path = path_of(src);
    Some(match host {
        "youtube.com" | "m.youtube.com" | "youtube-nocookie.com" | "youtu.be" => YOUTUBE,
        "vimeo.com" | "player.vimeo.com" => VIMEO,
        "maps.google.com" => MAPS,
        "google.com" | "google.co.uk" if path.starts_with("/maps") => MAPS,
        "docs.google.com" if path.starts_with("/forms") => FORMS,
        "forms.gle" => FORMS,
        "docs.google.com" if path.starts_with("/presentation") => SLIDES,
        "padlet.com" => PADLET,
        "forms.office.com" | "forms.microsoft.com" => MS_FORMS,
        _ if host.ends_with(".padlet.com") || host.ends_with(".padlet.org") => PADLET,
        _ => return None,
    })
}

fn path_of(href: &str) -> &str {
    let rest = href.split_once("//").map_or(href, |(_, r)| r);
    let path = rest.find('/').and_then(|i| rest.get(i..)).unwrap_or("/");
    path.split(['?', '#']).next().unwrap_or("/")
}

/// The address to load an embed from: YouTube through `www.youtube-nocookie.com`, which sets
/// no cookies until the video plays, and Vimeo with `dnt=1`, which stops it tracking the
/// viewing. Any other address is kept as it is.
pub fn private_src(src: &str) -> String {
    let Some(to) = address(src) else { return src.to_string() };
    let host = to.host.to_ascii_lowercase();
    let (scheme, rest) = src.split_once("//").unwrap_or(("https:", src));
    let after_host = rest.find(['/', '?', '#']).and_then(|i| rest.get(i..)).unwrap_or("");
    match host.as_str() {
        "youtube.com" | "www.youtube.com" | "m.youtube.com" if after_host.starts_with("/embed/") => {
            format!("{scheme}//www.youtube-nocookie.com{after_host}")
        }
        "player.vimeo.com" => with_parameter(src, "dnt", "1"),
        _ => src.to_string(),
    }
}

/// `href` with `name=value` in its query, replacing any value it had.
fn with_parameter(href: &str, name: &str, value: &str) -> String {
    let (before_fragment, fragment) = match href.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (href, None),
    };
    let (base, query) = before_fragment.split_once('?').unwrap_or((before_fragment, ""));
    let mut pairs: Vec<String> = query.split('&').filter(|p| !p.is_empty() && p.split('=').next() != Some(name)).map(str::to_string).collect();
    pairs.push(format!("{name}={value}"));
    let mut out = format!("{base}?{}", pairs.join("&"));
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}
