//! The marks a school admin puts on trackers and embeds: `data-kite="analytics"` or
//! `data-kite="analytics/stats"` (a purpose, optionally one of its services).

use super::config::{closest, shortened, Config};

/// A checked mark: the purpose, and the service if one is named.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marker {
    /// The purpose name.
    pub purpose: String,
    /// The service name, if given.
    pub service: Option<String>,
}

impl Marker {
    /// Checks a mark against the config. An error says what to write instead; the element
    /// it is on stays blocked.
    pub fn parse(text: &str, config: &Config) -> Result<Marker, String> {
        let text = text.trim();
        let (purpose, service) = match text.split_once('/') {
            Some((p, s)) => (p.trim(), Some(s.trim())),
            None => (text, None),
        };
        let names: Vec<&str> = config.purposes.iter().map(|p| p.name.as_str()).collect();
        let Some(found) = config.purpose(purpose) else {
            let hint = closest(purpose, &names).map(|n| format!("Did you mean \"{n}\"? ")).unwrap_or_default();
            return Err(shortened(&format!(
                "data-kite=\"{text}\" names a purpose the config lacks, so it stays blocked. {hint}The config's purposes are: {}.",
                names.join(", ")
            )));
        };
        if let Some(service) = service {
            if found.service(service).is_none() {
                let services: Vec<&str> = found.services.iter().map(|s| s.name.as_str()).collect();
                let hint = closest(service, &services).map(|n| format!("Did you mean \"{purpose}/{n}\"? ")).unwrap_or_default();
                let listed = if services.is_empty() { "none".to_string() } else { services.join(", ") };
                return Err(shortened(&format!(
                    "data-kite=\"{text}\" names a service that purpose \"{purpose}\" lacks, so it stays blocked. {hint}Add it to the config, or use data-kite=\"{purpose}\". Its services are: {listed}."
                )));
            }
        }
        Ok(Marker { purpose: purpose.to_string(), service: service.map(str::to_string) })
    }
}

/// Where a marked element of this kind (its tag name, lower case) keeps each address while it
/// waits, and the attribute the address goes back to when it is allowed: `data-src` → `src`.
/// Empty for a script (its `type` holds it) and a `<picture>` (it holds nothing itself, only
/// its `<source>` and `<img>`).
pub fn held_addresses(tag: &str) -> &'static [(&'static str, &'static str)] {
    const SRC: (&str, &str) = ("data-src", "src");
    const SRCSET: (&str, &str) = ("data-srcset", "srcset");
    match tag {
        "img" | "source" => &[SRC, SRCSET],
        "video" => &[SRC, ("data-poster", "poster")],
        "audio" | "embed" | "iframe" => &[SRC],
        "object" => &[("data-src", "data")],
        "link" => &[("data-href", "href")],
        _ => &[],
    }
}
